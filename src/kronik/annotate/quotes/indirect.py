"""Indirect (reported) speech: a speech verb or 'menurut X' with its content.

The convention is the real-news annotation guidelines' (v1.1, see ``tests/data/quotes/README.md``): a
communication verb plus content (a clause with or without *bahwa* or a comma, an *agar*/*jika* clause, or
'X sebagai Y'), or 'Menurut X' with or without a comma.  Content right after the verb must read as a clause,
not a noun phrase that only names a topic ('menekankan dimensi kemanusiaan'); a verb after a purpose word
('untuk mendorong ...') has no speaker; after a direct quote in the same sentence only what follows its
attribution is read ('"...," kata X, seraya menambahkan bahwa ...': X again).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kronik.annotate.quotes.mentions import _make_mention, _mention_in_chunk, _word_before
from kronik.annotate.quotes.model import _Mention
from kronik.annotate.quotes.names import _tok_class
from kronik.annotate.quotes.speakers import _add_event, _resolve
from kronik.model import Quote

if TYPE_CHECKING:
    from kronik.annotate.quotes.lexicon import _Lang
    from kronik.annotate.quotes.model import _Doc

_Found = tuple[int, int, "_Mention | None"]
_TOKEN = re.compile(r"\S+")
_CUE_WORD = re.compile(r"[^\W\d_]+")
_MIN_WORDS = 4          # a sentence shorter than this carries no report
_MIN_CLAUSE_WORDS = 2   # 'warganya resah'; one word ('mengaku terharu') is no clause to check


# --------------------------------------------------------------------------- indirect speech


def _indirect(doc: _Doc, pi: int) -> list[tuple[int, Quote]]:
    lang = doc.lang
    text = doc.masked[pi]
    p = doc.paras[pi]
    out: list[tuple[int, Quote]] = []
    if lang.indirect_cue.isdisjoint(_CUE_WORD.findall(text.lower())):
        return out  # a set lookup: far cheaper than the verb alternation over every paragraph
    for s, e in doc.sentences[pi]:
        quoted = [sp for sp in doc.spans[pi] if sp.accepted and s <= sp.open < e]
        lo = s
        if quoted:
            # Sentences carrying direct speech are reported as direct quotes; only a report after the
            # last quote's attribution is read ('"...," kata X, seraya menambahkan bahwa ...').
            last = quoted[-1]
            if last.close is None or last.after_end < 0 or last.after_end >= e:
                continue
            lo = last.after_end
        body = text[lo:e].rstrip().rstrip(".!?…").rstrip()
        if len(body.split()) < (_MIN_CLAUSE_WORDS + 2 if quoted else _MIN_WORDS):
            continue
        if lang.indirect_cue.isdisjoint(_CUE_WORD.findall(body.lower())):
            continue
        found = None if quoted else _according(doc, pi, lo, body)
        if found is None:
            found = _reported(doc, pi, lo, body, continuation_only=bool(quoted))
        if found is None:
            continue
        cs, ce, mention = found
        clause = p[cs:ce].strip().rstrip(",").strip()
        if not clause or mention is None:
            continue
        canon, kind = _resolve(doc, mention)
        if mention.kind != "anon":
            _add_event(doc, pi, mention.start, kind, canon, mention)
        out.append((cs, Quote(text=clause, speaker=canon if mention.kind != "anon" else None,
                              speaker_text=mention.text, paragraph=pi, direct=False)))
    return out


def _according(doc: _Doc, pi: int, s: int, body: str) -> _Found | None:
    """'Menurut X, ...' / 'Menurutnya, ...' / 'Menurut X ...' without the comma, and English '..., according to X.'."""
    lang = doc.lang
    mention: _Mention | None
    m = lang.according_start.match(body)
    if m:
        who = (m.group("m") or "").strip()
        if m.groupdict().get("clitic"):
            # 'Menurutnya inflasi ..., ia lalu ...': the content starts right after the clitic.
            start = m.start("m") if who else m.start("clause")
            return s + start, s + m.end("clause"), _clitic(pi, s, m)
        if who and not who.lower().startswith(lang.not_speaker):
            split = _source_end(lang, who)
            if split is not None:  # 'Menurut Prabowo keberadaan ..., ...'
                ms = s + m.start("m")
                mention = _make_mention(doc, pi, ms, ms + split)
                gap = len(who) - len(who[split:].lstrip())
                return (ms + gap, s + m.end("clause"), mention) if mention is not None else None
            mention = _make_mention(doc, pi, s + m.start("m"), s + m.end("m"))
            if mention is not None:
                return s + m.start("clause"), s + m.end("clause"), mention
        return None
    m = lang.according_bare.match(body)
    if m:
        rest: str = m.group("rest")
        if m.groupdict().get("clitic"):
            return s + m.start("rest"), s + m.end("rest"), _clitic(pi, s, m)
        split = _source_end(lang, rest)
        if split is not None and not rest.lower().startswith(lang.not_speaker):
            ms = s + m.start("rest")
            mention = _make_mention(doc, pi, ms, ms + split)
            gap = len(rest[split:]) - len(rest[split:].lstrip())
            if mention is not None:
                return ms + split + gap, s + m.end("rest"), mention
    if lang.according_after_clause:
        m = lang.according_end.match(body)
        if m and not m.group("m").lower().startswith(lang.not_speaker):
            mention = _make_mention(doc, pi, s + m.start("m"), s + m.end("m"))
            if mention is not None:
                return s + m.start("clause"), s + m.end("clause"), mention
        m = lang.trailing_said.match(body)
        after: list[str] = m.group("rest").split() if m else []
        # '..., X said.' ends its sentence (a time or place may follow); 'X said the deal ...' is a report.
        if m and len(m.group("clause").split()) >= _MIN_WORDS and \
                (len(after) < _MIN_WORDS - 1 or after[0].lower().strip(",") in lang.mention_stops):
            mention = _make_mention(doc, pi, s + m.start("m"), s + m.end("m"))
            if mention is not None:
                return s + m.start("clause"), s + m.end("clause"), mention
    return None


def _clitic(pi: int, s: int, m: re.Match[str]) -> _Mention:
    """The enclitic pronoun of 'Menurutnya' as a mention (it refers back)."""
    cs = s + m.start("clitic")
    return _Mention(pi, cs, cs + len(m.group("clitic")), "-" + m.group("clitic"), "pronoun")


def _source_end(lang: _Lang, text: str) -> int | None:
    """Where a source named without a comma ends: 'Prabowo keberadaan tanggul ...' -> after 'Prabowo'.

    The source is a pronoun or a run of capitalised words (name particles allowed); what follows must be
    lowercase content of a few words.  None when the text is only a source.
    """
    toks = list(_TOKEN.finditer(text))
    if not toks:
        return None
    k = 0
    place = False
    if toks[0].group().lower() in lang.pronouns:
        k = 1
    else:
        while k < len(toks) and (toks[k].group()[:1].isupper() or (k and toks[k].group() in lang.particles)):
            if k and _tok_class(lang, toks[k].group().strip(",")) == "N":
                place = True  # 'Menurut Prabowo Indonesia tidak ...': a place opens the content
                break
            k += 1
    if k == 0 or len(toks) - k < _MIN_WORDS - 1 or not (place or toks[k].group()[:1].islower()):
        return None
    return toks[k - 1].end()


def _reported(doc: _Doc, pi: int, lo: int, body: str, continuation_only: bool) -> _Found | None:
    """'X mengatakan(,| bahwa| agar)? <content>' with the speaker in the stretch before the verb."""
    lang = doc.lang
    text = doc.masked[pi]
    for m in lang.indirect.finditer(body):
        clause = m.group("clause")
        if len(clause.split()) < _MIN_CLAUSE_WORDS:
            continue
        vs = lo + m.start("verb")
        if _word_before(text[lo:vs]) in lang.not_report_before:
            continue  # 'untuk mendorong penyerapan ...': a purpose, not a report
        link = body[m.end("verb"):m.start("clause")]
        if lang.predicate_words and "," not in link and not link.strip() and not _is_clause(lang, clause):
            continue  # 'menekankan dimensi kemanusiaan ...': a topic, not what was said
        mention = _subject(doc, pi, lo, vs, continuation_only)
        if mention is None:
            continue
        if mention.kind == "org-desc" and len(text[lo:vs].split()) > 6:
            continue
        return lo + m.start("clause"), lo + m.end("clause"), mention
    return None


def _is_clause(lang: _Lang, clause: str) -> bool:
    """Content right after a speech verb reads as a clause: a predicate word after its first word (not inside
    a relative clause), or a first word that is an active verb of the elided subject ('mengaku mendukung ...')."""
    words = [w.strip(",.;:()\"“”'").lower() for w in clause.split()]
    if not words:
        return False
    first = words[0]
    if first in lang.predicate_words or (len(first) > 5 and first.startswith(lang.clause_initial_prefixes)):
        return True
    relative_at = 0
    for i, w in enumerate(words[1:], 1):
        if w in lang.relative_words and words[i - 1] not in lang.anaphor_end and not relative_at:
            relative_at = i  # 'insentif yang telah diberikan'; but 'banjir kali ini yang terparah' is a clause
            continue
        if not relative_at and (w in lang.predicate_words or (len(w) > 5 and w.startswith(lang.verb_prefixes))):
            return True
        if relative_at and i > relative_at + 1 and w in lang.predicate_words:
            return True  # after the relative clause: 'seluruh ilmu yang diperoleh peserta dapat diterapkan'
    return False


def _after_passive(lang: _Lang, toks: list[re.Match[str]]) -> int:
    """Index after the last passive verb of the stretch outside a relative clause (0: none).

    'Langkah tegas ini dilakukan sebagai kepastian pemerintah memastikan ...': the speaker, if any, is after
    'dilakukan'; 'Ratih, yang didampingi warga, meminta ...' keeps its subject (the verb is in a 'yang' clause).
    """
    if not lang.passive_prefixes:
        return 0
    cut = 0
    relative = False
    for i, t in enumerate(toks):
        w = t.group()
        low = w.lower().strip(",.()")
        if low in lang.relative_words:
            relative = True
        if w[:1].islower() and len(low) > 5 and low.startswith(lang.passive_prefixes) and not relative:
            cut = i + 1
        if w.endswith(","):
            relative = False
    return cut


def _first_active(lang: _Lang, toks: list[re.Match[str]]) -> int:
    """Index of the first active verb in the last comma-free stretch before a speech verb (0: none).

    A speech verb coordinated with an earlier verb ('Ayah TAS, Lukas Diana Putra, mendatangi Polresta
    Denpasar dan meminta ...') shares its subject: what precedes that first verb.  Verbs inside a relative
    clause ('yang ikut menemui warga') and prepositions shaped like verbs ('melalui') do not count.
    """
    start = max((i + 1 for i, t in enumerate(toks) if t.group().endswith(",")), default=0)
    for i in range(start, len(toks)):
        w = toks[i].group()
        low = w.lower().strip(",.()")
        if low in lang.relative_words:
            return 0
        if i and w[:1].islower() and len(low) > 5 and low.startswith(lang.clause_initial_prefixes) \
                and low not in lang.mention_stops:
            return i
    return 0


def _subject(doc: _Doc, pi: int, lo: int, vs: int, continuation_only: bool) -> _Mention | None:
    """The speaker in the stretch before a speech verb.

    Trailing adverbs ('Ia pun', 'Budi juga') are not part of it; a stretch of only continuers ('seraya',
    'Dan') continues the last speaker; a bare lowercase noun right before the verb ('... (TKP) polisi
    menyatakan', 'pedagang mengaku') is an unnamed source.
    """
    lang = doc.lang
    text = doc.masked[pi]
    toks = list(_TOKEN.finditer(text, lo, vs))
    while toks and toks[-1].group().lower().strip(",") in lang.subject_followers:
        toks.pop()
    words = [t.group().lower().strip(",") for t in toks]
    words = [w for w in words if w]
    if all(w in lang.report_continuers for w in words):
        return _Mention(pi, vs, vs, "", "pronoun")
    cut = _after_passive(lang, toks)
    if cut:
        lo, toks = toks[cut - 1].end(), toks[cut:]
        if not toks:
            return None
    first = _first_active(lang, toks)
    if first:
        toks = toks[:first]  # 'Lukas mendatangi Polresta Denpasar dan meminta ...': the subject of both verbs
    if continuation_only:
        return None
    last = toks[-1].group().strip(",") if toks else ""
    before = toks[-2].group() if len(toks) >= 2 else ""
    # The noun opens its stretch or follows a comma, a parenthesis or a name ('..., pedagang mengaku',
    # '(TKP) polisi menyatakan'); after a lowercase word it is an object ('yang ikut menemui warga').
    opens = not before or before.endswith((",", ")")) or before[:1].isupper() or before.lower() in lang.indefinite
    if last and last.lower() in lang.unnamed_heads and (last.islower() or len(toks) == 1) and opens:
        return _Mention(pi, toks[-1].start(), toks[-1].start() + len(last), last, "anon")
    return _mention_in_chunk(doc, pi, lo, toks[-1].end() if toks else vs)

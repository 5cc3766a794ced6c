"""Which quote-mark spans are quotes (not nicknames, titles, headlines) and their explicit attributions."""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from kronik.annotate.quotes.lexicon import (
    _CONTINUATION_GAP,
    _ENDS_PUNCT,
    _HEADLINE_MAX_WORDS,
    _NONSPACE,
    _PARA_END,
    _WORD,
)
from kronik.annotate.quotes.mentions import (
    _make_mention,
    _mention_after,
    _mention_in_chunk,
    _sentence_initial,
    _title_case,
    _word_before,
)
from kronik.annotate.quotes.model import _Mention
from kronik.annotate.quotes.spans import _sentence_of
from kronik.lang.base import get_pack

if TYPE_CHECKING:
    from kronik.annotate.quotes.model import _Doc, _Span


# --------------------------------------------------------------------------- classification


def _classify(doc: _Doc) -> None:
    lang = doc.lang
    for pi, spans in enumerate(doc.spans):
        p = doc.paras[pi]
        stripped = p.strip()
        headline = not _PARA_END.search(stripped) and len(stripped.split()) <= _HEADLINE_MAX_WORDS \
            and not _DASH_CREDIT_LINE.search(stripped)
        prev_accepted: _Span | None = None
        for sp in spans:
            if sp.reason:
                continue
            if headline and not (sp.chain_next or sp.chain_prev):
                sp.reason = "headline-like paragraph"
                continue
            content = sp.text.strip()
            words = _WORD.findall(content)
            n = len(words)
            if n == 0:
                sp.reason = "empty"
                continue
            ends = bool(_ENDS_PUNCT.search(content)) or sp.close is None
            masked = doc.masked[pi]
            before = masked[:sp.open]
            # Attribution after the closing mark.
            if sp.close is not None:
                sp.attr, sp.after_end = _attribution_after(doc, pi, sp.close + 1)
                if sp.attr is not None:
                    sp.attr_kind = "after"
            if sp.attr is None:
                m = _attribution_before(doc, pi, sp.open)
                if m is not None:
                    sp.attr, sp.attr_kind = m, "before"
            if sp.attr is None and sp.close is not None and ends:
                m = _attribution_post(doc, pi, sp.close + 1)
                if m is not None:
                    sp.attr, sp.attr_kind = m, "post"
            initial = _sentence_initial(before)
            continuation = bool(
                prev_accepted is not None and prev_accepted.after_end >= 0 and
                _CONTINUATION_GAP.fullmatch(masked[prev_accepted.after_end:sp.open] if prev_accepted.after_end <= sp.open else "x")
            )
            cue = _word_before(before)
            title_case = _title_case(words)
            if sp.chain_prev is not None:
                sp.accepted = sp.chain_prev.accepted
                sp.reason = "" if sp.accepted else "chain"
            elif title_case and not (sp.attr and ends and n >= 3 and sp.attr_kind == "after"):
                sp.reason = "title-case"
            elif cue in lang.title_cues and not ends:
                sp.reason = f"title cue {cue!r}"
            elif sp.attr is not None and (ends or n >= 3) and (ends or sp.attr_kind != "after" or n >= 4):
                sp.accepted = True
            elif (initial or continuation) and ends and (n >= 2 or content.endswith(("?", "!"))):
                sp.accepted = True
            else:
                sp.reason = "fragment"
            if sp.accepted:
                prev_accepted = sp

def _attribution_after(doc: _Doc, pi: int, pos: int) -> tuple[_Mention | None, int]:
    lang = doc.lang
    text = doc.masked[pi]
    tail = text[pos:pos + 260]
    m = lang.say_after.match(tail)
    if m:
        clitic = m.groupdict().get("clitic")
        verb_end = pos + m.end()
        if clitic:
            s = pos + m.start("clitic")
            return _Mention(pi, s, s + len(clitic), "-" + clitic, "pronoun"), verb_end
        mention = _mention_after(doc, pi, verb_end)
        if mention is not None:
            return mention, mention.end
        if m.group("verb") and m.group("verb").lower() in ("katanya", "paparnya"):
            s = pos + m.end("verb") - 3
            return _Mention(pi, s, s + 3, "-nya", "pronoun"), verb_end
        return None, -1
    m = lang.subj_then_verb_after.match(tail)
    if m and m.group("m").split()[0].lower() not in lang.mention_stops:  # '"manageable," but warned': no subject
        mention = _make_mention(doc, pi, pos + m.start("m"), pos + m.end("m"))
        if mention is not None:
            return mention, pos + m.end()
    appos = _appositive_after(lang.code)
    m = appos.match(tail) if appos is not None else None
    if m:
        mention = _mention_in_chunk(doc, pi, pos + m.start("m"), pos + m.end("m"))
        if mention is not None and mention.kind == "name":
            return mention, pos + m.end()
    m = _DASH_CREDIT.match(text, pos)
    if m:
        mention = _make_mention(doc, pi, m.start("m"), m.end("m"))
        if mention is not None and mention.kind == "name":
            return mention, m.end()
    return None, -1


@cache
def _appositive_after(code: str) -> re.Pattern[str] | None:
    """'"...," Richard Revesz, director of the Institute for Policy Integrity, said': a subject with an
    apposition (commas inside) before the verb after a quote, in languages that put the subject there."""
    q = get_pack(code).quote
    if not q.subject_before_say_after:
        return None
    verbs = "|".join(re.escape(v) for v in sorted(q.say_after, key=len, reverse=True))
    return re.compile(rf"^\s*,?\s*(?P<m>[^\"“”.;:!?_]{{3,160}}?,[^\"“”;:!?_]{{3,160}}?),?\s+(?:{verbs})\b", re.IGNORECASE)


# '"..." ― Carla Sanchez': a quote credited after a dash at the end of its paragraph (vox pops, epigraphs)
_DASH_CREDIT_LINE = re.compile(r"[\"”]\s*[―—–]\s*[^\W\d_][^.,;:!?\"“”]{1,60}$")
_DASH_CREDIT = re.compile(r"\s*[―—–]\s*(?P<m>[^\W\d_][^.,;:!?\"“”_]{1,60}?)[\s.]*$")


def _attribution_before(doc: _Doc, pi: int, open_pos: int) -> _Mention | None:
    """'X mengatakan, "' / 'Menurut X, "' / 'Seperti dikutip dari X, "' / 'He warned: "'."""
    lang = doc.lang
    text = doc.masked[pi]
    s, _e = _sentence_of(doc, pi, max(0, open_pos - 1))
    # The cue sits right before the mark: search only the sentence's last 160 characters.
    s0 = s
    s = max(s0, open_pos - 160)
    seg = text[s:open_pos]
    m = lang.according_before.search(seg)
    if m:
        if m.groupdict().get("clitic"):
            cs = s + m.start("clitic")
            return _Mention(pi, cs, cs + len(m.group("clitic")), "-" + m.group("clitic"), "pronoun")
        who = m.group("m").strip()
        if who and not who.lower().startswith(lang.not_speaker):
            return _make_mention(doc, pi, s + m.start("m"), s + m.end("m"))
        return None
    m = lang.quoted_source_before.search(seg)
    if m:
        ms, me = s + m.start("m"), s + m.end("m")
        words = list(_NONSPACE.finditer(doc.masked[pi][ms:me]))
        k = 0
        while k < len(words) and words[k].group().lower().strip(",") in lang.medium_words | {"dari", "from", "the"}:
            k += 1
        if k < len(words):
            return _make_mention(doc, pi, ms + words[k].start(), me)
        return None
    m = lang.say_before.search(seg)
    if m:
        subj_end = s + m.start("verb")
        return _mention_in_chunk(doc, pi, s0, subj_end)
    return None


def _attribution_post(doc: _Doc, pi: int, pos: int) -> _Mention | None:
    """'"...." Demikian disampaikan X.' / '"...." X menyampaikan hal itu.' (same paragraph)."""
    lang = doc.lang
    text = doc.masked[pi]
    tail = text[pos:pos + 200]
    m = lang.post_passive.match(tail)
    if m:
        return _mention_after(doc, pi, pos + m.end())
    m = lang.post_active.match(tail)
    if m:
        return _make_mention(doc, pi, pos + m.start("m"), pos + m.end("m"))
    return None

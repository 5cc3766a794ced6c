"""Speaker mentions: the words after a quote, a chunk of text, read as a name, pronoun, role or org."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kronik.annotate.quotes.lexicon import (
    _ABBREV_END,
    _ACRONYM_DEF,
    _AFTER_TOKENS,
    _AGE_FULL,
    _AGED,
    _MARKS,
    _MAX_FRAGMENT_TITLE_RATIO,
    _PARA_END,
    _PARENS,
)
from kronik.annotate.quotes.model import _Mention
from kronik.annotate.quotes.names import _runs, _split_run, _time_phrase, _tok_class

if TYPE_CHECKING:
    from kronik.annotate.quotes.model import _Doc


# --------------------------------------------------------------------------- mentions


def _mention_after(doc: _Doc, pi: int, pos: int) -> _Mention | None:
    """The speaker named right after a speech verb: 'kata [juru bicara Kemenlu, Budi Santoso], ...'."""
    lang = doc.lang
    text = doc.masked[pi]
    toks = list(_AFTER_TOKENS.finditer(text[pos:pos + 220]))
    collected: list[re.Match[str]] = []
    has_name = False
    has_role = False
    kind = ""
    i = 0
    while i < len(toks):
        t = toks[i].group()
        low = t.lower().rstrip(".")
        if t in ",":
            nxt = toks[i + 1].group() if i + 1 < len(toks) else ""
            if collected and nxt[:1].isupper() and (has_role or not has_name) and nxt.lower() not in lang.calendar:
                collected.append(toks[i])
                i += 1
                continue
            break
        if t in ".;:!?" or t in _MARKS:
            break
        if t.startswith("("):
            if collected and (_AGE_FULL.fullmatch(t) or _ACRONYM_DEF.fullmatch(t)):
                collected.append(toks[i])
                i += 1
                continue
            break
        if not collected and low in lang.pronouns:
            m = toks[i]
            end = pos + m.end() - (1 if t.endswith(".") else 0)
            return _Mention(pi, pos + m.start(), end, doc.paras[pi][pos + m.start():end], "pronoun")
        if not collected and low in lang.mention_stops and low not in lang.indefinite:
            return None  # '"...," katanya dalam acara X': the verb carries the speaker, a place follows
        if collected and low in lang.mention_stops and not (low == "dari" and i + 1 < len(toks) and toks[i + 1].group()[:1].isupper() and not has_name):
            break
        if low in lang.anaphor_end and collected:
            collected.append(toks[i])
            kind = "anaphor"
            break
        if t[:1].isupper():
            c = _tok_class(lang, t.rstrip("."))
            if c in "HRO":
                has_role = True
            elif c == "X":
                has_name = True
        else:
            if has_name and low not in lang.particles:
                break
            if low in lang.roles:
                has_role = True
        collected.append(toks[i])
        i += 1
        if len(collected) >= 14:
            break
    while collected and collected[-1].group() in ",":
        collected.pop()
    if not collected:
        return None
    s = pos + collected[0].start()
    e = pos + collected[-1].end()
    if doc.paras[pi][e - 1:e] == "." and not _ABBREV_END.search(doc.paras[pi][s:e]):
        e -= 1
    return _make_mention(doc, pi, s, e, kind)


def _make_mention(doc: _Doc, pi: int, s: int, e: int, kind: str = "") -> _Mention | None:
    """Classify the mention text[s:e] (masked coordinates = original coordinates)."""
    lang = doc.lang
    masked = doc.masked[pi][s:e]
    raw = doc.paras[pi][s:e].strip()
    raw = lang.post_nominal.sub("", raw) if raw else raw
    stripped = lang.statement_phrase.sub(" ", masked).strip(" ,")
    low = stripped.lower()
    if not stripped or _time_phrase(lang, stripped):
        return None  # 'Last month, the FBI warned ...': the time the clause opens with is no speaker
    words = low.split()
    first = stripped.split()[0]
    if len(words) >= 2 and words[0] in lang.function_words and words[0] not in lang.pronouns \
            and words[0] not in lang.determiners and words[0] not in lang.definite_articles \
            and words[0] not in lang.indefinite and (words[1] in lang.pronouns or stripped.split()[1][:1].isupper()):
        # 'but he', 'which she', 'Although Trump': a connective before the subject is no part of the mention
        k = masked.find(first, 0) + len(first)
        while k < len(masked) and masked[k].isspace():
            k += 1
        return _make_mention(doc, pi, s + k, e, kind)
    if low in lang.pronouns or (len(words) == 1 and words[0] in lang.pronouns):
        return _Mention(pi, s, e, raw, "pronoun")
    if low.startswith(lang.indefinite) and not any(w[:1].isupper() for w in stripped.split()[1:]):
        for ind in lang.indefinite:
            if low == ind or low.startswith(ind + " "):
                return _Mention(pi, s, e, raw, "anon")
    if lang.plural_suffix and len(words) <= 8 and words[0].endswith(lang.plural_suffix) and \
            words[0][:-len(lang.plural_suffix)] in lang.roles | lang.unnamed_plural_heads:
        return _Mention(pi, s, e, raw, "anon")  # 'Residents in the worst-hit district of Grobogan'
    if 2 <= len(words) <= 8 and words[-1] in lang.anaphor_end and words[0] in lang.person_anaphors:
        return _Mention(pi, s, e, raw, "anaphor")  # 'Politikus Partai Golkar ini': the person named before
    if 2 <= len(words) <= 6 and words[-1] in lang.anaphor_end and words[0] in lang.org_anaphors:
        # 'Kementerian tersebut', 'Perusahaan asal Korea Selatan ini': the organisation named before
        return _Mention(pi, s, e, raw, "org-anaphor", low)
    if low in lang.role_aliases and len(words) > 1:
        return _Mention(pi, s, e, raw, "role", lang.role_aliases[low])  # 'kata Kasi Intel': a role, not 'Intel'
    # Names inside: the last person-run, else an organisation run ("(Asbanda)" is the org's acronym).
    runs = _runs(lang, _PARENS.sub(lambda mm: " " * len(mm.group()), masked) if "(" in masked else masked)
    best: tuple[str, str] | None = None
    description = bool(words) and words[-1] in lang.anaphor_end and stripped[:1].islower()
    for run in runs:
        if description or _word_before(masked[:run[0][0]]) in lang.locative:
            continue  # 'pria asal Klaten itu': a place inside a description
        k, rk = _split_run(lang, run, masked[:run[0][0]].strip() == "")
        if rk == "person" and k < len(run):
            best = ("name", " ".join(_trimmed(doc, pi, run[k:])))
        elif rk == "org" and (best is None or best[0] != "name"):
            best = ("org", masked[run[0][0]:run[-1][1]])
        elif rk == "other" and best is None and all(_tok_class(lang, t[2]) == "A" for t in run):
            best = ("org", masked[run[0][0]:run[-1][1]])
    # An acronym right after an org run belongs to it.
    if best and best[0] == "name":
        nm = best[1]
        if nm.lower() in lang.role_aliases and len(nm.split()) == 1:
            best = None
        elif nm.lower() in lang.not_name:
            best = None
    if best:
        alias_of = None
        al = doc.aliases.get(best[1].lower())
        if al:
            alias_of = " ".join(al)
        return _Mention(pi, s, e, raw, best[0], best[1], alias_of)
    # Alias names inside a description: 'pria yang akrab disapa Daeng Rapi itu'.
    for alias, full in doc.aliases.items():
        if alias in low:
            return _Mention(pi, s, e, raw, "name", " ".join(full), " ".join(full))
    if kind == "anaphor" or (words and words[-1] in lang.anaphor_end) or words[0] == "the" or words[0] == "its":
        head_words = set(words)
        if words[0] in lang.determiners and len(words) >= 3 and words[-1] in lang.org_anaphors:
            return _Mention(pi, s, e, raw, "org-desc", " ".join(words[1:]))  # 'the health ministry'
        if head_words & lang.org_anaphors:
            return _Mention(pi, s, e, raw, "org-anaphor", low)
        if low in lang.role_aliases:
            return _Mention(pi, s, e, raw, "role", lang.role_aliases[low])
        if head_words & lang.person_anaphors or _AGED.search(low):
            return _Mention(pi, s, e, raw, "anaphor")
        if words[0] in lang.definite_articles:
            return _Mention(pi, s, e, raw, "org-desc", " ".join(words[1:]))
        return _Mention(pi, s, e, raw, "anaphor")
    if low in lang.role_aliases:
        return _Mention(pi, s, e, raw, "role", lang.role_aliases[low])
    if len(words) <= 3 and words[-1] in lang.role_aliases:
        return _Mention(pi, s, e, raw, "role", lang.role_aliases[words[-1]])
    if words[0] in lang.org_anaphors or (len(words) <= 2 and words[-1] in lang.org_anaphors):
        return _Mention(pi, s, e, raw, "org-anaphor", low)
    if lang.plural_suffix and len(words) <= 4 and words[-1].endswith(lang.plural_suffix) \
            and words[-1].rstrip(lang.plural_suffix) in lang.roles | lang.unnamed_plural_heads:
        return _Mention(pi, s, e, raw, "anon")
    if lang.unnamed_heads and len(words) <= 4 and words[0] in lang.unnamed_heads and \
            not any(w[:1].isupper() for w in stripped.split()[1:]):
        return _Mention(pi, s, e, raw, "anon")  # 'kata pedagang', 'ujar warga setempat': an unnamed source
    if words[0] in lang.determiners and len(words) <= 5:
        return _Mention(pi, s, e, raw, "org-desc", " ".join(words[1:]))
    if lang.lowercase_descriptions and len(words) <= 4 and not any(w[:1].isupper() for w in stripped.split()):
        return _Mention(pi, s, e, raw, "org-desc", low)
    return None


def _trimmed(doc: _Doc, pi: int, toks: list[tuple[int, int, str]]) -> list[str]:
    """The name as the article's name list has it: 'Pajak Bimo Wijayanto' after 'Direktur Jenderal' is
    'Bimo Wijayanto' there (``names._trim_names``: the office's field or place left in front of a name)."""
    words = [t[2] for t in toks]
    for npi, npos, ntoks, _ctx, _pre in doc.names:
        if npi == pi and npos == toks[0][0]:
            return list(ntoks) if len(ntoks) < len(words) and words[-len(ntoks):] == list(ntoks) else words
    return words


def _mention_in_chunk(doc: _Doc, pi: int, s: int, e: int) -> _Mention | None:
    """The speaker in a subject stretch 'Dalam rapat ..., Hidayat' / 'Role, Name,' / 'Kemenlu dalam keterangannya'."""
    text = doc.masked[pi]
    seg = text[s:e]
    # Chunks separated by commas (not inside parentheses), right to left.
    bounds = []
    depth = 0
    last = 0
    for i, ch in enumerate(seg):
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth = max(0, depth - 1)
        elif ch == "," and depth == 0:
            bounds.append((last, i))
            last = i + 1
    bounds.append((last, len(seg)))
    appos = _apposition_name(doc, pi, s, seg, bounds)
    if appos is not None:
        return appos
    first_named: _Mention | None = None
    first_anon: _Mention | None = None
    for cs, ce in reversed(bounds):
        chunk = seg[cs:ce]
        if not chunk.strip():
            continue
        lead = len(chunk) - len(chunk.lstrip())
        trail = len(chunk.rstrip())
        if doc.lang.post_nominal.fullmatch(chunk.strip()):
            continue  # 'Dr. Irwan Setiadi, M.T., menjelaskan': a degree, the name is the chunk before
        m = _make_mention(doc, pi, s + cs + lead, s + cs + trail)
        if m is None:
            continue
        if m.kind == "anon" and first_anon is None:
            first_anon = m  # 'Sulastri (47), pedagang kain, mengaku': an apposition; the name before it wins
            continue
        if m.kind in ("name", "org", "pronoun", "role") or m.kind.endswith("anaphor"):
            return m
        if first_named is None and m.kind == "org-desc":
            first_named = m
    return first_anon or first_named



def _apposition_name(doc: _Doc, pi: int, s: int, seg: str, bounds: list[tuple[int, int]]) -> _Mention | None:
    """'Richard Revesz, director of the Institute for Policy Integrity, said': a person's name in the first chunk
    followed by a description (a chunk opening with a lowercase word or a number: a role, an age, 'who ...')
    is the speaker; the organisation inside the description is not."""
    if len(bounds) < 2:
        return None
    nxt = seg[bounds[1][0]:bounds[1][1]].lstrip()
    if not nxt or not (nxt[:1].islower() or nxt[:1].isdigit()):
        return None
    cs, ce = bounds[0]
    chunk = seg[cs:ce]
    lead = len(chunk) - len(chunk.lstrip())
    m = _make_mention(doc, pi, s + cs + lead, s + cs + len(chunk.rstrip()))
    return m if m is not None and m.kind == "name" else None


def _sentence_initial(before: str) -> bool:
    b = before.rstrip()
    return b == "" or bool(_PARA_END.search(b[-8:]))


def _word_before(before: str) -> str:
    """The last word of a stretch, lowercased ('' when it ends in a number or nothing)."""
    i = len(before)
    stop = max(0, i - 40)
    while i > stop and not before[i - 1].isalnum():
        i -= 1
    j = i
    while j > stop and (before[j - 1].isalnum() or before[j - 1] in "-_"):
        j -= 1
    w = before[j:i]
    return w.lower() if w[:1].isalpha() else ""


def _title_case(words: list[str]) -> bool:
    alpha = [w for w in words[1:] if w[:1].isalpha() and len(w) >= 2]
    if len(alpha) < 2:
        return False
    caps = sum(1 for w in alpha if w[:1].isupper())
    return caps / len(alpha) >= _MAX_FRAGMENT_TITLE_RATIO

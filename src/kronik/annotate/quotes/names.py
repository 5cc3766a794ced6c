"""Capitalised name runs: token classes, splitting roles from names, the article's names and acronyms."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import TYPE_CHECKING

from kronik.annotate.quotes.lexicon import (
    _ACRONYM_DEF,
    _AGE,
    _APPOS,
    _APPOS_NEXT,
    _DEF_WORD,
    _HEADLINE_MAX_WORDS,
    _NAME_TOKEN,
    _PARA_END,
    _TOK_CLASS,
    _alt,
)

if TYPE_CHECKING:
    from kronik.annotate.quotes.lexicon import _Lang
    from kronik.annotate.quotes.model import _Doc


# --------------------------------------------------------------------------- names

_TIME_TOKEN = re.compile(r"[^\W\d_][\w'’-]*\.?|\d[\d:,/-]*(?:st|nd|rd|th)?")


def _time_phrase(lang: _Lang, text: str) -> bool:
    """Whether a stretch is only a time phrase ('Last month', 'Sept. 28', 'early on Tuesday'): the time a
    clause opens with, or the date of a dateline, which the speaker search must never take for a name."""
    timely = False
    for found in _TIME_TOKEN.finditer(text):  # lazily: most stretches stop at their first word
        low = found.group().lower()
        if low[0].isdigit():
            continue
        if low.rstrip(".") in lang.time_words:
            timely = timely or low.rstrip(".") not in lang.locative
        elif low.endswith(".") and low[:-1] in lang.date_abbrevs:
            timely = True
        else:
            return False
    return timely


def _tok_class(lang: _Lang, tok: str) -> str:
    key = (lang.code, tok)
    hit = _TOK_CLASS.get(key)
    if hit is None:
        hit = _TOK_CLASS[key] = _tok_class_uncached(lang, tok)
        if len(_TOK_CLASS) > 200_000:
            _TOK_CLASS.clear()
    return hit


def _tok_class_uncached(lang: _Lang, tok: str) -> str:
    low = tok.lower().rstrip(".")
    if low in lang.function_words:
        return "F"
    if low in lang.honorifics or low in lang.ranks:
        return "H"
    if low in lang.roles:
        return "R"
    if low in lang.org_heads:
        return "O"
    if low in lang.not_name or low in lang.calendar:
        return "N"
    if low in lang.particles and tok[:1].islower():
        return "P"
    if len(tok) >= 2 and tok.isalpha() and (tok.isupper() or (tok[:2].isupper() and len(tok) <= 6)):
        return "A"  # 'DJP', and mixed-case acronyms ('PPh', 'PPnBM'): never a person's name
    if tok[:1].isupper():
        return "X"
    return "l"


_CAP = r"[A-ZÀ-ÖØ-Þ](?:[\w\-]|['’](?![sS]\b))*"


@lru_cache(maxsize=8)
def _run_regex(particles: frozenset[str]) -> re.Pattern[str]:
    parts = _alt(particles) if particles else "(?!)"
    return re.compile(rf"{_CAP}(?:\s+(?:(?:{parts})\s+)*{_CAP})*")


def _runs(lang: _Lang, text: str, start: int = 0, end: int | None = None) -> list[list[tuple[int, int, str]]]:
    """Capitalised token runs (with name particles and dotted titles) in text[start:end]."""
    end = len(text) if end is None else end
    runs: list[list[tuple[int, int, str]]] = []
    for m in _run_regex(lang.particles).finditer(text, start, end):
        toks = [(t.start(), t.end(), t.group()) for t in _NAME_TOKEN.finditer(text, m.start(), m.end())]
        if runs:
            prev = runs[-1]
            last = prev[-1]
            gap = text[last[1]:toks[0][0]]
            if gap.strip() == "." and (last[2].lower() in lang.honorifics or len(last[2]) == 1):
                prev.extend(toks)  # 'Dr. Irwan Setiadi', 'H. Somad'
                continue
        runs.append(toks)
    return runs


_SPLIT: dict[tuple[str, tuple[str, ...], bool], tuple[int, str]] = {}


def _split_run(lang: _Lang, run: list[tuple[int, int, str]], sentence_initial: bool) -> tuple[int, str]:
    """Where the person name starts inside a run, and what the run is: person / org / other."""
    key = (lang.code, tuple(t[2] for t in run), sentence_initial)
    hit = _SPLIT.get(key)
    if hit is None:
        hit = _SPLIT[key] = _split_run_uncached(lang, run, sentence_initial)
        if len(_SPLIT) > 100_000:
            _SPLIT.clear()
    return hit


def _split_run_uncached(lang: _Lang, run: list[tuple[int, int, str]], sentence_initial: bool) -> tuple[int, str]:
    classes = [_tok_class(lang, t[2]) for t in run]
    if sentence_initial and classes and classes[0] == "X" and run[0][2].lower() in lang.stop_words:
        classes[0] = "F"
    f0 = 0
    while f0 < len(classes) and classes[f0] == "X" and lang.common_word(run[f0][2]):
        classes[f0] = "F"  # 'Awalnya Purbaya', 'Tuntutan itu': an affixed common word, not a name's first word
        f0 += 1
    for i in range(1, len(run)):
        if classes[i] == "N" and run[i - 1][2].lower() == "wali" and run[i][2].lower() == "kota":
            classes[i] = "R"  # 'Wali Kota' is a role, not a city
        elif classes[i] == "H" and classes[i - 1] == "R" and \
                f"{run[i - 1][2]} {run[i][2]}".lower() in lang.title_phrases:
            classes[i] = "R"  # 'Direktur Jenderal': the rank word is part of the title, a role word follows
    f = 0
    while f < len(classes) and classes[f] == "F":
        f += 1  # 'Menurut Aris', 'Sementara itu, ...': sentence words, not the name
    if f == len(classes):
        return len(run), "other"
    if "O" in classes[f:] and not any(c in "HR" for c in classes[f:classes.index("O", f)]):
        return len(run), "org"
    k = len(run)
    while k > f and classes[k - 1] in "XP":
        k -= 1
    # Name prefixes (I Made, Ni Luh, Andi) that a role or place word would swallow.
    while k > f and run[k - 1][2].lower() in lang.name_prefixes and classes[k - 1] in "XN":
        k -= 1
    # 'Bupati Lembah Hijau Rahmat Suhendar', 'Ketua KPU Kota Sagara Anwar Hidayat': a place head
    # takes the next word as its name.
    if f < k < len(run) - 1 and classes[k - 1] == "N" and run[k - 1][2].lower() in lang.place_heads:
        k += 1
    trailing = len(run) - k
    if trailing == 0:
        if classes[f:] and all(c in "AO" for c in classes[f:]):
            return len(run), "org"
        return len(run), "other"
    if k > f and classes[f] == "N" and not any(c in "HR" for c in classes[f:k]) and trailing < 2:
        return len(run), "other"
    if k == 0 and trailing == 1 and classes[0] == "X" and run[0][2].lower() in lang.not_name:
        return len(run), "other"
    return k, "person"


_ACRONYM_AFTER = re.compile(r"\s*\(([A-Z][A-Za-z]{1,11})\)")


def _spells_acronym(text: str, run: list[tuple[int, int, str]]) -> bool:
    """The run is spelled out by the acronym in parentheses after it ('Pajak Penambahan Nilai (PPN)',
    'Kepala Badan Pengusahaan Jalan Tol (BPJT)'): a name of a body or a term, not a person's name
    (a nickname in parentheses, 'Zulkifli Hasan (Zulhas)', is not the words' initials)."""
    m = _ACRONYM_AFTER.match(text, run[-1][1])
    if not m:
        return False
    letters = "".join(c for c in m.group(1) if c.isupper())
    initials = "".join(t[2][0] for t in run)
    return len(letters) >= 2 and initials.upper().endswith(letters)


def _collect_names(doc: _Doc) -> None:
    """Person names (for linking short mentions), acronym definitions, aliases and sentence topics."""
    lang = doc.lang
    for pi, m_text in enumerate(doc.masked):
        p = doc.paras[pi].strip()
        if not _PARA_END.search(p) and len(p.split()) <= _HEADLINE_MAX_WORDS:
            continue  # leftover related headline: its names are not this article's
        for m in _ACRONYM_DEF.finditer(m_text):
            acr = m.group(1)
            full = _definition_before(lang, m_text, m.start())
            if full and acr not in doc.acronyms:
                doc.acronyms[acr] = full
        for (s, _e), sruns in zip(doc.sentences[pi], doc.sent_runs[pi], strict=True):
            for run in sruns:
                initial = m_text[s:run[0][0]].strip(" \"“”'‘(") == ""
                k, kind = _split_run(lang, run, initial)
                if kind != "person" or _spells_acronym(m_text, run):
                    continue
                toks = tuple(t[2] for t in run[k:])
                pre = _tok_class(lang, run[k - 1][2]) if k > 0 else ""
                if pre == "H" and k >= 2 and f"{run[k - 2][2]} {run[k - 1][2]}".lower() in lang.title_phrases:
                    pre = "R"  # 'Direktur Jenderal Pajak Bimo Wijayanto': a title, its field in front of the name
                if initial and len(toks) == 1 and k == 0 and not _looks_like_subject(lang, m_text, run[-1][1]):
                    continue
                nxt = _APPOS_NEXT.match(m_text, run[-1][1])
                if k > 0 and nxt and nxt.group(1)[:1].isupper() and not lang.post_nominal.match(m_text[run[-1][1]:]) and \
                        any(_tok_class(lang, t[2]) == "R" for t in run[:k]):
                    continue  # 'Kepala Kantor SAR Tanjung Sagu, Marzuki Abdullah': a role phrase, the name follows
                ctx = m_text[max(s, run[0][0] - 60):run[k][0]].lower()
                doc.names.append((pi, run[k][0], toks, ctx, pre))
                if len(toks) <= 2:
                    doc.standalone.add(" ".join(toks).lower())
                tail = m_text[run[-1][1]:]
                am = lang.alias_after.match(tail)
                if am:
                    alias_runs = _runs(lang, tail, am.end(), min(len(tail), am.end() + 40))
                    if alias_runs and alias_runs[0][0][0] == am.end():
                        alias = " ".join(t[2] for t in alias_runs[0]).lower()
                        doc.aliases[alias] = toks
    _trim_names(doc)
    doc.name_tokens = {t for n in doc.names for t in n[2]}


def _verbish(lang: _Lang, word: str) -> bool:
    w = word.lower()
    if w in lang.say_words or w in lang.subject_followers:
        return True
    if lang.verb_prefixes:
        return w.startswith(lang.verb_prefixes) and len(w) > 5
    return w.endswith("ed") and len(w) > 4


def _looks_like_subject(lang: _Lang, text: str, end: int) -> bool:
    """A name acts like a subject: followed by a verb, an age "(47)", or an apposition and a verb."""
    tail = text[end:end + 90]
    if _AGE.match(tail) or lang.alias_before.match(tail):
        return True
    m = _APPOS.match(tail)
    if m:
        nxt = _NAME_TOKEN.match(tail, m.end())
        return nxt is not None and _verbish(lang, nxt.group())
    nxt = _NAME_TOKEN.match(tail.lstrip())
    return nxt is not None and _verbish(lang, nxt.group())


def _trim_names(doc: _Doc) -> None:
    """'Lembah Hijau Hendra Kusumah' -> 'Hendra Kusumah' when the article calls him 'Hendra'."""
    lang = doc.lang
    singles = {n[2][0].lower() for n in doc.names if len(n[2]) == 1}
    out = []
    for pi, pos, toks, ctx, pre in doc.names:
        if len(toks) >= 3 and toks[0].lower() not in lang.name_prefixes:
            for k in range(1, len(toks)):
                if toks[k].lower() in singles and not any(t.lower() in singles for t in toks[:k]):
                    toks = toks[k:]
                    break
            else:
                # No short form to go by: right after a role, acronym or organisation word
                # ('Kepala BPBD Garut Hendra Wijaya', 'Camat Lembang Aris Munandar') the first
                # word is the office's place.
                if pre in ("R", "A", "O") and toks[0].lower() not in singles:
                    toks = toks[1:]
        out.append((pi, pos, toks, ctx, pre))
    doc.names = out


def _definition_before(lang: _Lang, text: str, paren: int) -> str | None:
    """The spelled-out name before '(ACR)': 'Kementerian Luar Negeri (Kemenlu)'."""
    base = max(0, paren - 140)
    window = text[base:paren]
    words = list(_DEF_WORD.finditer(window))
    acc: list[re.Match[str]] = []
    right = len(window)
    for m in reversed(words):
        w = m.group()
        if window[m.end():right].strip():
            break
        right = m.start()
        if w[:1].isupper() or w.lower() in ("dan", "untuk", "dari", "di", "atas", "serta", "&", "and", "of", "for", "the"):
            acc.append(m)
            continue
        break
    while acc and not acc[-1].group()[:1].isupper():
        acc.pop()
    while acc and not acc[0].group()[:1].isupper():
        acc.pop(0)
    if not acc:
        return None
    acc.reverse()
    # Drop leading role words ("Kepala Badan ..." -> "Badan ...").
    while acc and _tok_class(lang, acc[0].group()) in "HR" and len(acc) > 1:
        acc.pop(0)
    # A legal-form prefix stays ("PT").
    start = acc[0].start() + base
    return text[start:acc[-1].end() + base].strip()

"""Canonical names within an article and across the corpus (short forms, acronyms, aliases)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from typing import TYPE_CHECKING, Any

from kronik.annotate.entities.lexicon import title_lexicon
from kronik.annotate.entities.mentions import _is_acronym
from kronik.annotate.names import _norm_key, alias_index, pick_full_name

if TYPE_CHECKING:
    from kronik.annotate.entities.mentions import Mention


# --------------------------------------------------------------------------- canonical names

_ORG_HEADS = ("partai", "pt", "grup", "group", "klub", "pt.")
_INNER_ACRONYM = re.compile(r"\(([A-Z][\w&.-]{1,15})\)")
_PARENS = re.compile(r"\s*\([^)]*\)\s*")


def _words(s: str) -> list[str]:
    return _norm_key(s).split()


def _display(text: str, dateline: bool = False) -> str:
    """Names as printed: spaces collapsed; a dateline in capitals ("KOTA BARU") in title case."""
    words = text.split()
    if dateline and all(w.isupper() for w in words) and len(text) > 4:
        return " ".join(w.title() for w in words)
    return " ".join(words)


# Words that make a longer name another person ("Donald Trump Jr" is not "Donald Trump").
_GENERATIONS = frozenset({"jr", "sr", "ii", "iii", "iv"})


def _part_of_name(short: list[str], full: list[str]) -> bool:
    """"Jhon Franky" is "Jhon Franky Yanafia Ariandi": a name of two words or more that opens or ends a
    longer name is that person, unless the longer one adds a generation ("Jr")."""
    n = len(short)
    if n < 2 or n >= len(full):
        return False
    if full[:n] == short:
        extra = full[n:]
    elif full[-n:] == short:
        extra = full[:-n]
    else:
        return False
    return not _GENERATIONS.intersection(extra)


def _same_body(long_form: str, canonical: str) -> bool:
    """Do an article's long form and the alias table's name share a word of four letters or more?"""
    words = {w for w in _words(long_form) if len(w) >= 4}
    return bool(words & {w for w in _words(canonical) if len(w) >= 4})


def _without_suffix(text: str, suffixes: frozenset[str]) -> str:
    """"Kementerian Sosial RI" -> "Kementerian Sosial" (the suffix names the state, not another body)."""
    head, _, last = text.rpartition(" ")
    return head if head and last.lower() in suffixes else text


def canonicalize(mentions: list[Mention], lang: str) -> None:
    """Fill ``canonical`` (and settle labels) for the mentions of one article, in reading order."""
    aliases = alias_index(lang)
    suffixes = title_lexicon(lang).org_suffixes
    # 1. one label per surface form (majority, first seen wins ties)
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for m in mentions:
        votes[_norm_key(m.text)][m.label] += 1
    for m in mentions:
        c = votes[_norm_key(m.text)]
        best = max(c.values())
        if c[m.label] < best:
            m.label = next(lab for lab, n in c.items() if n == best)

    # 1b. the English fallback's unlabelled runs that repeat part of a person's name are that person
    person_words = [_words(m.text) for m in mentions if m.label == "PER" and len(_words(m.text)) > 1]
    for m in mentions:
        if m.label == "MISC":
            w = _words(m.text)
            if any(w == full[k:k + len(w)] for full in person_words for k in range(len(full) - len(w) + 1)):
                m.label = "PER"

    # 1c. a lone word tagged as a place or organisation that is the first or last word of a person's full
    # name in the same article ("Margaret Ellison" ... "Ellison") is that person, unless the alias table knows it
    ends = {w for full in person_words for w in (full[0], full[-1])}
    for m in mentions:
        if m.label != "PER" and m.acronym_of is None and " " not in m.text.strip():
            if _words(m.text)[0] in ends and aliases.lookup(m.text) is None and not _is_acronym(m.text):
                m.label = "PER"

    # 2. persons: clusters keyed by their fullest name
    clusters: list[dict[str, Any]] = []
    person = [m for m in mentions if m.label == "PER"]
    order = sorted(range(len(person)), key=lambda i: (-len(_words(person[i].text)), i))
    for i in order:
        m = person[i]
        w = _words(m.text)
        # a one-word mention joins a full name containing it; longer ones only their exact match
        # ("Donald Trump" is not "Donald Trump Jr")
        found = [cl for cl in clusters if w == cl["words"] or (len(w) == 1 and w[0] in cl["words"])
                 or _part_of_name(w, cl["words"])]
        if found:
            # an ambiguous short name: the resolver's rule (a last-name match, then the latest earlier mention)
            cl = found[0] if len(found) == 1 else pick_full_name(
                w, found, [c["words"] for c in found], [c["seen"] for c in found], i)
        else:
            cl = {"words": w, "text": m.text, "seen": [], "members": []}
            clusters.append(cl)
        cl["members"].append(m)
        cl["seen"].append(i)
    for cl in clusters:
        canonical = _display(cl["text"])
        for m in sorted(cl["members"], key=lambda x: -len(x.text)):
            hit = aliases.lookup(m.text)
            if hit and hit[1] == "PER":
                canonical = hit[0]
                break
        for m in cl["members"]:
            m.canonical = canonical

    # 3. organisations and places: acronyms defined in the text, generic heads, the alias table
    others = [m for m in mentions if m.label != "PER"]
    long_forms: dict[str, str] = {}
    for m in mentions:
        if m.acronym_of is not None and m.label != "PER":
            long_forms[_norm_key(m.text)] = mentions[m.acronym_of].text if m.acronym_of < len(mentions) else m.text
    for m in others:
        # "Kejaksaan Negeri (Kejari) Sidoarjo": the acronym defined inside the name stands for the whole name
        inner = _INNER_ACRONYM.search(m.text)
        if inner and inner.end() < len(m.text):
            long_forms.setdefault(_norm_key(inner.group(1)), m.text)
            # ... and "Kejari Sidoarjo", "Ditjen Imigrasi" (the acronym with the rest of the name) too
            long_forms.setdefault(_norm_key(inner.group(1) + m.text[inner.end():]), m.text)
    keys = {_norm_key(m.text): m.text for m in others}
    # a long form the table does not know (a typo, "Kementeri Keuangan") whose acronym it knows as the same
    # body ("Kemenkeu") takes the table's name with it
    table_name: dict[str, tuple[str, str]] = {}
    for key, long_text in long_forms.items():
        hit = aliases.lookup(key.upper()) or aliases.lookup(key)
        if hit and _same_body(long_text, hit[0]):
            table_name.setdefault(_norm_key(long_text), hit)
    for m in others:
        key = _norm_key(m.text)
        base = long_forms.get(key, m.text)
        if key not in long_forms:
            for head in _ORG_HEADS:
                longer = keys.get(f"{head} {key}")
                if longer and m.label == "ORG":
                    base = longer
                    break
        hit = aliases.lookup(base) or aliases.lookup(_without_suffix(base, suffixes)) or table_name.get(key)
        if hit is None:
            hit = aliases.lookup(m.text)
            # an acronym the article defines as something else means what the article says ("Public Private
            # Partnership (PPP)" is no party); defined as the same body, it takes the table's name
            if hit and key in long_forms and not _same_body(base, hit[0]):
                hit = None
        if hit and (hit[1] == m.label or {hit[1], m.label} <= {"ORG", "LOC"}):
            m.canonical, m.label = hit
        else:
            m.canonical = _display(_PARENS.sub(" ", base).strip() or base, dateline=m.start == 0)

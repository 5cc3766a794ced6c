"""Decisions the tagger cannot make from its window, taken from a name's head and the article around it.

Each rule is a class of real-news errors (``kronik eval realnews``), fixed from language data
(``kronik.lang.<code>.titles``) or the outlet profiles, never from single articles:

* **runs of two names** are split where a new name of the run's own type opens inside it (an
  administrative unit after a place, a ministry after one of its units), and a platform word before an
  account ("YouTube Kemendagri") is not part of the owner's name;
* **the head decides the type**: a name opened by a place or facility word ("Kecamatan", "Jalan",
  "Gedung", "Rumah Susun") is a place, one opened by an organisation word ("Pengadilan", "Satgas",
  "RSUP", "Rumah Sakit") an organisation, whatever the tagger said;
* **initials are persons**: the capitals after "berinisial" ("berinisial S, DP, ABT, dan HS") or before
  an age ("AR (37)") name people, and so does every other use of those capitals in the article;
* **outlet names** (the profiles' spellings: "detikcom", "detikNews") are organisations even where the
  extractor glued link text to a neighbouring word ("pantauandetikcom");
* **context-checked aliases**: an acronym the alias table reads one way only in one context ("KL" is
  Kuala Lumpur only in an article about Malaysia, elsewhere Kementerian/Lembaga) is dropped outside it.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from functools import cache
from typing import TYPE_CHECKING, Any

from kronik.annotate.entities.lexicon import _low
from kronik.annotate.entities.mentions import Mention
from kronik.annotate.names import AliasIndex, _norm_key, _pack, alias_index

if TYPE_CHECKING:
    from kronik.annotate.entities.lexicon import TitleLexicon
    from kronik.annotate.entities.mentions import _Para
    from kronik.annotate.entities.tokens import Token

_INITIALS = re.compile(r"[A-Z]{1,5}")
_AGE = re.compile(r"\d{1,2}")
_INITIALS_AGE = re.compile(r"(?<!\w)[A-Z]{1,5} \(\d{1,2}(?:\)| tahun)")  # "AR (37)": a paragraph worth a look


@cache
def _patterns(lang: str) -> tuple[re.Pattern[str], frozenset[str]]:
    """Per language: where a head word may open a name (over lowercased text, to skip tokens cheaply), and
    the capitalised words that end a head run."""
    from kronik.annotate.entities.lexicon import title_lexicon

    lex = title_lexicon(lang)
    pack = _pack(lang)
    heads = sorted({w.split()[0] for w in lex.org_words | lex.place_words}, key=lambda w: (-len(w), w))
    head_re = re.compile(r"(?<![\w.])" + _trie_pattern(heads) + r"(?![\w-])")
    # function words, calendar and time-unit words ("... Tahun Anggaran"), and titles or ranks ("Polres Serang
    # [AKP] ...", "Kantor [Gubernur]"), but not those inside names ("Jenderal")
    enders = pack.stop_words | set(pack.months) | set(pack.weekdays) | set(pack.time.units) | (lex.heads - lex.modifiers)
    return head_re, frozenset(enders)


def reorder(mentions: list[Mention], kept: Iterable[Mention]) -> list[Mention]:
    """``kept`` in reading order, with ``acronym_of`` re-pointed at the long forms' new positions."""
    old = list(mentions)
    out = sorted(kept, key=lambda m: (m.para, m.start, m.end))
    pos = {id(m): i for i, m in enumerate(out)}
    for m in out:
        if m.acronym_of is not None:
            m.acronym_of = pos.get(id(old[m.acronym_of])) if m.acronym_of < len(old) else None
    return out


def _set_span(m: Mention, para: _Para, a: int, b: int) -> None:
    m.a, m.b = a, b
    m.start, m.end = para.tokens[a].start, para.tokens[b - 1].end
    m.text = para.text[m.start:m.end]


def _head_type(words: list[str], lex: TitleLexicon) -> str | None:
    """LOC or ORG when the first word (or two) of a name is a place or organisation head, else None."""
    first = words[0]
    two = " ".join(words[:2])
    if two in lex.place_words:
        return "LOC"
    if two in lex.org_words:
        return "ORG"
    if first in lex.place_words:
        return "LOC"
    if first in lex.org_words:
        return "ORG"
    return None


def split_and_type(paras: list[_Para], mentions: list[Mention], lex: TitleLexicon, lang: str) -> list[Mention]:
    """Platform words off, runs of two names split, types from the name's head, products dropped and
    "persons" the alias table or the gazetteer knows as a place or body retyped (see the module doc)."""
    aliases = alias_index(lang)
    out: list[Mention] = []
    for m in mentions:
        para = paras[m.para]
        toks = para.tokens
        if m.label == "PER" and _known_place_or_org(m.text, aliases, lang):
            hit = aliases.lookup(m.text)
            m.label = hit[1] if hit and hit[1] != "PER" else _gazetteer_label(m.text, lang) or m.label
        if m.b - m.a >= 2 and _low(toks[m.a].text) in lex.product_brands and not any(
                _low(t.text) in lex.org_words or aliases.lookup(t.text) for t in toks[m.a + 1:m.b]):
            continue  # "Toyota Alphard": a product (the maker alone stays a name)
        if m.acronym_of is not None or m.b - m.a < 2 or toks[m.a].kind == "pword":
            out.append(m)
            continue
        a, b = m.a, m.b
        if _low(toks[a].text) in lex.platforms and toks[a + 1].text[:1].isupper():
            a += 1
            if m.label == "LOC":
                m.label = "ORG"  # an account is its owner's; a place has none
        low = [_low(t.text) for t in toks[a:b]]
        head = _head_type(low, lex) if m.label != "PER" or b - a > 1 else None
        label = head or m.label
        cut = next((k for k in range(1, b - a) if low[k] in lex.unit_heads and toks[a + k].text[:1].isupper()
                    and _head_type(low[k:], lex) == label and low[k - 1] not in lex.connectors), None)
        if cut is not None:
            rest = Mention(m.para, a + cut, b, label)
            _set_span(rest, para, a + cut, b)
            out.append(rest)
            b = a + cut
        if (a, b) != (m.a, m.b):
            _set_span(m, para, a, b)
        m.label = label
        out.append(m)
    return reorder(mentions, out)


def initials(paras: list[_Para], mentions: list[Mention], lex: TitleLexicon, lang: str) -> list[Mention]:
    """Persons named by initials: after an initials marker, or before an age; then every use of them."""
    aliases = alias_index(lang)
    forms: set[str] = set()
    for para in paras:
        low = para.text.lower()
        if not (any(mk in low for mk in lex.initial_markers) or ("(" in low and _INITIALS_AGE.search(para.text))):
            continue
        toks = para.tokens
        for i, t in enumerate(toks):
            if _low(t.text) in lex.initial_markers:
                j = i + 1
                while j < len(toks) and _INITIALS.fullmatch(toks[j].text):
                    forms.add(toks[j].text)
                    j += 1
                    if j < len(toks) and toks[j].text == ",":
                        j += 1
                    if j < len(toks) and toks[j].text.lower() in lex.connectors:
                        j += 1
            elif (_INITIALS.fullmatch(t.text) and i + 3 < len(toks) and toks[i + 1].text == "("
                  and _AGE.fullmatch(toks[i + 2].text) and toks[i + 3].text in (")", "tahun")
                  and aliases.lookup(t.text) is None):
                forms.add(t.text)
    if not forms:
        return mentions
    single = {(m.para, m.a): m for m in mentions if m.b - m.a == 1}
    covered = {(m.para, k) for m in mentions if m.b - m.a > 1 for k in range(m.a, m.b)}
    out = list(mentions)
    for pi, para in enumerate(paras):
        for i, t in enumerate(para.tokens):
            if t.text not in forms or (pi, i) in covered:
                continue
            m = single.get((pi, i))
            if m is not None:
                m.label, m.acronym_of = "PER", None
                continue
            new = Mention(pi, i, i + 1, "PER")
            _set_span(new, para, i, i + 1)
            out.append(new)
    return reorder(mentions, out)


@cache
def _outlet_names() -> tuple[re.Pattern[str] | None, dict[str, str]]:
    """Every outlet and wire spelling of the profiles (five characters or more) as one pattern over
    lowercased text, longest first, and the spelling each lowercased form stands for.

    Brands written in lowercase ("detikcom", "detikNews") are found in any case, even glued to a
    neighbouring word; capitalised ones ("Reuters") only as written and as whole words.
    """
    from kronik.extract.outlets import load_profiles

    profiles = load_profiles()
    names = {a for p in (*profiles.outlets, *profiles.wires) for a in (p.name, *p.aliases) if len(a) >= 5}
    spelling: dict[str, str] = {}
    for name in sorted(names):
        spelling.setdefault(name.lower(), name)
        if name[:1].islower():
            spelling[name.lower()] = name
    if not spelling:
        return None, spelling
    return re.compile(_trie_pattern(list(spelling))), spelling


def _lower(text: str) -> str:
    """``text`` in lowercase, character for character (offsets stay valid: "İ" is left as it is)."""
    low = text.lower()
    return low if len(low) == len(text) else "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def _trie_pattern(words: list[str]) -> str:
    """One regular expression matching any of ``words``, longest first, factored by common prefixes
    (Python's ``re`` tries an alternation of plain words one by one at every position; a trie does not)."""
    trie: dict[str, Any] = {}
    for w in words:
        node = trie
        for ch in w:
            node = node.setdefault(ch, {})
        node[""] = True

    def build(node: dict[str, Any]) -> str:
        branches = [re.escape(ch) + build(child) for ch, child in sorted(node.items()) if ch]
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if "" in node else body

    return build(trie)


def outlets(paras: list[_Para], mentions: list[Mention]) -> list[Mention]:
    """Outlet names as organisations, glued or not; tagged spans overlapping them give way."""
    pattern, spelling = _outlet_names()
    if pattern is None:
        return mentions
    found: list[Mention] = []
    for pi, para in enumerate(paras):
        if not para.tokens:
            continue
        text = para.text
        for hit in pattern.finditer(_lower(text)):
            s, e = hit.span()
            name = spelling[hit.group()]
            if not name[:1].islower() and (text[s:e] != name or (s and (text[s - 1].isalnum() or text[s - 1] in "._"))
                                           or (e < len(text) and (text[e].isalnum() or text[e] == "_"))):
                continue
            a = bisect_left([t.end for t in para.tokens], s + 1)  # the first token ending after s
            if a >= len(para.tokens) or para.tokens[a].start >= e or para.tokens[a].kind in ("url", "web", "email"):
                continue  # a web address is a link, not the outlet named
            b = max(a + 1, bisect_left([t.start for t in para.tokens], e))
            found.append(Mention(pi, a, b, "ORG", start=s, end=e, text=text[s:e]))
    if not found:
        return mentions
    spans = {(m.para, m.start, m.end) for m in found}

    def overlaps(m: Mention) -> bool:
        return any(p == m.para and s < m.end and m.start < e for p, s, e in spans)

    return reorder(mentions, [m for m in mentions if not overlaps(m)] + found)


def not_names(paras: list[_Para], mentions: list[Mention], lex: TitleLexicon, lang: str) -> list[Mention]:
    """Drop common nouns written as acronyms ("SPBU", "TKP" and its long form), mentions of
    context-checked aliases ("KL") in an article that never names their context, and a lone word opening a
    sentence that the news otherwise writes in lowercase ("Sementara", "Kemudian": capitalised by position)."""
    context = _pack(lang).alias_context
    text = "\n".join(p.text for p in paras) if context else ""
    defined = {_norm_key(m.text) for m in mentions if m.acronym_of is not None}
    generic = {id(m) for m in mentions if m.text in lex.generic_acronyms}
    generic |= {id(mentions[m.acronym_of]) for m in mentions
                if m.acronym_of is not None and id(m) in generic and m.acronym_of < len(mentions)}
    keep = []
    for m in mentions:
        words = context.get(m.text)
        if id(m) in generic or (words and _norm_key(m.text) not in defined and not any(w in text for w in words)):
            continue
        if m.b - m.a == 1 and m.acronym_of is None and m.text.istitle() and _opens_sentence(paras[m.para], m.a) \
                and _usually_lowercase(m.text, lang):
            continue
        keep.append(m)
    return reorder(mentions, keep) if len(keep) < len(mentions) else mentions


def attach_suffixes(paras: list[_Para], mentions: list[Mention], lex: TitleLexicon) -> list[Mention]:
    """"BPK RI", "Kementerian Sosial RI": a suffix word after an organisation (the state it belongs to) is
    part of its name.  When the tagger ran the suffix on into the name after it ("Kementerian Kesehatan
    [RI Azhar Jaya]", "Ketua DPR [RI Puan Maharani]"), the rest, capitalised words after an organisation
    of a role, is the person.

    (A place's part after it, "Denpasar Barat", was attached the same way; it changed the event clusters'
    arrival-order figures, ``tests/test_corpus_arrival.py``, by more than the issue allows, so it is not.)"""
    starts = {(m.para, m.a): m for m in mentions}
    inside = {(m.para, k) for m in mentions for k in range(m.a + 1, m.b)}
    eaten: set[tuple[int, int]] = set()
    for m in mentions:
        toks = paras[m.para].tokens
        if m.label != "ORG" or m.acronym_of is not None or m.b >= len(toks) or (m.para, m.a) in eaten:
            continue
        nxt = toks[m.b].text
        if not (nxt[:1].isupper() and nxt.lower() in lex.org_suffixes) or (m.para, m.b) in inside:
            continue
        glued = starts.get((m.para, m.b))
        if glued is not None and glued.b - glued.a > 1:
            rest = toks[glued.a + 1:glued.b]
            if glued.label == "PER" or len(rest) < 2 \
                    or not all(t.text[:1].isupper() and not t.text.isupper() for t in rest):
                continue
            _set_span(glued, paras[m.para], glued.a + 1, glued.b)
            glued.label = "PER"
        else:
            eaten.add((m.para, m.b))
        _set_span(m, paras[m.para], m.a, m.b + 1)
    if not eaten:
        return reorder(mentions, mentions)
    return reorder(mentions, [m for m in mentions if not (m.b - m.a == 1 and (m.para, m.a) in eaten)])


def head_runs(paras: list[_Para], mentions: list[Mention], lex: TitleLexicon, lang: str) -> list[Mention]:
    """Capitalised runs the tagger left untagged that an organisation or place word opens ("melalui
    [Bank Himbara] dan ..."): names by their head, as the tagged ones."""
    taken = {(m.para, k) for m in mentions for k in range(m.a, m.b)}
    head_re, enders = _patterns(lang)
    found: list[Mention] = []
    for pi, para in enumerate(paras):
        toks = para.tokens
        starts = [t.start for t in toks]
        end_of_run = -1
        for hit in head_re.finditer(_lower(para.text)):
            i = bisect_left(starts, hit.start())
            if i >= len(toks) or starts[i] != hit.start() or i < end_of_run or not toks[i].text[:1].isupper() \
                    or (pi, i) in taken or toks[i].kind != "word":
                continue
            j = i + 1
            while j < len(toks) and (pi, j) not in taken and toks[j].kind == "word" and toks[j].text[:1].isupper() \
                    and toks[j].text.lower() not in enders:
                j += 1
            # a head and one common word is a generic phrase ("Kantor Pusat", "Badan Usaha"); a longer run
            # names a body by its fields ("Ditjen Pembiayaan Infrastruktur")
            listing = j + 1 < len(toks) and toks[j].text == "," and toks[j + 1].text[:1].isupper()  # fields follow
            proper = j - i > 2 or listing or any(_proper_word(t.text, lang) for t in toks[i + 1:j])
            label = _head_type([_low(t.text) for t in toks[i:j]], lex) if j - i >= 2 and proper else None
            if label:
                m = Mention(pi, i, j, label)
                _set_span(m, para, i, j)
                found.append(m)
            end_of_run = j
    return reorder(mentions, mentions + found) if found else mentions


def places_named_in_names(mentions: list[Mention], lex: TitleLexicon) -> None:
    """A "person" the article also writes right after the head word of a place's or organisation's name
    ("Bupati [Kuantan Singingi]" beside "Hotel Kuantan Singingi") is that place."""
    heads = lex.place_words | lex.org_words
    tails: set[str] = set()
    for m in mentions:
        if m.label in ("ORG", "LOC"):
            words = _norm_key(m.text).split()
            tails.update(" ".join(words[k:]) for k in range(1, len(words) - 1) if words[k - 1] in heads)
    if not tails:
        return
    for m in mentions:
        key = _norm_key(m.text)
        if m.label == "PER" and " " in key and key in tails:
            m.label = "LOC"


def split_known(paras: list[_Para], mentions: list[Mention], lex: TitleLexicon, lang: str) -> list[Mention]:
    """One run that is an organisation or place followed by a person: the two, as the article writes them
    apart ("[Poltracking Indonesia] [Hanta Yuda]", "[Kejaksaan Negeri Kuantan Singingi] [Soenardi]").

    The organisation is known when the article names it alone elsewhere, the alias table knows it, or it
    ends with its acronym in parentheses ("Badan Gizi Nasional (BGN)"); the person when the article names
    them elsewhere (whole, or by a first or last name), or, in a role ("Kepala Badan Gizi Nasional (BGN)
    Dadan Hindayana") after an acronym in parentheses, when the rest is two or three capitalised words that
    are usually names (not "(KPP) Pratama Tigaraksa", a place).
    """
    aliases = alias_index(lang)
    people = {_norm_key(m.text) for m in mentions if m.label == "PER"}
    one_word = {p for p in people if " " not in p}
    others = {_norm_key(m.text): m.label for m in mentions if m.label in ("ORG", "LOC")}
    out: list[Mention] = []
    for m in mentions:
        para = paras[m.para]
        toks = para.tokens
        cut = None
        if m.b - m.a >= 2 and m.acronym_of is None and m.label != "PER":
            for k in range(m.b - 1, m.a, -1):
                rest = toks[k:m.b]
                right = _norm_key(para.text[rest[0].start:rest[-1].end])
                words = right.split()
                named = right in people or (len(words) > 1 and bool({words[0], words[-1]} & one_word))
                after_acronym = toks[k - 1].kind == "pword" and 2 <= len(rest) <= 3 and lex.title_before(toks, m.a) \
                    and all(
                    t.kind == "word" and t.text[:1].isupper() and not t.text.isupper() and _proper_word(t.text, lang)
                    and _low(t.text) not in lex.org_words | lex.place_words | lex.heads for t in rest)
                if not (named or after_acronym):
                    continue
                left = _norm_key(para.text[toks[m.a].start:toks[k - 1].end])
                known = "ORG" if toks[k - 1].kind == "pword" else \
                    others.get(left) or (aliases.lookup(left) or (None, None))[1]
                if known in ("ORG", "LOC"):
                    cut = (k, m.label if toks[k - 1].kind == "pword" else known)
                    break
        if cut is None:
            out.append(m)
            continue
        k, label = cut
        person = Mention(m.para, k, m.b, "PER")
        _set_span(person, para, k, m.b)
        _set_span(m, para, m.a, k)
        m.label = label
        out += [m, person]
    return reorder(mentions, out) if len(out) > len(mentions) else mentions


def apposed_names(paras: list[_Para], mentions: list[Mention], lex: TitleLexicon, lang: str) -> None:
    """"Kepala Kejaksaan Negeri Kuantan Singingi, [Sahroni]": one unknown word after a role and a comma is
    the person holding the role, not a place."""
    aliases = alias_index(lang)
    for m in mentions:
        if m.label == "PER" or m.b - m.a != 1 or m.acronym_of is not None or m.a < 3:
            continue
        toks = paras[m.para].tokens
        if toks[m.a - 1].text != "," or m.text.isupper() or _known_place_or_org(m.text, aliases, lang):
            continue
        k = m.a - 2
        while k >= 0 and (toks[k].text[:1].isupper() or _low(toks[k].text) in lex.inner):
            if lex.head_at(toks, k) and _low(toks[k].text) not in lex.org_words:
                role = {_low(t.text) for t in toks[k + 1:m.a - 1]}
                # the role names an organisation or place ("Kepala Kejaksaan Negeri X"), not the word itself
                if m.a - 1 - k >= 3 and _low(m.text) not in role and _name_ends_at(toks, m.b):
                    m.label = "PER"
                break
            k -= 1


def _known_place_or_org(text: str, aliases: AliasIndex, lang: str) -> bool:
    """The alias table or the tagger's gazetteer of the other NER sets knows ``text`` as a place or body."""
    hit = aliases.lookup(text)
    if hit is not None:
        return hit[1] != "PER"
    return _gazetteer_label(text, lang) is not None


@cache
def _tagger_tables(lang: str) -> tuple[dict[tuple[str, ...], str], dict[str, tuple[str, ...]]] | None:
    """The shipped tagger's gazetteer of the other NER sets and its casing lexicon (None: no tagger)."""
    if _pack(lang).ner != "crf":
        return None
    from kronik.annotate.ner_tagger import default_tagger

    res = default_tagger().resources
    return res.gaz_ext.phrases, res.lexicon


def _gazetteer_label(text: str, lang: str) -> str | None:
    """LOC or ORG when the gazetteer of the other NER sets (inside the tagger's model) lists ``text`` so."""
    tables = _tagger_tables(lang)
    label = tables[0].get(tuple(text.lower().split())) if tables else None
    return label if label in ("LOC", "ORG") else None


def _opens_sentence(para: _Para, i: int) -> bool:
    return any(s == i for s, _e in para.sents)


def _casing(word: str, lang: str) -> str | None:
    """The casing class (c0 always lowercase ... c4 always capitalised mid-sentence) of ``word`` in the
    unlabelled news the tagger learned from; None when unknown or no tagger."""
    tables = _tagger_tables(lang)
    entry = tables[1].get(word.lower()) if tables else None
    return entry[0] if entry else None


def _usually_lowercase(word: str, lang: str) -> bool:
    """Written in lowercase mid-sentence nearly always in the unlabelled news (casing class c0)."""
    return _casing(word, lang) == "c0"


def _proper_word(word: str, lang: str) -> bool:
    """Is ``word`` usually capitalised mid-sentence in the unlabelled news the tagger learned from (or too
    rare to be there)?  Tells "Bank [Himbara]" (a name) from "Kantor [Pusat]", "Badan [Usaha]" (common words)."""
    return _casing(word, lang) in (None, "c3", "c4")


def _name_ends_at(toks: list[Token], i: int) -> bool:
    """Nothing capitalised continues the name at token i (a comma, a full stop or a verb follows)."""
    return i >= len(toks) or not toks[i].text[:1].isupper()


def listed_names(paras: list[_Para], mentions: list[Mention], lex: TitleLexicon) -> list[Mention]:
    """"Dinas Perumahan, Permukiman, Cipta Karya dan Tata Ruang Sidoarjo": an organisation whose name lists
    its fields, commas and "dan" inside it, is one name (the items are plain capitalised words, none the
    head of another organisation or an acronym, so "Dinas A, Dinas B dan Dinas C" stay three)."""
    out = list(mentions)
    removed: set[int] = set()
    people = {(m.para, k) for m in mentions if m.label == "PER" for k in range(m.a, m.b)}
    for m in mentions:
        if m.label != "ORG" or id(m) in removed or m.b - m.a < 2 or _low(paras[m.para].tokens[m.a].text) not in lex.org_words:
            continue
        toks = paras[m.para].tokens
        j = m.b
        end = None
        last = m.b  # where the item after "dan" starts
        while j < len(toks) and toks[j].text == ",":
            j += 1
            if j < len(toks) and toks[j].text.lower() in lex.connectors:
                j += 1
            start = j
            while j < len(toks) and toks[j].kind == "word" and toks[j].text[:1].isupper() and not toks[j].text.isupper() \
                    and (m.para, j) not in people:
                j += 1
            if j == start or _low(toks[start].text) in lex.org_words:
                break
            if toks[start - 1].text.lower() in lex.connectors:
                end, last = j, start  # the list is closed by "dan": the name may go on with capitalised words
                break
            if j < len(toks) and toks[j].text.lower() in lex.connectors and j + 1 < len(toks) \
                    and toks[j + 1].text[:1].isupper() and _low(toks[j + 1].text) not in lex.org_words:
                j += 1
                last = j
                while j < len(toks) and toks[j].text[:1].isupper() and (m.para, j) not in people:
                    j += 1
                end = j
                break
        if end is None:
            continue
        inside = [o for o in mentions if o is not m and o.para == m.para and m.b <= o.a < end]
        if any(o.b > end or o.a < last for o in inside):
            continue  # an item the tagger found as a name of its own ("..., Pertamina, dan Telkom")
        removed.update(id(o) for o in inside)
        _set_span(m, paras[m.para], m.a, end)
    if not removed:
        return mentions
    return reorder(mentions, [m for m in out if id(m) not in removed])

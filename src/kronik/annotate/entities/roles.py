"""Clean-up of mentions (acronyms in parentheses, titles and degrees off a name) and roles of persons."""

from __future__ import annotations

from collections import defaultdict
from typing import TYPE_CHECKING

from kronik.annotate.entities.lexicon import _low
from kronik.annotate.entities.mentions import Mention, _is_acronym
from kronik.annotate.entities.tokens import _TERMINAL
from kronik.annotate.names import _pack, alias_index
from kronik.lang.base import pack_words

if TYPE_CHECKING:
    from kronik.annotate.entities.lexicon import TitleLexicon
    from kronik.annotate.entities.mentions import _Para


def _clean(para: _Para, pi: int, spans_: list[tuple[int, int, str]], lex: TitleLexicon, lang: str) -> list[Mention]:
    """Spans -> mentions: acronyms split off, titles and degrees stripped from persons, junk dropped."""
    toks = para.tokens
    gaz_other: dict[tuple[str, ...], str] = {}
    if _pack(lang).ner == "crf":
        from kronik.annotate.ner_tagger import default_tagger

        gaz_other = default_tagger(lang).resources.gaz_ext.phrases
    aliases = alias_index(lang)
    possessive = pack_words(lang, "titles", "POSSESSIVE_SUFFIXES")
    out: list[Mention] = []
    for a, b, label in spans_:
        if toks[b - 1].kind == "pword" and b - a > 1:
            # "Bursa Efek Indonesia (BEI)": the long form and the acronym, linked.
            out.append(Mention(pi, a, b - 1, label))
            acr = Mention(pi, b - 1, b, label, acronym_of=len(out) - 1)
            out.append(acr)
            continue
        out.append(Mention(pi, a, b, label))

    def org_or_place(i: int, limit: int) -> tuple[int, str] | None:
        """The longest organisation or place (alias table, gazetteer, acronym) starting at token i, before ``limit``."""
        for length in range(min(4, limit - i), 0, -1):
            words = [t.text for t in toks[i:i + length]]
            hit = aliases.lookup(" ".join(words))
            kind = hit[1] if hit else gaz_other.get(tuple(w.lower() for w in words))
            if kind in ("LOC", "ORG"):
                return length, kind
        if _is_acronym(toks[i].text):
            return 1, "ORG"
        return None

    def strip_front(a: int, b: int, after_title: bool) -> tuple[int, list[Mention]]:
        """Skip titles, role words and the organisations or places inside a role at the front of a name."""
        found: list[Mention] = []
        i = a
        while i < b - 1:
            low = _low(toks[i].text)
            if low in lex.strip or (i > a and low in lex.inner):
                i += 1
                continue
            if i > a or after_title:  # "Presiden [AS] Joe Biden", "Menlu [Rusia] Sergei Lavrov"
                hit = org_or_place(i, b - 1)
                if hit:
                    found.append(Mention(pi, i, i + hit[0], hit[1]))
                    i += hit[0]
                    continue
            break
        return i, found

    def known_prefix(a: int, b: int) -> bool:
        """Does the span open with an organisation or place of the alias table ("Gedung Putih", "RI")?
        Only a name known whole tells where it ends ("DPRD Kuantan Singingi" is one organisation)."""
        for length in range(min(4, b - a - 2), 0, -1):
            hit = aliases.lookup(" ".join(t.text for t in toks[a:a + length]))
            if hit and hit[1] in ("LOC", "ORG"):
                return True
        return False

    kept: list[Mention] = []
    queue = list(out)
    qi = 0
    while qi < len(queue):
        m = queue[qi]
        qi += 1
        a, b = m.a, m.b
        after_title = a > 0 and _low(toks[a - 1].text) in lex.inner
        if m.label != "PER" and ((_low(toks[a].text) in lex.heads and _low(toks[a].text) not in lex.org_words)
                                 or (after_title and lex.title_before(toks, a) and known_prefix(a, b))):
            # "Juru Bicara Gedung Putih Sarah Sanders" tagged as one organisation, or "Sekretaris Pers [Gedung
            # Putih Karine Jean-Pierre]" as one place: a titled person after the organisation of the role
            rest, found = strip_front(a, b, True)
            names = toks[rest:b]
            if rest > a and len(names) >= 2 and all(t.text[:1].isupper() for t in names) \
                    and org_or_place(rest, b) is None:
                m.label = "PER"
        if m.label == "PER":
            stripped, found = strip_front(a, b, after_title)
            queue.extend(found)
            if stripped > a:
                m.role = None if after_title else para.text[toks[a].start:toks[stripped - 1].end]
                a = stripped  # with ``after_title`` the left-context scan below reads the whole role
            while b - a > 1 and _low(toks[b - 1].text).replace(".", "") in lex.degrees:
                b -= 1
        else:
            # "kota Bandung", "wilayah Gaza", "markas Swansea": the generic head word is not the name
            while b - a > 1 and toks[a].text[:1].islower():
                a += 1
            # "Menteri [Luar Negeri Rusia]": the title's modifiers belong to a role, not to the organisation
            if (a > 0 and lex.head_at(toks, a - 1)) or (a > 1 and _low(toks[a - 1].text) in lex.modifiers):
                while b - a > 1 and _low(toks[a].text) in lex.modifiers:
                    a += 1
                if b - a == 1 and _low(toks[a].text) in lex.modifiers:
                    continue  # "kata Kasi [Intel]": the whole "name" is the title's qualifier
        # a name ends at a lowercase word that is not a connector ("Google Maps [luncurkan Februari]")
        for k in range(a + 1, b):
            t = toks[k].text
            if t[:1].islower() and t.lower() not in lex.connectors:
                b = k
                break
        while b - a > 1 and toks[b - 1].text.lower() in lex.connectors:
            b -= 1
        start, end = toks[a].start, toks[b - 1].end
        if toks[a].kind == "pword" and b - a == 1:
            start, end = start + 1, end - 1
        text = para.text[start:end]
        cut = next((len(x) for x in possessive if text.endswith(x) and len(text) > len(x) + 1), 0)
        if cut:  # "Donald Trump's" is Donald Trump ("Moody's" too, where the language marks possession so)
            end -= cut if not text.endswith(("s'", "s’")) else 1
            text = para.text[start:end]
        if not any(c.isalpha() for c in text) or (m.label == "PER" and _low(text) in lex.strip):
            continue
        if not any(c.isupper() for c in text) and any(c.isupper() for c in para.text):
            continue  # a lowercase "name" in ordinary text is a tagging error
        m.a, m.b, m.start, m.end, m.text = a, b, start, end, text
        kept.append(m)
    kept.sort(key=lambda m: m.a)
    # re-point acronyms at their long form's new position in ``kept``
    pos = {id(m): i for i, m in enumerate(kept)}
    for m in kept:
        if m.acronym_of is not None:
            long_form = out[m.acronym_of]
            m.acronym_of = pos.get(id(long_form))
    return kept


def _role_left(para: _Para, m: Mention, sent_start: int, per_tokens: set[int], lex: TitleLexicon) -> str | None:
    toks = para.tokens
    j = m.a - 1
    if j >= sent_start and toks[j].text == ",":  # "Menko Polhukam, Djoko Suyanto"
        j -= 1
    k = j
    while k >= sent_start:
        t = toks[k].text
        low = _low(t)
        if k in per_tokens or low in lex.stop or t in _TERMINAL or (not t[:1].isalnum() and t not in "&/"):
            break
        if low in lex.inner or (t[:1].isupper() and low not in lex.stop):
            k -= 1
            continue
        break
    i = k + 1
    while i <= j and not lex.head_at(toks, i):
        i += 1
    if i > j:
        return None
    return para.text[toks[i].start:toks[j].end]


def _role_right(para: _Para, m: Mention, sent_end: int, per_tokens: set[int], lex: TitleLexicon) -> str | None:
    """"Joe Biden, Presiden AS, mengatakan": an apposition closed by punctuation."""
    toks = para.tokens
    i = m.b
    if i + 1 >= sent_end or toks[i].text != "," or not lex.head_at(toks, i + 1):
        return None
    k = i + 1
    while k < sent_end:
        t = toks[k].text
        low = _low(t)
        if k in per_tokens or low in lex.stop:
            return None
        if low in lex.inner or t[:1].isupper():
            k += 1
            continue
        break
    if k < sent_end and toks[k].text not in {",", ".", ";", ")"} | _TERMINAL:
        return None
    return para.text[toks[i + 1].start:toks[k - 1].end]


def _roles(paras: list[_Para], mentions: list[Mention], lex: TitleLexicon) -> None:
    by_para: dict[int, list[Mention]] = defaultdict(list)
    for m in mentions:
        by_para[m.para].append(m)
    for pi, ms in by_para.items():
        para = paras[pi]
        per_tokens = {i for m in ms if m.label == "PER" for i in range(m.a, m.b)}
        for m in ms:
            if m.label != "PER":
                continue
            s, e = next(((s, e) for s, e in para.sents if s <= m.a < e), (0, len(para.tokens)))
            left = _role_left(para, m, s, per_tokens, lex)
            if m.role and left:
                m.role = f"{left} {m.role}"
            elif left:
                m.role = left
            elif not m.role:
                m.role = _role_right(para, m, e, per_tokens, lex)
            if m.role:
                m.role = m.role.strip(" ,")

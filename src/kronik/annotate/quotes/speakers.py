"""Canonical speaker names: short forms, acronyms, entities of the article, pronouns and topics."""

from __future__ import annotations

import re
from functools import cache, lru_cache
from typing import TYPE_CHECKING

from kronik.annotate.names import _norm_key, fullest_name
from kronik.annotate.quotes.lexicon import _ACRONYM_DEF, _COMMA_GAP, _DATELINE_TAIL, _FIRST_WORD
from kronik.annotate.quotes.mentions import _word_before
from kronik.annotate.quotes.model import _Event, _Mention
from kronik.annotate.quotes.names import _looks_like_subject, _spells_acronym, _split_run, _time_phrase
from kronik.model import Entity

if TYPE_CHECKING:
    from kronik.annotate.quotes.lexicon import _Lang
    from kronik.annotate.quotes.model import _Doc


# --------------------------------------------------------------------------- speakers


def _name_index(doc: _Doc) -> list[tuple[int, int, tuple[str, ...], tuple[str, ...]]]:
    if doc.names_low is None:
        doc.names_low = [(pi, pos, toks, tuple(t.lower() for t in toks)) for pi, pos, toks, _ctx, _pre in doc.names]
    return doc.names_low


def _canonical_name(doc: _Doc, tokens: tuple[str, ...], pi: int, pos: int) -> str:
    """The fullest name in the article containing these tokens (the resolver's rule, over the names quotes found)."""
    return fullest_name(tokens, _name_index(doc), (pi, pos), doc.lang.name_prefixes)


def _entity_canonical(doc: _Doc, m: _Mention) -> str | None:
    """The canonical of the article's entity over a mention: one of the mention's own kind first (the person
    in 'Kasi Intel Kejaksaan Negeri Kuantan Singingi Soenardi', not the prosecutor's office before him)."""
    want = "person" if m.kind == "name" else "org"
    over = [ent for ent in doc.entities.get(m.para, ()) if ent.start < m.end and m.start < ent.end
            and _entity_kind(ent) in ("person", "org")]
    same = [ent for ent in over if _entity_kind(ent) == want]
    return (same or over)[-1 if same and want == "person" else 0].canonical if over else None


def _overlapping_entity_kind(doc: _Doc, m: _Mention) -> str | None:
    """Kind of the NER entity covering a mention, when the entities stage ran."""
    for ent in doc.entities.get(m.para, ()):
        if ent.start < m.end and m.start < ent.end:
            return _entity_kind(ent)
    return None


def _entity_kind(ent: Entity) -> str:
    label = ent.label.upper()
    if label.startswith("PER"):
        return "person"
    if label.startswith(("ORG", "NOR", "GPE")):
        return "org"
    return "other"


def _resolve(doc: _Doc, m: _Mention) -> tuple[str | None, str]:
    """(canonical speaker, event kind) for a mention; pronouns and descriptions look back."""
    ent = _entity_canonical(doc, m) if m.kind in ("name", "org") else None
    if m.kind == "name":
        # Our own reading of the name first: it handles nicknames in quotes, honorific prefixes (I Made,
        # Ni Luh) and short forms better than the tagger's span boundaries do today; then the name resolver
        # (kronik.annotate.names) gives it the name the article's entities or the corpus alias table use.
        if m.alias_of:
            return m.alias_of, "person"
        toks = tuple(m.name.split()) if m.name else ()
        al = doc.aliases.get(" ".join(toks).lower())
        if al:
            return " ".join(al), "person"
        own = _canonical_name(doc, toks, m.para, m.start)
        if ent and (not own or _extends(own, ent, _place_and_org_words(doc))):
            return ent, "person"  # the tagger knows the fuller name ('Sri' -> 'Sri Wahyuni Indrawati')
        if ent and own and _role_tail(own, ent, doc):
            return ent, "person"  # 'Ketua DPRD Bantaeng Budi Santoso': the tagger put 'Bantaeng' in the role
        return (doc.known.person(own, m.para, m.start) if own else None) or own or ent, "person"
    if m.kind == "org":
        if ent:
            return ent, "org"
        name = (m.name or m.text).strip()
        acr = _ACRONYM_DEF.search(name)
        if acr:
            name = name[:acr.start()].strip()
        if name in doc.acronyms:
            return doc.acronyms[name], "org"
        return name, "org"
    if m.kind in ("pronoun", "anaphor"):
        gender = _pronoun_gender(doc, m) if m.kind == "pronoun" else None
        ev = _pronoun_referent(doc, m, gender)
        if gender and ev is None:
            # no speaker or topic of that gender yet: the last person of that gender the article named
            named = _last_person_entity(doc, m.para, m.start, gender)
            if named is not None:
                return named.canonical, "person"
        return (ev.canonical if ev else None), (ev.kind if ev else "anon")
    if m.kind == "org-anaphor":
        ev = _last_event(doc, m.para, m.start, ("org",))
        if ev:
            return ev.canonical, "org"
        ev = _last_event(doc, m.para, m.start, ("person",))
        return (ev.canonical if ev else None), "org"
    if m.kind == "org-desc":
        head = (m.name or "").split()[-1:] if m.name else []
        for ev in reversed(doc.events):
            if (ev.para, ev.pos) < (m.para, m.start) and ev.kind == "org" and ev.canonical and head and \
                    ev.canonical.lower().endswith(head[0].lower()):
                return ev.canonical, "org"
        if head and head[0] in doc.lang.org_anaphors and len((m.name or "").split()) == 1:
            ev = _last_event(doc, m.para, m.start, ("org",))
            if ev:
                return ev.canonical, "org"
        return (m.name or None), "org"
    if m.kind == "role":
        key = (m.name or "").lower()
        # The NER stage's roles first ('Menteri Perhubungan' for 'kata Menhub').
        by_role = [ent for ents in doc.entities.values() for ent in ents
                   if ent.role and key and key in ent.role.lower() and _entity_kind(ent) == "person"]
        if by_role:
            before = [ent for ent in by_role if (ent.paragraph, ent.start) <= (m.para, m.start)]
            return (before[-1] if before else by_role[0]).canonical, "person"
        found: tuple[str, ...] | None = None
        for npi, npos, toks, ctx, _pre in doc.names:
            if key and key in ctx:
                if (npi, npos) <= (m.para, m.start) or found is None:
                    found = toks
        if found:
            return _canonical_name(doc, found, m.para, m.start), "person"
        ev = _last_event(doc, m.para, m.start, ("person",))
        return (ev.canonical if ev else None), "person"
    return None, "anon"


_NAME_WORD = re.compile(r"^[A-ZÀ-Þ][a-zß-ÿ'’.]+$")


def _extends(own: str, ent: str, not_names: frozenset[str] = frozenset()) -> bool:
    """The entity's name is ours plus more name words, in order (not a tagger boundary slip like 'U-23 X').

    Words in front of a name we read whole ('Budi Santoso' -> 'Bantaeng Budi Santoso') are the tail of a
    role ('Bupati Bantaeng'), not more of the name; nor is a word the article uses for a place or an
    organisation ('Bandung Erwin').
    """
    mine, theirs = own.split(), ent.split()
    if len(theirs) <= len(mine) or not all(w in theirs for w in mine):
        return False
    extra = [w for w in theirs if w not in mine]
    if len(mine) >= 2 and theirs[-len(mine):] == mine:
        return False
    if any(w.lower() in not_names for w in extra):
        return False
    return all(_NAME_WORD.match(w) for w in extra)


def _role_tail(own: str, ent: str, doc: _Doc) -> bool:
    """Our reading is the entity's name with words in front that belong to a role or a place
    ('Bantaeng Budi Santoso' for the entity 'Budi Santoso', role 'Ketua DPRD Bantaeng')."""
    mine, theirs = own.split(), ent.split()
    if len(mine) <= len(theirs) or mine[-len(theirs):] != theirs:
        return False
    front = [w.lower() for w in mine[:-len(theirs)]]
    roles = {w.lower() for ents in doc.entities.values() for e in ents if e.role and e.canonical == ent
             for w in e.role.split()}
    return all(w in roles or w in _place_and_org_words(doc) for w in front)


def _place_and_org_words(doc: _Doc) -> frozenset[str]:
    """Lowercase words of the article's place and organisation entities (cached on the document)."""
    if doc.not_name_words is None:
        doc.not_name_words = frozenset(w.lower() for ents in doc.entities.values() for e in ents
                                       if e.label in ("LOC", "ORG") for w in (e.canonical or e.text).split())
    return doc.not_name_words


_TOPIC_REACH = 1  # paragraphs back a mere topic still takes a pronoun (dev day and example corpus both saw this)


def _pronoun_referent(doc: _Doc, m: _Mention, gender: str | None = None) -> _Event | None:
    """Who 'ujarnya' / 'kata dia' / 'she said' is: the latest person (of the pronoun's gender, when it has
    one), unless that is only a sentence topic from further back than the paragraph before, while someone has
    spoken since: then the current speaker goes on.

    ('Lebih rinci, Prabowo telah memberikan insentif ...' two paragraphs before a quote of the Director
    General's briefing does not make Prabowo its speaker.)
    """
    ev = _last_event(doc, m.para, m.start, ("person", "anon"), gender=gender)
    if ev is None or not ev.topic or m.para - ev.para <= _TOPIC_REACH:
        return ev
    spoke = next((e for e in reversed(doc.events) if (e.para, e.pos) < (m.para, m.start) and not e.topic
                  and e.kind in ("person", "anon")
                  and not (gender and e.kind == "person" and not _may_be(doc, e.canonical, gender))), None)
    return spoke or ev


def _last_event(doc: _Doc, pi: int, pos: int, kinds: tuple[str, ...], org_topics: bool = True,
                gender: str | None = None) -> _Event | None:
    """The latest speaker or sentence topic of these kinds before a position (``org_topics=False``: an
    organisation counts only when it spoke, not when a sentence is merely about it); with a ``gender``,
    persons known to have the other one are passed over ("she said" after "Donald Trump" and "Hillary
    Clinton" is Clinton), and so are unnamed groups ('Many of the visitors'), which a speaker's own words
    often have."""
    for ev in reversed(doc.events):
        if (ev.para, ev.pos) < (pi, pos) and ev.kind in kinds and (org_topics or not (ev.topic and ev.kind == "org")):
            if gender and ev.kind == "person" and not _may_be(doc, ev.canonical, gender):
                continue
            if gender and ev.kind == "anon" and _plural_subject(doc, ev):
                continue  # 'Many of the visitors were older, she said': a group is no 'she'
            return ev
    return None


def _plural_subject(doc: _Doc, ev: _Event) -> bool:
    """An unnamed speaker or subject that opens with a plural quantifier of the pack ('Many of the visitors',
    'Several residents'): a group, which a singular pronoun never stands for."""
    words = ev.mention.text.lower().split() if ev.mention is not None else []
    return bool(words) and words[0] in _plural_quantifiers(doc.lang.code)


@cache
def _plural_quantifiers(code: str) -> frozenset[str]:
    from kronik.lang.base import pack_data

    try:
        return frozenset(getattr(pack_data(code, "speakers"), "PLURAL_INDEFINITE", ()))
    except KeyError:
        return frozenset()


def _may_be(doc: _Doc, name: str | None, gender: str) -> bool:
    """Whether a 'he'/'she' can stand for the person event ``name``: not known to be of the other gender, and
    a person the entity tagger found in the article when its gender is unknown (a topic read from a
    capitalised run, 'Presidential Debates' or 'Obamacare', is no one a pronoun refers to)."""
    known = _name_gender(doc, name)
    if known is not None:
        return known == gender
    if not name:
        return False
    if not doc.entities:
        return True
    last = _norm_key(name).split()[-1:]
    return any(last and last[0] in _norm_key(form).split() for form in doc.known.by_form)


def _last_person_entity(doc: _Doc, pi: int, pos: int, gender: str) -> Entity | None:
    """The article's last person entity before (pi, pos) known to be of ``gender``."""
    for p in range(pi, -1, -1):
        for ent in reversed(doc.entities.get(p, ())):
            if (ent.paragraph, ent.start) < (pi, pos) and _entity_kind(ent) == "person" \
                    and _name_gender(doc, ent.canonical) == gender:
                return ent
    return None


def _pronoun_gender(doc: _Doc, m: _Mention) -> str | None:
    """'m' / 'f' for a gendered pronoun of the language (its pack's ``speakers.PRONOUN_GENDER``), else None."""
    table = _gender_tables(doc.lang.code)[0]
    words = m.text.lower().split()
    return table.get(words[-1]) if words else None


def _name_gender(doc: _Doc, name: str | None) -> str | None:
    """A person's gender when the language data or the article tells it: the given name (the pack's lists),
    else an honorific written before the surname in the article ("Mrs. Clinton", "Mr. Kamin")."""
    if not name:
        return None
    _, honorifics, male, female = _gender_tables(doc.lang.code)
    words = name.split()
    first = words[0].lower().rstrip(".")
    if first in male:
        return "m"
    if first in female:
        return "f"
    return _honorific_genders(doc.lang.code, "\n".join(doc.paras)).get(words[-1]) if honorifics else None


@lru_cache(maxsize=32)
def _honorific_genders(code: str, text: str) -> dict[str, str]:
    """Surname -> gender of the honorifics written before it in a text ("Mrs. Clinton" -> "Clinton": "f")."""
    honorifics = _gender_tables(code)[1]
    pattern = re.compile(rf"\b({'|'.join(map(re.escape, honorifics))})\.?\s+([A-Z][\w'’-]+)", re.IGNORECASE)
    out: dict[str, str] = {}
    for found in pattern.finditer(text):
        if found.group(2)[:1].isupper():
            out.setdefault(found.group(2), honorifics[found.group(1).lower()])
    return out


@cache
def _gender_tables(code: str) -> tuple[dict[str, str], dict[str, str], frozenset[str], frozenset[str]]:
    """(pronoun gender, honorific gender, male and female given names) of a pack; empty where it has none."""
    from kronik.lang.base import pack_data

    try:
        sp = pack_data(code, "speakers")
    except KeyError:
        return {}, {}, frozenset(), frozenset()
    return (dict(getattr(sp, "PRONOUN_GENDER", {})), dict(getattr(sp, "HONORIFIC_GENDER", {})),
            frozenset(getattr(sp, "MALE_GIVEN_NAMES", ())), frozenset(getattr(sp, "FEMALE_GIVEN_NAMES", ())))


def _add_event(doc: _Doc, pi: int, pos: int, kind: str, canonical: str | None, m: _Mention | None = None,
               lazy: bool = False) -> None:
    ev = _Event(pi, pos, kind, canonical, m, doc if lazy else None, topic=lazy)
    # Keep document order (events arrive almost sorted).
    k = len(doc.events)
    while k > 0 and (doc.events[k - 1].para, doc.events[k - 1].pos) > (pi, pos):
        k -= 1
    doc.events.insert(k, ev)


def _person_word(lang: _Lang, rest: str) -> bool:
    """The next word names people ('warga', 'pejabat', 'pria'), or a name follows."""
    words = rest.split()
    if not words:
        return False
    w = words[0].strip(",")
    return w[:1].isupper() or w in lang.roles or w in lang.person_anaphors or w in lang.unnamed_heads


def _sentence_topics(doc: _Doc, pi: int) -> list[tuple[int, _Mention]]:
    """The topic of each sentence outside quotes: its subject if one is named, else its first name.

    An unnamed subject ('Seorang warga ...', 'One engineer who ...') is a topic too (speaker
    unknown) unless a name follows in apposition ('Salah seorang pengungsi, Ujang Sobari, ...').
    """
    lang = doc.lang
    text = doc.masked[pi]
    p = doc.paras[pi]
    out: list[tuple[int, _Mention]] = []
    for (s, e), sruns in zip(doc.sentences[pi], doc.sent_runs[pi], strict=True):
        seg = text[s:e]
        lead = len(seg) - len(seg.lstrip())
        low = seg.lstrip().lower()
        indefinite = next((ind for ind in lang.indefinite if low.startswith(ind + " ")), None)
        if indefinite and indefinite not in lang.person_indefinite and not _person_word(lang, low[len(indefinite):]):
            indefinite = None  # 'Salah satu tindak lanjutnya ...': not a person
        skip_to = s + lead + (len(indefinite) if indefinite else 0)
        cands: list[tuple[int, _Mention, bool]] = []
        for ri, run in enumerate(sruns):
            if indefinite and run[0][0] < skip_to:
                run = [t for t in run if t[0] >= skip_to]
            if not run or _time_phrase(lang, text[run[0][0]:run[-1][1] + 1]):
                continue  # a date ('LOS ANGELES, Sept. 28 (UPI) —') is no sentence topic
            before = text[s:run[0][0]]
            initial = before.strip(" \"“”'‘(") == ""
            k, kind = _split_run(lang, run, initial)
            if kind == "other":
                continue
            if kind == "person" and _spells_acronym(text, run):
                k, kind = 0, "org"  # 'Pajak Penambahan Nilai (PPN)': a body or a term, never a speaker to refer back to
            if kind == "person" and _word_before(before) in lang.locative:
                continue
            if kind == "person" and initial and k == 0 and len(run) == 1 and \
                    not _looks_like_subject(lang, text, run[-1][1]) and \
                    run[0][2].lower() not in doc.standalone and run[0][2] not in doc.name_tokens:
                continue
            # 'Kuasa hukum Gunawan, Andreas Simatupang, menilai': the apposition is the subject.
            ap = _COMMA_GAP.match(text, run[-1][1], e)
            if ap and ri + 1 < len(sruns) and sruns[ri + 1][0][0] == ap.end() and \
                    not _time_phrase(lang, text[ap.end():sruns[ri + 1][-1][1] + 1]):
                k2, kind2 = _split_run(lang, sruns[ri + 1], False)
                if kind2 == "person":
                    run, k, kind = sruns[ri + 1], k2, "person"
            subj = _looks_like_subject(lang, text, run[-1][1])
            if kind == "org" and run[0][0] == 0 and _DATELINE_TAIL.match(text, run[-1][1]) and \
                    all(t[2].isupper() for t in run):
                continue  # a dateline ('MAKASSAR, Indonesia —'), not a subject
            if kind == "person":
                name = " ".join(t[2] for t in run[k:])
                m = _Mention(pi, run[k][0], run[-1][1], p[run[k][0]:run[-1][1]], "name", name)
            else:
                if not initial and not subj:
                    continue
                m = _Mention(pi, run[0][0], run[-1][1], p[run[0][0]:run[-1][1]], "org", text[run[0][0]:run[-1][1]])
            cands.append((m.start, m, subj))
            if subj and kind == "person" and not indefinite:
                break  # the named subject: no need to look further
        if indefinite:
            commas = [i for i, ch in enumerate(text[s:e]) if ch == ","]
            limit = s + commas[1] if len(commas) >= 2 else (s + commas[0] if commas else s)
            named = [c for c in cands if c[1].kind == "name" and c[0] <= limit + 2]
            if named:
                out.append((named[0][0], named[0][1]))
            else:
                out.append((s + lead, _Mention(pi, s + lead, skip_to, p[s + lead:skip_to], "anon")))
            continue
        if cands:
            pick = next((c for c in cands if c[2] and c[1].kind == "name"), None) or \
                next((c for c in cands if c[2]), None) or cands[0]
            out.append((pick[0], pick[1]))
            continue
        # Pronoun subjects keep the topic; an alias line 'Wati, sapaan akrabnya' renames it.
        mm = _FIRST_WORD.match(seg)
        if mm and lang.alias_before.match(seg[mm.end():]):
            out.append((s + mm.start(1), _Mention(pi, s + mm.start(1), s + mm.end(1), mm.group(1), "alias-topic", mm.group(1))))
    return out

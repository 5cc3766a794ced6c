"""The one name resolver: a speaker gets the name the article's entities (or the corpus alias table) give it."""

from __future__ import annotations

from kronik.annotate.entities import find_entities
from kronik.annotate.names import ArticleNames, pick_full_name
from kronik.annotate.quotes import extract_quotes
from kronik.model import Entity


def _per(text: str, canonical: str, paragraph: int = 0, start: int = 0) -> Entity:
    return Entity(text=text, label="PER", canonical=canonical, paragraph=paragraph, start=start, end=start + len(text))


def test_short_forms_aliases_and_unknown_names() -> None:
    names = ArticleNames.from_entities([_per("Antoine Griezmann", "Antoine Griezmann"), _per("Jokowi", "Joko Widodo")], "id")
    assert names.person("Griezmann", 1, 0) == "Antoine Griezmann"   # a short form of an entity's name
    assert names.person("Jokowi", 1, 0) == "Joko Widodo"            # as the entity was written
    assert names.person("Ahok", 1, 0) == "Basuki Tjahaja Purnama"   # the corpus alias table
    assert names.person("Budi Santoso", 1, 0) is None               # nobody the article or the table knows
    assert names.person("", 1, 0) is None


def test_an_ambiguous_short_form_takes_the_last_name_then_the_latest_earlier() -> None:
    found = ["Joe Biden", "Biden Smith", "Hunter Biden"]
    words = [n.lower().split() for n in found]
    assert pick_full_name(["biden"], found, words, [[0], [1], [5]], 9) == "Hunter Biden"
    assert pick_full_name(["biden"], found, words, [[0], [1], [5]], 3) == "Joe Biden"


def test_speaker_and_entity_agree() -> None:
    paras = ["Presiden Joko Widodo meninjau lokasi banjir di Bekasi, Senin.",
             '"Kami akan bantu semua warga," kata Jokowi kepada wartawan.']
    ents = find_entities(paras, "id")
    quotes = extract_quotes(paras, "id", ents)
    assert quotes and quotes[0].speaker == "Joko Widodo"
    assert quotes[0].speaker in {e.canonical for e in ents}

"""Entities: tokens with offsets, the shipped tagger, roles, canonical names, aliases, the stage."""

from __future__ import annotations

import pytest

from kronik.annotate.entities import (
    Mention,
    alias_index,
    alias_pass,
    annotate_entities,
    canonicalize,
    find_entities,
    tokenize,
)
from kronik.annotate.ner_tagger import default_tagger, spans
from kronik.model import Article
from kronik.pipeline import REGISTRY

BIDEN = [
    "JAKARTA, KOMPAS.com - Presiden AS Joe Biden bertemu Presiden Joko Widodo di Gedung Putih, Washington, Senin (22/4).",
    ('"Kami akan terus mendukung Ukraina," kata Biden kepada wartawan. Sekretaris Pers Gedung Putih Karine Jean-Pierre '
     "mengatakan pertemuan berlangsung hangat."),
    "Sementara itu, juru bicara Kremlin Dmitry Peskov menyebut Moskow tidak akan mundur. Joe Biden tidak menanggapi.",
    "Menurut Menteri Luar Negeri Retno Marsudi, Bursa Efek Indonesia (BEI) juga terlibat. Retno menambahkan BEI akan memantau.",
]


@pytest.fixture(scope="module")
def entities():
    return find_entities(BIDEN, "id")


def by_text(ents, text):
    return [e for e in ents if e.text == text]


# --------------------------------------------------------------------------- tokens

def test_tokens_keep_offsets_and_news_conventions():
    text = ('JAKARTA, KOMPAS.com - Prof. Dr. H. Ahmad, S.H., M.Si. di Bursa Efek Indonesia (BEI), Kamis (22/4). '
            '"Kami," kata Moody\'s dan PDI-P; lihat https://x.co/a?b=1, Rp5 juta, 78,77 persen.')
    toks = tokenize(text)
    assert all(text[t.start:t.end] == t.text for t in toks)
    words = [t.text for t in toks]
    for expected in ("KOMPAS.com", "Prof.", "Dr.", "H.", "S.H.", "M.Si.", "(BEI)", "(22/4)", "Moody's", "PDI-P",
                     "https://x.co/a?b=1", "78,77"):
        assert expected in words, expected
    assert words.count('"') == 2  # quote marks are separate tokens (dropped before tagging)


def test_empty_and_odd_text():
    assert tokenize("") == []
    assert find_entities([], "id") == []
    assert find_entities(["", "   ", "123 ,,, !!!"], "id") == []


# --------------------------------------------------------------------------- the model

def test_shipped_model_loads_and_tags():
    tagger = default_tagger()
    assert tagger.size < 5_000_000
    tags = tagger.tag(["Presiden", "Joko", "Widodo", "tiba", "di", "Jakarta", "pada", "Senin", "."])
    found = {(a, b, label) for a, b, label in spans(tags)}
    assert (1, 3, "PER") in found
    assert (5, 6, "LOC") in found
    assert tagger.meta["heldout_pooled"]["micro_f1"] >= 0.75  # a fifth of every shared set, never trained on


# --------------------------------------------------------------------------- roles and canonical names

def test_offsets_are_exact(entities):
    assert entities
    for e in entities:
        assert BIDEN[e.paragraph][e.start:e.end] == e.text
        assert e.label in {"PER", "ORG", "LOC"}


def test_person_with_role_and_short_mentions_share_a_canonical(entities):
    full = by_text(entities, "Joe Biden")
    short = by_text(entities, "Biden")
    assert full and short
    assert {e.canonical for e in full + short} == {"Joe Biden"}
    assert full[0].role == "Presiden AS"
    assert all(e.label == "PER" for e in full + short)
    assert not any(e.text.startswith("Presiden") for e in entities)


def test_roles_are_stripped_from_names_glued_place(entities):
    assert by_text(entities, "Karine Jean-Pierre")[0].role == "Sekretaris Pers Gedung Putih"


def test_roles_are_stripped_from_names(entities):
    peskov = [e for e in entities if e.canonical == "Dmitry Peskov"]
    assert peskov and peskov[0].text == "Dmitry Peskov" and peskov[0].role == "juru bicara Kremlin"
    retno = [e for e in entities if e.canonical == "Retno Marsudi"]
    assert {e.text for e in retno} == {"Retno Marsudi", "Retno"}
    assert retno[0].role == "Menteri Luar Negeri"


def test_acronym_defined_in_parentheses_joins_its_long_form(entities):
    bei = [e for e in entities if e.text in ("Bursa Efek Indonesia", "BEI")]
    assert len(bei) == 3
    assert {e.canonical for e in bei} == {"Bursa Efek Indonesia"}
    para = BIDEN[3]
    assert all(para[e.start:e.end] in ("Bursa Efek Indonesia", "BEI") for e in bei)


def test_aliases_merge_across_the_corpus(entities):
    assert by_text(entities, "Moskow")[0].canonical == "Moskwa"
    assert by_text(entities, "AS")[0].canonical == "Amerika Serikat"
    idx = alias_index("id")
    for form in ("Moskow", "Moskwa", "Moscow", "moskow"):
        assert idx.lookup(form) == ("Moskwa", "LOC")
    for form in ("AS", "A.S.", "USA", "Amerika Serikat", "United States"):
        assert idx.lookup(form) == ("Amerika Serikat", "LOC")
    assert idx.lookup("Kiev") == idx.lookup("Kyiv") == ("Kyiv", "LOC")
    assert idx.lookup("Peking") == ("Beijing", "LOC")
    assert idx.lookup("Geneva") == ("Jenewa", "LOC")
    assert idx.lookup("as") is None  # short acronyms only match in capitals
    assert idx.lookup("KPK") == ("Komisi Pemberantasan Korupsi", "ORG")


def test_alias_pass_adds_known_places_only():
    words = ["Pasukan", "Rusia", "berada", "di", "sekitar", "Kiev", "kata", "Jokowi", "."]
    tags = alias_pass(words, ["O"] * len(words))
    assert spans(tags) == [(1, 2, "LOC"), (5, 6, "LOC")]  # persons are not added from the table


def test_canonicalize_without_the_tagger():
    ms = [
        Mention(0, 0, 2, "PER", text="Joe Biden"),
        Mention(1, 0, 1, "PER", text="Biden"),
        Mention(1, 3, 5, "PER", text="Hunter Biden"),
        Mention(2, 0, 1, "PER", text="Biden"),
        Mention(2, 2, 3, "LOC", text="Moscow"),
        Mention(2, 4, 6, "ORG", text="Partai Golkar"),
        Mention(2, 7, 8, "ORG", text="Golkar"),
        Mention(2, 9, 10, "PER", text="Jokowi"),
        Mention(3, 0, 1, "ORG", text="Kiev"),  # tagger said ORG: the table's LOC wins between ORG and LOC
        Mention(3, 2, 3, "PER", text="Jordan"),  # a person named Jordan is not Yordania
        Mention(4, 0, 2, "PER", text="Joe Biden"),
        Mention(4, 3, 4, "PER", text="Biden"),  # the latest full name before it is Joe again
    ]
    canonicalize(ms, "id")
    got = [(m.text, m.canonical, m.label) for m in ms]
    assert got[0] == ("Joe Biden", "Joe Biden", "PER")
    assert got[1][1] == "Joe Biden"  # before Hunter appears
    assert got[2][1] == "Hunter Biden"
    assert got[3][1] == "Hunter Biden"  # ambiguous: the nearest earlier full name
    assert got[4] == ("Moscow", "Moskwa", "LOC")
    assert got[5][1] == got[6][1] == "Partai Golkar"
    assert got[7][1] == "Joko Widodo"
    assert got[8] == ("Kiev", "Kyiv", "LOC")
    assert got[9] == ("Jordan", "Jordan", "PER")
    assert got[11][1] == "Joe Biden"


# --------------------------------------------------------------------------- the stage

def _article(**kw) -> Article:
    base = {"id": "x", "source": "t.txt", "format": "text", "language": "id"}
    return Article(**(base | kw))


def test_stage_is_registered_and_annotates_body_only():
    st = REGISTRY["entities"]
    assert st.func is annotate_entities
    assert set(st.requires) == {"paragraphs", "language"} and st.assigns == ("entities",)
    art = _article(title="Prabowo Subianto Kunjungi Surabaya",
                   paragraphs=["Gubernur Jawa Barat Ridwan Kamil meresmikan jembatan di Bandung, Senin.",
                               "Ridwan mengatakan proyek itu selesai tepat waktu."])
    out = annotate_entities(art)
    assert out.entities
    assert all(e.paragraph in (0, 1) for e in out.entities)
    assert not any("Prabowo" in e.text or "Surabaya" in e.text for e in out.entities)
    ridwan = [e for e in out.entities if e.label == "PER"]
    assert {e.canonical for e in ridwan} == {"Ridwan Kamil"}
    assert ridwan[0].role == "Gubernur Jawa Barat"


def test_english_fallback_and_other_languages():
    paras = [("WASHINGTON (Reuters) - President Joe Biden met Ukrainian President Volodymyr Zelensky at the White House "
              "on Monday, the Ministry of Defence said."), "Biden said the United States would support Kyiv."]
    ents = find_entities(paras, "en")
    got = {(e.text, e.label, e.canonical) for e in ents}
    assert ("Joe Biden", "PER", "Joe Biden") in got
    assert ("Biden", "PER", "Joe Biden") in got
    assert ("United States", "LOC", "Amerika Serikat") in got
    assert ("Ministry of Defence", "ORG", "Ministry of Defence") in got
    assert not any(e.text in ("Monday", "On") for e in ents)
    assert all(paras[e.paragraph][e.start:e.end] == e.text for e in ents)
    assert annotate_entities(_article(language="de", paragraphs=["Angela Merkel sprach in Berlin."])).entities == []


def test_a_nickname_in_parentheses_joins_the_full_name() -> None:
    from kronik.annotate.entities import find_entities

    paras = ["Menteri Koordinator Bidang Pangan Zulkifli Hasan (Zulhas) meninjau pasar di Bekasi pada Senin.",
             "Zulhas mengatakan harga beras stabil. Menurut Zulhas, pasokan aman hingga akhir tahun.",
             "Warga, Budi Santoso (45), mengaku harga cabai masih tinggi."]
    people = {(e.text, e.canonical) for e in find_entities(paras, "id") if e.label == "PER"}
    assert ("Zulhas", "Zulkifli Hasan") in people and ("Budi Santoso", "Budi Santoso") in people

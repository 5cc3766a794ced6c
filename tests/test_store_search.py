"""Search: Indonesian stemming, the query language on both engines, snippets from the original text."""

from __future__ import annotations

from pathlib import Path

import pytest

from kronik.lang.id.stemmer import stem_text, stem_word
from kronik.model import Article, Entity, Quote
from kronik.store import Store
from kronik.store.search import SearchQuery, _highlight_terms, parse, search, snippet, to_fts5, to_tsquery


@pytest.mark.parametrize(("word", "stem"), [
    ("berdialog", "dialog"), ("dialog", "dialog"), ("kebijakan", "bijak"), ("mengatakan", "kata"),
    ("perekonomian", "ekonomi"), ("pemerintah", "perintah"), ("berita", "berita"), ("di", "di"), ("2021", "2021"),
])
def test_stemmer_strips_indonesian_affixes(word: str, stem: str) -> None:
    assert stem_word(word) == stem


def test_stemmer_text_is_lowercase_stems() -> None:
    assert stem_text("Pemerintah Berdialog, kata-nya.") == "perintah dialog kata nya"


@pytest.mark.parametrize(("q", "fts5", "tsq"), [
    ("berdialog", '"dialog"', "dialog"),
    ("banjir Jakarta", '"banjir" AND "jakarta"', "banjir & jakarta"),
    ('"kapal barang" -mogok', '"kapal barang" NOT "mogok"', "(kapal <-> barang) & !mogok"),
    ("gempa OR banjir", '("gempa" OR "banjir")', "(gempa | banjir)"),
    ("banji*", '"banji"*', "banji:*"),
    ("covid-19 'AND' (x", '"covid 19" AND "x"', "(covid <-> 19) & x"),  # a lone stop word goes
    ("yang", '"yang"', "yang"),  # unless nothing else is left
    ("-only", None, None),
    ("", None, None),
])
def test_search_query_language(q: str, fts5: str | None, tsq: str | None) -> None:
    clauses = parse(q)
    assert to_fts5(clauses) == fts5
    assert to_tsquery(clauses) == tsq


def test_search_snippet_marks_original_words() -> None:
    paras = ["Pembuka yang panjang tanpa kata kunci sama sekali di sini.",
             "Pemerintah siap berdialog dengan sopir truk. Dialog digelar besok, [[bukan]] markup."]
    s = snippet(paras, _highlight_terms(parse("dialog")), words=12)
    assert "[[berdialog]]" in s and "[[Dialog]]" in s
    assert "[[bukan]]" not in s  # marker-like input text is defused
    assert s.startswith("…")
    assert snippet(paras, _highlight_terms(parse("zzz")), words=4) == "Pembuka yang panjang tanpa …"


def _articles() -> list[Article]:
    def art(i: int, title: str, body: str, outlet: str, published: str, lang: str = "id", **kw) -> Article:
        return Article(id=f"{i:016x}", source=f"t{i}.txt", format="text", language=lang, title=title, outlet=outlet,
                       published=published, paragraphs=[body], **kw)

    return [
        art(1, "Pemerintah Buka Pintu Dialog", "Pemerintah membuka peluang dialog dengan sopir truk.", "Kompas.com",
            "2021-10-13T09:30:00+07:00",
            entities=[Entity(text="Pemerintah", label="ORG", canonical="Pemerintah RI", paragraph=0, start=0, end=10)]),
        art(2, "Sopir Truk Berdialog dengan Menteri", "Para sopir truk berdialog dengan menteri di Jakarta.", "Tempo.co",
            "2021-10-14T10:00:00+07:00",
            quotes=[Quote(text="Kami siap berdialog", speaker="Budi Santoso", speaker_text="Budi", paragraph=0)]),
        art(3, "Kebijakan Baru Solar", "Kebijakan harga solar diumumkan. Warga menilai langkah itu bijak.", "Kompas.com",
            "2021-10-20T08:00:00+07:00"),
        art(4, "Government talks", "The government opened talks with truck drivers in Jakarta.", "Jakarta Post",
            "2021-10-21T08:00:00+07:00", lang="en"),
    ]


@pytest.fixture(params=["sqlite", "postgresql"])
def small_store(request: pytest.FixtureRequest, tmp_path: Path) -> Store:
    url = str(tmp_path / "s.db") if request.param == "sqlite" else request.getfixturevalue("pg_url")
    store = Store(url)
    store.write_batch([(None, a) for a in _articles()])
    return store


def _ids(store: Store, **kw) -> list[str]:
    return [r["id"][-1] for r in search(store, SearchQuery(**kw))["results"]]


def test_search_stemmed_matching_both_ways(small_store: Store) -> None:
    assert sorted(_ids(small_store, q="dialog")) == ["1", "2"]
    assert sorted(_ids(small_store, q="berdialog")) == ["1", "2"]
    assert sorted(_ids(small_store, q="bijak")) == ["3"]
    assert sorted(_ids(small_store, q="kebijakan")) == ["3"]
    assert _ids(small_store, q="dialog -menteri") == ["1"]
    assert sorted(_ids(small_store, q="solar OR talks")) == ["3", "4"]
    assert _ids(small_store, q='"truk berdialog"') == ["2"]
    assert sorted(_ids(small_store, q="dial*")) == ["1", "2"]


def test_search_title_ranks_first_and_snippets(small_store: Store) -> None:
    res = search(small_store, SearchQuery(q="berdialog"))
    assert res["total"] == 2
    scores = [r["score"] for r in res["results"]]
    assert scores == sorted(scores, reverse=True) and all(x >= 0 for x in scores)
    by_id = {r["id"][-1]: r["snippet"] for r in res["results"]}
    assert "[[berdialog]]" in by_id["2"] and "[[dialog]]" in by_id["1"]


def test_search_filters(small_store: Store) -> None:
    assert sorted(_ids(small_store, outlet="Kompas.com")) == ["1", "3"]
    assert _ids(small_store, language="en") == ["4"]
    assert _ids(small_store, q="jakarta", language="id") == ["2"]
    assert _ids(small_store, date_from="2021-10-14", date_to="2021-10-20") == ["3", "2"]  # newest first without q
    assert _ids(small_store, date_to="2021-10-13") == ["1"]
    assert _ids(small_store, entity="Pemerintah RI") == ["1"]
    assert _ids(small_store, speaker="Budi Santoso") == ["2"]
    res = search(small_store, SearchQuery(q="", limit=2, offset=1))
    assert res["total"] == 4 and [r["id"][-1] for r in res["results"]] == ["3", "2"]
    facets = search(small_store, SearchQuery(q="dialog"))["facets"]
    assert {f["value"]: f["count"] for f in facets["outlet"]} == {"Kompas.com": 1, "Tempo.co": 1}
    assert facets["entity"] == [{"value": "Pemerintah RI", "count": 1}]


@pytest.mark.parametrize("kw", [
    {"q": "dialog"}, {"q": "jakarta"}, {"q": "truk", "outlet": "Tempo.co"}, {"q": ""}, {"q": "", "language": "id"},
    {"q": "", "date_from": "2021-10-14"}, {"q": "dialog", "date_to": "2021-10-13"}, {"q": "", "entity": "Pemerintah RI"},
    {"q": "", "speaker": "Budi Santoso"}, {"q": "dialog", "outlet": "Nowhere"}, {"q": "", "limit": 1, "offset": 2},
])
def test_search_columns_path_matches_sql_path(tmp_path: Path, kw: dict) -> None:
    from kronik.store.search import _search_columns, _search_sql

    store = Store(str(tmp_path / "s.db"))
    store.write_batch([(None, a) for a in _articles()])
    sq = SearchQuery(**kw)
    clauses = parse(sq.q)
    with store.engine.connect() as conn:
        fast = _search_columns(store, conn, sq, clauses, sq.limit, sq.offset, True)
    slow = _search_sql(store, sq, clauses, sq.limit, sq.offset, True)
    assert [r["id"] for r in fast[0]] == [r["id"] for r in slow[0]]
    assert fast[1] == slow[1]
    if fast[2] and slow[2]:
        assert fast[2] == slow[2]


def test_search_sees_new_articles(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from kronik.store import columns

    monkeypatch.setattr(columns, "RECHECK", 0.0)  # no wait between checks for new articles
    store = Store(str(tmp_path / "s.db"))
    arts = _articles()
    store.write_batch([(None, a) for a in arts[:2]])
    assert search(store, SearchQuery(q="solar"))["total"] == 0
    store.write_batch([(None, a) for a in arts[2:]])
    assert search(store, SearchQuery(q="solar"))["total"] == 1
    assert search(store, SearchQuery(q="", date_from="2021-10-14T00:00:00+07:00"))["total"] == 3  # the SQL path

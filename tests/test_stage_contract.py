"""The stage registry keeps its word: what a stage declares it reads and writes is what it reads and writes,
stages pickle (they run in process pools and on Dask workers), give the same output twice, and record
their version in ``article.stages``."""

from __future__ import annotations

import pickle
from typing import Any

import pytest

from kronik.model import Article
from kronik.pipeline import DEFAULT_STAGES, EXTRACT_FIELDS, REGISTRY, _load_builtin_stages, check_order

BOOKKEEPING = {"stages"}
"""Written by the registry itself (the version record), not by a stage's own code."""

ARTICLES = [
    Article(id="a1", source="a1.txt", format="text", language="id", published="2024-04-23T10:00:00+07:00",
            paragraphs=[
                "JAKARTA, KOMPAS.com - Presiden Joko Widodo bertemu Menteri Luar Negeri Retno Marsudi, Senin (22/4).",
                '"Kami akan terus mendukung Palestina," kata Jokowi kepada wartawan pukul 10.00 WIB.',
                "Menurut Retno, Kementerian Luar Negeri (Kemenlu) akan memantau situasi sepekan ke depan.",
            ]),
    Article(id="a2", source="a2.txt", format="text", language="en", published="2024-04-23",
            paragraphs=[
                "President Joe Biden met Prime Minister Rishi Sunak at the White House on Monday.",
                '"We will keep supporting Ukraine," Biden told reporters. Sunak said talks were warm.',
            ]),
]


class Recorder:
    """An Article stand-in that notes every field read and written."""

    def __init__(self, article: Article) -> None:
        object.__setattr__(self, "_article", article)
        object.__setattr__(self, "read", set())
        object.__setattr__(self, "written", set())

    def __getattr__(self, name: str) -> Any:
        if name in Article.model_fields:
            self.read.add(name)
        return getattr(self._article, name)

    def __setattr__(self, name: str, value: Any) -> None:
        self.written.add(name)
        setattr(self._article, name, value)


def _stages():
    _load_builtin_stages()
    return [REGISTRY[name] for name in DEFAULT_STAGES]


def _prepared(article: Article, upto: str) -> Article:
    """The article as the stage finds it in the default order (every earlier stage has run)."""
    art = article.model_copy(deep=True)
    for st in check_order(DEFAULT_STAGES):
        if st.name == upto:
            break
        art = st.func(art)
    return art


@pytest.mark.parametrize("name", DEFAULT_STAGES)
@pytest.mark.parametrize("article", ARTICLES, ids=lambda a: a.language)
def test_declarations_match_reads_and_writes(name: str, article: Article) -> None:
    st = {s.name: s for s in _stages()}[name]
    rec = Recorder(_prepared(article, name))
    st.func(rec)  # type: ignore[arg-type]
    assert rec.read - BOOKKEEPING <= set(st.requires) | set(st.uses), f"{st.label} reads {sorted(rec.read - set(st.requires))} undeclared"
    assert rec.written - BOOKKEEPING == set(st.assigns), f"{st.label} writes {sorted(rec.written)}, declares {st.assigns}"


def test_every_declared_read_is_used_somewhere() -> None:
    """A declared input no article exercises is a stale declaration."""
    for st in _stages():
        seen: set[str] = set()
        for article in ARTICLES:
            rec = Recorder(_prepared(article, st.name))
            st.func(rec)  # type: ignore[arg-type]
            seen |= rec.read
        declared = set(st.requires) | set(st.uses)
        assert declared <= seen, f"{st.label} declares {sorted(declared - seen)} but never reads them"


def test_requires_are_available_in_default_order() -> None:
    available = set(EXTRACT_FIELDS)
    for st in check_order(DEFAULT_STAGES):
        assert set(st.requires) | set(st.uses) <= available
        available |= set(st.assigns)


def test_an_optional_input_must_not_come_later() -> None:
    assert [s.name for s in check_order(["quotes"])] == ["quotes"]  # entities are optional for quotes
    with pytest.raises(ValueError, match="run it first"):
        check_order(["quotes", "entities"])


@pytest.mark.parametrize("name", DEFAULT_STAGES)
def test_stage_pickles_and_is_deterministic(name: str) -> None:
    st = {s.name: s for s in _stages()}[name]
    func = pickle.loads(pickle.dumps(st.func))
    assert func is st.func
    for article in ARTICLES:
        a, b = _prepared(article, name), _prepared(article, name)
        out_a, out_b = st.func(a), func(b)
        assert out_a.model_dump() == out_b.model_dump()


def test_versions_are_recorded_once_in_order() -> None:
    art = ARTICLES[0].model_copy(deep=True)
    for st in check_order(DEFAULT_STAGES):
        art = st.func(art)
    labels = [st.label for st in check_order(DEFAULT_STAGES)]
    assert art.stages == labels
    art = check_order(["entities"])[0].func(art)  # a stage run again replaces its label, never duplicates it
    assert sorted(art.stages) == sorted(labels) and art.stages[-1] == "entities.v2"


def test_the_store_keeps_the_stage_versions(tmp_path) -> None:
    from kronik.store.db import open_store

    art = ARTICLES[0].model_copy(deep=True)
    for st in check_order(DEFAULT_STAGES):
        art = st.func(art)
    store = open_store(str(tmp_path / "k.db"))
    store.write_batch([(None, art)])
    (back,) = list(store.articles([art.id]))
    assert back.stages == art.stages == [st.label for st in check_order(DEFAULT_STAGES)]
    assert back.entities == art.entities and back.quotes == art.quotes and back.times == art.times

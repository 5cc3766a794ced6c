"""The corpus stages through the store: ingest extends events and stories incrementally."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from kronik.corpus import run_corpus
from kronik.corpus.incremental import update_store
from kronik.eval.clustermetrics import bcubed
from kronik.ingest import ingest
from kronik.store import open_store
from kronik.summarize import describe


def _inputs(corpus: Path) -> list[Path]:
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.name not in ("labels.jsonl", ".kronikignore")
                  and "README" not in p.name)


def _assignments(store) -> dict[str, tuple[str | None, str | None, str | None]]:
    return {a.id: (a.duplicate_of, a.event, a.story) for a in store.articles()}


def _gold(corpus: Path, store) -> tuple[dict[str, str], dict[str, str]]:
    labels = {}
    for line in (corpus / "labels.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            lab = json.loads(line)
            labels[lab["source"]] = lab
    ev, st = {}, {}
    root = corpus.resolve()
    for a in store.articles():
        base, _, rec = a.source.partition("#")
        rel = Path(base).resolve().relative_to(root).as_posix() + (f"#{rec}" if rec else "")
        if rel in labels:
            ev[a.id], st[a.id] = labels[rel]["event"], labels[rel]["story"]
    return ev, st


@pytest.fixture(scope="module")
def one_shot(corpus_dir: Path, tmp_path_factory: pytest.TempPathFactory):
    store = open_store(str(tmp_path_factory.mktemp("one") / "k.db"))
    ingest([corpus_dir], store)
    return store


def test_ingest_assigns_every_article_like_the_in_memory_pass(one_shot) -> None:
    stored = _assignments(one_shot)
    assert stored and all(ev and st for _, ev, st in stored.values())
    arts, events, stories, _ = run_corpus(list(one_shot.articles()))
    assert {a.id: (a.duplicate_of, a.event, a.story) for a in arts} == stored
    describe(arts, events, stories)  # as the store's pass does: titles are the events' central headlines
    db_events = {e.id: e for e in one_shot.events()}
    assert {e.id for e in events} == set(db_events)
    for e in events:
        assert sorted(db_events[e.id].articles) == sorted(e.articles)
        assert db_events[e.id].title == e.title and db_events[e.id].story == e.story
    assert {s.id: s.events for s in stories} == {s.id: s.events for s in one_shot.stories()}


def test_reingest_changes_nothing(one_shot, corpus_dir: Path) -> None:
    before = (_assignments(one_shot), one_shot.counts(), one_shot.corpus_state())
    rep = ingest([corpus_dir], one_shot)
    assert rep.articles == 0 and rep.corpus is not None and rep.corpus.articles == 0
    assert (_assignments(one_shot), one_shot.counts(), one_shot.corpus_state()) == before


def test_late_batches_extend_events_without_reclustering(corpus_dir: Path, tmp_path: Path, one_shot) -> None:
    """Files arriving in three shuffled batches (so many arrive after later-published ones): earlier
    events keep their ids and members, and quality stays close to clustering everything at once."""
    files = _inputs(corpus_dir)
    random.Random(7).shuffle(files)
    store = open_store(str(tmp_path / "k.db"))
    thirds = [files[i::3] for i in range(3)]
    seen: dict[str, list[str]] = {}
    for part in thirds:
        ingest(part, store)
        now = {e.id: e.articles for e in store.events()}
        for eid, members in seen.items():
            assert eid in now and set(members) <= set(now[eid])  # extended, never rebuilt
        seen = now
    assert all(ev for _, ev, _ in _assignments(store).values())
    gold_ev, gold_st = _gold(corpus_dir, store)
    pred = _assignments(store)
    inc_ev = bcubed(gold_ev, {k: v[1] for k, v in pred.items()})["f1"]
    inc_st = bcubed(gold_st, {k: v[2] for k, v in pred.items()})["f1"]
    ref = _assignments(one_shot)
    ref_ev = bcubed(gold_ev, {k: v[1] for k, v in ref.items()})["f1"]
    ref_st = bcubed(gold_st, {k: v[2] for k, v in ref.items()})["f1"]
    assert inc_ev >= ref_ev - 0.05 and inc_st >= ref_st - 0.08, (inc_ev, ref_ev, inc_st, ref_st)


def test_pending_articles_are_clustered_by_the_next_pass(corpus_dir: Path, tmp_path: Path, one_shot) -> None:
    """A run that stored articles but stopped before the corpus pass leaves them pending, not lost."""
    store = open_store(str(tmp_path / "k.db"))
    ingest([corpus_dir], store, cluster=False)
    assert all(ev is None for _, ev, _ in _assignments(store).values())
    assert store.counts()["events"] == 0
    rep = update_store(store)
    assert rep.articles == store.counts()["articles"]
    assert _assignments(store) == _assignments(one_shot)


def test_reset_reclusters_from_stored_features(one_shot, tmp_path: Path) -> None:
    before = _assignments(one_shot)
    rep = update_store(one_shot, reset=True)
    assert rep.articles == len(before)
    assert _assignments(one_shot) == before
    assert one_shot.counts()["events"] == len({v[1] for v in before.values()})


def test_cli_cluster_and_export(one_shot, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kronik.cli import app

    db = one_shot.url.removeprefix("sqlite:///")
    res = CliRunner().invoke(app, ["cluster", "--db", db])
    assert res.exit_code == 0, res.output
    res = CliRunner().invoke(app, ["export", "--db", db])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    assert doc["schema"] == "kronik/1" and doc["events"] and doc["stories"]
    ids = {a["id"] for a in doc["articles"]}
    assert all(set(e["articles"]) <= ids for e in doc["events"])
    assert any(a["entities"] for a in doc["articles"])  # annotations survive the store


def test_cluster_reset_with_new_thresholds_persists_them(corpus_dir: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from kronik.cli import app
    from kronik.corpus import load_state

    db = tmp_path / "k.db"
    store = open_store(str(db))
    ingest([corpus_dir], store)
    n_events = store.counts()["events"]
    strict = tmp_path / "strict.json"
    strict.write_text('{"event_threshold": 0.9}')
    res = CliRunner().invoke(app, ["cluster", "--db", str(db), "--reset", "--settings", str(strict)])
    assert res.exit_code == 0, res.output
    assert store.counts()["events"] > n_events  # a far stricter threshold: many more, smaller events
    assert load_state(store.corpus_state()).settings.event_threshold == 0.9
    res = CliRunner().invoke(app, ["cluster", "--db", str(db), "--settings", str(strict)])
    assert res.exit_code != 0  # new settings only with --reset
    bad = tmp_path / "bad.json"
    bad.write_text('{"num_perm": 64}')
    res = CliRunner().invoke(app, ["cluster", "--db", str(db), "--reset", "--settings", str(bad)])
    assert res.exit_code == 2 and "cannot change" in res.output
    bad.write_text('{"event_treshold": 0.2}')
    res = CliRunner().invoke(app, ["cluster", "--db", str(db), "--reset", "--settings", str(bad)])
    assert res.exit_code == 2 and "unknown" in res.output


def test_stored_events_and_stories_carry_summaries_and_timelines(one_shot) -> None:
    """The corpus pass describes what it touched: summaries cite stored articles and paragraphs."""
    arts = {a.id: a for a in one_shot.articles()}
    events = one_shot.events()
    assert all(e.summary for e in events)
    for e in events:
        for item in e.summary:
            a = arts[item["article"]]
            assert item["article"] in e.articles and a.duplicate_of is None
            assert item["text"] in a.paragraphs[item["paragraph"]]
    big = max(one_shot.stories(), key=lambda s: len(s.events))
    assert len(big.timeline) >= 3
    assert [t["date"] for t in big.timeline] == sorted(t["date"] for t in big.timeline)


def test_background_passes_during_a_pooled_ingest(corpus_dir: Path, tmp_path: Path, one_shot) -> None:
    """With the stages in a pool, corpus passes run in a background thread while batches are still
    being written: several passes ran, every article ends up assigned once, and re-clustering the store
    from its features gives the one-pass result exactly.  (Where each pass starts depends on timing, so
    quality is not asserted here; arrival in batches is scored in test_late_batches_extend_events...)"""
    store = open_store(str(tmp_path / "k.db"))
    rep = ingest([corpus_dir], store, jobs=2, batch_size=4, cluster_every=8)
    assert rep.passes >= 3
    got, ref = _assignments(store), _assignments(one_shot)
    assert set(got) == set(ref) and all(ev and st for _, ev, st in got.values())
    events = store.events()
    assert sorted(a for e in events for a in e.articles) == sorted(got)  # every article in exactly one event
    assert {e.id for e in events} == {ev for _, ev, _ in got.values()}
    assert {e for s in store.stories() for e in s.events} == {e.id for e in events}
    update_store(store, reset=True)
    assert _assignments(store) == ref


def test_a_failing_background_pass_stops_the_ingest_and_loses_nothing(corpus_dir: Path, tmp_path: Path, one_shot,
                                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    import kronik.ingest as ingest_mod

    real = ingest_mod.update_store
    calls = {"n": 0}

    def failing(store, settings=None, **kwargs):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise RuntimeError("corpus pass failed")
        return real(store, settings, **kwargs)

    store = open_store(str(tmp_path / "k.db"))
    monkeypatch.setattr(ingest_mod, "update_store", failing)
    with pytest.raises(RuntimeError, match="corpus pass failed"):
        ingest([corpus_dir], store, jobs=2, batch_size=4, cluster_every=8)
    stored = _assignments(store)
    assert stored and any(ev is None for _, ev, _ in stored.values())  # the rest waits, stored, for a pass
    monkeypatch.setattr(ingest_mod, "update_store", real)
    ingest([corpus_dir], store)
    assert store.counts()["articles"] == one_shot.counts()["articles"]
    assert all(ev and st for _, ev, st in _assignments(store).values())


def test_a_pass_describes_and_writes_only_what_its_new_articles_touched(corpus_dir: Path, tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    """The cost of a pass follows its new articles, not the store: one new article describes only the events
    whose articles changed, writes only the rows it touched, and saves the state as a delta."""
    import kronik.summarize as summarize
    from kronik.corpus import state as state_mod
    from kronik.store.db import Store

    monkeypatch.setattr(state_mod, "COMPACT_RATIO", 1e9)  # this small store would write a full blob again
    texts = [f for f in _inputs(corpus_dir) if f.suffix == ".txt"]  # one article a file
    store = open_store(str(tmp_path / "k.db"))
    ingest(texts[:-1], store)
    total = store.counts()["events"]
    assert total >= 20
    described: list[str] = []
    written: list[int] = []
    real_describe, real_apply = summarize.describe, Store.apply_corpus

    def counting_describe(articles, events, stories, settings=None, only=None):
        described.extend(e.id for e in events if only is None or e.id in only)
        return real_describe(articles, events, stories, settings, only)

    def counting_apply(self, assign, events, stories, *args, **kw):
        written.append(len(events))
        return real_apply(self, assign, events, stories, *args, **kw)

    monkeypatch.setattr(summarize, "describe", counting_describe)
    monkeypatch.setattr(Store, "apply_corpus", counting_apply)
    rows_before = len(store.corpus_states())
    rep = ingest(texts[-1:], store)
    assert rep.articles == 1 and rep.corpus is not None and rep.corpus.articles == 1
    new = next(a for a in store.articles() if Path(a.source).name == texts[-1].name)
    assert new.event in described
    assert len(described) <= 2 and 1 <= sum(written) <= 3, (described, written, total)
    assert len(store.corpus_states()) == rows_before + 1  # a delta row after the full blob
    ev = {e.id: e for e in store.events()}[new.event]
    assert ev.summary and new.id in ev.articles

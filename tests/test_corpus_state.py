"""Saved and resumed state: incremental runs equal one run in publication order; late arrivals land sensibly."""

from __future__ import annotations

import io
import zipfile

import numpy as np
import pytest

from kronik.corpus import article_features, load_state, run_corpus, save_state
from kronik.eval.clustermetrics import cluster_scores
from kronik.eval.clusters import load_corpus


@pytest.fixture(scope="module")
def corpus(corpus_dir):
    articles, labels = load_corpus(corpus_dir)
    inf = float("inf")
    times = {a.id: article_features(a).time for a in articles}
    articles.sort(key=lambda a: (times[a.id] if times[a.id] is not None else inf, a.id))
    return articles, labels, times


def assignments(arts):
    return {a.id: (a.event, a.duplicate_of, a.story) for a in arts}


def test_state_round_trip_is_pickle_free_and_complete(corpus) -> None:
    articles, _, _ = corpus
    _, _, _, state = run_corpus([a.model_copy() for a in articles])
    blob = save_state(state)
    with zipfile.ZipFile(io.BytesIO(blob)) as z:  # an .npz: JSON meta + plain arrays, no pickles
        assert "meta.npy" in z.namelist()
    back = load_state(blob)
    assert back.settings == state.settings
    assert back.clusters.n_docs == state.clusters.n_docs
    assert np.array_equal(back.clusters.df, state.clusters.df)
    assert back.clusters.article_event == state.clusters.article_event
    for eid, ev in state.clusters.events.items():
        b = back.clusters.events[eid]
        assert b.articles == ev.articles and b.keys == ev.keys and b.story == ev.story
        assert np.array_equal(b.t_idx, ev.t_idx) and np.array_equal(b.t_val, ev.t_val)
    assert back.dedup.root == state.dedup.root
    assert {k: v.events for k, v in back.stories.stories.items()} == {k: v.events for k, v in state.stories.stories.items()}


def test_a_then_b_equals_a_plus_b_when_b_is_later(corpus) -> None:
    articles, _, times = corpus
    dated = [a for a in articles if times[a.id] is not None]
    undated = [a for a in articles if times[a.id] is None]
    cut = int(len(dated) * 0.6)
    first, second = dated[:cut], dated[cut:] + undated
    whole, _, _, _ = run_corpus([a.model_copy() for a in articles])
    a_out, _, _, state = run_corpus([a.model_copy() for a in first])
    state = load_state(save_state(state))
    b_out, events, stories, state = run_corpus([a.model_copy() for a in second], state)
    assert assignments(a_out + b_out) == assignments(whole)
    # the second run reports the events its articles belong to, including ones the first run opened
    assert {a.event for a in b_out} == {e.id for e in events}
    assert {e.story for e in events} == {s.id for s in stories}


def test_late_arrivals_land_in_the_right_events(corpus) -> None:
    articles, labels, times = corpus
    dated = [a for a in articles if times[a.id] is not None]
    cut = len(dated) // 2
    later, earlier = dated[cut:], dated[:cut]  # the earlier half arrives second
    whole, _, _, _ = run_corpus([a.model_copy() for a in dated])
    r1, _, _, state = run_corpus([a.model_copy() for a in later])
    r2, _, _, state = run_corpus([a.model_copy() for a in earlier], load_state(save_state(state)))
    got = r1 + r2
    assert all(a.event and a.story for a in got)
    gold = {a.id: labels[a.id]["event"] for a in got}
    inc = cluster_scores(gold, {a.id: a.event for a in got})
    batch = cluster_scores(gold, {a.id: a.event for a in whole})
    assert inc["bcubed_f1"] >= batch["bcubed_f1"] - 0.05
    assert inc["pairwise_precision"] >= 0.9


def _canonical(state) -> tuple:
    """The whole state as comparable data (a full blob's meta without its id, and its arrays)."""
    import json

    from kronik.corpus.state import dump

    with np.load(io.BytesIO(dump(state, journal=False)), allow_pickle=False) as z:
        meta = json.loads(z["meta"].tobytes().decode("utf-8"))
        meta.pop("snap")
        return meta, {k: z[k].tobytes() for k in z.files if k != "meta"}  # bytes: NaN (undated) equals NaN


@pytest.mark.parametrize("order", ["published", "reversed"])
def test_deltas_continue_exactly_like_the_whole_state(corpus, order, monkeypatch) -> None:
    """A full blob and the deltas saved after each later batch load into exactly the state a full blob saved
    at the end gives, and that loaded state continues exactly like the one that never stopped."""
    from kronik.corpus import save_state_delta
    from kronik.corpus import state as state_mod

    monkeypatch.setattr(state_mod, "COMPACT_RATIO", 1e9)  # deltas all the way (a small corpus would compact)

    articles, _, _ = corpus
    arts = [a.model_copy() for a in (articles if order == "published" else articles[::-1])]
    batches = [arts[i:i + 7] for i in range(0, len(arts) - 14, 7)]
    _, _, _, state = run_corpus(batches[0])
    base, deltas = save_state(state), []
    for b in batches[1:]:
        _, _, _, state = run_corpus(b, state)
        d = save_state_delta(state)
        assert d is not None
        deltas.append(d)
        back = load_state(base, deltas)
        assert _canonical(back) == _canonical(state)
    rest = arts[len(batches) * 7:]
    a_out, _, _, a_state = run_corpus([a.model_copy() for a in rest], state)
    b_out, _, _, b_state = run_corpus([a.model_copy() for a in rest], load_state(base, deltas))
    assert assignments(a_out) == assignments(b_out)
    assert _canonical(a_state) == _canonical(b_state)


def test_a_delta_needs_its_own_base(corpus) -> None:
    from kronik.corpus import save_state_delta

    articles, _, _ = corpus
    _, _, _, state = run_corpus([a.model_copy() for a in articles[:10]])
    base = save_state(state)
    other = save_state(state)  # a newer full blob: the deltas after it do not continue ``base``
    _, _, _, state = run_corpus([a.model_copy() for a in articles[10:20]], state)
    d = save_state_delta(state)
    assert d is not None
    load_state(other, [d])
    with pytest.raises(ValueError, match="does not continue"):
        load_state(base, [d])

"""The learned event-link decision: pair features as the linker sees them, reproducible training, opt-in use."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from kronik.corpus import CorpusSettings, article_features, run_features
from kronik.corpus.linkmodel import FEATURES, LinkModel, Recorder, fit, link_decider, load_model, recording
from kronik.model import Article

TOPICS = {
    "quake": "earthquake struck coastal town rescue teams searched collapsed buildings survivors magnitude",
    "vote": "parliament voted budget bill opposition walked out finance minister deficit spending",
    "flood": "river flood submerged villages farmers crops evacuated shelters rainfall dam",
}


def _stream() -> tuple[list[Article], dict[str, str]]:
    """Three happenings, four reports each, on two days (words shared within a happening, not across)."""
    arts, gold = [], {}
    for t, (name, words) in enumerate(TOPICS.items()):
        w = words.split()
        for k in range(4):
            body = " ".join(w[k:] + w[:k]) + f" report {k} {name} update detail{k}"
            a = Article(id=f"{name}-{k}", source=f"s/{name}-{k}", format="text", language="en",
                        title=f"{w[0]} {w[1]} {w[2]} news {k}", published=f"2024-03-0{1 + (k + t) % 2}T0{k}:00:00Z",
                        paragraphs=[body, body.upper().lower() + " more words here"])
            arts.append(a)
            gold[a.id] = name
    return arts, gold


def _rows() -> tuple[np.ndarray, np.ndarray]:
    arts, gold = _stream()
    feats = [article_features(a, CorpusSettings()) for a in arts]
    with recording(Recorder(gold)) as rec:
        run_features(feats, settings=CorpusSettings())
    return rec.data()


def test_pair_features_of_the_decisions() -> None:
    x, y = _rows()
    assert x.shape[1] == len(FEATURES) and len(x) == len(y) and len(y) > 0
    assert set(np.unique(y)) <= {0, 1} and y.sum() > 0  # follow-ups of a happening are positives
    col = {k: x[:, i] for i, k in enumerate(FEATURES)}
    assert np.all((col["body"] >= 0) & (col["body"] <= 1 + 1e-6))
    assert np.all((col["decay"] > 0) & (col["decay"] <= 1))
    assert np.all(col["same_language"] == 1)  # one language
    # a positive pair is more alike in its words than a negative one
    assert col["body"][y == 1].mean() > col["body"][y == 0].mean()


def test_recording_ends_with_the_block() -> None:
    assert link_decider(CorpusSettings()) is None  # the hand-set rule is the default
    with recording(Recorder({})) as rec:
        assert link_decider(CorpusSettings()) is rec
    assert link_decider(CorpusSettings()) is None


def test_training_is_reproducible_and_the_model_round_trips(tmp_path: Path) -> None:
    x, y = _rows()
    m1, m2 = fit(x, y), fit(*_rows())
    assert np.array_equal(m1.coef, m2.coef) and m1.intercept == m2.intercept
    path = tmp_path / "links.json"
    path.write_text(json.dumps(m1.with_threshold(0.5).to_dict()), "utf-8")
    m3 = load_model(str(path))
    assert np.allclose(m3.coef, m1.coef, atol=1e-5) and m3.threshold == 0.5
    # opt-in through the settings: the stream clusters with the model, the same way twice
    arts, gold = _stream()
    feats = [article_features(a, CorpusSettings()) for a in arts]
    s = replace(CorpusSettings(), event_model=str(path))
    a1, _ = run_features(feats, settings=s)
    a2, _ = run_features(feats, settings=s)
    assert a1 == a2
    events = {a: v[1] for a, v in a1.items()}
    # the model keeps the three happenings apart
    for a in gold:
        for b in gold:
            if gold[a] != gold[b]:
                assert events[a] != events[b]


def test_a_missing_or_stale_model_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="not found"):
        load_model(str(tmp_path / "none.json"))
    bad = tmp_path / "old.json"
    d = LinkModel(("body",), np.zeros(1), np.ones(1), np.zeros(1), 0.0).to_dict()
    bad.write_text(json.dumps(d), "utf-8")
    with pytest.raises(ValueError, match="retrain"):
        load_model(str(bad))


def test_train_links_command_on_the_example_corpus(tmp_path: Path, corpus_dir: Path) -> None:
    from typer.testing import CliRunner

    from kronik.cli import app

    out = tmp_path / "links.json"
    runner = CliRunner()
    res = runner.invoke(app, ["train", "links", "--corpus", str(corpus_dir), "--data", str(tmp_path / "none"),
                              "--out", str(out), "--no-lodo", "--json"])
    assert res.exit_code == 0, res.output
    figures = json.loads(res.output)
    assert figures["datasets"]["corpus"]["positives"] > 0 and figures["lodo"] == {}
    assert load_model(str(out)).threshold == figures["model"]["threshold"]
    bad = runner.invoke(app, ["train", "links", "--corpus", str(tmp_path), "--data", str(tmp_path / "none"),
                              "--out", str(out)])
    assert bad.exit_code == 2  # no gold stream: a clear error, nothing written over

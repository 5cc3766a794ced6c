"""eval tls: the tilse-compatible metric, the news-tls protocol on a tiny topic, and one real topic when present."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronik.cli import app
from kronik.eval.tls import align_rouge, date_scores, evaluate_tls, prepared_topic, rouge_counts, rouge_tokens
from kronik.eval.tls_train import LEADS
from kronik.summarize.dates import FEATURES as DATE_FEATURES
from kronik.summarize.timeline import SENTENCE_FEATURES, model_from_json, shipped_model

runner = CliRunner()
D = date


def test_eval_tls_rouge_tokens_like_rouge155() -> None:
    # lowercase, SMART stop words out, hyphens split, WordNet exceptions, Porter for longer tokens
    assert rouge_tokens(["The flights were cancelled -LRB- again -RRB- ."]) == ["flight", "cancel", "lrb", "rrb"]
    assert rouge_tokens(["Children fled to Port-au-Prince ."]) == ["child", "flee", "port", "au", "princ"]
    assert rouge_counts(["oil spill grows"], ["the oil spill grows fast"], 2) == (2, 2, 3)


def test_eval_tls_alignment_scores() -> None:
    ref = {D(2010, 4, 20): ["Oil rig explodes in the Gulf ."], D(2010, 5, 2): ["Obama visits the coast ."]}
    same = align_rouge(ref, ref)
    assert same["rouge_1"]["f_score"] == pytest.approx(1.0)
    shifted = {D(2010, 4, 21): ["Oil rig explodes in the Gulf ."], D(2010, 5, 2): ["Obama visits the coast ."]}
    r1 = align_rouge(shifted, ref)["rouge_1"]
    assert r1["precision"] == pytest.approx((4 / 2 + 3) / 7)  # one day off: matched counts weigh 1/2
    assert date_scores(shifted, ref)["f_score"] == pytest.approx(0.5)
    assert align_rouge({}, ref)["rouge_2"]["f_score"] == 0.0


def _tiny_topic(root: Path, name: str = "spill_test", shift: int = 0) -> Path:
    """A tiny topic set; ``shift`` years later, so two sets are two different stories."""
    d = root / name
    d.mkdir(parents=True)
    y = 2010 + shift
    arts = [
        {"id": "1", "time": f"{y}-04-21", "text": "An oil rig exploded in the Gulf of Mexico on Tuesday , April 20 .\n"
                                                  "Eleven workers are missing after the blast on the rig .\nThe coast guard searched the area ."},
        {"id": "2", "time": f"{y}-04-23", "text": "The oil rig sank on Thursday after burning for two days .\n"
                                                  "Oil is leaking from the well into the Gulf .\nOfficials said the leak is small ."},
        {"id": "3", "time": f"{y}-04-30", "text": "The oil slick reached the coast of Louisiana on Friday .\n"
                                                  "The rig exploded on April 20 , killing eleven workers ."},
    ]
    (d / "articles.jsonl").write_text("\n".join(json.dumps(a) for a in arts), "utf-8")
    tl = [[f"{y}-04-20", ["An oil rig explodes in the Gulf of Mexico ."]],
          [f"{y}-04-22", ["The rig sinks ."]],
          [f"{y}-04-30", ["Oil reaches the Louisiana coast ."]]]
    (d / "timelines.jsonl").write_text(json.dumps(tl), "utf-8")
    return d


def test_eval_tls_two_tiny_topics_leave_one_topic_out(tmp_path: Path) -> None:
    _tiny_topic(tmp_path, "spill_test")
    _tiny_topic(tmp_path, "rig_test", shift=1)
    res = evaluate_tls(tmp_path, cache_dir=None)
    assert res["timelines"] == 2 and res["topics"] == 2
    assert set(res["per_topic"]) == {"spill_test", "rig_test"}
    for system in ("ours", "mention_count", "pub_lead"):
        assert set(res[system]) == {"rouge1_f", "rouge2_f", "date_f1"}
        assert set(res["per_topic"]["spill_test"][system]) == {"rouge1_f", "rouge2_f", "date_f1"}
    # a topic's model never saw its own references
    assert res["chosen"]["spill"]["trained_on"] == ["rig"] and res["chosen"]["rig"]["trained_on"] == ["spill"]
    assert res["ours"]["date_f1"] > 0.3 and 0.0 < res["ours"]["rouge1_f"] <= 1.0
    assert {"SUnSET (Qwen2.5-72B, paper)", "DATEWISE (paper)"} <= set(res["published"])


def test_eval_tls_one_topic_is_a_clear_error(tmp_path: Path) -> None:
    _tiny_topic(tmp_path)
    res = runner.invoke(app, ["eval", "tls", str(tmp_path)])
    assert res.exit_code == 2 and "two Timeline17 topics" in res.output


def test_prepared_topic_cache_round_trip(tmp_path: Path) -> None:
    folder = _tiny_topic(tmp_path / "data")
    first = prepared_topic(folder, tmp_path / "cache")
    assert len(list((tmp_path / "cache").glob("spill_test-*.pkl"))) == 1
    again = prepared_topic(folder, tmp_path / "cache")
    assert [d.article.id for d in again[0]] == [d.article.id for d in first[0]] and again[1] == first[1]
    assert again[0][0]._mentions is not None  # date mentions come from the cache too


def test_train_dates_writes_a_loadable_model(tmp_path: Path) -> None:
    _tiny_topic(tmp_path / "t17", "spill_test")
    _tiny_topic(tmp_path / "t17", "rig_test", shift=1)
    out = tmp_path / "model.json"
    res = runner.invoke(app, ["train", "dates", "--data", str(tmp_path), "--out", str(out), "--json"])
    assert res.exit_code == 0, res.output
    model = model_from_json(json.loads(out.read_text("utf-8")))
    assert model.sentences is not None and len(model.sentences) == len(SENTENCE_FEATURES)
    assert model.lead_sentences in LEADS


def test_shipped_timeline_model_loads() -> None:
    model = shipped_model()
    assert model.sentences is not None, "kronik/data/timeline_model.json is missing or stale: run `kronik train dates`"
    assert isinstance(model.dates, str) or len(model.dates) == len(DATE_FEATURES)


def test_eval_tls_cli_two_real_topics(shared_data: Path) -> None:
    t17 = shared_data / "t17"
    if not (t17 / "H1N1_guardian").is_dir() or not (t17 / "MJ_bbc").is_dir():
        pytest.skip("Timeline17 is absent")
    res = runner.invoke(app, ["eval", "tls", str(t17), "--topic", "H1N1_guardian", "--topic", "MJ_bbc", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert list(out["per_topic"]) == ["H1N1_guardian", "MJ_bbc"]
    assert out["chosen"]["H1N1"]["trained_on"] == ["MJ"]
    assert out["ours"]["rouge1_f"] > 0.08 and out["ours"]["date_f1"] > 0.4

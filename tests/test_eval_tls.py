"""eval tls: the tilse-compatible metric, the news-tls protocol on a tiny topic, and one real topic when present."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronik.cli import app
from kronik.eval.tls import align_rouge, date_scores, evaluate_tls, rouge_counts, rouge_tokens

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


def _tiny_topic(root: Path) -> Path:
    d = root / "spill_test"
    d.mkdir(parents=True)
    arts = [
        {"id": "1", "time": "2010-04-21", "text": "An oil rig exploded in the Gulf of Mexico on Tuesday , April 20 .\n"
                                                  "Eleven workers are missing after the blast on the rig .\nThe coast guard searched the area ."},
        {"id": "2", "time": "2010-04-23", "text": "The oil rig sank on Thursday after burning for two days .\n"
                                                  "Oil is leaking from the well into the Gulf .\nOfficials said the leak is small ."},
        {"id": "3", "time": "2010-04-30", "text": "The oil slick reached the coast of Louisiana on Friday .\n"
                                                  "The rig exploded on April 20 , killing eleven workers ."},
    ]
    (d / "articles.jsonl").write_text("\n".join(json.dumps(a) for a in arts), "utf-8")
    tl = [["2010-04-20", ["An oil rig explodes in the Gulf of Mexico ."]],
          ["2010-04-22", ["The rig sinks ."]],
          ["2010-04-30", ["Oil reaches the Louisiana coast ."]]]
    (d / "timelines.jsonl").write_text(json.dumps(tl), "utf-8")
    return d


def test_eval_tls_tiny_topic(tmp_path: Path) -> None:
    _tiny_topic(tmp_path)
    res = evaluate_tls(tmp_path)
    assert res["timelines"] == 1 and res["topics"] == 1
    assert set(res["per_topic"]) == {"spill_test"}
    assert res["date_f1"] > 0.3
    assert 0.0 < res["rouge1_f"] <= 1.0
    assert set(res["pub_lead"]) == {"rouge1_f", "rouge2_f", "date_f1"}


def test_eval_tls_cli_one_real_topic(shared_data: Path) -> None:
    t17 = shared_data / "t17"
    if not (t17 / "H1N1_guardian").is_dir():
        pytest.skip("Timeline17 is absent")
    res = runner.invoke(app, ["eval", "tls", str(t17), "--topic", "H1N1_guardian", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert list(out["per_topic"]) == ["H1N1_guardian"]
    assert out["rouge1_f"] > 0.08 and out["date_f1"] > 0.4

"""eval summaries: ROUGE arithmetic, the cross-fold protocol on tiny folds, and the CLI on IndoSum when present."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronik.cli import app
from kronik.eval.summaries import evaluate_summaries, lead, record_doc, rouge_l, rouge_n, rouge_tokens, textrank

runner = CliRunner()


def test_eval_summaries_rouge_arithmetic() -> None:
    pred, ref = "a b c d".split(), "a b x d".split()
    assert rouge_n(pred, ref, 1) == pytest.approx(0.75)
    assert rouge_n(pred, ref, 2) == pytest.approx(1 / 3)
    assert rouge_l(pred, ref) == pytest.approx(0.75)
    assert rouge_n([], ref, 1) == 0.0
    assert rouge_tokens([["Kata", ",", "Dia", "."]]) == ["kata", "dia"]


def _record(i: int, fold: int) -> dict:
    sents = [
        [["Pemerintah", "kota", f"X{i}", "meresmikan", "jembatan", "baru", "di", "pusat", "kota", "."]],
        [["Jembatan", "itu", "dibangun", "selama", "dua", "tahun", "dengan", "biaya", "besar", "."],
         ["Warga", "menyambut", "gembira", "peresmian", "jembatan", "tersebut", "."]],
        [["Baca", "juga", ":", "berita", "lain", "hari", "ini", "."]],
        [['"', "Kami", "senang", '"', ",", "kata", "warga", "."]],
    ]
    return {"id": f"{1490000000 + i}-jembatan-baru-kota-x{i}", "paragraphs": sents,
            "gold_labels": [[True], [True, False], [False], [False]],
            "summary": [sents[0][0], sents[1][0]], "fold": fold}


def test_eval_summaries_tiny_folds(tmp_path: Path) -> None:
    for f in range(1, 4):
        recs = [_record(i + 10 * f, f) for i in range(4)]
        if f == 3:
            recs.append(_record(11, 1))  # the same article in two folds: never trained on when evaluated
        (tmp_path / f"dev.0{f}.jsonl").write_text("\n".join(json.dumps(r) for r in recs), "utf-8")
    res = evaluate_summaries(tmp_path)
    assert res["n"] == 13
    for system in ("ours", "earlier_picker", "lead3", "textrank"):
        assert set(res[system]) == {"rouge1_f", "rouge2_f", "rougeL_f", "opening"}
        assert 0.0 <= res[system]["rouge1_f"] <= 1.0
    assert res["ours"]["rouge1_f"] >= res["lead3"]["rouge1_f"]  # learns that line 2 is the summary's
    doc = record_doc(_record(1, 1))
    assert lead(doc) == [0, 1, 2]
    assert len(textrank(doc)) == 3


def test_eval_summaries_cli_on_indosum(shared_data: Path) -> None:
    indosum = shared_data / "indosum"
    if not indosum.is_dir():
        pytest.skip("IndoSum is absent")
    res = runner.invoke(app, ["eval", "summaries", str(indosum), "--limit", "40", "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert out["n"] == 40
    assert {"ours", "lead3", "textrank"} <= set(out)
    assert out["lead3"]["rouge1_f"] > 0.4


def test_eval_summaries_cli_missing_folder(tmp_path: Path) -> None:
    res = runner.invoke(app, ["eval", "summaries", str(tmp_path)])
    assert res.exit_code == 2

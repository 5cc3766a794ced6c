"""kronik bench all --quick: the report is written with every section (no timing assertions)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from kronik.bench.report import SECTIONS, render_markdown
from kronik.cli import app


def test_bench_all_quick_writes_every_section(tmp_path: Path, shared_data: Path) -> None:
    out = tmp_path / "bench" / "report.md"
    res = CliRunner().invoke(app, ["bench", "all", "--quick", "--out", str(out), "--work", str(tmp_path / "work"),
                                   "--data", str(shared_data), "--json"])
    assert res.exit_code == 0, res.output
    figures = json.loads(res.stdout)
    text = out.read_text("utf-8")
    for title in SECTIONS:
        assert f"## {title}" in text
    assert "_not run yet_" not in text and "Partial report" not in text
    sections = {r["section"] for r in figures["records"]}
    assert {"meta", "stages", "e2e", "corpus", "done"} <= sections
    engines = {r["engine"] for r in figures["records"] if r["section"] == "e2e"}
    assert engines == {"local1", "local2", "dask2"} and not any("error" in r for r in figures["records"])
    assert figures["derived"]["projection"]["rows"]
    records = [json.loads(line) for line in out.with_suffix(".jsonl").read_text("utf-8").splitlines()]
    assert len(records) == len(figures["records"])


def test_a_partial_report_renders_and_says_so() -> None:
    records = [{"section": "meta", "machine": {"cpus": 2}, "argv": ["bench", "all"], "cluster_every": 10},
               {"section": "e2e", "engine": "local1", "kind": "local", "procs": 1, "articles": 100, "seconds": 2.0,
                "final": False, "cpu_tree_seconds": 2.1, "peak_rss_tree_mb": 300.0}]
    text = render_markdown(records)
    assert "Partial report" in text and "| local1 | 100 (checkpoint)" in text
    assert "_not run yet_" in text  # the stages and corpus sections

"""How the command line reads (issue 16): value names in ``--help`` a person can read (no ``<bool>``,
``<list[Path]>``), and the ingest progress bar's total (documents counted first, within a time budget)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from kronik.cli_ui import count_documents, readable

ROOT = Path(__file__).resolve().parents[1]


def _help(*cmd: str) -> str:
    env = {**os.environ, "COLUMNS": "160", "NO_COLOR": "1", "TERM": "dumb"}
    out = subprocess.run([sys.executable, "-m", "kronik", *cmd, "--help"], capture_output=True, text=True,
                         env=env, cwd=ROOT, timeout=60)
    assert out.returncode == 0, out.stderr
    return out.stdout


@pytest.mark.parametrize("cmd", [("ingest",), ("serve",), ("search",), ("export",), ("watch",)])
def test_help_shows_readable_value_names(cmd: tuple[str, ...]) -> None:
    text = _help(*cmd)
    for raw in ("<bool>", "<str>", "<int>", "<list[", "<Path>", "<float>"):
        assert raw not in text, (cmd, raw)


def test_ingest_help_names_paths_and_leaves_flags_bare() -> None:
    text = _help("ingest")
    assert "PATH..." in text and "TEXT" in text and "INTEGER" in text
    quiet = next(line for line in text.splitlines() if "--quiet" in line)
    assert "BOOLEAN" not in quiet and "No progress bar." in quiet


def test_readable_maps_typer_labels() -> None:
    assert readable("<bool>", flag=True) is None
    assert readable("<list[Path]>") == "PATH..."
    assert readable("<list[str]>", repeatable=True) == "TEXT"
    assert readable("<int range>") == "INTEGER"
    assert readable("<json|csv>") == "[json|csv]"
    assert readable(None) is None


def test_count_documents_gives_the_total_or_none_past_its_budget(corpus_dir: Path) -> None:
    from kronik.io.readers import read_documents

    n = count_documents([corpus_dir])
    assert n == sum(1 for _ in read_documents([corpus_dir])) and n > 50
    assert count_documents([corpus_dir], budget=-1.0) is None


def test_the_demo_prints_a_summary_not_evaluation_tables(tmp_path: Path) -> None:
    """Between "Store now holds ..." and the URL the demo prints a few lines: what was built and the most
    covered stories (run here on a store of the example corpus, exactly as the script runs it)."""
    script = (ROOT / "scripts" / "demo.sh").read_text()
    commands = [ln.strip() for ln in script.splitlines() if ln.strip().startswith(".venv/bin/")]
    assert not any(c.startswith(".venv/bin/kronik eval") for c in commands)
    summary = script.split("<<'PY'\n", 1)[1].split("\nPY\n", 1)[0]
    from kronik.ingest import ingest
    from kronik.store import Store

    db = tmp_path / "kronik.db"
    ingest([ROOT / "examples" / "corpus"], Store(str(db)))
    out = subprocess.run([sys.executable, "-", str(db)], input=summary, capture_output=True, text=True, timeout=120,
                         env={**os.environ, "PYTHONPATH": str(ROOT / "src")})
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].startswith("Built: 92 articles from ") and len(lines) <= 4
    assert all(ln.startswith(f"  {i}. ") for i, ln in enumerate(lines[1:], 1))

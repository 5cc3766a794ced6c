"""kronik eval html-meta: scoring rules, and the command on the example pages as a user runs it."""

import json
import subprocess
import sys
from pathlib import Path

from kronik.eval.htmlmeta import evaluate_html_meta, score_page

ROOT = Path(__file__).resolve().parents[1]
PAGES = ROOT / "examples" / "html-pages"


def test_score_page_compares_minute_and_offset_or_the_date_alone() -> None:
    gold = {"title": "Harga Naik", "published": "2016-02-16T14:11:00+07:00", "outlet": ["Kabar Senja", "Kabarsenja.co.id"]}
    ok = score_page(gold, {"title": "harga  naik", "published": "2016-02-16T14:11:00+07:00", "outlet": "kabarsenja.co.id"})
    assert ok == {"title": True, "date": True, "published": True, "outlet": True}
    utc = score_page(gold, {"title": "Harga Naik - Kabar Senja", "published": "2016-02-16T07:11:00+00:00", "outlet": None})
    assert utc == {"title": False, "date": True, "published": False, "outlet": False}
    date_only = {**gold, "published": "2016-02-16"}
    assert score_page(date_only, {"published": "2016-02-16T23:00:00+07:00"})["published"]
    assert not score_page(gold, {"published": "2016-02-16"})["published"]


def test_example_pages_meet_the_bar_and_trafilatura_runs_alongside() -> None:
    res = evaluate_html_meta([PAGES], shared=None)
    assert res["pages"] >= 20 and set(res["splits"]) == {"dev", "heldout", "stress"}
    for field in ("title", "published", "outlet"):
        assert res["all"]["kronik"][field] >= 0.95, field
    assert res["all"]["trafilatura"]["body_pages"] == res["all"]["kronik"]["body_pages"] == res["pages"]
    assert res["all"]["kronik"]["body_f1"] >= res["all"]["trafilatura"]["body_f1"]
    assert res["raised"] == {"kronik": 0, "kronik+htmldate": 0, "trafilatura": 0}


def test_cli_json_is_one_object(tmp_path: Path) -> None:
    gold = [json.loads(line) for line in (PAGES / "gold.jsonl").read_text("utf-8").splitlines()][:2]
    (tmp_path / "gold.jsonl").write_text("\n".join(json.dumps(g) for g in gold), "utf-8")
    for g in gold:
        (tmp_path / g["file"]).write_bytes((PAGES / g["file"]).read_bytes())
    out = subprocess.run([sys.executable, "-m", "kronik", "eval", "html-meta", str(tmp_path), "--shared", str(tmp_path / "none"), "--json"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    res = json.loads(out.stdout)
    assert res["pages"] == 2 and "shared pages skipped" in res["notes"][0]
    bad = subprocess.run([sys.executable, "-m", "kronik", "eval", "html-meta", str(tmp_path / "nowhere")],
                         capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "no gold.jsonl" in bad.stderr

"""Wire pages as text dumps: the glued header stamp, the dateline, the credit with promotions after it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from kronik.eval.wires import detokenise, gold_dateline
from kronik.extract.text import extract_text_document
from kronik.io.document import RawDocument

ROOT = Path(__file__).resolve().parents[1]
T17 = ROOT.parent / "shared" / "data" / "t17"

GLUED = ("Quake shakes northern islands: agency OSLO | Tue Mar 3, 2009 4:12 pm EST OSLO (Reuters) - A strong "
         "earthquake shook the northern islands on Tuesday, the national agency said, with no damage reported.\n\n"
         "Residents said the shaking lasted about twenty seconds and rattled windows across the harbour town.\n\n"
         "(Reporting by Kari Nordby; Editing by Tom Field) An ultra-low latency infrastructure for trading")


def _extract(text: str):
    return extract_text_document(RawDocument(source="t.txt", format="text", text=text))


def test_a_glued_wire_header_is_split_into_title_date_and_dateline() -> None:
    art = _extract(GLUED)
    assert art.title == "Quake shakes northern islands: agency"
    assert art.published == "2009-03-03T16:12:00-05:00"
    assert art.dateline == "OSLO" and "Reuters" in art.wire_sources
    assert art.paragraphs[0].startswith("OSLO (Reuters) - A strong earthquake")
    assert not any("Reporting by" in p or "latency" in p for p in art.paragraphs)


def test_a_line_with_a_bar_that_is_no_stamp_is_left_alone() -> None:
    from kronik.extract.text import _unglue_wire_header

    for line in ("Harga | Selasa naik lagi menurut data pasar",
                 # a stamp whose place does not open the lead again is no wire header
                 "OSLO | Tue Mar 3, 2009 4:12 pm EST Residents said the shaking lasted twenty seconds"):
        assert _unglue_wire_header([line, "Body."]) == [line, "Body."]


def test_gold_datelines_and_detokenising() -> None:
    assert detokenise("GENEVA -LRB- Reuters -RRB- - WHO said `` yes '' , it 's true .") == \
        'GENEVA (Reuters) - WHO said "yes", it\'s true.'
    assert gold_dateline("Title HONG KONG | Tue May 12, 2009 8:56 am EDT HONG KONG (Reuters) - A virus") == "HONG KONG"
    assert gold_dateline("June 3 | Thu Jun 3, 2010 9:10 am EDT June 3 (Reuters) - Oil") is None
    assert gold_dateline("No wire here - just text") is None


@pytest.mark.skipif(not T17.is_dir(), reason="Timeline17 not in ../shared/data")
def test_eval_wires_cli_on_timeline17() -> None:
    r = subprocess.run([sys.executable, "-m", "kronik", "eval", "wires", "--json"], capture_output=True, text=True,
                       cwd=ROOT, timeout=600)
    assert r.returncode == 0, r.stderr[-500:]
    d = json.loads(r.stdout)
    assert d["datelines"] > 300 and d["dateline_acc"] >= 0.8 and d["wire_acc"] >= 0.8
    assert d["baseline"]["dateline_acc"] == 0.0


def test_a_damaged_record_is_reported_and_skipped(tmp_path: Path) -> None:
    folder = tmp_path / "quake_reuters"
    folder.mkdir()
    good = {"id": 1, "text": "OSLO -LRB- Reuters -RRB- - A strong earthquake shook the islands on Tuesday .\n"
                            "-LRB- Reporting by Kari Nordby ; Editing by Tom Field -RRB-"}
    (folder / "articles.jsonl").write_text(
        json.dumps(good) + "\n{\"id\": 2, \"text\": \"cut off\n" + json.dumps({"id": 3}) + "\n", encoding="utf-8")
    r = subprocess.run([sys.executable, "-m", "kronik", "eval", "wires", "--t17", str(tmp_path), "--json"],
                       capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert r.returncode == 0, r.stderr[-500:]
    d = json.loads(r.stdout)
    assert d["articles"] == 1 and d["damaged_records"] == 2
    shown = subprocess.run([sys.executable, "-m", "kronik", "eval", "wires", "--t17", str(tmp_path)],
                           capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert "2 damaged record(s) skipped" in shown.stdout and "articles.jsonl:2" in shown.stdout

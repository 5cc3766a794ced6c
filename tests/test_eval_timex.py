"""The TimeML reader and the TempEval-3 style scorer of ``kronik eval timex``."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from kronik.eval.timex import (
    TIMEX_KEYS,
    Span,
    evaluate_timex,
    paragraphs_with_offsets,
    parse_timeml,
    render_timex,
    score_doc,
    timex_errors,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared" / "data"

TML = """<?xml version="1.0" ?>
<TimeML>
<DOCID>test-1</DOCID>
<DCT><TIMEX3 tid="t0" type="TIME" value="2021-4-23" temporalFunction="false" functionInDocument="CREATION_TIME">Jumat, 23 April 2021</TIMEX3></DCT>
<TITLE>Uji</TITLE>
<TEXT>
JAKARTA, KOMPAS.com - Banjir melanda &quot;Kemang&quot; <TIMEX3 tid="t1" type="DATE" value="2021-04-22">Kamis (22/4)</TIMEX3> malam. Air surut <TIMEX3 tid="t2" type="DURATION" value="PT3H">tiga jam</TIMEX3> kemudian.

Warga \u2019kecewa\u2019 karena banjir datang <TIMEX3 tid="t3" type="SET" value="P1Y">setiap tahun</TIMEX3>. Pesawat QZ 8501 tidak terkait.
</TEXT>
</TimeML>
"""


def test_parse_timeml_offsets_and_dct() -> None:
    doc = parse_timeml(TML, "t.tml")
    assert doc.dct == date(2021, 4, 23)
    assert [(g.text, g.type, g.value) for g in doc.gold] == [
        ("Kamis (22/4)", "DATE", "2021-04-22"), ("tiga jam", "DURATION", "PT3H"), ("setiap tahun", "SET", "P1Y")]
    for g in doc.gold:
        assert doc.text[g.start:g.end] == g.text
    assert '"Kemang"' in doc.text


def test_paragraphs_with_offsets() -> None:
    text = "\n  Satu dua.\nmasih satu.\n\n\n Dua. \n"
    paras = paragraphs_with_offsets(text)
    assert [p for _, p in paras] == ["Satu dua.\nmasih satu.", "Dua."]
    for off, p in paras:
        assert text[off:off + len(p)] == p


def test_score_doc_tempeval_counts() -> None:
    gold = [Span(0, 10, "DATE", "2021-04-22", ""), Span(20, 28, "DURATION", "PT3H", ""), Span(40, 52, "SET", "P1Y", "")]
    pred = [Span(0, 10, "DATE", "2021-04-22", ""),     # exact, right value
            Span(20, 24, "DURATION", "PT2H", ""),      # overlap, wrong value
            Span(60, 64, "DATE", "2014", "")]          # spurious
    c, errors = score_doc(gold, pred)
    assert (c.gold, c.predicted) == (3, 3)
    assert (c.strict_p, c.strict_r) == (1, 1)
    assert (c.relaxed_p, c.relaxed_r) == (2, 2)
    assert (c.value_p, c.value_r) == (1, 1)
    kinds = sorted(e["kind"] for e in errors)
    assert kinds == ["extent", "missed", "spurious", "value"]


def test_evaluate_timex_on_a_tiny_corpus(tmp_path: Path) -> None:
    (tmp_path / "a.tml").write_bytes(TML.encode("cp1252"))
    result = evaluate_timex(tmp_path)
    for k in TIMEX_KEYS:
        assert k in result and k in result["baseline"]
    assert result["gold"] == 3
    assert result["relaxed_f1"] == 1.0
    # "Kamis (22/4) malam" (a TIME, as we read it) overlaps the gold DATE: relaxed but not strict
    assert result["strict_f1"] < 1.0
    assert 0.0 <= result["baseline"]["relaxed_f1"] <= 1.0
    json.dumps(result)                               # the figures serialise; details stay out
    assert "errors" not in json.loads(json.dumps(result))
    assert any(e["kind"] == "extent" for e in timex_errors(result))


def test_render_timex(tmp_path: Path) -> None:
    from rich.console import Console

    (tmp_path / "a.tml").write_bytes(TML.encode("cp1252"))
    console = Console(record=True, width=120)
    render_timex(evaluate_timex(tmp_path), console, errors=True)
    out = console.export_text()
    assert "relaxed F1" in out and "dateparser" in out and "gold expressions" in out


@pytest.mark.skipif(not (SHARED / "indotimex" / "gold").is_dir(), reason="shared data not available")
def test_indotimex_gold() -> None:
    result = evaluate_timex(SHARED / "indotimex" / "gold")
    assert result["gold"] == 97          # TIMEX3 tags inside TEXT (the README says 75)
    assert result["relaxed_f1"] > result["baseline"]["relaxed_f1"]
    assert result["value_f1"] > result["baseline"]["value_f1"]

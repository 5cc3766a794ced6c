"""Quality gate: the quote stage on our labelled raw articles (tests/data/quotes) beats the bar.

The bar of the issue: direct-quote F1 >= 0.85 and speaker accuracy >= 0.90, on the
whole set and on each split (the held-out files were never inspected while tuning).
The best published English quote extractors reach about 0.84 F1 and 0.87 speaker accuracy.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from rich.console import Console

from kronik.eval.quotes import GOLD_FILE, evaluate_quotes, load_gold, match_quotes, naive_quotes

DATA = Path(__file__).resolve().parent / "data" / "quotes"
MIN_F1 = 0.85
MIN_SPEAKER = 0.90


@pytest.fixture(scope="module")
def result() -> dict:
    return evaluate_quotes(DATA, timing_runs=2)


def test_labelled_set_meets_the_bar(result: dict) -> None:
    assert result["articles"] >= 25 and result["quotes"] >= 120
    assert result["f1"] >= MIN_F1, result
    assert result["precision"] >= MIN_F1 and result["recall"] >= MIN_F1
    assert result["speaker_accuracy"] >= MIN_SPEAKER, result
    for name in ("dev", "heldout"):
        split = result["splits"][name]
        assert split["f1"] >= MIN_F1, (name, split)
        assert split["speaker_accuracy"] >= MIN_SPEAKER, (name, split)


def test_beats_the_naive_baseline(result: dict) -> None:
    base = result["baseline"]
    assert result["f1"] > base["f1"]
    assert result["speaker_accuracy"] > base["speaker_accuracy"] + 0.3


def test_indirect_speech_is_reported(result: dict) -> None:
    ind = result["indirect"]
    # Labelled by the real-news guidelines' convention (tests/data/quotes/README.md).
    assert ind["quotes"] >= 150
    assert ind["precision"] >= 0.9 and ind["recall"] >= 0.9 and ind["speaker_accuracy"] >= 0.9


def test_result_is_json_and_renders(result: dict) -> None:
    text = json.dumps(result)
    assert '"splits"' in text and "errors" not in json.loads(text)
    assert {"precision", "recall", "f1", "speaker_accuracy", "quotes", "articles", "splits"} <= set(result)
    console = Console(record=True, width=160)
    from kronik.eval.quotes import render_quotes

    render_quotes(result, console)
    out = console.export_text()
    assert "heldout" in out and "baseline" in out


def test_speed_is_reported(result: dict) -> None:
    assert result["ms_per_500_words"] > 0
    assert result["ms_per_500_words"] < 20  # generous: the figure itself is what we report


def test_matching_rule() -> None:
    gold = [{"text": "Kami sudah siap berangkat besok pagi", "paragraph": 2}]
    near = [{"text": "Kami sudah siap berangkat besok pagi,", "paragraph": 2}]
    other_para = [{"text": "Kami sudah siap berangkat besok pagi", "paragraph": 3}]
    too_long = [{"text": "Kami sudah siap berangkat besok pagi " + "dan " * 10 + "lain lain lain lain", "paragraph": 2}]
    too_short = [{"text": "Kami", "paragraph": 2}]
    assert match_quotes(near, gold) == [(0, 0)]
    assert match_quotes(other_para, gold) == []
    assert match_quotes(too_long, gold) == []
    assert match_quotes(too_short, gold) == []


def test_naive_baseline_takes_every_quoted_span() -> None:
    q = naive_quotes(['Ia menyebut situasi "mencekam". "Kami siap," kata Budi Santoso.'])
    assert [x.text for x in q] == ["mencekam", "Kami siap"]


# --------------------------------------------------------------------------- the labelled set itself

_MARKS = re.compile(r'["“”]')


def _norm(s: str) -> str:
    return re.sub(r"\s+", " ", s).strip()


def test_gold_file_is_consistent() -> None:
    records = load_gold(DATA)
    assert (DATA / GOLD_FILE).is_file()
    files = {r["file"] for r in records}
    assert len(files) == len(records)
    assert {r["split"] for r in records} == {"dev", "heldout"}
    heldout = [r for r in records if r["split"] == "heldout"]
    assert len(heldout) >= len(records) // 4
    assert sum(r["language"] == "en" for r in records) >= 3
    for r in records:
        lines = [_norm(x) for x in (DATA / r["file"]).read_text(encoding="utf-8").splitlines() if x.strip()]
        for q in r["quotes"]:
            assert set(q) == {"text", "speaker", "speaker_text", "paragraph_prefix", "direct"}
            hits = [ln for ln in lines if q["text"] in ln]
            assert len(hits) == 1, (r["file"], q["text"])
            assert hits[0].startswith(q["paragraph_prefix"])


def test_gold_covers_the_hard_shapes() -> None:
    records = load_gold(DATA)
    quotes = [q for r in records for q in r["quotes"]]
    direct = [q for q in quotes if q["direct"]]
    # Multi-sentence quotes.
    assert sum(1 for q in direct if re.search(r"[.?!] [A-Z]", q["text"])) >= 40
    # Pronoun attributions (ujarnya, kata dia, she said ...).
    assert sum(1 for q in direct if q["speaker_text"] in ("-nya", "dia", "Ia", "ia", "he", "she", "He", "beliau")) >= 30
    # Multi-paragraph quotes: a gold quote on a paragraph that opens a quote and never closes it.
    opened = 0
    for r in records:
        lines = [_norm(x) for x in (DATA / r["file"]).read_text(encoding="utf-8").splitlines() if x.strip()]
        for q in r["quotes"]:
            line = next(ln for ln in lines if q["text"] in ln)
            if len(_MARKS.findall(line)) % 2 == 1:
                opened += 1
    assert opened >= 6
    # Organisations speak too; unnamed speakers are null.
    assert any(q["speaker"] and q["speaker"].startswith(("Kementerian", "PT ", "Pusat")) for q in direct)
    assert any(q["speaker"] is None for q in direct)
    # Scare quotes / titles / nicknames in the body, and quoted headlines in boilerplate, are not gold.
    # (A scare quote inside reported speech stays in the indirect gold's text: count against direct gold only.)
    gold_texts = [q["text"] for q in direct]
    scare = boiler = 0
    for r in records:
        for line in (DATA / r["file"]).read_text(encoding="utf-8").splitlines():
            for m in re.finditer(r'["“]([^"“”]{1,60})["”]', line):
                if not any(m.group(1).strip(" ,") in g or g in m.group(1) for g in gold_texts):
                    if line.rstrip().endswith((".", '."', ".”")):
                        scare += 1
                    else:
                        boiler += 1
    assert scare >= 30 and boiler >= 30

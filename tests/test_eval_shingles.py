"""The benchmark scorer, on hand-made cases with known numbers (and a small real subset when present)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kronik.eval.shingles import (
    accuracy,
    bootstrap_std,
    metrics_from_counts,
    ngrams,
    precision_score,
    recall_score,
    shingle_matching,
)

SHARED = Path(__file__).parents[1] / ".." / "shared" / "data"


def _pr(true: str, pred: str) -> tuple[float, float]:
    c = shingle_matching(true, pred)
    return precision_score(*c), recall_score(*c)


def test_identical_scores_one() -> None:
    text = "Banjir merendam ratusan rumah di Jakarta Timur pada Senin pagi."
    assert shingle_matching(text, text) == (1.0, 0.0, 0.0)
    assert _pr(text, text) == (1.0, 1.0)
    assert metrics_from_counts([shingle_matching(text, text)]) == {"f1": 1.0, "precision": 1.0, "recall": 1.0}
    assert accuracy(text, " ".join(text.split())) == 1.0


def test_disjoint_scores_zero() -> None:
    c = shingle_matching("satu dua tiga empat lima", "enam tujuh delapan sembilan sepuluh")
    assert c[0] == 0.0
    assert _pr("satu dua tiga empat lima", "enam tujuh delapan sembilan sepuluh") == (0.0, 0.0)
    assert metrics_from_counts([c])["f1"] == 0.0


def test_both_empty_scores_one_per_page_and_is_left_out_of_the_means() -> None:
    c = shingle_matching("", "")
    assert c == (0.0, 0.0, 0.0)
    assert precision_score(*c) == 1.0 and recall_score(*c) == 1.0
    # As in the original evaluate.py, the page has tp+fp == tp+fn == 0 and so enters neither mean.
    half = shingle_matching("a b c d e", "a b c d x")
    assert metrics_from_counts([c, half]) == metrics_from_counts([half])


def test_partial_known_numbers() -> None:
    # true shingles: abcd, bcde; predicted: abcd, bcdx -> tp 1, fp 1, fn 1, normalised to thirds.
    tp, fp, fn = shingle_matching("a b c d e", "a b c d x")
    assert (tp, fp, fn) == pytest.approx((1 / 3, 1 / 3, 1 / 3))
    assert _pr("a b c d e", "a b c d x") == pytest.approx((0.5, 0.5))
    # 3 true shingles, 2 predicted, both right: P 1, R 2/3, F1 0.8.
    m = metrics_from_counts([shingle_matching("a b c d e f", "a b c d e")])
    assert m["precision"] == pytest.approx(1.0)
    assert m["recall"] == pytest.approx(2 / 3)
    assert m["f1"] == pytest.approx(0.8)


def test_multiplicity_counts() -> None:
    # "a b c d a b c d" has abcd twice; predicting it once recovers 1 of 5 shingles.
    assert ngrams("a b c d a b c d").count(("a", "b", "c", "d")) == 2
    p, r = _pr("a b c d a b c d", "a b c d")
    assert p == pytest.approx(1.0)
    assert r == pytest.approx(0.2)


def test_fewer_than_four_tokens_is_one_short_shingle() -> None:
    assert ngrams("a b") == [("a", "b")]
    assert ngrams("") == []
    assert _pr("a b", "a b") == (1.0, 1.0)
    assert _pr("a b", "a b c") == (0.0, 0.0)  # (a, b) vs (a, b, c): different shingles


def test_tokens_are_unicode_word_runs() -> None:
    assert ngrams("Привет, мир! Как дела?") == [("Привет", "мир", "Как", "дела")]
    assert ngrams("Jum'at (24/1) pukul 10.00") == [("Jum", "at", "24", "1"), ("at", "24", "1", "pukul"),
                                                   ("24", "1", "pukul", "10"), ("1", "pukul", "10", "00")]


def test_means_over_pages() -> None:
    perfect = shingle_matching("a b c d e", "a b c d e")
    nothing = shingle_matching("a b c d e", "")
    assert nothing == (0.0, 0.0, 1.0)
    m = metrics_from_counts([perfect, nothing])
    assert m["precision"] == 1.0  # the empty prediction enters recall only
    assert m["recall"] == 0.5
    assert m["f1"] == pytest.approx(2 / 3)


def test_bootstrap_is_seeded() -> None:
    counts = [shingle_matching("a b c d e f g", p) for p in ("a b c d e f g", "a b c d", "x y z w", "b c d e f g h")]
    assert bootstrap_std(counts, 50, seed=1) == bootstrap_std(counts, 50, seed=1)
    assert bootstrap_std(counts, 50, seed=1)["f1"] > 0


def test_evaluate_extraction_on_a_few_real_pages(tmp_path: Path) -> None:
    bench = SHARED / "article-extraction-benchmark"
    if not (bench / "ground-truth.json").is_file():
        pytest.skip("shared data not present")
    from kronik.eval.extraction import evaluate_extraction

    truth = json.loads((bench / "ground-truth.json").read_text("utf-8"))
    keys = sorted(truth)[:3]
    (tmp_path / "html").mkdir()
    for k in keys:  # link, never copy, the shared pages
        (tmp_path / "html" / f"{k}.html.gz").symlink_to((bench / "html" / f"{k}.html.gz").resolve())
    (tmp_path / "ground-truth.json").write_text(json.dumps({k: truth[k] for k in keys}), "utf-8")
    res = evaluate_extraction(tmp_path)
    assert res["pages"] == 3
    for key in ("f1", "baseline_f1", "precision", "recall", "baseline_precision", "baseline_recall"):
        assert 0.0 <= res[key] <= 1.0
    assert set(res["indonesian"]) >= {"f1", "baseline_f1", "pages"}
    assert res["baseline_call"] == "trafilatura.extract(html, include_comments=False)"
    json.dumps(res)

"""``kronik eval extraction``: HTML main-text shingle F1 on the Zyte benchmark, ours vs trafilatura.

Scored exactly like the benchmark's ``evaluate.py`` (see ``kronik.eval.shingles``).
Ours is ``extract_html_document`` with the kept paragraphs joined by newlines;
the baseline is the call the benchmark's own ``extractors/run_trafilatura.py``
makes.  Pages where an extractor raised or returned nothing are scored as empty
predictions (recall 0, excluded from precision, as in the original) and counted.
"""

from __future__ import annotations

import gzip
import json
import random
import statistics
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kronik.eval.langguess import guess_language
from kronik.eval.result import EvalResult
from kronik.eval.shingles import (
    TpFpFn,
    accuracy,
    bootstrap_std,
    metrics_from_counts,
    precision_score,
    recall_score,
    shingle_matching,
)

BASELINE_CALL = "trafilatura.extract(html, include_comments=False)"
N_BOOTSTRAP = 200
SEED = 13


def _ours(path: Path, html: str) -> str:
    from kronik.extract.html import extract_html_document
    from kronik.io.readers import RawDocument

    article = extract_html_document(RawDocument(source=str(path), format="html", text=html))
    return "\n".join(article.paragraphs)


def _baseline(html: str) -> str:
    import trafilatura

    return trafilatura.extract(html, include_comments=False) or ""


def _summary(counts: list[TpFpFn], accs: list[float], seed: int) -> dict[str, float]:
    m = metrics_from_counts(counts)
    std = bootstrap_std(counts, N_BOOTSTRAP, seed)
    m.update({f"{k}_std": v for k, v in std.items()})
    m["accuracy"] = statistics.mean(accs) if accs else 0.0
    return m


def _paired_diff_std(ours: list[TpFpFn], base: list[TpFpFn], seed: int) -> float:
    """Bootstrap std of F1(ours) - F1(baseline) over the same resampled pages."""
    n = len(ours)
    if n < 2:
        return 0.0
    rng = random.Random(seed)
    diffs = []
    for _ in range(N_BOOTSTRAP):
        idx = [rng.randint(0, n - 1) for _ in range(n)]
        diffs.append(metrics_from_counts([ours[i] for i in idx])["f1"] - metrics_from_counts([base[i] for i in idx])["f1"])
    return statistics.stdev(diffs)


def _subset(rows: list[dict[str, Any]], keep: Any) -> dict[str, Any]:
    sel = [r for r in rows if keep(r)]
    ours = _summary([r["ours"] for r in sel], [r["ours_acc"] for r in sel], SEED)
    base = _summary([r["base"] for r in sel], [r["base_acc"] for r in sel], SEED)
    return {
        "pages": len(sel),
        "f1": ours["f1"], "precision": ours["precision"], "recall": ours["recall"], "f1_std": ours["f1_std"],
        "baseline_f1": base["f1"], "baseline_precision": base["precision"], "baseline_recall": base["recall"],
        "baseline_f1_std": base["f1_std"],
    }


def _page_f1(c: TpFpFn) -> float:
    p, r = precision_score(*c), recall_score(*c)
    return 2 * p * r / (p + r) if p + r else 0.0


def evaluate_extraction(bench_dir: Path) -> EvalResult:
    """Score ours and plain trafilatura on every page of the benchmark folder."""
    import trafilatura

    bench_dir = Path(bench_dir)
    truth: dict[str, dict[str, Any]] = json.loads((bench_dir / "ground-truth.json").read_text("utf-8"))
    rows: list[dict[str, Any]] = []
    t_ours = t_base = 0.0
    ours_raised: list[str] = []
    ours_empty: list[str] = []
    base_raised: list[str] = []
    base_empty: list[str] = []
    missing_html: list[str] = []
    for key in sorted(truth):
        true = truth[key].get("articleBody", "") or ""
        path = bench_dir / "html" / f"{key}.html.gz"
        if not path.is_file():
            missing_html.append(key)
            html = ""
        else:
            with gzip.open(path, "rt", encoding="utf8") as fh:
                html = fh.read()
        t0 = time.perf_counter()
        try:
            pred = _ours(path, html) if html else ""
        except Exception:  # one bad page must not stop the run: counted, scored as empty
            pred = ""
            ours_raised.append(key)
        t1 = time.perf_counter()
        try:
            base = _baseline(html) if html else ""
        except Exception:  # counted, scored as empty
            base = ""
            base_raised.append(key)
        t2 = time.perf_counter()
        t_ours += t1 - t0
        t_base += t2 - t1
        if not pred.strip() and key not in ours_raised:
            ours_empty.append(key)
        if not base.strip() and key not in base_raised:
            base_empty.append(key)
        rows.append({
            "id": key, "lang": guess_language(true), "url": truth[key].get("url", ""),
            "ours": shingle_matching(true, pred), "base": shingle_matching(true, base),
            "ours_acc": accuracy(true, pred), "base_acc": accuracy(true, base),
        })

    ours = _summary([r["ours"] for r in rows], [r["ours_acc"] for r in rows], SEED)
    base = _summary([r["base"] for r in rows], [r["base_acc"] for r in rows], SEED)
    languages: dict[str, int] = {}
    for r in rows:
        languages[str(r["lang"])] = languages.get(str(r["lang"]), 0) + 1
    per_page = sorted(
        ({"id": r["id"], "url": r["url"], "lang": r["lang"], "f1": _page_f1(r["ours"]), "baseline_f1": _page_f1(r["base"])}
         for r in rows),
        key=lambda x: x["f1"] - x["baseline_f1"])
    figures = {
        "pages": len(rows),
        "f1": ours["f1"], "precision": ours["precision"], "recall": ours["recall"],
        "f1_std": ours["f1_std"], "precision_std": ours["precision_std"], "recall_std": ours["recall_std"],
        "accuracy": ours["accuracy"],
        "baseline_f1": base["f1"], "baseline_precision": base["precision"], "baseline_recall": base["recall"],
        "baseline_f1_std": base["f1_std"], "baseline_precision_std": base["precision_std"],
        "baseline_recall_std": base["recall_std"], "baseline_accuracy": base["accuracy"],
        "f1_diff_std": _paired_diff_std([r["ours"] for r in rows], [r["base"] for r in rows], SEED),
        "non_english": _subset(rows, lambda r: r["lang"] != "en"),
        "indonesian": _subset(rows, lambda r: r["lang"] == "id"),
        "languages": dict(sorted(languages.items(), key=lambda kv: -kv[1])),
        "failures": {
            "ours_raised": len(ours_raised), "ours_empty": len(ours_empty),
            "baseline_raised": len(base_raised), "baseline_empty": len(base_empty),
            "missing_html": len(missing_html),
            "ours_failed_ids": sorted(ours_raised + ours_empty),
        },
        "baseline_call": BASELINE_CALL,
        "trafilatura_version": getattr(trafilatura, "__version__", "?"),
        "bootstrap": {"resamples": N_BOOTSTRAP, "seed": SEED},
        "seconds": {"ours": round(t_ours, 3), "baseline": round(t_base, 3)},
    }
    return EvalResult(figures, {"per_page": per_page})


def _f(x: float) -> str:
    # Truncate, never round up, to three decimals.
    return f"{int(x * 1000) / 1000:.3f}"


def render_extraction(result: dict[str, Any], console: Console) -> None:
    table = Table(title=f"HTML main-text extraction, shingle F1 ({result['pages']} pages, article-extraction-benchmark)")
    table.add_column("subset")
    table.add_column("pages", justify="right")
    table.add_column("extractor")
    table.add_column("precision", justify="right")
    table.add_column("recall", justify="right")
    table.add_column("F1 ± std", justify="right")
    table.add_row("all", str(result["pages"]), "kronik", _f(result["precision"]), _f(result["recall"]),
                  f"[bold]{_f(result['f1'])}[/bold] ± {_f(result['f1_std'])}")
    table.add_row("", "", "trafilatura", _f(result["baseline_precision"]), _f(result["baseline_recall"]),
                  f"{_f(result['baseline_f1'])} ± {_f(result['baseline_f1_std'])}", end_section=True)
    for name in ("non_english", "indonesian"):
        sub = result[name]
        table.add_row(name.replace("_", "-"), str(sub["pages"]), "kronik", _f(sub["precision"]), _f(sub["recall"]),
                      f"[bold]{_f(sub['f1'])}[/bold] ± {_f(sub['f1_std'])}")
        table.add_row("", "", "trafilatura", _f(sub["baseline_precision"]), _f(sub["baseline_recall"]),
                      f"{_f(sub['baseline_f1'])} ± {_f(sub['baseline_f1_std'])}", end_section=True)
    console.print(table)
    fail = result["failures"]
    diff = result["f1"] - result["baseline_f1"]
    console.print(
        f"F1 difference kronik − trafilatura: {diff:+.4f} (paired bootstrap std {result['f1_diff_std']:.4f}); "
        f"exact-match accuracy {_f(result['accuracy'])} vs {_f(result['baseline_accuracy'])}.", highlight=False)
    console.print(
        f"Baseline call: [cyan]{result['baseline_call']}[/cyan] (trafilatura {result['trafilatura_version']}). "
        f"Std: {result['bootstrap']['resamples']} bootstrap resamples of pages, seed {result['bootstrap']['seed']}. "
        "Values truncated to 3 decimals.", highlight=False)
    console.print(
        f"Failures: kronik raised on {fail['ours_raised']} and returned nothing on {fail['ours_empty']} pages; "
        f"trafilatura raised on {fail['baseline_raised']}, returned nothing on {fail['baseline_empty']}; "
        f"missing HTML files: {fail['missing_html']}.", highlight=False)
    if fail["ours_failed_ids"]:
        console.print("  kronik failed on: " + ", ".join(i[:12] for i in fail["ours_failed_ids"]), highlight=False)
    per_page = (getattr(result, "details", None) or {}).get("per_page", [])
    worst = [p for p in per_page if p["f1"] < p["baseline_f1"]][:10]
    if worst:
        wt = Table(title=f"Pages where kronik loses most to trafilatura ({len(worst)} of "
                         f"{sum(1 for p in per_page if p['f1'] < p['baseline_f1'])} pages where it loses)")
        wt.add_column("page", overflow="fold")
        wt.add_column("lang")
        wt.add_column("kronik F1", justify="right")
        wt.add_column("trafilatura F1", justify="right")
        for p in worst:
            wt.add_row(p["url"] or p["id"], str(p["lang"]), _f(p["f1"]), _f(p["baseline_f1"]))
        console.print(wt)
    langs = ", ".join(f"{k} {v}" for k, v in result["languages"].items())
    console.print(f"Languages (guessed from the ground truth): {langs}. "
                  f"Time: kronik {result['seconds']['ours']:.1f} s, trafilatura {result['seconds']['baseline']:.1f} s.",
                  highlight=False)

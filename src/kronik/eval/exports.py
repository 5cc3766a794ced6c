"""``kronik eval export``: an export read whole and right, scored against its own values read correctly.

The truth is the export itself, read by a reference reader that is told the
file's conventions (the date column's ``strptime`` format and zone, the
outlet every row belongs to), while Kronik reads the same file knowing none
of that (``auto`` everywhere).  Scored per input row: is the row's article
there (nothing lost), and are its publication date and time (to the minute,
with the offset), outlet and title right.  The same rows are also written as
JSON lines, as a user converting the file would, and read again: both must
give the same articles.

Baseline in the same run: the per-value reading Kronik used before
(day-first unless the first number is above 12, the time dropped when no
zone was known), scored on the same rows.
"""

from __future__ import annotations

import csv
import json
import sys
import tempfile
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kronik.eval.result import EvalResult
from kronik.extract.dates import offset_zone
from kronik.io.dateorder import parse_numeric
from kronik.io.readers import FieldMap
from kronik.model import Article, Problem


@dataclass(frozen=True)
class Truth:
    """How to read the export correctly (the defaults describe ``real-news/detik-2025-10-20.csv``)."""

    title_column: str = "judul"
    date_column: str = "tanggal"
    url_column: str = "tautan"
    date_format: str = "%m/%d/%Y %H:%M"
    zone: str = "+07:00"
    outlet: str = "Detik.com"


def _true_published(raw: str, truth: Truth) -> str:
    dt = datetime.strptime(raw.strip(), truth.date_format).replace(tzinfo=offset_zone(truth.zone))
    return dt.isoformat()


def _minute(published: str | None) -> str | None:
    """``2025-10-20T21:36:00+07:00`` -> ``2025-10-20T21:36+07:00`` (seconds are not compared)."""
    if not published or len(published) < 16:
        return published
    return published[:16] + published[19:] if published[16:19].startswith(":") else published


def _norm(text: str | None) -> str:
    return " ".join((text or "").split())


def _baseline_published(raw: str) -> str | None:
    """Before this change: each value day-first unless impossible; no zone known, so the date alone."""
    nd = parse_numeric(raw)
    if nd is None:
        return None
    d = nd.as_date("MDY" if nd.b > 12 else "DMY")
    return d.isoformat() if d else None


def _read(paths: list[Path]) -> tuple[list[Article], list[Problem]]:
    from kronik.pipeline import Settings, analyze

    arts: list[Article] = []
    probs: list[Problem] = []
    for _, res in analyze(paths, fields=FieldMap(), settings=Settings(stages=())):
        (arts if isinstance(res, Article) else probs).append(res)
    return arts, probs


def _score(rows: list[dict[str, str]], arts: list[Article], probs: list[Problem], source: str,
           truth: Truth) -> dict[str, Any]:
    by_row: dict[int, Article] = {}
    for art in arts:
        for src in art.sources or [art.source]:
            if src.startswith(source + "#"):
                by_row[int(src.rsplit("#", 1)[1])] = art
    right = {"published": 0, "outlet": 0, "title": 0}
    misses: list[dict[str, Any]] = []
    for n, row in enumerate(rows, 1):
        art = by_row.get(n)
        if art is None:
            misses.append({"row": n, "field": "lost"})
            continue
        want = {"published": _minute(_true_published(row[truth.date_column], truth)), "outlet": truth.outlet,
                "title": _norm(row[truth.title_column])}
        got = {"published": _minute(art.published), "outlet": art.outlet, "title": _norm(art.title)}
        for k in right:
            if got[k] == want[k]:
                right[k] += 1
            elif len(misses) < 40:
                misses.append({"row": n, "field": k, "want": want[k], "got": got[k]})
    n_rows = len(rows)
    return {
        "rows": n_rows, "articles": len(arts), "problems": len(probs), "lost": n_rows - len(by_row),
        "published_acc": right["published"] / n_rows if n_rows else 0.0,
        "outlet_acc": right["outlet"] / n_rows if n_rows else 0.0,
        "title_acc": right["title"] / n_rows if n_rows else 0.0,
        "misses": misses,
    }


def _score_dumps(rows: list[dict[str, str]], truth: Truth) -> dict[str, Any]:
    """Each distinct article as a plain-text dump (its title line, then its body), as scrapers save pages:
    is the title found, and is no body word taken for the outlet (the dump names none)?"""
    from kronik.extract.outlets import load_profiles
    from kronik.extract.text import extract_text_document
    from kronik.io.columns import map_columns
    from kronik.io.document import RawDocument

    profiles = load_profiles()
    body = map_columns(rows[0]).columns["text"] if rows else ""  # the body column, found as Kronik finds it
    seen: set[str] = set()
    n = titles = wrong_outlet = 0
    for row in rows:
        key = row.get(truth.url_column) or row[truth.title_column]
        if key in seen:
            continue
        seen.add(key)
        text = row[truth.title_column].strip() + "\n" + row[body]
        art = extract_text_document(RawDocument(source=f"dump-{len(seen)}.txt", format="text", text=text), profiles)
        n += 1
        titles += _norm(art.title) == _norm(row[truth.title_column])
        wrong_outlet += art.outlet is not None and art.outlet != truth.outlet
    return {"dumps": n, "title_acc": titles / n if n else 0.0, "outlet_from_body": wrong_outlet}


def evaluate_export(path: Path, truth: Truth = Truth()) -> EvalResult:
    """Read ``path`` (CSV) and a JSON lines copy of it; score both against the truth."""
    csv.field_size_limit(min(sys.maxsize, 1 << 30))
    with path.open(encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.DictReader(fh))
    distinct = len({r.get(truth.url_column) or r.get(truth.title_column) for r in rows})
    figures: dict[str, Any] = {"file": str(path), "rows": len(rows), "distinct_articles": distinct}
    details: dict[str, Any] = {}
    arts, probs = _read([path])
    csv_scores = _score(rows, arts, probs, str(path), truth)
    with tempfile.TemporaryDirectory() as tmp:
        jl = Path(tmp) / (path.stem + ".jsonl")
        with jl.open("w", encoding="utf-8") as out:
            for row in rows:  # as a user would convert it: every column, raw characters kept (ensure_ascii off)
                out.write(json.dumps(row, ensure_ascii=False) + "\n")
        jl_arts, jl_probs = _read([jl])
        jsonl_scores = _score(rows, jl_arts, jl_probs, str(jl), truth)
    figures["text_dumps"] = _score_dumps(rows, truth)
    right_base = sum(
        _baseline_published(r[truth.date_column]) == _minute(_true_published(r[truth.date_column], truth)) for r in rows)
    for name, scores in (("csv", csv_scores), ("jsonl", jsonl_scores)):
        details[name] = scores.pop("misses")
        figures[name] = scores
    figures["baseline_per_value_published_acc"] = right_base / len(rows) if rows else 0.0
    figures["same_articles_csv_jsonl"] = sorted(a.id for a in arts) == sorted(a.id for a in jl_arts)
    return EvalResult(figures, details)


def render_export(result: dict[str, Any], console: Console) -> None:
    table = Table(title=f"Export read whole and right: {result['file']} ({result['rows']} rows, "
                        f"{result['distinct_articles']} distinct articles)")
    for col in ("input", "articles", "problems", "rows lost", "published (date+time+offset)", "outlet", "title"):
        table.add_column(col, justify="right" if col != "input" else "left")
    for name in ("csv", "jsonl"):
        s = result[name]
        table.add_row(name, str(s["articles"]), str(s["problems"]), str(s["lost"]), f"{s['published_acc']:.3f}",
                      f"{s['outlet_acc']:.3f}", f"{s['title_acc']:.3f}")
    table.add_row("baseline: per-value day-first, no zone", "", "", "", f"{result['baseline_per_value_published_acc']:.3f}",
                  "", "")
    console.print(table)
    console.print(f"CSV and JSON lines give the same articles: {result['same_articles_csv_jsonl']}")
    d = result["text_dumps"]
    console.print(f"As {d['dumps']} plain-text dumps (title line + body): title found {d['title_acc']:.3f}, "
                  f"a body word taken for the outlet {d['outlet_from_body']} times")
    misses = getattr(result, "details", {}).get("csv", [])
    for m in misses[:10]:
        console.print(f"  row {m['row']} {m['field']}: want {m.get('want')!r}, got {m.get('got')!r}")

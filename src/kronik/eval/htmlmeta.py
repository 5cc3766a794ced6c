"""``kronik eval html-meta``: title, publication date+time and outlet of HTML pages, ours vs trafilatura.

Gold sets are folders holding HTML pages and a ``gold.jsonl`` (``file`` relative to the folder,
``title``, ``published``, ``outlet``, optional ``split`` and ``body``), plus the hand labels of real
pages in ``../shared/data`` (``examples/html-gold/shared-pages.jsonl``, files relative to the shared
folder; skipped when it is absent).  Every page is read by ours and by trafilatura's own metadata
(``trafilatura.extract_metadata``) in the same run; the body is scored with the extraction
benchmark's shingle F1 on pages with a gold body, ours against ``trafilatura.extract``.

Scoring: titles and outlets compare case-insensitively after whitespace and quote normalisation
(casing is not what is at stake); ``outlet`` may list several accepted names.  A gold instant
(``2016-02-16T14:11:00+07:00``) needs the same local date, hour, minute and offset; a gold date
alone needs the same date.  ``date`` is also reported alone, since trafilatura gives no time.
"""

from __future__ import annotations

import gzip
import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kronik.eval.result import EvalResult
from kronik.eval.shingles import TpFpFn, metrics_from_counts, shingle_matching

FIELDS = ("title", "date", "published", "outlet")
SHARED_GOLD = Path(__file__).resolve().parents[3] / "examples" / "html-gold" / "shared-pages.jsonl"


def _norm(text: str | None) -> str:
    text = unicodedata.normalize("NFKC", text or "")
    text = text.replace("’", "'").replace("‘", "'").replace("“", '"').replace("”", '"')
    return re.sub(r"\s+", " ", text).strip().casefold()


def _published_ok(gold: str, got: str | None, date_only: bool) -> bool:
    if not got:
        return False
    if date_only or len(gold) == 10:
        return got[:10] == gold[:10]
    return got[:16] == gold[:16] and got[-6:] == gold[-6:] and len(got) > 10


def score_page(gold: dict[str, Any], got: dict[str, str | None]) -> dict[str, bool]:
    """Which of the four fields a reading got right."""
    outlets = gold["outlet"] if isinstance(gold["outlet"], list) else [gold["outlet"]]
    return {
        "title": _norm(got.get("title")) == _norm(gold["title"]),
        "date": _published_ok(gold["published"], got.get("published"), date_only=True),
        "published": _published_ok(gold["published"], got.get("published"), date_only=False),
        "outlet": _norm(got.get("outlet")) in {_norm(o) for o in outlets},
    }


def _read_html(path: Path) -> str:
    raw = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    return raw.decode("utf-8", errors="replace")


def _load_sets(dirs: list[Path], shared: Path | None) -> tuple[list[dict[str, Any]], list[str]]:
    """Gold rows with their html path and body, and notes on what was skipped."""
    rows: list[dict[str, Any]] = []
    notes: list[str] = []
    for folder in dirs:
        for line in (folder / "gold.jsonl").read_text("utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                rows.append({**g, "set": folder.name, "split": g.get("split", "all"), "path": folder / g["file"],
                             "body_text": "\n".join(g.get("body") or []) or None})
    if shared is None or not shared.is_dir():
        notes.append(f"shared pages skipped: {shared} absent")
        return rows, notes
    truths: dict[str, dict[str, Any]] = {}
    for line in SHARED_GOLD.read_text("utf-8").splitlines():
        if not line.strip():
            continue
        g = json.loads(line)
        path = shared / g["file"]
        if not path.is_file():
            notes.append(f"missing shared page {g['file']}")
            continue
        body = None
        if g.get("body_from"):
            truth_path = shared / g["body_from"]
            if truth_path not in truths and truth_path.is_file():
                truths[truth_path] = json.loads(truth_path.read_text("utf-8"))  # type: ignore[index]
            key = path.name.removesuffix(".html.gz")
            body = (truths.get(truth_path) or {}).get(key, {}).get("articleBody")  # type: ignore[call-overload]
        rows.append({**g, "set": "shared", "split": "real", "path": path, "body_text": body})
    return rows, notes


def _ours(html: str, source: str, htmldate: bool) -> tuple[dict[str, str | None], str]:
    from kronik.extract.html import extract_html_document
    from kronik.io.readers import RawDocument

    art = extract_html_document(RawDocument(source=source, format="html", text=html), use_htmldate=htmldate)
    return {"title": art.title, "published": art.published, "outlet": art.outlet}, "\n".join(art.paragraphs)


def _trafilatura(html: str) -> tuple[dict[str, str | None], str]:
    import trafilatura

    meta = trafilatura.extract_metadata(html)
    got = {"title": meta.title, "published": meta.date, "outlet": meta.sitename} if meta else {}
    return got, trafilatura.extract(html, include_comments=False) or ""  # type: ignore[return-value]


def evaluate_html_meta(dirs: list[Path], shared: Path | None) -> EvalResult:
    """Score ours (with and without htmldate as one more date source) and trafilatura on every gold page."""
    rows, notes = _load_sets(dirs, shared)
    systems: dict[str, Callable[[str, str], tuple[dict[str, str | None], str]]] = {
        "kronik": lambda html, src: _ours(html, src, htmldate=False),
        "kronik+htmldate": lambda html, src: _ours(html, src, htmldate=True),
        "trafilatura": lambda html, src: _trafilatura(html),
    }
    per_page: list[dict[str, Any]] = []
    bodies: dict[str, dict[str, list[TpFpFn]]] = {}
    for row in rows:
        html = _read_html(row["path"])
        entry: dict[str, Any] = {"file": row["file"], "set": row["set"], "split": row["split"]}
        for name, run in systems.items():
            try:
                got, body = run(html, str(row["path"]))
                raised = False
            except Exception:  # one bad page must not stop the run: counted as all wrong
                got, body, raised = {}, "", True
            entry[name] = {"got": got, "ok": score_page(row, got), "raised": raised}
            if row.get("body_text") and name != "kronik+htmldate":
                bodies.setdefault(row["split"], {}).setdefault(name, []).append(shingle_matching(row["body_text"], body))
        per_page.append(entry)

    def accuracy(split: str | None) -> dict[str, Any]:
        sel = [p for p in per_page if split is None or p["split"] == split]
        out: dict[str, Any] = {"pages": len(sel)}
        for name in systems:
            field_acc = {f: sum(p[name]["ok"][f] for p in sel) / len(sel) if sel else 0.0 for f in FIELDS}
            field_acc["all_three"] = (sum(all(p[name]["ok"][f] for f in ("title", "published", "outlet")) for p in sel)
                                      / len(sel) if sel else 0.0)
            out[name] = field_acc
        for name in ("kronik", "trafilatura"):
            counts = [c for s, by in bodies.items() if split is None or s == split for c in by.get(name, [])]
            out[name]["body_pages"] = len(counts)
            out[name]["body_f1"] = metrics_from_counts(counts)["f1"] if counts else None
        return out

    splits = sorted({p["split"] for p in per_page})
    figures = {
        "pages": len(per_page),
        "all": accuracy(None),
        "splits": {s: accuracy(s) for s in splits},
        "notes": notes,
        "raised": {name: sum(p[name]["raised"] for p in per_page) for name in systems},
    }
    misses = [{"file": p["file"], "split": p["split"], "field": f, "gold": _gold_value(rows, p["file"], f),
               "kronik": p["kronik"]["got"].get("published" if f == "date" else f),
               "trafilatura": p["trafilatura"]["got"].get("published" if f == "date" else f)}
              for p in per_page for f in ("title", "published", "outlet") if not p["kronik"]["ok"][f]]
    return EvalResult(figures, {"per_page": per_page, "misses": misses})


def _gold_value(rows: list[dict[str, Any]], file: str, field: str) -> Any:
    return next(r[field] for r in rows if r["file"] == file)


def _f(x: float | None) -> str:
    return "-" if x is None else f"{int(x * 1000) / 1000:.3f}"  # truncated, never rounded up


def render_html_meta(result: dict[str, Any], console: Console) -> None:
    table = Table(title=f"HTML page metadata: share of pages right ({result['pages']} pages)")
    for col in ("split (pages)", "system", "title", "date", "date+time", "outlet", "all 3", "body F1 (pages)"):
        table.add_column(col, justify="left" if col in ("split (pages)", "system") else "right")
    shown = {"kronik": "kronik", "kronik+htmldate": "+htmldate", "trafilatura": "trafilatura"}
    groups = [("all", result["all"])] + [(s, v) for s, v in result["splits"].items()]
    for label, acc in groups:
        for i, name in enumerate(("kronik", "kronik+htmldate", "trafilatura")):
            a = acc[name]
            body = f"{_f(a.get('body_f1'))} ({a['body_pages']})" if "body_pages" in a else ""
            table.add_row(f"{label} ({acc['pages']})" if i == 0 else "", shown[name], _f(a["title"]), _f(a["date"]),
                          _f(a["published"]), _f(a["outlet"]), _f(a["all_three"]), body, end_section=i == 2)
    console.print(table)
    console.print("+htmldate = kronik with htmldate's guess as one more date candidate. "
                  "Splits: dev = outlets the rules were developed on, heldout = outlets not looked at while "
                  "developing, stress = harder pages written after the rules, real = hand-labelled real pages from "
                  "../shared/data. Values truncated to 3 decimals.",
                  highlight=False)
    for note in result["notes"]:
        console.print(f"[yellow]{note}[/yellow]", highlight=False)
    misses = (getattr(result, "details", None) or {}).get("misses", [])
    if misses:
        mt = Table(title=f"kronik misses ({len(misses)})")
        for col in ("page", "field", "gold", "kronik", "trafilatura"):
            mt.add_column(col, overflow="fold")
        for m in misses:
            mt.add_row(f"{m['file']} [{m['split']}]", m["field"], str(m["gold"]), str(m["kronik"]), str(m["trafilatura"]))
        console.print(mt)

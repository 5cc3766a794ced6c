"""``kronik eval lines``: our line cleaner and metadata against the labelled example corpus.

The corpus folder holds ``labels.jsonl`` (one object per article, see
``LABEL_KEYS``) and the files it names.  Every labelled file is read with the
ordinary reader and processed with ``process_document``, exactly as
``kronik analyze`` would.

* **Line task** (format ``text``): each non-empty whitespace-normalised line of
  the file is a unit; gold positive = the line is in the label's ``body``,
  predicted positive = it is among the article's ``paragraphs``.  Micro
  precision / recall / F1 over all lines, per split and per outlet, for us and
  for the baselines of ``kronik.eval.baselines`` on the very same lines.
* **Structured inputs** (html, jsonl, csv): paragraph-level precision / recall /
  F1, predicted paragraphs vs gold body as multisets of normalised strings.
* **Metadata** over all labelled articles: per-field accuracy, plus counts of
  hallucinated outlets and authors.

Files that cannot be read, records the pipeline rejects, and labels whose
source never appears are counted and scored as empty predictions, not skipped.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kronik.eval.baselines import BASELINES, SETTINGS
from kronik.eval.result import EvalResult
from kronik.extract.boilerplate import normalize_line
from kronik.extract.outlets import outlet_key
from kronik.io.readers import FieldMap, RawDocument, read_documents
from kronik.model import Article, Problem

SEALED_SPLITS = frozenset({"heldout3"})
"""Splits written blind for a final test: only their aggregate figures are ever shown."""

LABEL_KEYS = ("source", "format", "encoding", "language", "outlet", "title", "published", "published_basis", "authors",
              "dateline", "wire_sources", "body", "story", "event", "duplicate_of", "split")
META_FIELDS = ("title", "outlet", "published", "authors", "dateline", "wire_sources")
SET_FIELDS = ("authors", "wire_sources")
SYSTEMS = ("kronik", *BASELINES)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0

    def add(self, gold: bool, pred: bool) -> None:
        if gold and pred:
            self.tp += 1
        elif pred:
            self.fp += 1
        elif gold:
            self.fn += 1
        else:
            self.tn += 1

    @property
    def units(self) -> int:
        return self.tp + self.fp + self.fn + self.tn

    def prf(self) -> dict[str, float]:
        return prf(self.tp, self.fp, self.fn)


def prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    """Micro precision / recall / F1; an empty side scores 1 only when the other is empty too."""
    p = tp / (tp + fp) if tp + fp else (1.0 if fn == 0 else 0.0)
    r = tp / (tp + fn) if tp + fn else (1.0 if fp == 0 else 0.0)
    f1 = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": p, "recall": r, "f1": f1}


@dataclass
class Group:
    """Line counts of every system over one group of text files (all, a split, an outlet)."""

    files: int = 0
    by_system: dict[str, Counts] = field(default_factory=lambda: {s: Counts() for s in SYSTEMS})

    def figures(self) -> dict[str, Any]:
        ours = self.by_system["kronik"]
        out: dict[str, Any] = dict(ours.prf())
        out["lines"] = ours.units
        out["body_lines"] = ours.tp + ours.fn
        out["files"] = self.files
        out["baselines"] = {s: self.by_system[s].prf() for s in BASELINES}
        return out


def load_labels(corpus: Path) -> tuple[list[dict[str, Any]], list[str]]:
    """The label objects, and a note per line that could not be read."""
    labels: list[dict[str, Any]] = []
    errors: list[str] = []
    path = corpus / "labels.jsonl"
    if not path.is_file():
        raise FileNotFoundError(f"no labels.jsonl in {corpus} (expected a labelled corpus folder)")
    for n, line in enumerate(path.read_text("utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            errors.append(f"labels.jsonl line {n}: {exc.msg}")
            continue
        if not isinstance(obj, dict) or not obj.get("source"):
            errors.append(f"labels.jsonl line {n}: no source")
            continue
        labels.append(obj)
    return labels, errors


def _file_of(source: str) -> str:
    return source.split("#", 1)[0]


def _run_corpus(corpus: Path, labels: list[dict[str, Any]], line_model: bool = False) -> tuple[dict[str, tuple[RawDocument | None, Article | Problem]], int]:
    """Read and process every labelled file; results keyed by the label-style relative source."""
    results: dict[str, tuple[RawDocument | None, Article | Problem]] = {}
    files = list(dict.fromkeys(_file_of(lab["source"]) for lab in labels))
    fields = FieldMap()
    unlabelled = 0
    wanted = {lab["source"] for lab in labels}
    from kronik.pipeline import Settings, process_document

    settings = Settings(line_model=line_model)

    for rel in files:
        path = corpus / rel
        if not path.is_file():
            continue
        prefix = str(path)
        for item in read_documents([path], fields):
            key = rel + item.source[len(prefix):] if item.source.startswith(prefix) else item.source
            if key not in wanted:
                unlabelled += 1
            if isinstance(item, Problem):
                results[key] = (None, item)
            else:
                results[key] = (item, process_document(item, settings))
    return results, unlabelled


def _lines_of(text: str) -> list[str]:
    return [n for raw in text.splitlines() if (n := normalize_line(raw))]


def _as_set(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    if isinstance(value, str):
        return frozenset([value])
    return frozenset(str(v) for v in value)


def _same(fieldname: str, gold: Any, got: Any) -> bool:
    if fieldname in SET_FIELDS:
        return _as_set(gold) == _as_set(got)
    if fieldname == "title":
        gold = normalize_line(gold) if gold else None
        got = normalize_line(got) if got else None
    return (gold or None) == (got or None)


def evaluate_lines(corpus: Path, baselines: dict[str, Callable[[list[str]], list[bool]]] | None = None,
                   line_model: bool = False) -> EvalResult:
    """Score our pipeline (and the line baselines) on a labelled corpus folder."""
    corpus = Path(corpus)
    baselines = baselines or BASELINES
    labels, label_errors = load_labels(corpus)
    results, unlabelled = _run_corpus(corpus, labels, line_model)

    overall = Group()
    splits: dict[str, Group] = {}
    outlets: dict[str, Group] = {}
    para = Counts()
    para_articles = 0
    meta_ok: Counter[str] = Counter()
    meta_n: Counter[str] = Counter()
    split_ok: dict[str, Counter[str]] = {}
    split_n: dict[str, Counter[str]] = {}
    mismatches: list[dict[str, str]] = []
    sealed_mismatches = 0
    failures: list[dict[str, str]] = []
    halluc_outlets = 0
    outlet_display_errors = 0
    halluc_authors = 0
    formats: Counter[str] = Counter()

    for lab in labels:
        source = lab["source"]
        fmt = lab.get("format") or "text"
        formats[fmt] += 1
        doc, res = results.get(source, (None, None))
        article = res if isinstance(res, Article) else None
        if res is None:
            failures.append({"source": source, "reason": "not-read", "detail": "no document with this source"})
        elif isinstance(res, Problem):
            failures.append({"source": source, "reason": res.reason, "detail": res.detail})
        gold_body = [n for b in (lab.get("body") or []) if (n := normalize_line(str(b)))]
        got_paras = [normalize_line(p) for p in article.paragraphs] if article else []

        if fmt == "text":
            if doc is not None:
                lines = _lines_of(doc.text)
            else:
                try:
                    lines = _lines_of((corpus / _file_of(source)).read_text(lab.get("encoding") or "utf-8", errors="replace"))
                except OSError:
                    lines = list(gold_body)  # nothing to read: every body line is a miss for every system
            gold_set = set(gold_body)
            pred_set = set(got_paras)
            gold = [ln in gold_set for ln in lines]
            preds = {"kronik": [ln in pred_set for ln in lines]}
            for name, fn in baselines.items():
                preds[name] = fn(lines)
            split = str(lab.get("split") or "unsplit")
            outlet = str(lab.get("outlet") or "(none)")
            groups = [overall, splits.setdefault(split, Group()), outlets.setdefault(outlet, Group())]
            for g in groups:
                g.files += 1
                for name, pred in preds.items():
                    c = g.by_system.setdefault(name, Counts())
                    for y, p in zip(gold, pred, strict=True):
                        c.add(y, p)
        else:
            para_articles += 1
            g_count, p_count = Counter(gold_body), Counter(got_paras)
            tp = sum((g_count & p_count).values())
            para.tp += tp
            para.fp += sum(p_count.values()) - tp
            para.fn += sum(g_count.values()) - tp

        for name in META_FIELDS:
            gold_v = lab.get(name)
            got_v = getattr(article, name) if article else None
            meta_n[name] += 1
            split = lab.get("split") or "tune"
            split_n.setdefault(split, Counter())[name] += 1
            if _same(name, gold_v, got_v):
                meta_ok[name] += 1
                split_ok.setdefault(split, Counter())[name] += 1
            else:
                if split in SEALED_SPLITS:
                    sealed_mismatches += 1  # counted, never listed: the split stays sealed
                    continue
                mismatches.append({"source": source, "field": name, "expected": json.dumps(gold_v, ensure_ascii=False),
                                   "got": json.dumps(got_v, ensure_ascii=False)})
        if article and article.outlet and article.outlet != lab.get("outlet"):
            # Naming the right outlet with another spelling ("JurnalMetro.co.id" for "Jurnal Metro")
            # is a display error; naming an outlet the gold does not is a hallucination.
            if lab.get("outlet") and outlet_key(article.outlet) == outlet_key(lab["outlet"]):
                outlet_display_errors += 1
            else:
                halluc_outlets += 1
        if article:
            halluc_authors += len(set(article.authors) - _as_set(lab.get("authors")))

    metadata = {name: 100.0 * meta_ok[name] / meta_n[name] if meta_n[name] else 0.0 for name in META_FIELDS}
    total_n = sum(meta_n.values())
    metadata["overall"] = 100.0 * sum(meta_ok.values()) / total_n if total_n else 0.0
    metadata_splits = {
        sp: {name: 100.0 * split_ok.get(sp, Counter())[name] / n[name] for name in META_FIELDS if n[name]}
        | {"overall": 100.0 * sum(split_ok.get(sp, Counter()).values()) / sum(n.values())}
        for sp, n in sorted(split_n.items())
    }
    figures = overall.figures()
    structured = para.prf()
    structured["articles"] = para_articles
    result: dict[str, Any] = {
        "precision": figures["precision"], "recall": figures["recall"], "f1": figures["f1"],
        "lines": figures["lines"], "body_lines": figures["body_lines"], "text_files": figures["files"],
        "splits": {k: splits[k].figures() for k in sorted(splits)},
        "outlets": {k: outlets[k].figures() for k in sorted(outlets)},
        "baselines": figures["baselines"],
        "paragraph_f1_structured": structured["f1"],
        "paragraph_structured": structured,
        "metadata": metadata,
        "metadata_splits": metadata_splits,
        "hallucinated_outlets": halluc_outlets,
        "outlet_display_errors": outlet_display_errors,
        "hallucinated_authors": halluc_authors,
        "articles": len(labels),
        "formats": dict(formats),
        "failures": len(failures),
        "label_errors": len(label_errors),
        "unlabelled_records": unlabelled,
    }
    details = {"mismatches": mismatches, "sealed_mismatches": sealed_mismatches, "failures": failures,
               "label_errors": label_errors,
               "baseline_settings": {k: SETTINGS.get(k, "") for k in baselines}}
    return EvalResult(result, details)


_SHORT = {"keep_all": "keep", "justext": "jusText", "c4": "C4"}


def _f(x: float) -> str:
    return f"{int(x * 1000) / 1000:.3f}"


def _pct(x: float) -> str:
    return f"{int(x * 10) / 10:.1f}%"


def render_lines(result: dict[str, Any], console: Console) -> None:
    details: dict[str, Any] = getattr(result, "details", {}) or {}
    base_names = list(result["baselines"])
    table = Table(title=f"Line-level body scores on text dumps ({result['text_files']} files, {result['lines']} lines, "
                        f"{result['body_lines']} body lines); baseline columns are F1")
    table.add_column("group (files)", overflow="fold", min_width=18)
    for col in ("lines", "P", "R", "F1", *(_SHORT.get(n, n) for n in base_names)):
        table.add_column(col, justify="right", no_wrap=True)
    rows = [("all", result)] + [(f"split: {k}", v) for k, v in result["splits"].items()]
    for label, g in rows:
        table.add_row(f"{label} ({g.get('files', result['text_files'])})", str(g["lines"]), _f(g["precision"]),
                      _f(g["recall"]), f"[bold]{_f(g['f1'])}[/bold]", *(_f(g["baselines"][n]["f1"]) for n in base_names))
    table.add_section()
    for name, g in result["outlets"].items():
        table.add_row(f"{name} ({g['files']})", str(g["lines"]), _f(g["precision"]), _f(g["recall"]),
                      f"[bold]{_f(g['f1'])}[/bold]", *(_f(g["baselines"][n]["f1"]) for n in base_names))
    console.print(table)

    bt = Table(title="Baselines on the same lines (all text files)")
    bt.add_column("system")
    bt.add_column("precision", justify="right")
    bt.add_column("recall", justify="right")
    bt.add_column("F1", justify="right")
    bt.add_row("kronik", _f(result["precision"]), _f(result["recall"]), f"[bold]{_f(result['f1'])}[/bold]")
    for n in base_names:
        b = result["baselines"][n]
        bt.add_row(n, _f(b["precision"]), _f(b["recall"]), _f(b["f1"]))
    console.print(bt)
    for n, s in details.get("baseline_settings", {}).items():
        console.print(f"  [dim]{n}: {s}[/dim]", highlight=False)

    ps = result["paragraph_structured"]
    console.print(f"Structured inputs (html/jsonl/csv, {ps['articles']} articles): paragraph P {_f(ps['precision'])} "
                  f"R {_f(ps['recall'])} F1 [bold]{_f(ps['f1'])}[/bold] (exact normalised paragraph match).",
                  highlight=False)

    mt = Table(title=f"Metadata accuracy over all {result['articles']} labelled articles")
    mt.add_column("field")
    mt.add_column("correct", justify="right")
    for k, v in result["metadata"].items():
        mt.add_row(k if k != "overall" else "[bold]overall[/bold]", _pct(v))
    console.print(mt)
    console.print(f"Hallucinations: {result['hallucinated_outlets']} articles naming an outlet the gold does not "
                  f"({result['outlet_display_errors']} more name the right outlet in another spelling), "
                  f"{result['hallucinated_authors']} authors not in gold.", highlight=False)

    mismatches = details.get("mismatches", [])
    if mismatches:
        xt = Table(title=f"Metadata mismatches (first {min(20, len(mismatches))} of {len(mismatches)}; "
                         f"{details.get('sealed_mismatches', 0)} more in sealed splits, not listed)")
        xt.add_column("source", overflow="fold")
        xt.add_column("field")
        xt.add_column("expected", overflow="fold")
        xt.add_column("got", overflow="fold")
        for m in mismatches[:20]:
            xt.add_row(m["source"], m["field"], m["expected"], m["got"])
        console.print(xt)
    fails = details.get("failures", [])
    console.print(f"Failures: {result['failures']} labelled articles without a usable result "
                  f"(scored as empty); {result['label_errors']} unreadable label lines; "
                  f"{result['unlabelled_records']} records read but not labelled.", highlight=False)
    for f in fails[:20]:
        console.print(f"  [yellow]{f['source']}[/yellow]: {f['reason']} {f['detail']}", highlight=False)
    for e in details.get("label_errors", [])[:10]:
        console.print(f"  [yellow]{e}[/yellow]", highlight=False)

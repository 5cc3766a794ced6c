"""``kronik eval timex``: time expressions against TimeML gold (IndoTimex), TempEval-3 style.

Each ``.tml`` file (cp1252) gives the publication date (``DCT``) and a
``TEXT`` with ``TIMEX3`` tags.  The tags are stripped to get the plain text and
the gold spans; our tagger runs on the paragraphs of that text with the DCT as
anchor, and so does the off-the-shelf baseline, dateparser's ``search_dates``.

Scores (micro, over all files), as in TempEval-3:

- strict extent P/R/F1: a system span counts when a gold span has exactly the same offsets;
- relaxed extent P/R/F1: a system span counts when it overlaps a gold span (and vice versa for recall);
- value F1: a system expression counts only when it overlaps a gold one *and* has the same value;
- value accuracy: over the gold expressions whose extent was found (relaxed), the share with an
  overlapping system expression of the same value.
"""

from __future__ import annotations

import html
import re
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from pathlib import Path
from typing import Any

from kronik.eval.result import EvalResult

TIMEX_KEYS = ("strict_f1", "relaxed_f1", "value_f1", "value_accuracy", "strict_precision", "strict_recall",
              "relaxed_precision", "relaxed_recall", "gold", "predicted")
BASELINE_SETTINGS = ("dateparser.search.search_dates(paragraph, languages=['id'], settings={'RELATIVE_BASE': dct, "
                     "'PREFER_DATES_FROM': 'past', 'DATE_ORDER': 'DMY'}); values: a clock time gives TIME "
                     "YYYY-MM-DDTHH:MM, a bare year YYYY, a month and year YYYY-MM, anything else DATE YYYY-MM-DD")


@dataclass(frozen=True)
class Span:
    start: int
    end: int
    type: str
    value: str | None
    text: str


@dataclass
class TimeMLDoc:
    name: str
    dct: date
    text: str
    gold: list[Span]


# ----------------------------------------------------------------------------------------------
# reading TimeML
# ----------------------------------------------------------------------------------------------

_TAG = re.compile(r"<(/?)([A-Za-z0-9_]+)([^>]*)>")
_ATTR = re.compile(r'([A-Za-z_:]+)\s*=\s*"([^"]*)"')


def parse_timeml(raw: str, name: str = "") -> TimeMLDoc:
    """Plain text of ``<TEXT>``, its TIMEX3 spans, and the DCT of one TimeML document."""
    raw = raw.replace("\r\n", "\n").replace("\r", "\n")
    m = re.search(r"<DCT>\s*<TIMEX3([^>]*)>", raw)
    if not m:
        raise ValueError(f"{name}: no DCT")
    attrs = dict(_ATTR.findall(m.group(1)))
    dm = re.match(r"(\d{4})-(\d{1,2})-(\d{1,2})", attrs.get("value", ""))
    if not dm:
        raise ValueError(f"{name}: DCT value {attrs.get('value')!r} is not a date")
    dct = date(int(dm.group(1)), int(dm.group(2)), int(dm.group(3)))
    tm = re.search(r"<TEXT>(.*?)</TEXT>", raw, re.S)
    if not tm:
        raise ValueError(f"{name}: no TEXT")
    body = tm.group(1)
    out: list[str] = []
    length = 0
    gold: list[Span] = []
    open_timex: tuple[int, dict[str, str]] | None = None
    pos = 0
    for t in _TAG.finditer(body):
        piece = html.unescape(body[pos:t.start()])
        out.append(piece)
        length += len(piece)
        pos = t.end()
        closing, tag = t.group(1), t.group(2).upper()
        if tag != "TIMEX3":
            continue
        if not closing:
            open_timex = (length, dict(_ATTR.findall(t.group(3))))
        elif open_timex is not None:
            start, a = open_timex
            text_so_far = "".join(out)
            gold.append(Span(start, length, a.get("type", ""), a.get("value"), text_so_far[start:length]))
            open_timex = None
    piece = html.unescape(body[pos:])
    out.append(piece)
    return TimeMLDoc(name, dct, "".join(out), gold)


def read_timeml(path: Path) -> TimeMLDoc:
    return parse_timeml(path.read_bytes().decode("cp1252", errors="replace"), path.name)


def paragraphs_with_offsets(text: str) -> list[tuple[int, str]]:
    """Paragraphs (split at blank lines, trimmed) with their start offsets in ``text``."""
    out = []
    for m in re.finditer(r"(?:[^\n]|\n(?![ \t]*\n))+", text):
        chunk = m.group(0)
        stripped = chunk.strip()
        if not stripped:
            continue
        lead = len(chunk) - len(chunk.lstrip())
        out.append((m.start() + lead, stripped))
    return out


# ----------------------------------------------------------------------------------------------
# systems
# ----------------------------------------------------------------------------------------------


def kronik_system(doc: TimeMLDoc) -> list[Span]:
    from kronik.annotate.times import tag_paragraphs

    paras = paragraphs_with_offsets(doc.text)
    found = tag_paragraphs([p for _, p in paras], doc.dct, "id")
    return [Span(paras[f.paragraph][0] + f.start, paras[f.paragraph][0] + f.end, f.type, f.value, f.text) for f in found]


_CLOCK = re.compile(r"\d{1,2}[.:]\d{2}|\b(?:pukul|jam)\b", re.I)


def _dateparser_value(sub: str, dt: datetime) -> tuple[str, str]:
    s = sub.strip()
    if _CLOCK.search(s):
        return "TIME", dt.strftime("%Y-%m-%dT%H:%M")
    if re.fullmatch(r"\d{4}", s):
        return "DATE", f"{dt.year:04d}"
    if not re.search(r"\d{1,2}(?!\d)", re.sub(r"\d{4}", "", s)) and re.search(r"[A-Za-z]", s) and re.search(r"\d{4}", s):
        return "DATE", f"{dt.year:04d}-{dt.month:02d}"
    return "DATE", dt.strftime("%Y-%m-%d")


def dateparser_system(doc: TimeMLDoc) -> list[Span]:
    from dateparser.search import search_dates

    base = datetime(doc.dct.year, doc.dct.month, doc.dct.day)
    settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "past", "DATE_ORDER": "DMY"}
    out: list[Span] = []
    for offset, para in paragraphs_with_offsets(doc.text):
        try:
            res = search_dates(para, languages=["id"], settings=settings) or []
        except Exception:
            res = []
        cursor = 0
        for sub, dt in res:
            i = para.find(sub, cursor)
            if i < 0:
                i = para.find(sub)
            if i < 0:
                continue
            cursor = i + len(sub)
            # dateparser returns the substring with its surrounding spaces at times
            lead = len(sub) - len(sub.lstrip())
            s, e = i + lead, i + len(sub.rstrip())
            if e <= s:
                continue
            type_, value = _dateparser_value(sub, dt)
            out.append(Span(offset + s, offset + e, type_, value, para[s:e]))
    return out


# ----------------------------------------------------------------------------------------------
# scoring
# ----------------------------------------------------------------------------------------------


@dataclass
class Counts:
    gold: int = 0
    predicted: int = 0
    strict_p: int = 0
    strict_r: int = 0
    relaxed_p: int = 0
    relaxed_r: int = 0
    value_p: int = 0
    value_r: int = 0
    type_r: int = 0

    def add(self, other: Counts) -> None:
        for k in self.__dataclass_fields__:
            setattr(self, k, getattr(self, k) + getattr(other, k))


def _overlap(a: Span, b: Span) -> bool:
    return a.start < b.end and b.start < a.end


def score_doc(gold: list[Span], pred: list[Span]) -> tuple[Counts, list[dict[str, Any]]]:
    """TempEval-3 counts for one document, and the errors (missed, spurious, wrong value or extent)."""
    c = Counts(gold=len(gold), predicted=len(pred))
    errors: list[dict[str, Any]] = []
    for p in pred:
        over = [g for g in gold if _overlap(p, g)]
        if any(g.start == p.start and g.end == p.end for g in gold):
            c.strict_p += 1
        if over:
            c.relaxed_p += 1
            if any(g.value == p.value for g in over):
                c.value_p += 1
        else:
            errors.append({"kind": "spurious", "text": p.text, "value": p.value, "type": p.type})
    for g in gold:
        over = [p for p in pred if _overlap(p, g)]
        if any(g.start == p.start and g.end == p.end for p in pred):
            c.strict_r += 1
        if not over:
            errors.append({"kind": "missed", "text": g.text, "gold_value": g.value, "gold_type": g.type})
            continue
        c.relaxed_r += 1
        if any(p.type == g.type for p in over):
            c.type_r += 1
        if any(p.value == g.value for p in over):
            c.value_r += 1
        else:
            errors.append({"kind": "value", "text": g.text, "gold_value": g.value,
                           "system": [(p.text, p.value) for p in over]})
        if not any(g.start == p.start and g.end == p.end for p in over):
            errors.append({"kind": "extent", "text": g.text, "system": [p.text for p in over]})
    return c, errors


def _prf(tp_p: int, n_p: int, tp_r: int, n_r: int) -> tuple[float, float, float]:
    p = tp_p / n_p if n_p else 0.0
    r = tp_r / n_r if n_r else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return p, r, f


def figures(c: Counts) -> dict[str, Any]:
    sp, sr, sf = _prf(c.strict_p, c.predicted, c.strict_r, c.gold)
    rp, rr, rf = _prf(c.relaxed_p, c.predicted, c.relaxed_r, c.gold)
    _, _, vf = _prf(c.value_p, c.predicted, c.value_r, c.gold)
    return {
        "strict_f1": round(sf, 4), "relaxed_f1": round(rf, 4), "value_f1": round(vf, 4),
        "value_accuracy": round(c.value_r / c.relaxed_r, 4) if c.relaxed_r else 0.0,
        "strict_precision": round(sp, 4), "strict_recall": round(sr, 4),
        "relaxed_precision": round(rp, 4), "relaxed_recall": round(rr, 4),
        "gold": c.gold, "predicted": c.predicted,
    }


def _run(docs: Iterable[TimeMLDoc], system: Callable[[TimeMLDoc], list[Span]]) -> tuple[Counts, list[dict[str, Any]], float]:
    total = Counts()
    errors: list[dict[str, Any]] = []
    seconds = 0.0
    for doc in docs:
        t0 = time.perf_counter()
        pred = system(doc)
        seconds += time.perf_counter() - t0
        c, errs = score_doc(doc.gold, pred)
        total.add(c)
        errors.extend({"file": doc.name, **e} for e in errs)
    return total, errors, seconds


def evaluate_timex(gold_dir: Path, baseline: bool = True) -> EvalResult:
    """Score our tagger (and dateparser) on every ``*.tml`` file under ``gold_dir``.

    The returned dict holds the figures (what ``--json`` prints, with ``baseline`` nested);
    ``result.details`` holds the per-expression errors of both systems and timings.
    """
    files = sorted(Path(gold_dir).glob("*.tml"))
    if not files:
        raise FileNotFoundError(f"no .tml files in {gold_dir}")
    docs = [read_timeml(f) for f in files]
    from kronik.annotate.times import grammar

    grammar("id")                       # compile the patterns before timing
    ours, our_errors, our_seconds = _run(docs, kronik_system)
    words = sum(len(d.text.split()) for d in docs)
    result = figures(ours)
    details: dict[str, Any] = {
        "documents": len(docs),
        "errors": our_errors,
        "ms_per_document": round(1000 * our_seconds / len(docs), 3),
        "ms_per_500_words": round(1000 * our_seconds / max(words, 1) * 500, 3),
        "words": words,
        "type_accuracy": round(ours.type_r / ours.relaxed_r, 4) if ours.relaxed_r else 0.0,
    }
    if baseline:
        base, base_errors, base_seconds = _run(docs, dateparser_system)
        result["baseline"] = figures(base)
        details["baseline_errors"] = base_errors
        details["baseline_ms_per_document"] = round(1000 * base_seconds / len(docs), 3)
        details["baseline_settings"] = BASELINE_SETTINGS
    return EvalResult(result, details)


def timex_errors(result: EvalResult, system: str = "kronik") -> list[dict[str, Any]]:
    """The error list of ``kronik`` (default) or ``dateparser`` from an ``evaluate_timex`` result."""
    return list(result.details.get("errors" if system == "kronik" else "baseline_errors", []))


def render_timex(result: dict[str, Any], console: Any, errors: bool = False) -> None:
    """Rich table: ours vs dateparser side by side; with ``errors`` also our error list."""
    from rich.table import Table

    base = result.get("baseline") or {}
    details = getattr(result, "details", {})
    table = Table(title=f"Time expressions (TimeML gold: {details.get('documents', '?')} documents, TempEval-3 scoring)")
    table.add_column("measure")
    table.add_column("kronik", justify="right")
    if base:
        table.add_column("dateparser search_dates", justify="right")
    rows = [("strict precision", "strict_precision"), ("strict recall", "strict_recall"), ("strict F1", "strict_f1"),
            ("relaxed precision", "relaxed_precision"), ("relaxed recall", "relaxed_recall"),
            ("relaxed F1", "relaxed_f1"), ("value F1", "value_f1"), ("value accuracy (found gold)", "value_accuracy")]
    for label, key in rows:
        cells = [f"{result[key]:.3f}"] + ([f"{base[key]:.3f}"] if base else [])
        table.add_row(label, *cells)
    table.add_row("gold expressions", str(result["gold"]), *([str(base["gold"])] if base else []))
    table.add_row("predicted expressions", str(result["predicted"]), *([str(base["predicted"])] if base else []))
    if "ms_per_document" in details:
        table.add_row("ms per document", f"{details['ms_per_document']:.2f}",
                      *([f"{details.get('baseline_ms_per_document', 0):.2f}"] if base else []))
        table.add_row("ms per 500 words", f"{details['ms_per_500_words']:.2f}", *([""] if base else []))
    console.print(table)
    if errors:
        for e in details.get("errors", []):
            console.print(f"[dim]{e['file']}[/dim] [bold]{e['kind']}[/bold] {e}", highlight=False, soft_wrap=True)

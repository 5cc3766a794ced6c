"""Datelines, wire credits and wire footers on real Reuters copy (Timeline17's Reuters sets).

Timeline17 keeps the Reuters articles of two topics (BP oil spill, H1N1) as Reuters' web pages
printed them in 2009-2010, tokenised Penn-Treebank style: a header ``PLACE | Day Mon D, YYYY h:mm
pm EDT`` glued to the first paragraph, a dateline ``PLACE (Reuters) -``, and at the end a credit
``(Reporting by ...; Editing by ...)`` followed by the page's advertising blurbs. The truth is read
from the text itself, by patterns independent of the extractor's:

* dateline: the place before ``(Reuters) -`` in the first 600 characters (:func:`gold_dateline`);
* wire: an article with that dateline credits Reuters;
* footer: everything from the closing credit on (the credit and the blurbs after it) is not body.

The baseline in the same run is keeping every line as it is (what an extractor without wire
knowledge gives): no dateline, no wire, every footer kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kronik.eval.result import EvalResult

_WIRE_DASH = re.compile(r"\(Reuters\) -")
_HEADER_END = re.compile(r"\b(?i:[ap]m) [A-Z]{2,4} |\* |\n")
_CREDIT = re.compile(r"\((?:Reporting|Additional reporting|Writing|Editing|Compiled|Edited) by [^()]*\)")


def detokenise(text: str) -> str:
    """Timeline17's Penn-Treebank tokens back to the page's text, a paragraph per line (``ptb_text``; its
    escaped bullets ``\\*`` too)."""
    from kronik.bench.synth import ptb_text

    return "\n\n".join(p for p in (ptb_text(line).replace("\\*", "*").strip() for line in text.split("\n")) if p)


def _articles(t17: Path, damaged: list[str]) -> Iterator[tuple[str, str, str]]:
    """Each Reuters set's articles; a line that is no JSON object with ``id`` and ``text`` is noted in
    ``damaged`` (file:line and why) and skipped, so one bad record never stops the evaluation."""
    for folder in sorted(p for p in t17.iterdir() if p.is_dir() and p.name.endswith("_reuters")):
        path = folder / "articles.jsonl"
        with path.open(encoding="utf-8", errors="replace") as fh:
            for n, line in enumerate(fh, 1):
                if not line.strip():
                    continue
                try:
                    rec = json.loads(line)
                    doc_id, text = str(rec["id"]), rec["text"]
                    if not isinstance(text, str):
                        raise TypeError("'text' is not a string")
                except (ValueError, KeyError, TypeError) as err:
                    damaged.append(f"{path}:{n}: {type(err).__name__}: {err}")
                    continue
                yield folder.name, doc_id, detokenise(text)


def gold_dateline(text: str) -> str | None:
    """The place of a ``PLACE[, Region or date] (Reuters) -`` dateline in the first 600 characters: the
    text before the wire, after the page header (``... | Thu Jun 3, 2010 12:52 pm BST``), a bullet or a
    line break, up to its first comma; None when there is none or it names no place ("June 3 (Reuters) -")."""
    m = _WIRE_DASH.search(text[:600])
    if not m:
        return None
    before = text[:m.start()]
    cut = 0
    for h in _HEADER_END.finditer(before):
        cut = h.end()
    place = before[cut:].split(",")[0].strip()
    if not place or not place[0].isupper() or re.match(r"(?i)(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.? \d", place):
        return None
    return place if len(place) <= 60 and place == place.upper() else None  # wire datelines write the place in capitals


def _footer(text: str) -> str | None:
    """The closing credit and what follows it, when the article ends with one."""
    last = None
    for m in _CREDIT.finditer(text):
        last = m
    if last is None or len(text) - last.start() > 1500:
        return None
    return text[last.start():]


def evaluate_wires(t17: Path) -> EvalResult:
    from kronik.extract.text import extract_text_document
    from kronik.io.document import RawDocument

    sets: dict[str, dict[str, int]] = {}
    misses: list[dict[str, Any]] = []
    damaged: list[str] = []
    for name, doc_id, text in _articles(t17, damaged):
        s = sets.setdefault(name, {"articles": 0, "datelines": 0, "dateline_right": 0, "wire_right": 0,
                                   "footers": 0, "footer_removed": 0, "baseline_footer_removed": 0})
        s["articles"] += 1
        art = extract_text_document(RawDocument(source=f"{name}/{doc_id}.txt", format="text", text=text))
        body = "\n".join(art.paragraphs)
        gold = gold_dateline(text)
        if gold:
            s["datelines"] += 1
            right = (art.dateline or "").casefold() == gold.casefold()
            s["dateline_right"] += right
            wire = "Reuters" in art.wire_sources
            s["wire_right"] += wire
            if not (right and wire):
                misses.append({"article": f"{name}/{doc_id}", "gold": gold, "dateline": art.dateline,
                               "wires": art.wire_sources})
        foot = _footer(text)
        if foot:
            s["footers"] += 1
            kept = [w for w in re.findall(r"\w{4,}", foot) if w in body]
            removed = "Reporting by" not in body and "Editing by" not in body and len(kept) <= len(set(re.findall(r"\w{4,}", foot))) * 0.2
            s["footer_removed"] += removed
            if not removed:
                misses.append({"article": f"{name}/{doc_id}", "footer": foot[:120]})
    total = {k: sum(s[k] for s in sets.values()) for k in next(iter(sets.values()), {})}

    def share(a: int, b: int) -> float | None:
        return round(a / b, 4) if b else None

    figures: dict[str, Any] = {
        "articles": total.get("articles", 0),
        "damaged_records": len(damaged),
        "datelines": total.get("datelines", 0),
        "dateline_acc": share(total.get("dateline_right", 0), total.get("datelines", 0)),
        "wire_acc": share(total.get("wire_right", 0), total.get("datelines", 0)),
        "footers": total.get("footers", 0),
        "footer_removed": share(total.get("footer_removed", 0), total.get("footers", 0)),
        "baseline": {"dateline_acc": 0.0 if total.get("datelines") else None,
                     "wire_acc": 0.0 if total.get("datelines") else None,
                     "footer_removed": 0.0 if total.get("footers") else None},
        "sets": {k: {"articles": v["articles"], "datelines": v["datelines"],
                     "dateline_acc": share(v["dateline_right"], v["datelines"]),
                     "wire_acc": share(v["wire_right"], v["datelines"]),
                     "footers": v["footers"], "footer_removed": share(v["footer_removed"], v["footers"])}
                 for k, v in sets.items()},
    }
    return EvalResult(figures, {"misses": misses, "damaged": damaged})


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def render_wires(result: dict[str, Any], console: Console) -> None:
    table = Table(title=f"Reuters datelines, wire credits and footers ({result['articles']} Timeline17 articles)")
    for col in ("set", "system", "datelines", "dateline right", "Reuters credited", "footers", "footer removed"):
        table.add_column(col, justify="left" if col in ("set", "system") else "right")
    rows = [("all", result), *result["sets"].items()]
    for label, r in rows:
        table.add_row(label, "kronik", str(r["datelines"]), _f(r["dateline_acc"]), _f(r["wire_acc"]), str(r["footers"]),
                      _f(r["footer_removed"]), end_section=label != "all")
        if label == "all":
            b = result["baseline"]
            table.add_row("", "keep all lines", "", _f(b["dateline_acc"]), _f(b["wire_acc"]), "", _f(b["footer_removed"]),
                          end_section=True)
    console.print(table)
    details = getattr(result, "details", None) or {}
    damaged = details.get("damaged", [])
    if damaged:
        console.print(f"[yellow]{len(damaged)} damaged record(s) skipped[/yellow]:")
        for d in damaged[:10]:
            console.print(f"  {d}", highlight=False, markup=False, soft_wrap=True)
    misses = details.get("misses", [])
    if misses:
        console.print(f"first misses of {len(misses)}:", highlight=False)
        for m in misses[:15]:
            console.print(f"  {m}", highlight=False, markup=False)

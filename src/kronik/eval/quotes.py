"""``kronik eval quotes``: quote extraction and speaker attribution on our labelled raw articles.

The labelled set (``tests/data/quotes``) is a folder of raw plain-text dumps
(web boilerplate included: menus, "Baca juga:" teasers, "Terkini Lainnya"
blocks whose headlines quote people) plus ``gold.jsonl``, one object per file::

    {"file": "id-01-....txt", "split": "dev" | "heldout", "language": "id",
     "quotes": [{"text": ..., "speaker": canonical name | null, "speaker_text": ...,
                 "paragraph_prefix": first 60 characters of the body paragraph, "direct": true}]}

Each file goes through the real pipeline, exactly as ``kronik analyze`` would:
``extract_text_document`` (boilerplate removal) and then the quote stage on
``article.paragraphs``.  Gold quotes are labelled on the body only, so a quote
reported from leftover boilerplate is a false positive, and a gold paragraph
the extractor dropped costs recall.

Matching rule
    A system quote matches a gold quote when both are in the same paragraph
    (the gold paragraph is the body paragraph starting with ``paragraph_prefix``)
    and they share at least half of the gold quote's word tokens *and* at least
    half of the system quote's (lowercased ``\\w+`` tokens, counted as
    multisets).  Pairs are made one-to-one, best overlap first.

Figures
    * ``precision``, ``recall``, ``f1``: **direct** quotes (system direct vs gold
      direct): the task of the issue and of the published English extractors.
    * ``speaker_accuracy``: over matched direct pairs, the canonical speaker
      equals the gold one (case-insensitive; an unnamed gold speaker, null,
      must be null).
    * ``indirect``: the same for indirect speech (``direct: false``), and
      ``all``: every quote regardless of the flag.
    * ``baseline``: a naive extractor on the same paragraphs (every span
      between quote marks, speaker = the nearest capitalised name after it in
      the paragraph, else before it), scored the same way.
    * ``ms_per_article`` / ``ms_per_500_words``: CPU time of the quote stage
      alone (one process, one core), the fastest of several passes over the
      set (the least disturbed by other load on the machine).
"""

from __future__ import annotations

import json
import re
import time
from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kronik.eval.result import EvalResult
from kronik.model import Article, Quote

GOLD_FILE = "gold.jsonl"
MIN_OVERLAP = 0.5
SPLITS = ("dev", "heldout")
_TOKEN = re.compile(r"\w+", re.UNICODE)
_PAIR = re.compile(r'["“”]([^"“”]+)["“”]')
_CAP_NAME = re.compile(r"\b([A-Z][\w\-]+(?:\s+[A-Z][\w\-]+)+)")


def _tokens(text: str) -> Counter[str]:
    return Counter(t.lower() for t in _TOKEN.findall(text))


def _overlap(a: Counter[str], b: Counter[str]) -> int:
    return sum((a & b).values())


def match_quotes(system: list[dict[str, Any]], gold: list[dict[str, Any]]) -> list[tuple[int, int]]:
    """One-to-one pairs (system index, gold index) by the documented overlap rule."""
    cands = []
    for i, s in enumerate(system):
        st = _tokens(s["text"])
        for j, g in enumerate(gold):
            if s["paragraph"] != g["paragraph"] or g["paragraph"] is None:
                continue
            gt = _tokens(g["text"])
            ov = _overlap(st, gt)
            if not st or not gt:
                continue
            if ov / sum(gt.values()) >= MIN_OVERLAP and ov / sum(st.values()) >= MIN_OVERLAP:
                cands.append((2 * ov / (sum(st.values()) + sum(gt.values())), i, j))
    cands.sort(reverse=True)
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _score, i, j in cands:
        if i in used_s or j in used_g:
            continue
        used_s.add(i)
        used_g.add(j)
        pairs.append((i, j))
    return pairs


def _same_speaker(a: str | None, b: str | None) -> bool:
    return (a or "").strip().lower() == (b or "").strip().lower()


class _Tally:
    def __init__(self) -> None:
        self.tp = self.fp = self.fn = 0
        self.spk_ok = self.spk_n = 0

    def add(self, system: list[dict[str, Any]], gold: list[dict[str, Any]]) -> tuple[list[tuple[int, int]], list[int], list[int]]:
        pairs = match_quotes(system, gold)
        self.tp += len(pairs)
        self.fp += len(system) - len(pairs)
        self.fn += len(gold) - len(pairs)
        for i, j in pairs:
            self.spk_n += 1
            self.spk_ok += _same_speaker(system[i]["speaker"], gold[j]["speaker"])
        ms = {i for i, _ in pairs}
        mg = {j for _, j in pairs}
        return pairs, [i for i in range(len(system)) if i not in ms], [j for j in range(len(gold)) if j not in mg]

    def figures(self) -> dict[str, Any]:
        p = self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0
        r = self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "speaker_accuracy": round(self.spk_ok / self.spk_n, 4) if self.spk_n else 0.0,
                "quotes": self.tp + self.fn, "predicted": self.tp + self.fp, "matched": self.tp}


def naive_quotes(paragraphs: list[str]) -> list[Quote]:
    """Baseline: every span between quote marks; speaker = nearest capitalised name after, else before."""
    out = []
    for pi, p in enumerate(paragraphs):
        for m in _PAIR.finditer(p):
            after = _CAP_NAME.search(p, m.end())
            before = list(_CAP_NAME.finditer(p, 0, m.start()))
            who = after.group(1) if after else (before[-1].group(1) if before else None)
            out.append(Quote(text=m.group(1).strip().rstrip(","), speaker=who, speaker_text=who, paragraph=pi))
    return out


def load_gold(data_dir: Path) -> list[dict[str, Any]]:
    with open(data_dir / GOLD_FILE, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _article(data_dir: Path, name: str) -> Article:
    from kronik.extract.text import extract_text_document
    from kronik.io.readers import RawDocument

    text = (data_dir / name).read_text(encoding="utf-8")
    return extract_text_document(RawDocument(source=name, format="text", text=text))


def _gold_rows(article: Article, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rows = []
    for q in quotes:
        para = next((i for i, p in enumerate(article.paragraphs) if p.startswith(q["paragraph_prefix"])), None)
        rows.append({**q, "paragraph": para})
    return rows


def _rows(quotes: list[Quote]) -> list[dict[str, Any]]:
    return [q.model_dump() for q in quotes]


def evaluate_quotes(data_dir: Path, *, timing_runs: int = 5) -> dict[str, Any]:
    """Score the quote stage (and the naive baseline) on every labelled raw article under ``data_dir``."""
    from kronik.pipeline import REGISTRY, check_order

    check_order(("entities", "quotes"))  # registers the built-in stages
    annotate_entities, annotate_quotes = REGISTRY["entities"].func, REGISTRY["quotes"].func

    data_dir = Path(data_dir)
    records = load_gold(data_dir)
    tallies: dict[str, dict[str, _Tally]] = {
        k: {"direct": _Tally(), "indirect": _Tally(), "all": _Tally(), "baseline": _Tally()} for k in ("total", *SPLITS)
    }
    errors: list[dict[str, Any]] = []
    articles: list[Article] = []
    missing_paragraphs = 0
    for rec in records:
        article = _article(data_dir, rec["file"])
        article = annotate_quotes(annotate_entities(article))  # as in the pipeline: entities first
        articles.append(article)
        gold = _gold_rows(article, rec["quotes"])
        missing_paragraphs += sum(1 for g in gold if g["paragraph"] is None)
        system = _rows(article.quotes)
        base = _rows(naive_quotes(article.paragraphs))
        split = rec.get("split", "dev")
        for key in ("total", split):
            t = tallies[key]
            gd = [g for g in gold if g["direct"]]
            sd = [s for s in system if s["direct"]]
            pairs, fps, fns = t["direct"].add(sd, gd)
            t["indirect"].add([s for s in system if not s["direct"]], [g for g in gold if not g["direct"]])
            t["all"].add(system, gold)
            t["baseline"].add(base, gd)
            if key == "total":
                for i, j in pairs:
                    if not _same_speaker(sd[i]["speaker"], gd[j]["speaker"]):
                        errors.append({"file": rec["file"], "split": split, "kind": "speaker", "text": gd[j]["text"][:70],
                                       "gold": gd[j]["speaker"], "system": sd[i]["speaker"],
                                       "speaker_text": sd[i]["speaker_text"]})
                for i in fps:
                    errors.append({"file": rec["file"], "split": split, "kind": "false-positive",
                                   "text": sd[i]["text"][:70], "system": sd[i]["speaker"]})
                for j in fns:
                    errors.append({"file": rec["file"], "split": split, "kind": "missed", "text": gd[j]["text"][:70],
                                   "gold": gd[j]["speaker"]})
    ms_article, ms_500 = _timing(articles, timing_runs)

    def block(key: str) -> dict[str, Any]:
        t = tallies[key]
        d = t["direct"].figures()
        d["articles"] = sum(1 for r in records if key == "total" or r.get("split", "dev") == key)
        d["indirect"] = t["indirect"].figures()
        d["all"] = t["all"].figures()
        d["baseline"] = t["baseline"].figures()
        return d

    total = block("total")
    figures = {
        **{k: total[k] for k in ("precision", "recall", "f1", "speaker_accuracy", "quotes", "predicted", "matched")},
        "articles": len(records),
        "indirect": total["indirect"],
        "all": total["all"],
        "baseline": total["baseline"],
        "splits": {s: block(s) for s in SPLITS},
        "gold_paragraphs_missing": missing_paragraphs,
        "ms_per_article": round(ms_article, 3),
        "ms_per_500_words": round(ms_500, 3),
        "matching": f"same paragraph, shared word tokens >= {MIN_OVERLAP:.0%} of both gold and system quote, one-to-one",
    }
    return EvalResult(figures, {"errors": errors})


def _timing(articles: list[Article], runs: int) -> tuple[float, float]:
    """CPU ms per article and per 500 words for the quote stage alone (fastest pass)."""
    from kronik.annotate.quotes import extract_quotes

    if not articles:
        return 0.0, 0.0
    words = sum(len(" ".join(a.paragraphs).split()) for a in articles)
    times = []
    for _ in range(max(1, runs)):
        t0 = time.process_time()
        for a in articles:
            extract_quotes(a.paragraphs, a.language or "id", a.entities)
        times.append(time.process_time() - t0)
    best = min(times)
    return 1000 * best / len(articles), 1000 * best * 500 / max(1, words)


def _f(x: float) -> str:
    return f"{x:.3f}"


def render_quotes(result: dict[str, Any], console: Console) -> None:
    """The figures as Rich tables: ours vs the naive baseline, per split."""
    table = Table(title=f"Quotes on {result['articles']} labelled raw articles "
                        f"({result['quotes']} direct gold quotes; matching: {result['matching']})")
    table.add_column("split")
    table.add_column("articles", justify="right")
    table.add_column("gold", justify="right")
    table.add_column("precision", justify="right")
    table.add_column("recall", justify="right")
    table.add_column("F1", justify="right")
    table.add_column("speaker acc.", justify="right")
    table.add_column("baseline P / R / F1 / spk", justify="right")
    table.add_column("indirect P / R / spk", justify="right")
    rows = [("all", {**result, "articles": result["articles"]})] + [(k, v) for k, v in result["splits"].items()]
    for label, g in rows:
        b = g["baseline"]
        ind = g["indirect"]
        table.add_row(label, str(g["articles"]), str(g["quotes"]), _f(g["precision"]), _f(g["recall"]),
                      f"[bold]{_f(g['f1'])}[/bold]", f"[bold]{_f(g['speaker_accuracy'])}[/bold]",
                      f"{_f(b['precision'])} / {_f(b['recall'])} / {_f(b['f1'])} / {_f(b['speaker_accuracy'])}",
                      f"{_f(ind['precision'])} / {_f(ind['recall'])} / {_f(ind['speaker_accuracy'])}")
    console.print(table)
    a = result["all"]
    console.print(f"Direct + indirect together: P {_f(a['precision'])} R {_f(a['recall'])} F1 {_f(a['f1'])} "
                  f"speaker {_f(a['speaker_accuracy'])} ({a['quotes']} gold).  Bar to beat (English extractors): "
                  f"F1 0.84, speaker accuracy 0.87.", highlight=False)
    console.print(f"Speed: {result['ms_per_article']:.2f} ms per article, {result['ms_per_500_words']:.2f} ms per "
                  f"500 words (quote stage alone, one core).  Gold paragraphs the extractor dropped: "
                  f"{result['gold_paragraphs_missing']}.", highlight=False)
    errors = getattr(result, "details", {}).get("errors", [])
    if errors:
        et = Table(title=f"Errors ({len(errors)})")
        for col in ("split", "file", "kind", "text", "gold", "system"):
            et.add_column(col, overflow="fold")
        for e in errors[:60]:
            et.add_row(e["split"], e["file"], e["kind"], e["text"], str(e.get("gold", "")), str(e.get("system", "")))
        console.print(et)

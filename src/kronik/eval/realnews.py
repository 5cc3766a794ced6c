"""``kronik eval realnews``: entities, quotes and times against hand annotations of real news.

The gold (``../shared/data/real-news/annotations-2025-10-20.jsonl``, made by
``GUIDELINES.md`` beside it) holds, per article URL, entity records
``{name, type, mentions}``, quotes ``{kind, start, speaker, speaker_type}``
and times ``{text, type, value}``.  The articles themselves are the export
``detik-2025-10-20.csv`` next to it: it is read with Kronik's own reader
(``read_documents``) and every article goes through ``process_document``,
exactly as ``kronik analyze`` would process the export; gold articles are
found by URL.

Matching rules (the guidelines'; all text compared lowercased with runs of
white space collapsed):

Entities
    The system's entities of an article are grouped by canonical name into
    records (type = the commonest label, mentions = every surface form).  A
    system record matches a gold record of the same type when its canonical
    name or one of its mentions equals the gold name or one of the gold
    mentions; pairs are one-to-one (gold order, first free system record).
    Unmatched system records are false positives (so one person split into
    two records costs precision), unmatched gold records false negatives.
Quotes
    A system quote matches a gold quote of the same kind (direct or indirect)
    when the gold ``start``'s first four words occur, in a row, in the system
    quote, or the system quote's first four words occur in the gold ``start``
    (a quote that begins a word later); one-to-one in gold order.  The
    speaker is right when the system speaker (canonical or its surface text,
    or a mention of the system's entity record of that name) equals the gold
    speaker's name or a mention of the gold entity of that name; an unnamed
    gold source (null) needs a null system speaker.
Times
    A system expression matches a gold one when their extents overlap in the
    article: the system span overlaps a place where the gold text stands
    (the same text first, then any overlap; one-to-one).  ``time_value_acc``
    is the share of **gold** expressions matched with exactly the gold value
    (the string the guidelines define, granularity included: ``2025-10`` is
    not ``2025-10-20``).
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kronik.annotate.ner_train import prf as _prf
from kronik.eval.result import EvalResult
from kronik.model import Article

QUOTE_WORDS = 4
ENTITY_TYPES = ("PER", "ORG", "LOC")
_WORD = re.compile(r"\w+", re.UNICODE)


def _norm(text: str | None) -> str:
    return " ".join((text or "").lower().split())


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _contains(seq: Sequence[str], sub: Sequence[str]) -> bool:
    n = len(sub)
    return n > 0 and any(list(seq[i:i + n]) == list(sub) for i in range(len(seq) - n + 1))


def _pair(gold: Sequence[Any], system: Sequence[Any], ok: Callable[[Any, Any], bool]) -> list[tuple[int, int]]:
    """One-to-one (gold index, system index) pairs: each gold item takes the first free system item that fits."""
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for si, s in enumerate(system):
            if si not in used and ok(g, s):
                used.add(si)
                pairs.append((gi, si))
                break
    return pairs


# --------------------------------------------------------------------------- entities

def system_entities(article: Article) -> list[dict[str, Any]]:
    """The article's entities as records like the gold: one per canonical name, in order of first mention."""
    groups: dict[str, dict[str, Any]] = {}
    for e in article.entities:
        g = groups.setdefault(e.canonical, {"name": e.canonical, "labels": Counter(), "mentions": []})
        g["labels"][e.label] += 1
        if e.text not in g["mentions"]:
            g["mentions"].append(e.text)
    return [{"name": g["name"], "type": g["labels"].most_common(1)[0][0], "mentions": g["mentions"]}
            for g in groups.values()]


def _forms(record: dict[str, Any]) -> set[str]:
    return {_norm(record.get("name"))} | {_norm(m) for m in record.get("mentions", ())} - {""}


def _entity_match(g: dict[str, Any], s: dict[str, Any]) -> bool:
    return bool(g["type"] == s["type"] and _forms(g) & _forms(s))


# --------------------------------------------------------------------------- quotes

def _quote_match(g: dict[str, Any], s: dict[str, Any]) -> bool:
    gw, sw = _words(g["start"]), _words(s["text"])
    return _contains(sw, gw[:QUOTE_WORDS]) or _contains(gw, sw[:QUOTE_WORDS])


def _speaker_ok(gold: dict[str, Any], sys: dict[str, Any], gold_ents: list[dict[str, Any]],
                sys_ents: list[dict[str, Any]]) -> bool:
    if not gold.get("speaker"):
        return not sys.get("speaker")
    if not sys.get("speaker"):
        return False
    want = {_norm(gold["speaker"])}
    for e in gold_ents:
        if _norm(e["name"]) == _norm(gold["speaker"]):
            want |= _forms(e)
    have = {_norm(sys["speaker"]), _norm(sys.get("speaker_text"))} - {""}
    for e in sys_ents:
        if _norm(e["name"]) == _norm(sys["speaker"]):
            have |= _forms(e)
    return bool(want & have)


# --------------------------------------------------------------------------- times

def _gold_spans(text: str, paragraphs: Sequence[str]) -> list[tuple[int, int, int]]:
    """Where a gold expression's text stands in the article: (paragraph, start, end) of every occurrence
    (white space matched loosely; case-blind only when the exact form is absent)."""
    words = text.split()
    if not words:
        return []
    pattern = r"\s+".join(map(re.escape, words))
    for flags in (0, re.IGNORECASE):
        rx = re.compile(pattern, flags)
        spans = [(pi, m.start(), m.end()) for pi, para in enumerate(paragraphs) for m in rx.finditer(para)]
        if spans:
            return spans
    return []


def _time_pairs(gold: Sequence[dict[str, Any]], system: Sequence[dict[str, Any]],
                paragraphs: Sequence[str]) -> list[tuple[int, int]]:
    """One-to-one (gold, system) pairs of expressions whose extents overlap in the article's text: the
    system's span (paragraph, start, end) overlaps an occurrence of the gold text.  Gold carries only text,
    so "overlap" is by position where the text stands, never by equal strings elsewhere in the article (a
    "2025" of another sentence is no match).  The pairing is a maximum matching (a gold "2014" that also
    stands inside a gold "Tahun Anggaran 2014" must not take the only system expression the longer one
    has); each gold expression tries the system ones of its own text first."""
    where = [_gold_spans(g["text"], paragraphs) for g in gold]
    options: list[list[int]] = []
    for gi, g in enumerate(gold):
        over = [si for si, s in enumerate(system)
                if any(p == s["paragraph"] and a < s["end"] and s["start"] < b for p, a, b in where[gi])]
        options.append(sorted(over, key=lambda si: _norm(system[si]["text"]) != _norm(g["text"])))
    owner: dict[int, int] = {}

    def take(gi: int, seen: set[int]) -> bool:
        for si in options[gi]:
            if si not in seen:
                seen.add(si)
                if si not in owner or take(owner[si], seen):
                    owner[si] = gi
                    return True
        return False

    for gi in range(len(gold)):
        take(gi, set())
    return sorted((gi, si) for si, gi in owner.items())


# --------------------------------------------------------------------------- running

def load_gold(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def process_export(export: Path, urls: Iterable[str]) -> dict[str, Article]:
    """The export's articles with these URLs, read and annotated by Kronik's own reader and pipeline."""
    from kronik.io.readers import read_documents
    from kronik.pipeline import process_document

    wanted = set(urls)
    out: dict[str, Article] = {}
    for doc in read_documents([export]):
        url = getattr(doc, "fields", {}).get("url")
        if url not in wanted or url in out:
            continue
        art = process_document(doc)  # type: ignore[arg-type]
        if isinstance(art, Article):
            out[url] = art
    return out


class _Count:
    """Matched / gold / predicted / right-speaker counts of one quote kind."""

    def __init__(self) -> None:
        self.gold = self.pred = self.matched = self.speaker_ok = 0

    def figures(self) -> dict[str, Any]:
        p = self.matched / self.pred if self.pred else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return {"gold": self.gold, "predicted": self.pred, "matched": self.matched,
                "precision": round(p, 4), "recall": round(r, 4),
                "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                "speaker_correct": self.speaker_ok,
                "speaker_acc": round(self.speaker_ok / self.matched, 4) if self.matched else 0.0}


def evaluate_realnews(gold_path: Path, export: Path | None = None) -> EvalResult:
    """Score the pipeline's entities, quotes and times on the annotated articles (see the module doc)."""
    gold_path = Path(gold_path)
    export = Path(export) if export else default_export(gold_path)
    gold = load_gold(gold_path)
    articles = process_export(export, (g["url"] for g in gold))
    ent: dict[str, Counter[str]] = {t: Counter() for t in ENTITY_TYPES}
    quotes = {"direct": _Count(), "indirect": _Count()}
    times = Counter()  # type: Counter[str]
    errors: list[dict[str, Any]] = []
    missing = []
    for rec in gold:
        art = articles.get(rec["url"])
        if art is None:
            missing.append(rec["url"])
            art = Article(id="", source=rec["url"], format="csv")
        sys_ents = system_entities(art)
        pairs = _pair(rec["entities"], sys_ents, _entity_match)
        for gi, _si in pairs:
            ent[rec["entities"][gi]["type"]]["tp"] += 1
        got_g, got_s = {a for a, _ in pairs}, {b for _, b in pairs}
        for i, g in enumerate(rec["entities"]):
            if i not in got_g and g["type"] in ent:
                ent[g["type"]]["fn"] += 1
                errors.append({"url": rec["url"], "kind": "entity-missed", "gold": f"{g['name']} {g['type']}"})
        for i, s in enumerate(sys_ents):
            if i not in got_s and s["type"] in ent:
                ent[s["type"]]["fp"] += 1
                errors.append({"url": rec["url"], "kind": "entity-spurious", "system": f"{s['name']} {s['type']}"})

        for kind, tally in quotes.items():
            gq = [q for q in rec["quotes"] if q["kind"] == kind]
            sq = [q.model_dump() for q in art.quotes if q.direct == (kind == "direct")]
            tally.gold += len(gq)
            tally.pred += len(sq)
            for gi, si in _pair(gq, sq, _quote_match):
                tally.matched += 1
                if _speaker_ok(gq[gi], sq[si], rec["entities"], sys_ents):
                    tally.speaker_ok += 1
                else:
                    errors.append({"url": rec["url"], "kind": f"{kind}-speaker", "text": gq[gi]["start"],
                                   "gold": gq[gi]["speaker"], "system": sq[si]["speaker"]})

        sys_times = [t.model_dump() for t in art.times]
        tpairs = _time_pairs(rec["times"], sys_times, art.paragraphs)
        times["gold"] += len(rec["times"])
        times["predicted"] += len(sys_times)
        times["matched"] += len(tpairs)
        for gi, si in tpairs:
            g, s = rec["times"][gi], sys_times[si]
            if g["value"] == s["value"]:
                times["value_correct"] += 1
            else:
                errors.append({"url": rec["url"], "kind": "time-value", "text": g["text"], "gold": g["value"],
                               "system": s["value"]})
        for i in set(range(len(rec["times"]))) - {a for a, _ in tpairs}:
            errors.append({"url": rec["url"], "kind": "time-missed", "text": rec["times"][i]["text"],
                           "gold": rec["times"][i]["value"]})

    per_type = {t: _prf(c["tp"], c["fp"], c["fn"]) for t, c in ent.items()}
    micro = _prf(*(sum(c[k] for c in ent.values()) for k in ("tp", "fp", "fn")))
    d, ind = quotes["direct"].figures(), quotes["indirect"].figures()
    figures = {
        "articles": len(gold),
        "articles_missing": len(missing),
        "entity_f1": micro["f1"], "entity_precision": micro["precision"], "entity_recall": micro["recall"],
        "entities": {"gold": micro["tp"] + micro["fn"], "predicted": micro["tp"] + micro["fp"], "matched": micro["tp"],
                     "types": per_type},
        "direct_speaker_acc": d["speaker_acc"], "direct_recall": d["recall"], "direct_precision": d["precision"],
        "indirect_recall": ind["recall"], "indirect_precision": ind["precision"],
        "indirect_speaker_acc": ind["speaker_acc"],
        "quotes": {"direct": d, "indirect": ind},
        "time_value_acc": round(times["value_correct"] / times["gold"], 4) if times["gold"] else 0.0,
        "times": {"gold": times["gold"], "predicted": times["predicted"], "matched": times["matched"],
                  "value_correct": times["value_correct"],
                  "value_acc_of_matched": round(times["value_correct"] / times["matched"], 4) if times["matched"] else 0.0},
        "gold_file": str(gold_path), "export": str(export),
    }
    return EvalResult(figures, {"errors": errors, "missing": missing})


def default_export(gold_path: Path) -> Path:
    """``annotations-DAY.jsonl`` -> ``detik-DAY.csv`` beside it (the export the annotators read)."""
    day = gold_path.stem.removeprefix("annotations-")
    return gold_path.with_name(f"detik-{day}.csv")


def _f(x: float) -> str:
    return f"{x:.3f}"


def render_realnews(result: dict[str, Any], console: Console, errors: bool = False) -> None:
    """The figures as tables; ``errors`` also lists every mismatch."""
    t = Table(title=f"Entities on {result['articles']} hand-annotated real articles (record level, name or mention + type)")
    for col in ("type", "gold", "P", "R", "F1"):
        t.add_column(col, justify="right")
    for lab, v in result["entities"]["types"].items():
        t.add_row(lab, str(v["tp"] + v["fn"]), _f(v["precision"]), _f(v["recall"]), _f(v["f1"]))
    t.add_row("all", str(result["entities"]["gold"]), _f(result["entity_precision"]), _f(result["entity_recall"]),
              f"[bold]{_f(result['entity_f1'])}[/bold]")
    console.print(t)
    q = Table(title=f"Quotes (first {QUOTE_WORDS} words) and speakers (name or mention form)")
    for col in ("kind", "gold", "predicted", "P", "R", "speaker acc."):
        q.add_column(col, justify="right")
    for kind, v in result["quotes"].items():
        q.add_row(kind, str(v["gold"]), str(v["predicted"]), _f(v["precision"]), _f(v["recall"]),
                  f"[bold]{_f(v['speaker_acc'])}[/bold]")
    console.print(q)
    tm = result["times"]
    tt = Table(title="Times (matched by text overlap; value exact)")
    for col in ("gold", "found", "matched", "right value", "value acc. (of gold)", "of matched"):
        tt.add_column(col, justify="right")
    tt.add_row(str(tm["gold"]), str(tm["predicted"]), str(tm["matched"]), str(tm["value_correct"]),
               f"[bold]{_f(result['time_value_acc'])}[/bold]", _f(tm["value_acc_of_matched"]))
    console.print(tt)
    if result.get("articles_missing"):
        console.print(f"[red]{result['articles_missing']} annotated articles not found in the export[/red]")
    rows = getattr(result, "details", {}).get("errors", [])
    if errors and rows:
        et = Table(title=f"Mismatches ({len(rows)})")
        for col in ("article", "kind", "text", "gold", "system"):
            et.add_column(col, overflow="fold")
        for e in rows:
            et.add_row(e["url"].rsplit("/", 1)[-1][:40], e["kind"], e.get("text", ""), str(e.get("gold", "")),
                       str(e.get("system", "")))
        console.print(et)

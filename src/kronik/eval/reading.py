"""``kronik eval reading``: do event summaries and titles read well?  Ours against the earlier picker.

Each dataset is clustered once (``run_corpus``), then described twice from the same events:

* **baseline**: the earlier picker (``SummarySettings(references=False, central_titles=False)``): plain
  maximal marginal relevance, and the title of the event's earliest article;
* **ours**: a sentence opening with a reference ("Hal itu", "Namun", "Dia", "It", "The move", see
  :mod:`kronik.summarize.references`) enters only after an earlier sentence of its article or with the
  sentence before it; the title is the most central headline (:mod:`kronik.summarize.titles`).

Figures per dataset and system:

* ``opening``: share of summaries whose first sentence opens with a reference (nothing before it to
  point at);
* ``orphan``: later summary sentences opening with a reference with no earlier sentence of their own
  article in the summary, per summary sentence; ``apart``: those not right after the sentence they
  follow in their article (the stricter reading), per summary sentence;
* titles, where a gold event per article exists (the real-news day, the example corpus): over events
  whose articles span two or more gold events, one of them the largest, the share whose title is the
  headline of an article of that largest gold event (``title_majority``): a title that names what most
  of the event is.
  Titles are real headlines either way; ``titles_changed`` counts events whose title differs.

Inputs: the real-news dev day (an export and its event gold by URL), the example corpus, and, when
given, Timeline17 (English, no titles: summary figures only).  The reference word lists are language
data made from the kinds of pointing back (connectives, pronouns, demonstratives), not from these
articles; nothing here is tuned.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from kronik.eval.result import EvalResult
from kronik.model import Article, Event
from kronik.summarize.references import dangling_items

SYSTEMS = ("baseline", "ours")


def _settings(system: str) -> Any:
    from kronik.summarize import SummarySettings

    return SummarySettings() if system == "ours" else SummarySettings(references=False, central_titles=False)


def score_events(articles: Sequence[Article], events: Sequence[Event], gold: dict[str, str] | None) -> dict[str, Any]:
    """Reading figures of already described events (see the module docstring)."""
    by_id = {a.id: a for a in articles}
    summaries = [ev.summary for ev in events if ev.summary]
    sentences = sum(len(s) for s in summaries)
    opening = orphan = apart = 0
    for items in summaries:
        o, n, p = dangling_items(items, by_id, "id")
        opening += o
        orphan += n
        apart += p
    out: dict[str, Any] = {
        "summaries": len(summaries), "sentences": sentences,
        "opening": opening, "opening_rate": round(opening / max(len(summaries), 1), 4),
        "orphan": orphan, "orphan_rate": round(orphan / max(sentences, 1), 4),
        "apart": apart, "apart_rate": round(apart / max(sentences, 1), 4),
    }
    if gold is not None:
        mixed = hit = 0
        for ev in events:
            labels = Counter(gold[a] for a in ev.articles if a in gold and not by_id[a].duplicate_of)
            top = max(labels.values(), default=0)
            if len(labels) < 2 or list(labels.values()).count(top) > 1:
                continue  # one gold event, or no single largest one
            mixed += 1
            source = next((a for a in ev.articles if by_id[a].title == ev.title and a in gold), None)
            hit += source is not None and labels[gold[source]] == top
        out.update(mixed_events=mixed, title_majority=hit, title_majority_rate=round(hit / max(mixed, 1), 4))
    return out


def evaluate_dataset(articles: list[Article], gold: dict[str, str] | None) -> dict[str, Any]:
    """Cluster once, describe with each system, score both."""
    from kronik.corpus import run_corpus
    from kronik.summarize import describe

    arts, events, stories, _ = run_corpus([a.model_copy() for a in articles])
    res: dict[str, Any] = {"articles": len(arts), "events": len(events)}
    titles: dict[str, list[str | None]] = {}
    for system in SYSTEMS:
        evs = [e.model_copy(deep=True) for e in events]
        sts = [s.model_copy(deep=True) for s in stories]
        describe(arts, evs, sts, _settings(system))
        res[system] = score_events(arts, evs, gold)
        titles[system] = [e.title for e in evs]
    res["titles_changed"] = sum(a != b for a, b in zip(*titles.values(), strict=True))
    return res


def evaluate_reading(real: Path | None, corpus: Path | None, t17: Path | None = None) -> EvalResult:
    from kronik.eval.clusters import REAL_DAYS, load_corpus, load_real, load_t17

    out: dict[str, Any] = {}
    if real is not None:
        export, gold = REAL_DAYS[0]
        if (real / export).is_file() and (real / gold).is_file():
            arts, labels = load_real(real / export, real / gold)
            out["real_dev_day"] = evaluate_dataset(arts, {k: v["event"] for k, v in labels.items()})
    if corpus is not None and (corpus / "labels.jsonl").is_file():
        arts, labels = load_corpus(corpus)
        out["corpus"] = evaluate_dataset(arts, {k: v["event"] for k, v in labels.items() if v.get("event")})
    if t17 is not None and t17.is_dir():
        arts, _ = load_t17(t17)
        out["t17"] = evaluate_dataset(arts, None)
    return EvalResult(out)


def render_reading(result: dict[str, Any], console: Any) -> None:
    from rich.table import Table

    rows = (("summaries opening with a reference", "opening", "opening_rate"),
            ("later sentences, no earlier one of their article", "orphan", "orphan_rate"),
            ("later sentences, not right after their antecedent", "apart", "apart_rate"),
            ("titles from the largest gold event (mixed events)", "title_majority", "title_majority_rate"))
    for name, block in result.items():
        t = Table(title=f"{name}: {block['articles']} articles, {block['events']} events, "
                        f"{block['ours']['summaries']} summaries; titles changed: {block['titles_changed']}")
        t.add_column("figure")
        for system in SYSTEMS:
            t.add_column(system, justify="right")
        for label, count, rate in rows:
            if count not in block["ours"]:
                continue
            denom = "mixed_events" if count == "title_majority" else ("summaries" if count == "opening" else "sentences")
            t.add_row(label, *(f"{block[s][rate]:.4f} ({block[s][count]}/{block[s][denom]})" if block[s][denom]
                               else "none to score" for s in SYSTEMS))
        console.print(t)

"""``kronik train links``: learn the event-link decision and measure it leave-one-dataset-out.

Three gold streams (the loaders of ``kronik eval clusters``, read through the
real pipeline):

* ``real``: the real dev day (detik 2025-10-20, hand-made events and stories);
* ``corpus``: our example corpus (events, stories);
* ``t17``: Timeline17, one English stream of four topics.  A topic is a
  story, not one happening, so only pairs **across** topics are certain
  labels (negatives); its figures are stories B-cubed and the events'
  B-cubed precision against the topics (an event mixing topics is wrong).

Training rows: each stream is clustered once from an empty state with the
default settings while :class:`~kronik.corpus.linkmodel.Recorder` watches the
hand-set rule decide; every candidate of every decision (the articles', and
the merge step's events) is a row of pair features, labelled by gold.  Each
dataset weighs the same in the fit, and within a dataset its positives as much
as its negatives.

Leave-one-dataset-out: for each dataset, a model is fitted on the other two,
its decision threshold chosen from :data:`THRESHOLDS` by the sum of the
objective on those two (events B-cubed F1 where events are labelled, else
stories B-cubed F1), and the left-out stream is clustered with it and with
the hand-set rule in the same run.  The real dev day also gets the
one-by-one row (a corpus pass per article in file order).  The model written
at the end is fitted on all three, its threshold chosen on all three, so
figures printed with it afterwards saw their data; the LODO table is the
honest figure.
"""

from __future__ import annotations

import json
import tempfile
import time
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import numpy as np

from kronik.corpus.linkmodel import LinkModel, Recorder, fit, recording
from kronik.corpus.settings import CorpusSettings
from kronik.eval.clustermetrics import bcubed, cluster_scores
from kronik.model import Article

THRESHOLDS = (0.5, 0.7, 0.8, 0.9, 0.95, 0.98)
L2 = 1.0


@dataclass
class Dataset:
    name: str
    articles: list[Article]
    feats: list[Any]
    events: dict[str, Any] | None  # article id -> gold event (None: no event gold)
    stories: dict[str, Any]
    negatives_only: bool = False

    @property
    def gold(self) -> dict[str, Any]:
        return self.events if self.events is not None else self.stories


def load_datasets(real: Path | None, corpus: Path | None, t17: Path | None) -> list[Dataset]:
    """The gold streams that are present, with their per-article features (computed once)."""
    from kronik.corpus import article_features
    from kronik.eval.clusters import REAL_DAYS, load_corpus, load_real, load_t17

    s = CorpusSettings()
    out: list[Dataset] = []

    def add(name: str, arts: list[Article], ev: dict[str, Any] | None, st: dict[str, Any], neg: bool = False) -> None:
        out.append(Dataset(name, arts, [article_features(a, s) for a in arts], ev, st, neg))

    if real is not None:
        export, gold = REAL_DAYS[0]
        if (real / export).is_file() and (real / gold).is_file():
            arts, labels = load_real(real / export, real / gold)
            add("real", arts, {a: v["event"] for a, v in labels.items()}, {a: v["story"] for a, v in labels.items()})
    if corpus is not None and (corpus / "labels.jsonl").is_file():
        arts, labels = load_corpus(corpus)
        add("corpus", arts, {a: v["event"] for a, v in labels.items()}, {a: v["story"] for a, v in labels.items()})
    if t17 is not None and t17.is_dir():
        arts, topic = load_t17(t17)
        add("t17", arts, None, topic, neg=True)
    return out


def collect(ds: Dataset) -> tuple[np.ndarray, np.ndarray]:
    """Pair features and gold labels of every decision the hand-set rule takes on the stream."""
    from kronik.corpus import run_features

    with recording(Recorder(ds.gold, negatives_only=ds.negatives_only)) as rec:
        run_features(ds.feats, settings=CorpusSettings())
    return rec.data()


def score(ds: Dataset, settings: CorpusSettings) -> dict[str, Any]:
    """One pass over the stream from an empty state: events and stories against gold, false duplicates."""
    from kronik.corpus import run_features
    from kronik.eval.clusters import false_duplicates

    assign, _ = run_features(ds.feats, settings=settings)
    ev = {a: assign[a][1] for a in ds.stories}
    st = {a: assign[a][2] for a in ds.stories}
    out: dict[str, Any] = {"stories": cluster_scores(ds.stories, st), "events_found": len(set(ev.values()))}
    if ds.events is not None:
        out["events"] = cluster_scores(ds.events, ev)
        out["false_duplicates"] = len(false_duplicates({a: assign[a][0] or a for a in ds.events}, ds.events))
    else:
        out["events"] = None
        out["events_topic_precision"] = bcubed(ds.stories, ev)["precision"]
    return out


def objective(res: dict[str, Any]) -> float:
    return float((res["events"] or res["stories"])["bcubed_f1"])


def fit_on(parts: list[tuple[np.ndarray, np.ndarray]]) -> LinkModel:
    """A model fitted on several datasets' rows, each dataset weighing the same in total and, within it, its
    positives as much as its negatives (a dense day has a hundred look-alikes per follow-up; the base rate is
    the stream's, not the decision's)."""
    x = np.concatenate([p[0] for p in parts])
    y = np.concatenate([p[1] for p in parts])
    w = np.concatenate([np.where(p[1] == 1, 0.5 / max(int(p[1].sum()), 1), 0.5 / max(int((p[1] == 0).sum()), 1))
                        for p in parts])
    return fit(x, y, w, l2=L2)


def _with_model(model: LinkModel, folder: Path, tag: str) -> CorpusSettings:
    path = folder / f"link-{tag}-{model.threshold}.json"
    path.write_text(json.dumps(model.to_dict()), "utf-8")
    return replace(CorpusSettings(), event_model=str(path))


def choose_threshold(model: LinkModel, on: list[Dataset], folder: Path, tag: str) -> tuple[LinkModel, dict[str, float]]:
    """The threshold of :data:`THRESHOLDS` with the best summed objective on ``on`` (ties: the first)."""
    sums = {}
    for t in THRESHOLDS:
        m = model.with_threshold(t)
        sums[t] = round(sum(objective(score(d, _with_model(m, folder, tag))) for d in on), 4)
    best = max(THRESHOLDS, key=lambda t: (sums[t], -t))
    return model.with_threshold(best), {str(k): v for k, v in sums.items()}


def _one_by_one(ds: Dataset, settings: CorpusSettings) -> dict[str, Any]:
    from kronik.eval.clusters import run_in_passes

    r = run_in_passes(ds.articles, 1, settings=settings)
    return {"events": cluster_scores(ds.events, r["events"]) if ds.events else None,
            "stories": cluster_scores(ds.stories, r["stories"])}


def train_links(real: Path | None, corpus: Path | None, t17: Path | None, out: Path | None,
                lodo: bool = True, one_by_one: bool = True) -> dict[str, Any]:
    """Fit the link model on every gold stream present, measure it leave-one-dataset-out, write it to ``out``."""
    t0 = time.perf_counter()
    data = load_datasets(real, corpus, t17)
    if not data:
        raise ValueError("no gold stream found (real news, example corpus or Timeline17)")
    rows = {d.name: collect(d) for d in data}
    res: dict[str, Any] = {"datasets": {d.name: {"articles": len(d.articles), "pairs": len(rows[d.name][1]),
                                                 "positives": int(rows[d.name][1].sum()),
                                                 "labels": "cross-topic negatives only" if d.negatives_only else
                                                 "events"} for d in data},
                           "thresholds": list(THRESHOLDS), "l2": L2, "lodo": {}}
    rule = CorpusSettings()
    with tempfile.TemporaryDirectory(prefix="kronik-links-") as tmp:
        folder = Path(tmp)
        if lodo and len(data) > 1:
            for d in data:
                others = [o for o in data if o is not d]
                model, sums = choose_threshold(fit_on([rows[o.name] for o in others]), others, folder, f"no-{d.name}")
                ms = _with_model(model, folder, f"no-{d.name}")
                row: dict[str, Any] = {"trained_on": [o.name for o in others], "threshold": model.threshold,
                                       "threshold_sums": sums, "rule": score(d, rule), "model": score(d, ms)}
                if one_by_one and d.name == "real":
                    row["one_by_one"] = {"rule": _one_by_one(d, rule), "model": _one_by_one(d, ms)}
                res["lodo"][d.name] = row
        model, sums = choose_threshold(fit_on(list(rows.values())), data, folder, "all")
    model = LinkModel(model.features, model.mean, model.scale, model.coef, model.intercept, model.threshold,
                      {"trained_on": [d.name for d in data], "threshold_sums": sums, "l2": L2,
                       "written_by": "kronik train links"})
    res["model"] = {"threshold": model.threshold, "threshold_sums": sums,
                    "coef": dict(zip(model.features, (round(float(c), 4) for c in model.coef), strict=True))}
    res["beats_rule_everywhere"] = bool(res["lodo"]) and all(_not_worse(r) for r in res["lodo"].values())
    if out is not None:
        out.write_text(json.dumps(model.to_dict(), indent=1) + "\n", "utf-8")
        res["out"] = str(out)
    res["seconds"] = round(time.perf_counter() - t0, 1)
    return res


def _not_worse(row: dict[str, Any]) -> bool:
    """The model's events B-cubed F1 at least the rule's (topic precision where no event gold), stories B-cubed
    F1 not lower, and no more false duplicates."""
    r, m = row["rule"], row["model"]
    if r["events"] is not None:
        ev_ok = m["events"]["bcubed_f1"] >= r["events"]["bcubed_f1"] and m["false_duplicates"] <= r["false_duplicates"]
    else:
        ev_ok = m["events_topic_precision"] >= r["events_topic_precision"]
    return bool(ev_ok and m["stories"]["bcubed_f1"] >= r["stories"]["bcubed_f1"])


def render_train_links(res: dict[str, Any], console: Any) -> None:
    from rich.table import Table

    def prf(b: dict[str, Any] | None) -> str:
        return "-" if not b else f"{b['bcubed_precision']:.3f} / {b['bcubed_recall']:.3f} / {b['bcubed_f1']:.3f}"

    t = Table(title="Event links left out one dataset at a time: hand-set rule vs the model trained without it "
                    "(B-cubed P / R / F1)")
    for col in ("left out", "decision", "threshold", "events", "events found", "stories", "false dups / topic P"):
        t.add_column(col)
    for name, row in res["lodo"].items():
        for who in ("rule", "model"):
            r = row[who]
            extra = str(r["false_duplicates"]) if r["events"] is not None else f"{r['events_topic_precision']:.3f}"
            t.add_row(name if who == "rule" else "", who, "-" if who == "rule" else str(row["threshold"]),
                      prf(r["events"]), str(r["events_found"]), prf(r["stories"]), extra)
        for who, r in row.get("one_by_one", {}).items():
            t.add_row(f"  {name} one by one", who, "", prf(r["events"]), "", prf(r["stories"]), "")
    console.print(t)
    for name, d in res["datasets"].items():
        console.print(f"{name}: {d['articles']} articles, {d['pairs']} pairs ({d['positives']} positive; "
                      f"{d['labels']})", highlight=False)
    console.print(f"Model on all datasets: threshold {res['model']['threshold']} (sums {res['model']['threshold_sums']}); "
                  f"beats or equals the rule on every left-out dataset: {res['beats_rule_everywhere']}; "
                  f"{res['seconds']} s" + (f"; wrote {res['out']}" if res.get("out") else "") + ".", highlight=False)

"""Fitting the timeline model (date ranker, sentence scorer, report lead) on Timeline17, leave-one-topic-out.

A *topic* is a Timeline17 story (``bpoil``, ``H1N1``, ``haiti``, ``MJ``...),
not a topic set: the five ``bpoil_*`` sets tell one story from five outlets,
so holding out ``bpoil_bbc`` while training on ``bpoil_guardian`` would let
the model learn the story.  Every held-out figure holds out the whole story.

What is fitted, for a given list of training timelines:

- the **date ranker**: logistic regression (``fit_logistic``, L2 1) over
  :data:`kronik.summarize.dates.FEATURES`, each candidate date of a timeline
  labelled by whether its reference timeline has it;
- the **sentence scorer**: ridge regression (L2 :data:`SENTENCE_L2`) over
  :data:`kronik.summarize.timeline.SENTENCE_FEATURES`, each candidate sentence
  of a reference date valued by its ROUGE-1 F plus ROUGE-2 F against that
  date's reference sentences;
- the **settings** (:data:`GRID`: the report lead, and whether the learnt
  ranker or the count ranker orders dates), chosen by leave-one-topic-out over
  the training topics only, on the sum of the three figures each divided by
  SUnSET's (so no figure is traded away for another).
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from kronik.summarize.dates import features as date_features
from kronik.summarize.scorer import fit_logistic
from kronik.summarize.timeline import TimelineInput, TimelineModel, TimelineSettings, timeline_from

Timeline = dict[date, list[str]]
LEADS = (10, 20)
MAX_WORDS = (40, 60)
RANKERS = ("count", "model")
GRID = tuple(itertools.product(LEADS, MAX_WORDS, RANKERS))
SENTENCE_L2 = 10.0
DATE_L2 = 1.0
BARS = {"rouge1_f": 0.136, "rouge2_f": 0.044, "date_f1": 0.576}


@dataclass
class Case:
    """One reference timeline with its prepared input and the protocol's sizes."""

    topic: str
    name: str
    inp: TimelineInput
    ref: Timeline
    n_dates: int
    per_date: int
    docs: list[Any]


def topic_of(name: str) -> str:
    return name.split("_")[0]


def date_matrix(case: Case) -> tuple[np.ndarray, np.ndarray]:
    ev = case.inp.evidence
    cands = sorted(set(ev.mention_articles) | set(ev.published))
    return date_features(ev, cands), np.array([c in case.ref for c in cands], dtype=float)


_SENT_CACHE: dict[tuple[int, int, int, int], tuple[np.ndarray, np.ndarray]] = {}


def sentence_matrix(case: Case, lead: int, settings: TimelineSettings) -> tuple[np.ndarray, np.ndarray]:
    """Features and ROUGE targets of the candidate sentences of the reference's dates (cached per lead)."""
    from kronik.eval.tls import rouge_f

    key = (id(case.inp), lead, settings.min_words, settings.max_words or 0)
    if key in _SENT_CACHE:
        return _SENT_CACHE[key]
    inp = case.inp
    xs, ys = [], []
    if inp.docs:
        for d in sorted(case.ref):
            ment, pub, cand = inp.candidates(d, lead, settings.pub_days)
            pool = [r for r in cand if settings.min_words <= inp.words[r] <= (settings.max_words or 0)]
            if not pool:
                continue
            xs.append(inp.sentence_features(d, ment, pub, pool))
            ys.append([rouge_f([inp.sents[r].text], case.ref[d], 1) + rouge_f([inp.sents[r].text], case.ref[d], 2)
                       for r in pool])
    from kronik.summarize.timeline import SENTENCE_FEATURES

    out = (np.vstack(xs) if xs else np.zeros((0, len(SENTENCE_FEATURES))),
           np.concatenate([np.asarray(y, dtype=float) for y in ys]) if ys else np.zeros(0))
    _SENT_CACHE[key] = out
    return out


def fit_ridge(x: np.ndarray, y: np.ndarray, l2: float) -> np.ndarray:
    """Least squares with an L2 penalty on every weight but the bias (column 0)."""
    reg = np.full(x.shape[1], l2)
    reg[0] = 0.0
    return np.linalg.solve(x.T @ x + np.diag(reg), x.T @ y)


def fit(cases: Sequence[Case], lead: int, ranker: str, max_words: int = 40) -> TimelineModel:
    """The model fitted on ``cases`` with the given report lead, longest sentence and date ranker."""
    s = TimelineSettings(max_words=max_words)
    dates: np.ndarray | str = ranker
    if ranker == "model":
        xd, yd = zip(*(date_matrix(c) for c in cases if c.inp.docs), strict=True)
        dates = fit_logistic(np.vstack(xd), np.concatenate(yd), l2=DATE_L2)
    xs, ys = zip(*(sentence_matrix(c, lead, s) for c in cases), strict=True)
    return TimelineModel(dates, fit_ridge(np.vstack(xs), np.concatenate(ys), SENTENCE_L2), lead, max_words)


def predict(case: Case, model: TimelineModel, settings: TimelineSettings | None = None) -> Timeline:
    from kronik.eval.tls import as_timeline

    return as_timeline(timeline_from(case.inp, case.n_dates, case.per_date, settings, model))


def score(cases: Sequence[Case], models: dict[str, TimelineModel]) -> dict[str, float]:
    """news-tls mean figures of ``cases``, each built with the model of its topic."""
    from kronik.eval.tls import mean_figures, timeline_row

    return mean_figures([timeline_row(predict(c, models[c.topic]), c.ref) for c in cases])


def objective(fig: dict[str, float]) -> float:
    """The worst of the three figures as a share of SUnSET's: no figure is bought with another."""
    return min(fig[k] / v for k, v in BARS.items())


def choose(cases: Sequence[Case]) -> tuple[tuple[int, int, str], dict[str, Any]]:
    """The :data:`GRID` setting (lead, max words, date ranker) best leave-one-topic-out over ``cases``' topics.

    With a single topic there is nothing to hold out: the settings are then judged on it in-sample (still
    never on the topic the caller holds out)."""
    topics = sorted({c.topic for c in cases})
    best: tuple[float, tuple[int, int, str]] | None = None
    tried: dict[str, Any] = {}
    for lead, max_words, ranker in GRID:
        models = ({t: fit([c for c in cases if c.topic != t], lead, ranker, max_words) for t in topics}
                  if len(topics) > 1 else {topics[0]: fit(cases, lead, ranker, max_words)})
        fig = score(cases, models)
        tried[f"lead={lead},max_words={max_words},dates={ranker}"] = fig
        obj = objective(fig)
        if best is None or obj > best[0]:
            best = (obj, (lead, max_words, ranker))
    assert best is not None
    return best[1], tried


def leave_one_topic_out(cases: Sequence[Case]) -> tuple[dict[str, TimelineModel], dict[str, Any]]:
    """Per held-out topic: settings chosen by LOTO over the other topics, model fitted on them."""
    models: dict[str, TimelineModel] = {}
    chosen: dict[str, Any] = {}
    for t in sorted({c.topic for c in cases}):
        train = [c for c in cases if c.topic != t]
        (lead, max_words, ranker), _ = choose(train)
        models[t] = fit(train, lead, ranker, max_words)
        chosen[t] = {"lead_sentences": lead, "max_words": max_words, "dates": ranker,
                     "trained_on": sorted({c.topic for c in train})}
    return models, chosen


def train_timeline(t17: Any, out: Any) -> dict[str, Any]:
    """The shipped model: settings chosen leave-one-topic-out over every topic, then fitted on all of them."""
    import json
    import time
    from pathlib import Path

    from kronik.eval.tls import cases as load_cases

    t0 = time.perf_counter()
    cs = load_cases(Path(t17))
    (lead, max_words, ranker), tried = choose(cs)
    model = fit(cs, lead, ranker, max_words)
    topics = sorted({c.topic for c in cs})
    model.notes = {"generated_by": "kronik train dates; do not edit by hand",
                   "trained_on": sorted({c.name for c in cs}), "topics": topics, "timelines": len(cs),
                   "settings_leave_one_topic_out": tried}
    path = Path(out)
    path.write_text(json.dumps(model.to_json(), indent=1) + "\n", encoding="utf-8")
    return {"out": str(path), "timelines": len(cs), "topics": topics, "lead_sentences": lead, "max_words": max_words,
            "dates": ranker, "chosen_figures": tried[f"lead={lead},max_words={max_words},dates={ranker}"],
            "seconds": round(time.perf_counter() - t0, 1)}

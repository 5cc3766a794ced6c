"""A learned event-link decision: a small logistic model over (article, candidate event) pair features.

The hand-set rule of :mod:`kronik.corpus.cluster` (weighted cosines + date
bonus, time decay, ``event_threshold``, ``event_strong``, ``event_ratio``)
fixes by hand how much each kind of evidence counts.  Where gold exists (the
real dev day, the example corpus, Timeline17) that trade-off can be learned
instead: :func:`pair_features` describes every candidate as the linker sees
it at decision time (each cosine, the date Jaccard, the time gap, the rule's
own score, how far it stands out from the other candidates, the event's size,
language match), and a logistic regression gives the probability that the
article belongs to the candidate's happening.  The article joins the most
probable candidate when that probability reaches the model's ``threshold``,
else it opens an event, exactly where the rule would decide.

The model is a few dozen numbers in JSON (feature names, standardisation,
coefficients, threshold), written by ``kronik train links``
(:mod:`kronik.corpus.linkmodel_train`), and used only when
``CorpusSettings.event_model`` names it ("builtin" or a path): the rule stays
the default unless the model beats it on every dataset left out.

:func:`recording` lets the trainer watch the rule decide (same pass, same
state) and collect the pair features with their gold labels; nothing is
recorded outside it.
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import numpy as np

if TYPE_CHECKING:
    from kronik.corpus.cluster import Clusterer, EventProfile
    from kronik.corpus.features import ArticleFeatures
    from kronik.corpus.settings import CorpusSettings

BUILTIN = "builtin"
BUILTIN_FILE = "link_model.json"
FEATURES = ("body", "title", "entities", "crossling", "dates", "decay", "gap", "score", "margin", "log_ratio",
            "top", "size", "same_language", "candidates", "event_query")
"""What the linker knows of a pair at decision time (see :func:`pair_features`)."""


class LinkDecider(Protocol):
    def choose(self, c: Clusterer, f: ArticleFeatures, cands: list[EventProfile], sc: np.ndarray,
               thr: np.ndarray) -> int | None:
        """Index of the candidate to join, -1 for a new event, None to leave the decision to the rule."""


def pair_features(c: Clusterer, f: ArticleFeatures, cands: list[EventProfile], sc: np.ndarray) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate, read from the scores the clusterer just computed
    (``c.parts``): cosines (0 where not compared), date Jaccard, time decay and gap (in windows), the rule's
    score and its margin and log-ratio over the best *other* candidate (a real follow-up stands out, the best
    of many look-alikes does not), whether it is the rule's top, log event size, language match, log number
    of candidates, and whether the query is an event (the merge step) rather than an article."""
    s, p, n = c.s, c.parts, len(cands)
    zero = np.zeros(n)
    if n > 1:
        top2 = np.sort(sc)[-2:]
        other = np.where(sc >= top2[1], top2[0], top2[1])  # the best score among the others
    else:
        other = zero
    gap = p.get("gap", zero)
    cols = {
        "body": p.get("body", zero), "title": p.get("title", zero), "entities": p.get("entities", zero),
        "crossling": p.get("crossling", zero), "dates": p.get("dates", zero),
        "decay": np.exp(-gap / s.event_tau_days), "gap": np.minimum(gap, s.event_window_days) / s.event_window_days,
        "score": sc, "margin": sc - other,
        "log_ratio": np.log((sc + 1e-3) / (np.maximum(other, s.event_ratio_floor) + 1e-3)),
        "top": (sc >= sc.max()).astype(float),
        "size": np.log1p([ev.n for ev in cands]),
        "same_language": p.get("same", np.ones(n, bool)).astype(float),
        "candidates": np.full(n, math.log1p(n)),
        "event_query": np.full(n, float(f.id in c.st.events)),
    }
    return np.column_stack([cols[k] for k in FEATURES])


@dataclass(frozen=True)
class LinkModel:
    """Standardised logistic regression: p = sigmoid(intercept + coef . (x - mean) / scale)."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float
    threshold: float = 0.5
    meta: dict[str, Any] = field(default_factory=dict, compare=False)

    def proba(self, x: np.ndarray) -> np.ndarray:
        z = self.intercept + ((x - self.mean) / self.scale) @ self.coef
        p: np.ndarray = 1.0 / (1.0 + np.exp(-z))
        return p

    def choose(self, c: Clusterer, f: ArticleFeatures, cands: list[EventProfile], sc: np.ndarray,
               thr: np.ndarray) -> int:
        p = self.proba(pair_features(c, f, cands, sc))
        i = int(np.argmax(p))  # first of the most probable: candidates come in a fixed order
        return i if p[i] >= self.threshold else -1

    def with_threshold(self, threshold: float) -> LinkModel:
        return LinkModel(self.features, self.mean, self.scale, self.coef, self.intercept, threshold, self.meta)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": "kronik-link-logistic", "features": list(self.features), "mean": _rounded(self.mean),
                "scale": _rounded(self.scale), "coef": _rounded(self.coef), "intercept": round(self.intercept, 6),
                "threshold": self.threshold, "meta": self.meta}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> LinkModel:
        feats = tuple(d["features"])
        if feats != FEATURES:
            raise ValueError(f"link model features {feats} do not match this version's {FEATURES}; retrain it "
                             "(kronik train links)")
        mean, scale, coef = (np.asarray(d[k], float) for k in ("mean", "scale", "coef"))
        return cls(feats, mean, scale, coef, float(d["intercept"]), float(d["threshold"]), dict(d.get("meta", {})))


def _rounded(a: np.ndarray) -> list[float]:
    return [round(float(v), 6) for v in a]


def model_path(name: str) -> Path:
    """Where a settings' ``event_model`` name points ("builtin": the package's model)."""
    if name == BUILTIN:
        return Path(str(resources.files("kronik.data").joinpath(BUILTIN_FILE)))
    return Path(name)


@lru_cache(maxsize=8)
def _load(path: str, mtime: float) -> LinkModel:
    try:
        return LinkModel.from_dict(json.loads(Path(path).read_text("utf-8")))
    except (OSError, ValueError, KeyError, TypeError) as e:
        raise ValueError(f"cannot read the event link model {path}: {e}") from e


def load_model(name: str) -> LinkModel:
    path = model_path(name)
    if not path.is_file():
        raise ValueError(f"event link model not found: {path} (train one with kronik train links)")
    return _load(str(path), path.stat().st_mtime)


# --------------------------------------------------------------------------- recording (training only)

@dataclass
class Recorder:
    """Collects (pair features, label) rows while the rule (or ``policy``) decides.

    ``gold``: article id -> gold group.  A pair is labelled 1 when the query's gold group (an article's own,
    an event's majority) equals the candidate event's majority group, else 0; pairs with an unlabelled side
    are skipped, and so are positives when ``negatives_only`` (Timeline17: a topic is a story, not one
    happening, so only pairs across topics are certain)."""

    gold: dict[str, Any]
    negatives_only: bool = False
    policy: LinkDecider | None = None
    rows: list[np.ndarray] = field(default_factory=list)
    labels: list[np.ndarray] = field(default_factory=list)

    def _majority(self, ids: list[str]) -> Any:
        cnt = Counter(self.gold[a] for a in ids if a in self.gold)
        return min(cnt.items(), key=lambda kv: (-kv[1], str(kv[0])))[0] if cnt else None

    def choose(self, c: Clusterer, f: ArticleFeatures, cands: list[EventProfile], sc: np.ndarray,
               thr: np.ndarray) -> int | None:
        q = self.gold.get(f.id)
        if q is None and f.id in c.st.events:
            q = self._majority(c.st.events[f.id].articles)
        if q is not None:
            lab = np.array([-1 if (m := self._majority(ev.articles)) is None else int(m == q) for ev in cands])
            keep = lab == 0 if self.negatives_only else lab >= 0
            if keep.any():
                self.rows.append(pair_features(c, f, cands, sc)[keep])
                self.labels.append(lab[keep])
        return None if self.policy is None else self.policy.choose(c, f, cands, sc, thr)

    def data(self) -> tuple[np.ndarray, np.ndarray]:
        if not self.rows:
            return np.zeros((0, len(FEATURES))), np.zeros(0, int)
        return np.concatenate(self.rows), np.concatenate(self.labels)


_RECORDER: ContextVar[Recorder | None] = ContextVar("kronik_link_recorder", default=None)


@contextmanager
def recording(rec: Recorder) -> Iterator[Recorder]:
    """Every clusterer made inside this block reports its decisions to ``rec``."""
    token = _RECORDER.set(rec)
    try:
        yield rec
    finally:
        _RECORDER.reset(token)


def link_decider(settings: CorpusSettings) -> LinkDecider | None:
    """The decider a clusterer uses: a recorder while training, the model ``settings.event_model`` names,
    or None (the hand-set rule)."""
    rec = _RECORDER.get()
    if rec is not None:
        return rec
    name = getattr(settings, "event_model", "")
    return load_model(name) if name else None


# --------------------------------------------------------------------------- fitting

def fit(x: np.ndarray, y: np.ndarray, weight: np.ndarray | None = None, l2: float = 1.0,
        iters: int = 50) -> LinkModel:
    """L2-regularised logistic regression by Newton's method on standardised features (deterministic: no
    seed, no sampling; the same rows give the same model)."""
    n, k = x.shape
    w = np.ones(n) if weight is None else np.asarray(weight, float)
    w = w * (n / w.sum()) if w.sum() > 0 else w
    mean = (w[:, None] * x).sum(0) / max(w.sum(), 1e-9)
    scale = np.sqrt((w[:, None] * (x - mean) ** 2).sum(0) / max(w.sum(), 1e-9))
    scale = np.where(scale > 1e-9, scale, 1.0)
    z = np.column_stack([np.ones(n), (x - mean) / scale])
    beta = np.zeros(k + 1)
    reg = np.full(k + 1, l2)
    reg[0] = 0.0
    for _ in range(iters):
        p = 1.0 / (1.0 + np.exp(-(z @ beta)))
        g = z.T @ (w * (p - y)) + reg * beta
        h = (z * (w * p * (1 - p))[:, None]).T @ z + np.diag(reg) + 1e-9 * np.eye(k + 1)
        step = np.linalg.solve(h, g)
        beta -= step
        if np.abs(step).max() < 1e-8:
            break
    return LinkModel(FEATURES, mean, scale, beta[1:], float(beta[0]))

"""Extractive summaries: one article (single-document) or an event's articles (multi-document).

Candidate sentences come only from body paragraphs (``Article.paragraphs``;
the title is used as a feature, never quoted).  Each sentence gets

* its in-article score: the logistic sentence scorer of :mod:`kronik.summarize.scorer`
  (position, length, centrality, title overlap), and
* for events, its similarity to the event centroid (what most outlets say).

Sentences are then picked by maximal marginal relevance: the best remaining
sentence minus ``redundancy_penalty`` times its highest cosine similarity to
one already picked; a sentence more similar than ``redundancy_max`` to a picked
one is never taken, which is what removes the same wire sentence carried by
several outlets.  Articles marked ``duplicate_of`` are skipped altogether.

Single-article summaries keep the article's order.  Event summaries are
ordered by the publication time of their article, then position, so the
story reads from the first report on.  Every item carries ``article`` (id),
``paragraph`` (index into ``paragraphs``) and ``start``/``end`` (character
offsets in that paragraph).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from scipy import sparse

from kronik.model import Article
from kronik.summarize.scorer import probabilities, sentence_features, weights_vector
from kronik.summarize.sentences import sentence_spans
from kronik.summarize.vectors import content_tokens, tfidf


@dataclass
class SummarySettings:
    """Knobs of summaries and timelines (defaults are what ``kronik analyze`` uses)."""

    article_sentences: int = 3
    """Sentences in a single-article summary."""
    min_sentences: int = 3
    max_sentences: int = 5
    """An event summary has ``min_sentences`` plus one per further article, up to ``max_sentences``."""
    redundancy_penalty: float = 0.5
    redundancy_max: float = 0.6
    event_centroid_weight: float = 1.0
    min_words: int = 5
    max_words: int = 60
    event_dates: int = 5
    story_dates: int = 12
    date_sentences: int = 1
    """Sentences per timeline date."""
    weights: dict[str, float] | None = None
    """Sentence scorer weights (None: the shipped model)."""


@dataclass
class Sentence:
    article: str
    paragraph: int
    start: int
    end: int
    text: str
    index: int
    """Position in the article (0 = first body sentence)."""
    in_paragraph: int
    tokens: list[str]
    words: int


@dataclass
class Doc:
    """An article prepared once for every summary and timeline it takes part in."""

    article: Article
    lang: str
    sentences: list[Sentence]
    title_tokens: set[str]
    _scores: np.ndarray | None = field(default=None, repr=False)


def prepare(article: Article) -> Doc:
    lang = article.language if article.language in ("id", "en") else "id"
    sents: list[Sentence] = []
    for pi, para in enumerate(article.paragraphs):
        for k, (s, e) in enumerate(sentence_spans(para, lang)):
            text = para[s:e]
            toks = content_tokens(text, lang)
            sents.append(Sentence(article.id, pi, s, e, text, len(sents), k, toks, len(text.split())))
    return Doc(article, lang, sents, set(content_tokens(article.title or "", lang)))


def doc_scores(doc: Doc, settings: SummarySettings, x: sparse.csr_matrix | None = None) -> np.ndarray:
    """The in-article summary-worthiness of each sentence (probabilities of the scorer)."""
    if doc._scores is not None and x is None:
        return doc._scores
    if x is None:
        x = tfidf([s.tokens for s in doc.sentences])
    feats = sentence_features([(s.index, s.paragraph, s.in_paragraph) for s in doc.sentences],
                              [s.words for s in doc.sentences], x, doc.title_tokens,
                              [s.tokens for s in doc.sentences], [s.text for s in doc.sentences])
    scores = probabilities(feats, weights_vector(settings.weights))
    doc._scores = scores
    return scores


def mmr(scores: np.ndarray, x: sparse.csr_matrix, k: int, penalty: float, max_sim: float,
        allowed: np.ndarray | None = None) -> list[int]:
    """Greedy maximal marginal relevance: up to ``k`` row indices, best first."""
    n = len(scores)
    if n == 0 or k <= 0:
        return []
    ok = np.ones(n, dtype=bool) if allowed is None else allowed.copy()
    if not ok.any():
        ok[:] = True
    max_seen = np.zeros(n)
    chosen: list[int] = []
    for _ in range(min(k, n)):
        gain = np.where(ok, scores - penalty * max_seen, -np.inf)
        i = int(np.argmax(gain))
        if not np.isfinite(gain[i]):
            break
        chosen.append(i)
        ok[i] = False
        sims = np.asarray((x @ x[i].T).todense()).ravel()
        max_seen = np.maximum(max_seen, sims)
        ok &= max_seen <= max_sim
    return chosen


def _item(s: Sentence, score: float) -> dict[str, Any]:
    return {"text": s.text, "article": s.article, "paragraph": s.paragraph, "start": s.start, "end": s.end,
            "score": round(float(score), 4)}


def _length_ok(sents: Sequence[Sentence], settings: SummarySettings) -> np.ndarray:
    return np.array([settings.min_words <= s.words <= settings.max_words for s in sents], dtype=bool)


def summarize_doc(doc: Doc, settings: SummarySettings | None = None, k: int | None = None) -> list[dict[str, Any]]:
    """A single-article summary: the ``k`` best sentences in article order."""
    s = settings or SummarySettings()
    if not doc.sentences:
        return []
    x = tfidf([t.tokens for t in doc.sentences])
    scores = doc_scores(doc, s, x)
    picked = mmr(scores, x, k or s.article_sentences, s.redundancy_penalty, s.redundancy_max,
                 _length_ok(doc.sentences, s))
    return [_item(doc.sentences[i], scores[i]) for i in sorted(picked)]


def summarize_docs(docs: Sequence[Doc], settings: SummarySettings | None = None) -> list[dict[str, Any]]:
    """A multi-document summary of an event's (non-duplicate) articles."""
    s = settings or SummarySettings()
    docs = [d for d in docs if d.sentences]
    if not docs:
        return []
    if len(docs) == 1:
        return summarize_doc(docs[0], s)
    sents = [t for d in docs for t in d.sentences]
    x = tfidf([t.tokens for t in sents])
    local = np.concatenate([doc_scores(d, s) for d in docs])
    c = np.asarray(x.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(c))
    central = (x @ (c / norm)) if norm else np.zeros(len(sents))
    scores = local + s.event_centroid_weight * central
    k = min(s.max_sentences, s.min_sentences + len(docs) - 1)
    picked = mmr(scores, x, k, s.redundancy_penalty, s.redundancy_max, _length_ok(sents, s))
    order = {d.article.id: (d.article.published or "", i) for i, d in enumerate(docs)}
    picked.sort(key=lambda i: (order[sents[i].article], sents[i].index))
    return [_item(sents[i], scores[i]) for i in picked]


def summarize_articles(articles: Sequence[Article], settings: SummarySettings | None = None) -> list[dict[str, Any]]:
    """Summary of some articles (one: single-document; several: multi-document; duplicates skipped)."""
    docs = [prepare(a) for a in articles if not a.duplicate_of]
    return summarize_docs(docs, settings)

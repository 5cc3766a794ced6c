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

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kronik.lang.base import LANGUAGES
from kronik.lang.sentences import sentence_spans
from kronik.model import Article
from kronik.summarize.references import opens_with_reference
from kronik.summarize.scorer import probabilities, weights_vector
from kronik.summarize.space import Sims, Space, ensure_space, rows_of
from kronik.summarize.vectors import content_tokens, word_tokens

_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")


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
    candidate_sentences: int = 20
    """Leading sentences of each article that may enter a summary (see ``prepare``)."""
    weights: dict[str, float] | None = None
    """Sentence scorer weights (None: the shipped model)."""
    references: bool = True
    """A sentence opening with a reference ("Hal itu", "Namun", "It") is picked only together with the
    sentence before it in its article (its antecedent), never alone (False: the earlier picker, a baseline)."""
    central_titles: bool = True
    """An event's title is its most central headline (False: the earliest article's, a baseline)."""


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
    """Lowercased word tokens, stop words included (the vectors drop them)."""
    words: int


@dataclass
class Doc:
    """An article prepared once for every summary and timeline it takes part in."""

    article: Article
    lang: str
    sentences: list[Sentence]
    title_tokens: set[str]
    size: int = 0
    """Sentences in the article (``sentences`` may hold only the candidates)."""
    space: Space | None = field(default=None, repr=False)
    row0: int = 0
    features: np.ndarray | None = field(default=None, repr=False)
    _mentions: list[Any] | None = field(default=None, repr=False)


def prepare(article: Article, lead: int | None = 20) -> Doc:
    """Split an article's body paragraphs into sentences and tokenise them.

    Kept: every sentence among the first ``lead`` (summary candidates: news puts what matters first)
    and, further down, only the sentences in which a day-level time expression starts (timeline
    candidates); other paragraphs are not even split.  ``lead=None`` keeps everything.  ``Doc.size``
    is the article's sentence count, counting an unsplit paragraph as one sentence.
    """
    lang = article.language if article.language in LANGUAGES else "id"  # a language without a pack reads as Indonesian
    dated: dict[int, list[int]] = defaultdict(list)
    for t in article.times:
        if t.type in ("DATE", "TIME") and t.value and _DAY_VALUE.match(t.value):
            dated[t.paragraph].append(t.start)
    sents: list[Sentence] = []
    count = 0
    for pi, para in enumerate(article.paragraphs):
        if lead is not None and count >= lead and pi not in dated:
            count += 1
            continue
        spans = sentence_spans(para, lang)
        for k, (s, e) in enumerate(spans):
            if lead is not None and count + k >= lead and not any(s <= m <= e for m in dated.get(pi, ())):
                continue
            if pi == 0 and k == 0:
                s += dateline_length(para[s:e], article)
            text = para[s:e]
            sents.append(Sentence(article.id, pi, s, e, text, count + k, k, word_tokens(text),
                                  text.count(" ") + 1))
        count += len(spans)
    return Doc(article, lang, sents, set(content_tokens(article.title or "", lang)), size=count)


_DATELINE = re.compile(r"^[^\W\d][\w.'’ ]{1,40}(?:,[\w.'’ ]{1,40})?\s?[-–—]{1,2}\s*(?=[\"“]?[^\W\d_])")
_SHOUTED = re.compile(r"\b[A-Z]{3,}\b|\.(?:com|co|id|net|org)\b", re.IGNORECASE)


# a wire credit closing a dateline: "WASHINGTON | Tue Apr 21, 2009 10:19pm EDT WASHINGTON (Reuters) - ",
# "JAKARTA (ANTARA) - " (also in PTB-tokenised text: "-LRB- Reuters -RRB- -")
_WIRE_DATELINE = re.compile(r"^.{0,160}?(?:\(|-LRB-\s*)[A-Z][\w .&]{1,30}?(?:\)|\s*-RRB-)\s*[-–—]{1,2}\s*(?=\S)")


def dateline_length(text: str, article: Article) -> int:
    """Length of a leading dateline ("TERNATE, KOMPAS.com - ", "Jakarta, Berita Kilat - ", "... (Reuters) - ")
    to leave out of a summary."""
    w = _WIRE_DATELINE.match(text)
    if w:
        return w.end()
    m = _DATELINE.match(text)
    if not m:
        return 0
    prefix = m.group()
    known = [w.lower() for w in (article.dateline, article.outlet) if w]
    caps_or_site = any(t.isupper() or "." in t for t in _SHOUTED.findall(prefix))
    if caps_or_site or any(w in prefix.lower() for w in known):
        return m.end()
    return 0


def doc_scores(doc: Doc, settings: SummarySettings) -> np.ndarray:
    """The in-article summary-worthiness of each sentence (probabilities of the scorer)."""
    if doc.features is None:
        ensure_space([doc])
    assert doc.features is not None
    return probabilities(doc.features, weights_vector(settings.weights))


def mmr(scores: np.ndarray, sims: Sims, k: int, penalty: float, max_sim: float,
        allowed: np.ndarray | None = None, pool: int = 300, antecedent: np.ndarray | None = None,
        thread: np.ndarray | None = None) -> list[int]:
    """Greedy maximal marginal relevance over a view's rows: up to ``k`` local indices, best first.

    Only the ``pool`` best-scored allowed rows compete (keeps large events cheap).  ``antecedent``
    (see :func:`antecedents`): a row that needs one (>= 0) enters once an earlier sentence of its
    article is in (``thread``: per row, article number and position), or else together with its
    antecedent, the pair taking two places and judged against the higher redundancy of the two; a
    row whose antecedent is unusable (-2) enters only after an earlier sentence of its article."""
    n = len(scores)
    if n == 0 or k <= 0:
        return []
    ok = np.ones(n, dtype=bool) if allowed is None or not allowed.any() else allowed
    cand = np.flatnonzero(ok)
    if len(cand) > pool:
        cand = cand[np.argsort(-scores[cand], kind="stable")[:pool]]
    ante = np.full(len(cand), -1)
    doc, pos = np.full(len(cand), -1), np.zeros(len(cand), dtype=int)
    if antecedent is not None:
        need = antecedent[cand]
        extra = np.setdiff1d(need[need >= 0], cand)
        cand = np.concatenate([cand, extra])
        where = {int(r): j for j, r in enumerate(cand)}
        ante = np.array([where[int(antecedent[r])] if antecedent[r] >= 0 else int(antecedent[r]) for r in cand],
                        dtype=int)
        if thread is not None:
            doc, pos = thread[cand, 0], thread[cand, 1]
    g = sims.block(cand, cand)
    sc = scores[cand]
    live = np.ones(len(cand), dtype=bool)
    picked = np.zeros(len(cand), dtype=bool)
    max_seen = np.zeros(len(cand))
    refers = np.flatnonzero(ante != -1)
    chosen: list[int] = []

    def take(i: int) -> None:
        nonlocal max_seen, live
        chosen.append(int(cand[i]))
        picked[i] = True
        live[i] = False
        max_seen = np.maximum(max_seen, g[i])
        live &= max_seen <= max_sim

    while len(chosen) < k:
        enter = np.ones(len(cand), dtype=bool)
        seen = max_seen.copy()
        pair = np.zeros(len(cand), dtype=bool)
        for r in refers.tolist():
            if not live[r]:
                continue
            if doc[r] >= 0 and (picked & (doc == doc[r]) & (pos < pos[r])).any():
                continue  # its article's thread is already in the summary, before it
            a = int(ante[r])
            if a >= 0 and live[a] and len(chosen) + 2 <= k and g[r, a] <= max_sim:
                pair[r] = True
                seen[r] = max(seen[r], max_seen[a])
            else:
                enter[r] = False
        gain = np.where(live & enter, sc - penalty * seen, -np.inf)
        i = int(np.argmax(gain))
        if not np.isfinite(gain[i]):
            break
        if pair[i]:
            take(int(ante[i]))
        take(i)
    return chosen


def antecedents(sents: Sequence[Sentence], langs: Sequence[str], usable: np.ndarray) -> np.ndarray:
    """Per sentence: -1 when it stands alone; the index of the sentence before it in its article when it
    opens with a reference (:func:`kronik.summarize.references.opens_with_reference`) and that one is a
    usable candidate (``usable``, standing alone itself); -2 when it needs one it cannot have.  Only usable
    sentences are read (the others never enter a summary)."""
    out = np.full(len(sents), -1, dtype=int)
    where = {(t.article, t.index): i for i, t in enumerate(sents)}
    refers = [bool(ok) and opens_with_reference(t.text, lang) for t, lang, ok in zip(sents, langs, usable, strict=True)]
    for i, t in enumerate(sents):
        if not refers[i]:
            continue
        j = where.get((t.article, t.index - 1), -1)
        out[i] = j if j >= 0 and usable[j] and not refers[j] else -2
    return out


def _item(s: Sentence, score: float) -> dict[str, Any]:
    return {"text": s.text, "article": s.article, "paragraph": s.paragraph, "start": s.start, "end": s.end,
            "score": round(float(score), 4)}


def _thread(docs: Sequence[Doc]) -> np.ndarray:
    """Per sentence of ``docs`` (in order): its article's number and its position in the article."""
    return np.array([(n, t.index) for n, d in enumerate(docs) for t in d.sentences], dtype=int).reshape(-1, 2)


def _length_ok(sents: Sequence[Sentence], settings: SummarySettings) -> np.ndarray:
    return np.array([settings.min_words <= s.words <= settings.max_words for s in sents], dtype=bool)


def summarize_doc(doc: Doc, settings: SummarySettings | None = None, k: int | None = None,
                  sims: Sims | None = None) -> list[dict[str, Any]]:
    """A single-article summary: the ``k`` best sentences in article order."""
    s = settings or SummarySettings()
    if not doc.sentences:
        return []
    space = ensure_space([doc])
    sims = sims or Sims(space, rows_of([doc]))
    scores = doc_scores(doc, s)
    ok = _length_ok(doc.sentences, s)
    ante = antecedents(doc.sentences, [doc.lang] * len(doc.sentences), ok) if s.references else None
    picked = mmr(scores, sims, k or s.article_sentences, s.redundancy_penalty, s.redundancy_max, ok,
                 antecedent=ante, thread=_thread([doc]))
    return [_item(doc.sentences[i], scores[i]) for i in sorted(picked)]


def summarize_docs(docs: Sequence[Doc], settings: SummarySettings | None = None,
                   sims: Sims | None = None) -> list[dict[str, Any]]:
    """A multi-document summary of an event's (non-duplicate) articles; ``sims`` must view ``docs``' rows in order."""
    s = settings or SummarySettings()
    docs = [d for d in docs if d.sentences]
    if not docs:
        return []
    space = ensure_space(docs)
    sims = sims or Sims(space, rows_of(docs))
    if len(docs) == 1:
        return summarize_doc(docs[0], s, sims=sims)
    sents = [t for d in docs for t in d.sentences]
    local = np.concatenate([doc_scores(d, s) for d in docs])
    scores = local + s.event_centroid_weight * sims.centrality()
    k = min(s.max_sentences, s.min_sentences + len(docs) - 1)
    ok = _length_ok(sents, s)
    ante = antecedents(sents, [d.lang for d in docs for _ in d.sentences], ok) if s.references else None
    picked = mmr(scores, sims, k, s.redundancy_penalty, s.redundancy_max, ok, antecedent=ante,
                 thread=_thread(docs))
    order = {d.article.id: (d.article.published or "", i) for i, d in enumerate(docs)}
    picked.sort(key=lambda i: (order[sents[i].article], sents[i].index))
    return [_item(sents[i], scores[i]) for i in picked]


def summarize_articles(articles: Sequence[Article], settings: SummarySettings | None = None) -> list[dict[str, Any]]:
    """Summary of some articles (one: single-document; several: multi-document; duplicates skipped)."""
    docs = [prepare(a) for a in articles if not a.duplicate_of]
    return summarize_docs(docs, settings)

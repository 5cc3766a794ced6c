"""Compact per-article features for the corpus stages (dedup, events, stories).

The corpus stages never see full texts: each article is reduced once to an
:class:`ArticleFeatures` record, which is small, picklable and independent of
every other article (so it can be computed anywhere: a process pool, a Dask
worker, or ahead of time in the store):

* ``body_hash``: hash of the normalised body (lowercased word tokens), for exact copies;
* ``minhash``: MinHash signature (``num_perm`` uint32) of the body's word
  ``shingle``-grams, and ``n_shingles`` (their number, for containment estimates);
* ``terms``: a hashed sparse term vector of title + body (bucket indices and
  sublinear tf weights; no fitted vocabulary, so it streams: the IDF is kept by
  the clusterer as document-frequency counts over the same buckets);
* ``title_terms``: hashed buckets of the title words;
* ``entities``: canonical entity names with mention counts (when the entity
  stage ran), and ``entity_terms`` their hashed buckets;
* ``x_terms``/``x_weights``: the pivot vector (:mod:`kronik.corpus.crosslingual`):
  the words carried into English stems, so events meet across languages;
* ``time``: publication time (epoch seconds, UTC), or, when the page gives
  none, the day the body's resolved time expressions point at most
  (``dated`` says which); ``days``: the days (ordinal) the body mentions;
* ``officials``: the persons it names in an office that speaks for a public
  body (a minister, a spokesperson; :mod:`kronik.corpus.generic_names`).

Stop words come from the article's language pack when there is one; nothing
else is language-specific, so English or any other language clusters too.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from functools import lru_cache

import numpy as np

from kronik.corpus.settings import CorpusSettings
from kronik.model import Article

_WORD = re.compile(r"\w+")
_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})")
_C1 = np.uint64(0x9E3779B97F4A7C15)
_C2 = np.uint64(0xC2B2AE3D27D4EB4F)
_C3 = np.uint64(0x165667B19E3779F9)


@dataclass(slots=True)
class ArticleFeatures:
    id: str
    time: float | None
    dated: bool
    published: str | None
    language: str | None
    outlet: str | None
    title: str | None
    body_hash: str
    n_shingles: int
    minhash: np.ndarray  # uint32 [num_perm]
    terms: np.ndarray  # int32 bucket indices, sorted
    weights: np.ndarray  # float32 sublinear tf, aligned with terms
    title_terms: np.ndarray  # int32 buckets, sorted, unique
    entities: dict[str, int] = field(default_factory=dict)
    entity_terms: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    entity_weights: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    days: tuple[int, ...] = ()
    x_terms: np.ndarray = field(default_factory=lambda: np.zeros(0, np.int32))
    x_weights: np.ndarray = field(default_factory=lambda: np.zeros(0, np.float32))
    officials: tuple[str, ...] = ()  # persons named in an office that speaks for a public body (generic for stories)


# --------------------------------------------------------------------------- hashing

_TOKEN_CACHE: dict[str, int] = {}
_TOKEN_CACHE_MAX = 2_000_000


def token_hash(tok: str) -> int:
    """A stable 64-bit hash of a token (the same in every process and every run)."""
    h = _TOKEN_CACHE.get(tok)
    if h is None:
        h = int.from_bytes(hashlib.blake2b(tok.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")
        if len(_TOKEN_CACHE) >= _TOKEN_CACHE_MAX:
            _TOKEN_CACHE.clear()
        _TOKEN_CACHE[tok] = h
    return h


def _hashes(tokens: Sequence[str]) -> np.ndarray:
    get = _TOKEN_CACHE.get
    return np.fromiter((get(t) or token_hash(t) for t in tokens), dtype=np.uint64, count=len(tokens))


def _mix(x: np.ndarray) -> np.ndarray:
    """splitmix64 finaliser (vectorised; uint64 arithmetic wraps)."""
    x = x ^ (x >> np.uint64(30))
    x = x * np.uint64(0xBF58476D1CE4E5B9)
    x = x ^ (x >> np.uint64(27))
    x = x * np.uint64(0x94D049BB133111EB)
    return x ^ (x >> np.uint64(31))


def shingle_hashes(token_hashes: np.ndarray, k: int) -> np.ndarray:
    """Unique 32-bit hashes of the word k-grams (the whole text when shorter than k)."""
    n = len(token_hashes)
    if n == 0:
        return np.zeros(0, np.uint64)
    if n < k:
        k = n
    with np.errstate(over="ignore"):
        acc = token_hashes[: n - k + 1].copy()
        mults = (_C1, _C2, _C3)
        for j in range(1, k):
            acc = acc * mults[(j - 1) % 3] + token_hashes[j: n - k + 1 + j]
        acc = _mix(acc)
    return np.unique(acc >> np.uint64(32))


@lru_cache(maxsize=8)
def permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    """Multiply-shift hash family: h_i(x) = ((a_i * x + b_i) mod 2**64) >> 32, a_i odd."""
    rng = np.random.default_rng(seed)
    a = rng.integers(1, 2**63, size=num_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    b = rng.integers(0, 2**63, size=num_perm, dtype=np.uint64)
    return a, b


def minhash(shingles: np.ndarray, num_perm: int = 128, seed: int = 1) -> np.ndarray:
    """MinHash signature (uint32) of a set of 32-bit shingle hashes; all-ones for an empty set."""
    if len(shingles) == 0:
        return np.full(num_perm, 0xFFFFFFFF, np.uint32)
    a, b = permutations(num_perm, seed)
    out = np.empty(num_perm, np.uint64)
    step = max(1, 65536 // num_perm)
    with np.errstate(over="ignore"):
        for i in range(0, len(shingles), step):
            block = shingles[i:i + step, None] * a[None, :] + b[None, :]
            m = (block >> np.uint64(32)).min(axis=0)
            out = m if i == 0 else np.minimum(out, m)
    return out.astype(np.uint32)


# --------------------------------------------------------------------------- time

def parse_time(value: str | None) -> float | None:
    """Epoch seconds of an ISO 8601 timestamp or bare date (a bare date counts as noon UTC)."""
    if not value:
        return None
    try:
        if len(value) <= 10:
            d = date.fromisoformat(value)
            return datetime(d.year, d.month, d.day, 12, tzinfo=UTC).timestamp()
        dt = datetime.fromisoformat(value)
    except ValueError:
        return None
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.timestamp()


def iso_day(t: float | None) -> str | None:
    return None if t is None else datetime.fromtimestamp(t, UTC).date().isoformat()


def _mentioned_days(article: Article) -> list[int]:
    out = []
    for t in article.times:
        if t.type not in ("DATE", "TIME") or not t.value:
            continue
        m = _DAY.match(t.value)
        if m:
            try:
                out.append(date(int(m.group(1)), int(m.group(2)), int(m.group(3))).toordinal())
            except ValueError:
                continue
    return out


# --------------------------------------------------------------------------- features

@lru_cache(maxsize=16)
def _stop_words(lang: str | None) -> frozenset[str]:
    from kronik.lang.base import LANGUAGES, get_pack

    if lang in LANGUAGES:
        return get_pack(lang).stop_words
    return frozenset()


def tokens(text: str) -> list[str]:
    return _WORD.findall(text.lower())


def _vector(words: Iterable[str], mask: int, limit: int) -> tuple[np.ndarray, np.ndarray]:
    counts = Counter(words)
    if not counts:
        return np.zeros(0, np.int32), np.zeros(0, np.float32)
    if len(counts) > limit:
        counts = Counter(dict(counts.most_common(limit)))
    buckets: dict[int, float] = {}
    for w, c in counts.items():
        b = token_hash(w) & mask
        buckets[b] = buckets.get(b, 0.0) + c
    idx = np.fromiter(buckets.keys(), np.int32, len(buckets))
    val = np.fromiter(buckets.values(), np.float32, len(buckets))
    order = np.argsort(idx)
    return idx[order], (1.0 + np.log(val[order])).astype(np.float32)


def _content_words(toks: Iterable[str], stop: frozenset[str]) -> list[str]:
    return [t for t in toks if t not in stop and (len(t) >= 3 if t.isdigit() else len(t) > 1)]


def entity_bucket(name: str, mask: int) -> int:
    """The bucket of an entity name in the entity vectors (as :func:`_entity_vector` hashes it)."""
    return token_hash("\x01" + name.casefold()) & mask


def _entity_vector(counts: Counter[str], mask: int) -> tuple[np.ndarray, np.ndarray]:
    return _vector(("\x01" + e.casefold() for e in counts.elements()), mask, 10_000)


def with_entities(f: ArticleFeatures, counts: dict[str, int], settings: CorpusSettings) -> ArticleFeatures:
    """``f`` with other entity names (curated merges applied after it was stored): names and their vector."""
    if counts != f.entities:
        f.entities = dict(counts)
        f.entity_terms, f.entity_weights = _entity_vector(Counter(counts), (1 << settings.hash_bits) - 1)
    return f


def features_from_parts(
    id: str, title: str | None, paragraphs: Sequence[str], *, published: str | None = None,
    language: str | None = None, outlet: str | None = None, entities: Iterable[str] = (),
    days: Iterable[int] = (), inferred_time: float | None = None, settings: CorpusSettings = CorpusSettings(),
    officials: Iterable[str] = (),
) -> ArticleFeatures:
    """Features from plain parts (used by :func:`article_features` and by benchmarks that skip extraction)."""
    mask = (1 << settings.hash_bits) - 1
    body_tokens = tokens("\n".join(paragraphs))
    title_tokens = tokens(title) if title else []
    body_hash = hashlib.blake2b(" ".join(body_tokens).encode(), digest_size=8).hexdigest()
    th = _hashes(body_tokens)
    sh = shingle_hashes(th, settings.shingle)
    sig = minhash(sh, settings.num_perm, settings.seed)
    stop = _stop_words(language)
    words = _content_words(body_tokens, stop) + _content_words(title_tokens, stop)
    terms, weights = _vector(words, mask, settings.max_terms)
    title_terms = np.unique(np.array([token_hash(w) & mask for w in _content_words(title_tokens, stop)], np.int32))
    ent_counts = Counter(e for e in entities if e)
    ent_terms, ent_weights = _entity_vector(ent_counts, mask)
    from kronik.corpus.crosslingual import name_words, pivot_vector

    x_terms, x_weights = pivot_vector(title_tokens + body_tokens, language, mask, settings.max_terms,
                                      name_words(paragraphs, language))
    t = parse_time(published)
    dated = t is not None
    if t is None:
        t = inferred_time
    return ArticleFeatures(
        id=id, time=t, dated=dated, published=published, language=language, outlet=outlet, title=title,
        body_hash=body_hash, n_shingles=len(sh), minhash=sig, terms=terms, weights=weights,
        title_terms=title_terms, entities=dict(ent_counts), entity_terms=ent_terms, entity_weights=ent_weights,
        days=tuple(sorted(set(days))), x_terms=x_terms, x_weights=x_weights,
        officials=tuple(sorted(set(officials))),
    )


def article_features(article: Article, settings: CorpusSettings = CorpusSettings()) -> ArticleFeatures:
    """The features of one extracted (and ideally annotated) article.  Pure; picklable inputs and output."""
    from kronik.corpus.generic_names import in_office

    days = _mentioned_days(article)
    inferred = None
    if not article.published and days:
        day, _ = Counter(days).most_common(1)[0]
        d = date.fromordinal(day)
        inferred = datetime(d.year, d.month, d.day, 12, tzinfo=UTC).timestamp()
    return features_from_parts(
        article.id, article.title, article.paragraphs, published=article.published, language=article.language,
        outlet=article.outlet, entities=[e.canonical for e in article.entities], days=days, inferred_time=inferred,
        settings=settings, officials=[e.canonical for e in article.entities
                                      if e.label == "PER" and in_office(e.role, article.language)],
    )


# --------------------------------------------------------------------------- storage

_FEAT_ARRAYS = (("minhash", np.uint32), ("terms", np.int32), ("weights", np.float32), ("title_terms", np.int32),
                ("entity_terms", np.int32), ("entity_weights", np.float32), ("x_terms", np.int32),
                ("x_weights", np.float32))
_FEAT_VERSION = 2
_FEAT_ARRAYS_V1 = 6  # version 1 had no pivot vector: read as empty


def dump_features(f: ArticleFeatures) -> bytes:
    """One article's features as bytes for the store: a length-prefixed JSON header, then the raw arrays.

    Kept next to the article so the corpus pass (and a later re-clustering)
    never needs the text again; nothing is unpickled when reading it back.
    """
    import json
    import struct

    meta = {"v": _FEAT_VERSION, "id": f.id, "time": f.time, "dated": f.dated, "published": f.published,
            "language": f.language, "outlet": f.outlet, "title": f.title, "body_hash": f.body_hash,
            "n_shingles": f.n_shingles, "entities": f.entities, "days": list(f.days), "officials": list(f.officials),
            "lens": [len(getattr(f, name)) for name, _ in _FEAT_ARRAYS]}
    head = json.dumps(meta, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    parts = [struct.pack("<I", len(head)), head]
    parts += [np.ascontiguousarray(getattr(f, name), dtype).tobytes() for name, dtype in _FEAT_ARRAYS]
    return b"".join(parts)


def load_features(data: bytes) -> ArticleFeatures:
    """The inverse of :func:`dump_features`."""
    import json
    import struct

    (n,) = struct.unpack_from("<I", data, 0)
    meta = json.loads(bytes(data[4:4 + n]).decode("utf-8"))
    if meta.get("v") not in (1, _FEAT_VERSION):
        raise ValueError(f"unsupported features version {meta.get('v')!r}")
    pos = 4 + n
    arrays = {}
    names = _FEAT_ARRAYS if meta["v"] == _FEAT_VERSION else _FEAT_ARRAYS[:_FEAT_ARRAYS_V1]
    for (name, dtype), length in zip(names, meta["lens"], strict=True):
        size = np.dtype(dtype).itemsize * length
        arrays[name] = np.frombuffer(data, dtype, count=length, offset=pos).copy()
        pos += size
    return ArticleFeatures(
        id=meta["id"], time=meta["time"], dated=meta["dated"], published=meta["published"],
        language=meta["language"], outlet=meta["outlet"], title=meta["title"], body_hash=meta["body_hash"],
        n_shingles=meta["n_shingles"], entities=meta["entities"], days=tuple(meta["days"]),
        officials=tuple(meta.get("officials", ())), **arrays)

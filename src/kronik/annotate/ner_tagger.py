"""The entity tagger: features, the model file, tagging, and the NER data formats.

A linear-chain CRF (python-crfsuite) over tokens with IOB2 tags for PER, ORG
and LOC.  Features per token (all cheap lookups, cached per word form):

* the lowercased word, 3-4 character prefixes and suffixes, the word shape,
  capitalisation and sentence start;
* casing statistics from a large unlabelled news corpus (IndoSum): how often
  the word is capitalised in mid-sentence, and how frequent it is; this tells
  "Presiden" (capitalised 78% of the time) from "Jokowi" (always) and from
  "kata" (never);
* word clusters (64 / 256 / 1024 classes) learned by our own exchange
  clustering on the same corpus (``kronik.annotate.ner_train``);
* gazetteers: entity phrases of the training set (cross-fold while training,
  so the CRF does not learn to trust a list that contains every answer) and of
  the other shared NER sets (IndoLEM, IndoNLU), matched longest-first, and a
  per-word "usually inside a PER/ORG/LOC name" prior from those sets;
* a title lexicon ("presiden", "kapolri", "pak" ...) on the word and the two before;
* the neighbours' words (+-2), shapes, casing classes and clusters (+-1);
* whether the first or last word of the capitalised run a token is in is an
  organisation or place head (a name's head: "Foundation", "Group", "Otorita"
  decide the type from beyond the window);
* no name inside document numbers or currency prefixes (``not_name_tokens``).

The model file is one zip (written byte-for-byte reproducibly): the CRF
weights (``model.crfsuite``) and ``resources.json`` (feature tables,
gazetteers, the title snapshot, fingerprints of every sentence seen in
training, and the training report).  Nothing is downloaded at run time.
"""

from __future__ import annotations

import hashlib
import io
import json
import re
import string
import zipfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

FEATURE_VERSION = 3
LABELS: tuple[str, ...] = ("PER", "ORG", "LOC")
MODEL_RESOURCE = "models/ner.zip"  # inside the language pack's package (kronik.lang.id, kronik.lang.en)
MAX_GAZ_LEN = 8

# Tag sets of the shared data mapped to ours; anything else (TIME, QUANTITY,
# EVT, FNB, MISC ...) is left out of the PER/ORG/LOC scores.
# NERP's IND is "industry": companies, brands, media and clubs (government
# bodies are untagged in NERP), so it maps to ORG with that caveat.
TAG_MAP: dict[str, str] = {
    "PER": "PER", "PERSON": "PER", "PPL": "PER", "PERS": "PER",
    "ORG": "ORG", "ORGANIZATION": "ORG", "ORGANISATION": "ORG", "IND": "ORG",
    "LOC": "LOC", "LOCATION": "LOC", "PLACE": "LOC", "PLC": "LOC", "GPE": "LOC",
}

# CoNLL-2003 (English) also tags MISC (nationalities, events, titles of works): the English model learns it as a
# fourth label so that "German" or "Olympics" is not forced into PER/ORG/LOC, and the entity stage drops it (MISC
# is no entity type of the contract); ``kronik eval ner --lang en`` scores it apart from the PER/ORG/LOC micro F1.
TAG_MAP_MISC: dict[str, str] = {**TAG_MAP, "MISC": "MISC"}

Sentence = list[tuple[str, str]]


# --------------------------------------------------------------------------- data formats

def read_tagged(path: Path) -> list[Sentence]:
    """Sentences of (token, tag) from a CoNLL file (token [POS ...] tag) or token-TAB-tag file.

    Blank lines separate sentences; ``-DOCSTART-`` lines are skipped.  The tag
    is the last column.
    """
    sents: list[Sentence] = []
    cur: Sentence = []
    with open(path, encoding="utf-8-sig") as fh:
        for raw in fh:
            line = raw.rstrip("\r\n")
            if not line.strip():
                if cur:
                    sents.append(cur)
                    cur = []
                continue
            parts = line.split("\t") if "\t" in line else line.split()
            if parts[0] == "-DOCSTART-":
                continue
            if len(parts) < 2:
                raise ValueError(f"{path}: expected 'token ... tag', got {line!r}")
            cur.append((parts[0], parts[-1].strip()))
    if cur:
        sents.append(cur)
    return sents


def map_tags(tags: Sequence[str], mapping: dict[str, str] = TAG_MAP) -> list[str]:
    """Tags in any of the shared schemes as IOB2 over PER/ORG/LOC (``O`` for unmapped types).

    Accepts IOB1/IOB2 and BIOES/BILOU prefixes (S-/U- read as B-, E-/L- as I-).
    """
    out = []
    for t in tags:
        if t == "O" or "-" not in t:
            out.append("O")
            continue
        prefix, label = t.split("-", 1)
        mapped = mapping.get(label.upper())
        if mapped is None:
            out.append("O")
            continue
        prefix = {"S": "B", "U": "B", "E": "I", "L": "I"}.get(prefix.upper(), prefix.upper())
        out.append(f"{prefix}-{mapped}")
    return out


def spans(tags: Sequence[str]) -> list[tuple[int, int, str]]:
    """Entity spans (start, end, label) of an IOB tag sequence, CoNLL style.

    An ``I-X`` that does not continue an ``X`` starts a new entity (as conlleval does).
    """
    out: list[tuple[int, int, str]] = []
    start = 0
    label: str | None = None
    for i, t in enumerate([*tags, "O"]):
        if t == "O" or t.startswith("B-") or (t.startswith("I-") and t[2:] != label) or "-" not in t:
            if label is not None:
                out.append((start, i, label))
            label = None
            if t != "O" and "-" in t:
                start, label = i, t[2:]
    return out


def fingerprint(tokens: Iterable[str]) -> str:
    """A short id of a sentence that survives re-tokenisation and case changes."""
    key = re.sub(r"[^0-9a-z]", "", "".join(tokens).lower())
    return hashlib.blake2b(key.encode(), digest_size=6).hexdigest()


# --------------------------------------------------------------------------- resources and features

_SHAPE_TABLE = str.maketrans({**dict.fromkeys(string.ascii_uppercase, "X"), **dict.fromkeys(string.ascii_lowercase, "x"),
                              **dict.fromkeys(string.digits, "d")})
_REPEAT_RE = re.compile(r"(.)\1{2,}")


def word_shape(w: str) -> str:
    """"Jokowi" -> "Xxx", "(22/4)" -> "(dd/d)", "PDI-P" -> "XX-X" (runs longer than two cut to two)."""
    return _REPEAT_RE.sub(r"\1\1", w.translate(_SHAPE_TABLE))


@dataclass
class Gazetteer:
    """Lowercased token tuples -> label, with an index of first tokens for fast scanning."""

    phrases: dict[tuple[str, ...], str] = field(default_factory=dict)
    first: dict[str, int] = field(default_factory=dict)  # first token -> longest phrase length

    @classmethod
    def build(cls, phrases: dict[tuple[str, ...], str]) -> Gazetteer:
        # Phrases with a token holding a space (a few IndoNLU tokens do) could not survive the
        # space-joined storage, and runtime tokens never contain spaces: leave them out.
        kept = {k: v for k, v in phrases.items() if 0 < len(k) <= MAX_GAZ_LEN and not any(" " in t or not t for t in k)}
        first: dict[str, int] = {}
        for key in kept:
            if first.get(key[0], 0) < len(key):
                first[key[0]] = len(key)
        return cls(kept, first)

    def to_json(self) -> dict[str, str]:
        return {" ".join(k): v for k, v in sorted(self.phrases.items())}

    @classmethod
    def from_json(cls, data: dict[str, str]) -> Gazetteer:
        return cls.build({tuple(k.split(" ")): v for k, v in data.items()})

    def mark(self, low: Sequence[str], name: str, feats: list[list[str]]) -> None:
        """Add ``{name}B{L}`` / ``{name}I{L}`` (and ``{name}M{L}`` for multi-word) to matched tokens."""
        n = len(low)
        first = self.first
        phrases = self.phrases
        for i in range(n):
            longest = first.get(low[i])
            if not longest:
                continue
            for length in range(min(longest, n - i), 0, -1):
                label = phrases.get(tuple(low[i:i + length]))
                if label is None:
                    continue
                feats[i].append(f"{name}B{label}")
                for j in range(i + 1, i + length):
                    feats[j].append(f"{name}I{label}")
                if length > 1:
                    for j in range(i, i + length):
                        feats[j].append(f"{name}M{label}")
                break


@dataclass
class Resources:
    """Everything the features need besides the tokens; stored inside the model file."""

    titles: frozenset[str] = frozenset()
    # words that head an organisation name ("kementerian", "foundation") / a place name ("kabupaten")
    org_heads: frozenset[str] = frozenset()
    place_heads: frozenset[str] = frozenset()
    # lowercased word -> (casing class, frequency class, cluster ids...)
    lexicon: dict[str, tuple[str, ...]] = field(default_factory=dict)
    cluster_sizes: tuple[int, ...] = ()
    gaz_train: Gazetteer = field(default_factory=Gazetteer)
    gaz_ext: Gazetteer = field(default_factory=Gazetteer)
    # lowercased word -> "PER2" etc.: usually inside a PER name in the other NER sets (class 0-2 by share)
    word_prior: dict[str, str] = field(default_factory=dict)

    def to_json(self) -> dict[str, Any]:
        return {
            "feature_version": FEATURE_VERSION,
            "titles": sorted(self.titles),
            "org_heads": sorted(self.org_heads),
            "place_heads": sorted(self.place_heads),
            "cluster_sizes": list(self.cluster_sizes),
            "lexicon": {w: list(v) for w, v in sorted(self.lexicon.items())},
            "gaz_train": self.gaz_train.to_json(),
            "gaz_ext": self.gaz_ext.to_json(),
            "word_prior": dict(sorted(self.word_prior.items())),
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Resources:
        if data.get("feature_version") != FEATURE_VERSION:
            raise ValueError(f"NER model has feature version {data.get('feature_version')}, this code {FEATURE_VERSION}: retrain it")
        return cls(
            titles=frozenset(data["titles"]),
            org_heads=frozenset(data["org_heads"]),
            place_heads=frozenset(data["place_heads"]),
            lexicon={w: tuple(v) for w, v in data["lexicon"].items()},
            cluster_sizes=tuple(data["cluster_sizes"]),
            gaz_train=Gazetteer.from_json(data["gaz_train"]),
            gaz_ext=Gazetteer.from_json(data["gaz_ext"]),
            word_prior=dict(data["word_prior"]),
        )


_UNKNOWN_WORD: tuple[str, ...] = ("unk", "f0")


class Featurizer:
    """Token list -> crfsuite attribute lists.  Per-word parts are cached by word form."""

    def __init__(self, res: Resources, cache_size: int = 200_000, known: frozenset[str] | None = None) -> None:
        """``known``: the attributes a trained model has weights for; others are dropped early (faster tagging)."""
        self.res = res
        self.known = known
        self._cache: dict[str, tuple[tuple[str, ...], ...]] = {}
        self._cache_size = cache_size
        self._nclusters = len(res.cluster_sizes)

    def _word(self, w: str) -> tuple[tuple[str, ...], ...]:
        """(local, local at sentence start, as word -2, -1, +1, +2) attribute tuples of one word form."""
        parts = self._cache.get(w)
        if parts is not None:
            return parts
        res = self.res
        low = w.lower()
        sh = word_shape(w)
        lex = res.lexicon.get(low)
        cb, fb = lex[:2] if lex else _UNKNOWN_WORD
        clusters = lex[2:] if lex else ("-",) * self._nclusters
        cap = w[:1].isupper()
        title = low.rstrip(".") in res.titles
        local = [
            "b", "w=" + low, "p3=" + low[:3], "p4=" + low[:4],
            "s3=" + low[-3:], "s4=" + low[-4:], "sh=" + sh, "cb=" + cb, "fb=" + fb,
        ]
        local.extend(f"c{k}={c}" for k, c in zip(self.res.cluster_sizes, clusters, strict=True))
        prior = res.word_prior.get(low)
        if prior:
            local.append("tp=" + prior)
        if title:
            local.append("title")
        if low in res.org_heads:
            local.append("oh")
        if low in res.place_heads:
            local.append("ph")
        mid = list(local)
        bos = [*local, "BOS"]
        if cap:
            mid += ["cap", "capcb=" + cb]
            bos += ["cap", "capcb=" + cb + "B"]
        c_mid = clusters[1] if len(clusters) > 1 else (clusters[0] if clusters else "-")
        capflag = "C" if cap else ""
        m2 = ["w-2=" + low] + (["title-2"] if title else [])
        m1 = ["w-1=" + low, "sh-1=" + sh, f"cb-1={cb}{capflag}", "c-1=" + c_mid] + (["title-1"] if title else [])
        p1 = ["w1=" + low, "sh1=" + sh, f"cb1={cb}{capflag}", "c1=" + c_mid]
        p2 = ["w2=" + low]
        groups = (mid, bos, m2, m1, p1, p2)
        if self.known is not None:
            known = self.known
            groups = tuple([a for a in g if a in known] for g in groups)  # type: ignore[assignment]
        parts = tuple(tuple(g) for g in groups)
        if len(self._cache) >= self._cache_size:
            self._cache.clear()
        self._cache[w] = parts
        return parts

    def __call__(self, tokens: Sequence[str], gaz_train: Gazetteer | None = None) -> list[list[str]]:
        n = len(tokens)
        cache, word = self._cache, self._word
        words = [cache.get(t) or word(t) for t in tokens]  # the cached forms without a call: most tokens
        feats: list[list[str]] = []
        for i in range(n):
            f = list(words[i][1] if i == 0 else words[i][0])
            if i >= 2:
                f.extend(words[i - 2][2])
            if i >= 1:
                f.extend(words[i - 1][3])
            if i + 1 < n:
                f.extend(words[i + 1][4])
            if i + 2 < n:
                f.extend(words[i + 2][5])
            feats.append(f)
        low = [t.lower() for t in tokens]
        _mark_runs(tokens, low, feats, self.known, self.res)
        gaz = [[] for _ in range(n)]  # type: list[list[str]]
        (gaz_train if gaz_train is not None else self.res.gaz_train).mark(low, "gt", gaz)
        self.res.gaz_ext.mark(low, "ge", gaz)
        known = self.known
        for i in range(n):
            g = gaz[i]
            if g:
                if known is not None:
                    g = [x for x in g if x in known or "n1" + x in known or "n-1" + x in known]
                feats[i].extend(g)
                nb = [x for x in g if x[2] != "M"]
                if i > 0:
                    feats[i - 1].extend(["n1" + x for x in nb])
                if i + 1 < n:
                    feats[i + 1].extend(["n-1" + x for x in nb])
        return feats


def _mark_runs(tokens: Sequence[str], low: Sequence[str], feats: list[list[str]], known: frozenset[str] | None,
               res: Resources) -> None:
    """Name-run features: every token of a run of two or more capitalised words learns the run's head.

    The head of a name often decides its type ("Obama Foundation", "Wilmar
    Group", "Otorita IKN" are organisations though their other words look like
    a person's or a common word), and the head is often beyond the +-2 window.
    ``rlo``/``rfo``: the run's last/first word is an organisation head; ``rfp``:
    its first word is a place head.  Heads come from the lexicon, so a head the
    training data never showed ("Foundation") still counts.  (The run's last
    word itself and its length, tried in feature version 2, glued roles to
    names: "Gedung Putih Karine Jean-Pierre" as one LOC.)
    """
    n = len(tokens)
    i = 0
    while i < n:
        if not tokens[i][:1].isupper():
            i += 1
            continue
        j = i
        while j + 1 < n and tokens[j + 1][:1].isupper():
            j += 1
        if j > i:
            extra = []
            if low[j] in res.org_heads:
                extra.append("rlo")
            if low[i] in res.org_heads:
                extra.append("rfo")
            if low[i] in res.place_heads:
                extra.append("rfp")
            if known is not None:
                extra = [a for a in extra if a in known]
            if extra:
                for k in range(i, j + 1):
                    feats[k].extend(extra)
        i = j + 1


_DIGITS = re.compile(r"\d+")
_CURRENCY_MARK = re.compile(r"^[A-Z]{1,3}\$$")


def not_name_tokens(words: Sequence[str]) -> set[int]:
    """Indices of tokens that cannot be (part of) a name, whatever a model or alias table says.

    * parts of a slash code: a chain ``X / Y [/ Z ...]`` with a number in it
      (document and case numbers, "05/PKS/Db/2025") or made of one- or
      two-letter parts ("K/L" = kementerian/lembaga);
    * currency prefixes: "US" before "$" ("US$ 10", tokenised "US", "$") and
      tokens like "US$", "S$".
    """
    out: set[int] = set()
    if "/" not in words and "$" not in "".join(words):
        return out  # the common case, decided without a Python loop
    n = len(words)
    i = 0
    while i < n:
        j = i
        while j + 2 < n and words[j + 1] == "/" and words[j + 2] != "/":
            j += 2
        if j > i:
            parts = words[i:j + 1:2]
            if any(_DIGITS.fullmatch(p) for p in parts) or all(len(p) <= 2 for p in parts):
                out.update(range(i, j + 1))
            i = j + 1
            continue
        i += 1
    for k, w in enumerate(words):
        if _CURRENCY_MARK.match(w) or (w == "$" and k > 0 and words[k - 1].isupper() and len(words[k - 1]) <= 3):
            out.add(k)
            if w == "$":
                out.add(k - 1)
    return out


def clear_tokens(tags: Sequence[str], drop: set[int]) -> list[str]:
    """``tags`` with the ``drop`` tokens set to O and an entity cut by them restarted with B-."""
    out = list(tags)
    for k in sorted(drop):
        out[k] = "O"
        if k + 1 < len(out) and out[k + 1].startswith("I-") and k + 1 not in drop:
            out[k + 1] = "B-" + out[k + 1][2:]
    return out


# --------------------------------------------------------------------------- the model file

def write_model(path: Path, crf_bytes: bytes, res: Resources, seen: Iterable[str], meta: dict[str, Any]) -> int:
    """Write the zip model reproducibly (fixed timestamps, sorted keys); returns its size in bytes."""
    payload = res.to_json()
    payload["seen"] = sorted(set(seen))
    payload["meta"] = meta
    text = json.dumps(payload, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        for name, data in (("model.crfsuite", crf_bytes), ("resources.json", text.encode())):
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, data, compresslevel=9)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buf.getvalue())
    return len(buf.getvalue())


class NerTagger:
    """A loaded model: ``tag(tokens) -> IOB tags``."""

    def __init__(self, data: bytes, source: str = "<bytes>") -> None:
        import pycrfsuite

        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            crf = zf.read("model.crfsuite")
            payload = json.loads(zf.read("resources.json"))
        self.source = source
        self.size = len(data)
        self.resources = Resources.from_json(payload)
        self.seen: frozenset[str] = frozenset(payload.get("seen", ()))
        self.meta: dict[str, Any] = payload.get("meta", {})
        self._crf = crf  # open_inmemory keeps a pointer into this buffer: it must outlive the tagger
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open_inmemory(self._crf)
        known = frozenset(attr for attr, _ in self._tagger.info().state_features)
        self.featurizer = Featurizer(self.resources, known=known)

    @classmethod
    def load(cls, path: Path | str | None = None, lang: str = "id") -> NerTagger:
        """The model at ``path``, or the one shipped in the language pack ``lang``."""
        if path is not None:
            return cls(Path(path).read_bytes(), str(path))
        ref = resources.files(f"kronik.lang.{lang}").joinpath(MODEL_RESOURCE)
        try:
            data = ref.read_bytes()
        except FileNotFoundError as exc:
            raise FileNotFoundError(f"the NER model is missing: run `kronik train ner --lang {lang}` to build "
                                    f"src/kronik/lang/{lang}/models/ner.zip") from exc
        return cls(data, f"kronik.lang.{lang}/{MODEL_RESOURCE}")

    @property
    def labels(self) -> tuple[str, ...]:
        """The entity labels the model tags (PER/ORG/LOC; the English model also MISC)."""
        return tuple(self.meta.get("labels", LABELS))

    def tag(self, tokens: Sequence[str]) -> list[str]:
        if not tokens:
            return []
        tags = list(self._tagger.tag(self.featurizer(tokens)))
        drop = not_name_tokens(tokens)
        return clear_tokens(tags, drop) if drop else tags


@cache
def default_tagger(lang: str = "id") -> NerTagger:
    """The model shipped in the language pack ``lang``, loaded once per process."""
    return NerTagger.load(lang=lang)

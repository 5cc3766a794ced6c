"""``kronik eval summaries``: single-document extractive summaries on the IndoSum dev folds.

Protocol (stated so the figures can be checked):

* **Candidates.** IndoSum is pre-tokenised (paragraphs -> sentences -> tokens).
  Every system picks from IndoSum's own sentences (tokens joined by spaces), so
  sentence splitting is not part of the measurement and all systems see the
  same candidates.  Each system returns 3 sentences, in article order.
* **Systems.** ``ours``: :func:`kronik.summarize.summary.summarize_doc` (the
  logistic sentence scorer + MMR; a sentence opening with a reference, "Hal itu", "Namun", only after
  an earlier sentence of its article or with the one before it).  ``earlier_picker``: the same
  without that rule (the baseline of the rule).  Its weights are trained *in this run*,
  cross-fold: for fold *f* on the unique articles of the other folds, with
  every article that also occurs in fold *f* (IndoSum repeats 271 articles
  across folds) removed from training, so no evaluated article is ever seen
  in training.  ``lead3``: the first three sentences.  ``textrank``:
  PageRank (damping 0.85) over the TF-IDF cosine graph of the sentences
  (LexRank-style continuous weights), top three.
* **Reference.** The ``summary`` sentences.
* **Reading.** ``opening``: per system, the share of summaries whose first sentence opens with a
  reference (:func:`kronik.summarize.references.opens_with_reference`).
* **ROUGE.** Lowercased tokens as given, tokens without a letter or digit
  dropped, no stemming (no Indonesian stemmer is standard); ROUGE-1/2 F from
  clipped n-gram counts, ROUGE-L F from the longest common subsequence of the
  whole token sequences.  Per-article F averaged over all evaluated records.

Nothing in the scorer was tuned on these folds beyond the cross-fold weights:
the feature set and the MMR settings are fixed defaults of ``SummarySettings``.
"""

from __future__ import annotations

import json
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

from kronik.eval.result import EvalResult
from kronik.model import Article
from kronik.summarize.references import opens_with_reference
from kronik.summarize.scorer import FEATURES, fit_logistic
from kronik.summarize.space import Space
from kronik.summarize.summary import Doc, Sentence, SummarySettings, summarize_doc
from kronik.summarize.vectors import content_tokens, stop_words, tfidf, word_tokens

K = 3
SYSTEMS = ("ours", "earlier_picker", "lead3", "textrank")


# --------------------------------------------------------------------------- data

def load_folds(data_dir: Path) -> dict[str, list[dict[str, Any]]]:
    """``dev.0N.jsonl`` records by fold name."""
    folds: dict[str, list[dict[str, Any]]] = {}
    for path in sorted(data_dir.glob("dev.*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            folds[path.stem] = [json.loads(line) for line in fh if line.strip()]
    return folds


def _key(rec: dict[str, Any]) -> str:
    """Identity of an article across folds: its id, else its text."""
    return str(rec.get("id") or json.dumps(rec["paragraphs"]))


def record_doc(rec: dict[str, Any]) -> Doc:
    """An IndoSum record as a summarizer Doc; a sentence's ``start`` is its index in its paragraph."""
    title = " ".join(str(rec.get("id", "")).split("-")[1:])  # the id's slug is the headline's start
    sents: list[Sentence] = []
    for pi, para in enumerate(rec["paragraphs"]):
        for k, toks in enumerate(para):
            text = " ".join(toks)
            sents.append(Sentence(str(rec.get("id")), pi, k, k + 1, text, len(sents), k, word_tokens(text),
                                  len(toks)))
    art = Article(id=str(rec.get("id")), source="indosum", format="jsonl", title=title)
    return Doc(art, "id", sents, set(content_tokens(title, "id")), size=len(sents))


def doc_features(doc: Doc) -> np.ndarray:
    """The scorer's features of a doc's sentences, computed as ``describe`` computes them."""
    Space([doc])
    assert doc.features is not None
    return doc.features


def _labelled(rec: dict[str, Any]) -> tuple[np.ndarray, np.ndarray] | None:
    doc = record_doc(rec)
    labels = [bool(v) for para in rec["gold_labels"] for v in para]
    if not doc.sentences or len(labels) != len(doc.sentences):
        return None
    return doc_features(doc), np.array(labels, dtype=float)


def training_matrix(records: Sequence[dict[str, Any]],
                    cache: dict[str, tuple[np.ndarray, np.ndarray] | None] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Features and gold labels of the records' sentences (``cache``: by record key, reused across folds)."""
    cache = {} if cache is None else cache
    xs, ys = [], []
    for rec in records:
        key = _key(rec)
        if key not in cache:
            cache[key] = _labelled(rec)
        item = cache[key]
        if item is not None:
            xs.append(item[0])
            ys.append(item[1])
    return np.vstack(xs), np.concatenate(ys)


def train_weights(records: Sequence[dict[str, Any]],
                  cache: dict[str, tuple[np.ndarray, np.ndarray] | None] | None = None) -> dict[str, float]:
    x, y = training_matrix(records, cache)
    return dict(zip(FEATURES, (float(v) for v in fit_logistic(x, y)), strict=True))


def unique_records(folds: dict[str, list[dict[str, Any]]], exclude: set[str] | None = None) -> list[dict[str, Any]]:
    seen = set(exclude or ())
    out = []
    for recs in folds.values():
        for r in recs:
            k = _key(r)
            if k not in seen:
                seen.add(k)
                out.append(r)
    return out


# --------------------------------------------------------------------------- systems

def lead(doc: Doc, k: int = K) -> list[int]:
    return list(range(min(k, len(doc.sentences))))


def textrank(doc: Doc, k: int = K, damping: float = 0.85) -> list[int]:
    """PageRank over the TF-IDF cosine similarity graph; the ``k`` best, in article order."""
    n = len(doc.sentences)
    if n <= k:
        return list(range(n))
    x = tfidf([s.tokens for s in doc.sentences], stop_words("id"))
    sim = (x @ x.T).toarray()
    np.fill_diagonal(sim, 0.0)
    rows = sim.sum(axis=1)
    rows[rows == 0] = 1.0
    m = sim / rows[:, None]
    r = np.full(n, 1.0 / n)
    for _ in range(100):
        new = (1 - damping) / n + damping * (m.T @ r)
        if np.abs(new - r).sum() < 1e-8:
            r = new
            break
        r = new
    return sorted(int(i) for i in np.argsort(-r, kind="stable")[:k])


def ours(doc: Doc, settings: SummarySettings, k: int = K) -> list[int]:
    where = {(s.paragraph, s.start): s.index for s in doc.sentences}
    return [where[(it["paragraph"], it["start"])] for it in summarize_doc(doc, settings, k=k)]


# --------------------------------------------------------------------------- ROUGE

def rouge_tokens(sentences: Sequence[Sequence[str]]) -> list[str]:
    return [t.lower() for s in sentences for t in s if any(ch.isalnum() for ch in t)]


def _f(hit: int, n_pred: int, n_ref: int) -> float:
    if hit == 0 or n_pred == 0 or n_ref == 0:
        return 0.0
    p, r = hit / n_pred, hit / n_ref
    return 2 * p * r / (p + r)


def rouge_n(pred: list[str], ref: list[str], n: int) -> float:
    pc = Counter(zip(*(pred[i:] for i in range(n)), strict=False))
    rc = Counter(zip(*(ref[i:] for i in range(n)), strict=False))
    return _f(sum((pc & rc).values()), sum(pc.values()), sum(rc.values()))


def rouge_l(pred: list[str], ref: list[str]) -> float:
    if not pred or not ref:
        return 0.0
    prev = [0] * (len(ref) + 1)
    for a in pred:
        cur = [0]
        for j, b in enumerate(ref):
            cur.append(prev[j] + 1 if a == b else max(prev[j + 1], cur[j]))
        prev = cur
    return _f(prev[-1], len(pred), len(ref))


def rouge_scores(pred: list[str], ref: list[str]) -> dict[str, float]:
    return {"rouge1_f": rouge_n(pred, ref, 1), "rouge2_f": rouge_n(pred, ref, 2), "rougeL_f": rouge_l(pred, ref)}


# --------------------------------------------------------------------------- the eval

def evaluate_summaries(data_dir: Path, limit: int | None = None, k: int = K) -> EvalResult:
    """ROUGE-1/2/L F of ours, LEAD-3 and TextRank on the IndoSum dev folds (see the module docstring)."""
    t0 = time.perf_counter()
    folds = load_folds(data_dir)
    if not folds:
        raise FileNotFoundError(f"no dev.*.jsonl under {data_dir}")
    sums = {s: {"rouge1_f": 0.0, "rouge2_f": 0.0, "rougeL_f": 0.0} for s in SYSTEMS}
    per_fold: dict[str, dict[str, Any]] = {}
    cache: dict[str, tuple[np.ndarray, np.ndarray] | None] = {}
    opening = dict.fromkeys(SYSTEMS, 0)
    n = 0
    for name, recs in folds.items():
        if limit is not None:
            recs = recs[: max(0, (limit - n))]
        if not recs:
            continue
        held = {_key(r) for r in recs}
        others = {f: v for f, v in folds.items() if f != name}
        settings = SummarySettings(weights=train_weights(unique_records(others, exclude=held), cache))
        fold_sums = {s: {"rouge1_f": 0.0, "rouge2_f": 0.0, "rougeL_f": 0.0} for s in SYSTEMS}
        for rec in recs:
            doc = record_doc(rec)
            sents = [toks for para in rec["paragraphs"] for toks in para]
            ref = rouge_tokens(rec["summary"])
            picks = {"ours": ours(doc, settings, k), "earlier_picker": ours(doc, replace(settings, references=False), k),
                     "lead3": lead(doc, k), "textrank": textrank(doc, k)}
            for sys_name, idx in picks.items():
                opening[sys_name] += bool(idx) and opens_with_reference(doc.sentences[idx[0]].text, "id")
                sc = rouge_scores(rouge_tokens([sents[i] for i in idx]), ref)
                for m, v in sc.items():
                    sums[sys_name][m] += v
                    fold_sums[sys_name][m] += v
        n += len(recs)
        per_fold[name] = {"n": len(recs), **{s: {m: round(v / len(recs), 4) for m, v in d.items()}
                                              for s, d in fold_sums.items()}}
        if limit is not None and n >= limit:
            break
    figures: dict[str, Any] = {s: {m: round(v / max(n, 1), 4) for m, v in d.items()} for s, d in sums.items()}
    for s in SYSTEMS:
        figures[s]["opening"] = round(opening[s] / max(n, 1), 4)
    figures["n"] = n
    figures["k"] = k
    return EvalResult(figures, {"per_fold": per_fold, "seconds": round(time.perf_counter() - t0, 1)})


def render_summaries(res: dict[str, Any], console: Any) -> None:
    from rich.table import Table

    table = Table(title=f"IndoSum dev folds: {res['n']} articles, {res['k']} sentences per summary, ROUGE F")
    for col in ("system", "ROUGE-1", "ROUGE-2", "ROUGE-L", "opening with a reference"):
        table.add_column(col)
    for s in SYSTEMS:
        table.add_row(s, *(f"{res[s][m]:.4f}" for m in ("rouge1_f", "rouge2_f", "rougeL_f", "opening")))
    console.print(table)
    details = getattr(res, "details", {})
    if details.get("per_fold"):
        ft = Table(title="Per fold (ours trained on the other folds, repeats removed): ROUGE-1 F")
        for col in ("fold", "n", *SYSTEMS):
            ft.add_column(col)
        for name, row in details["per_fold"].items():
            ft.add_row(name, str(row["n"]), *(f"{row[s]['rouge1_f']:.4f}" for s in SYSTEMS))
        console.print(ft)


# --------------------------------------------------------------------------- training the shipped model

def train_summary(data_dir: Path, out: Path) -> dict[str, Any]:
    """Train the shipped sentence scorer on every unique IndoSum dev article and write it to ``out``."""
    from kronik.summarize.scorer import write_weights

    t0 = time.perf_counter()
    folds = load_folds(data_dir)
    recs = unique_records(folds)
    x, y = training_matrix(recs)
    w = fit_logistic(x, y)
    write_weights(w, str(out), f"Trained on {len(recs)} unique IndoSum dev articles ({len(y)} sentences, "
                               f"{int(y.sum())} in the extractive gold).")
    return {"articles": len(recs), "sentences": len(y), "weights": dict(zip(FEATURES, (round(float(v), 4) for v in w),
                                                                                  strict=True)),
            "out": str(out), "seconds": round(time.perf_counter() - t0, 1)}

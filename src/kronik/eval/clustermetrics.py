"""Clustering metrics: pairwise and B-cubed precision/recall/F1, duplicate-pair precision/recall."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Hashable, Mapping


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def pairwise(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> dict[str, float]:
    """Precision/recall/F1 over the pairs of items put together (items: the gold keys)."""
    items = list(gold)
    joint = Counter((gold[i], pred[i]) for i in items)
    tp = sum(n * (n - 1) // 2 for n in joint.values())
    g = sum(n * (n - 1) // 2 for n in Counter(gold[i] for i in items).values())
    p = sum(n * (n - 1) // 2 for n in Counter(pred[i] for i in items).values())
    prec = tp / p if p else 1.0
    rec = tp / g if g else 1.0
    return {"precision": prec, "recall": rec, "f1": _f1(prec, rec), "gold_pairs": g, "predicted_pairs": p}


def bcubed(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable],
           over: Collection[str] | None = None) -> dict[str, float]:
    """B-cubed precision/recall/F1 (Bagga and Baldwin 1998; Amigó et al. 2009), averaged over items.

    ``over`` averages over those items only while clusters are counted over every gold item, so a
    part of a stream (one topic) is charged for what other parts mixed into its clusters.
    """
    items = list(gold)
    scored = items if over is None else [i for i in over if i in gold]
    if not scored:
        return {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    joint = Counter((gold[i], pred[i]) for i in items)
    gc = Counter(gold[i] for i in items)
    pc = Counter(pred[i] for i in items)
    prec = sum(joint[(gold[i], pred[i])] / pc[pred[i]] for i in scored) / len(scored)
    rec = sum(joint[(gold[i], pred[i])] / gc[gold[i]] for i in scored) / len(scored)
    return {"precision": prec, "recall": rec, "f1": _f1(prec, rec)}


def cluster_scores(gold: Mapping[str, Hashable], pred: Mapping[str, Hashable]) -> dict[str, float]:
    pw, b3 = pairwise(gold, pred), bcubed(gold, pred)
    return {
        "pairwise_precision": pw["precision"], "pairwise_recall": pw["recall"], "pairwise_f1": pw["f1"],
        "bcubed_precision": b3["precision"], "bcubed_recall": b3["recall"], "bcubed_f1": b3["f1"],
        "items": len(gold), "gold_clusters": len(set(gold.values())), "predicted_clusters": len({pred[i] for i in gold}),
    }


def duplicate_pairs(groups: Mapping[str, Hashable]) -> set[tuple[str, str]]:
    """Unordered pairs of items in the same duplicate group (item -> group id; singletons make no pair)."""
    by: dict[Hashable, list[str]] = {}
    for item, g in groups.items():
        by.setdefault(g, []).append(item)
    out: set[tuple[str, str]] = set()
    for members in by.values():
        members.sort()
        for i, a in enumerate(members):
            for b in members[i + 1:]:
                out.add((a, b))
    return out


def dedup_scores(gold_groups: Mapping[str, Hashable], pred_groups: Mapping[str, Hashable]) -> dict[str, float]:
    """Precision and recall of duplicate pairs (two items are a pair when they share a group)."""
    g = duplicate_pairs(gold_groups)
    p = duplicate_pairs({k: v for k, v in pred_groups.items() if k in gold_groups})
    tp = len(g & p)
    prec = tp / len(p) if p else 1.0
    rec = tp / len(g) if g else 1.0
    return {"precision": prec, "recall": rec, "f1": _f1(prec, rec), "gold_pairs": len(g), "predicted_pairs": len(p),
            "true_pairs": tp}

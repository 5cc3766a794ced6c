"""Train the line labeller (``kronik train lines``) and measure it by leave-one-outlet-out.

Training sequences come from our labelled example corpus (plain-text dumps;
the sealed split is never used) and, optionally, from synthetic dumps built
on real IndoSum bodies (bench/synth.py), whose related-headline teasers are
first sentences of *other* real articles: realistic negatives for cohesion.

Generalisation to unseen outlets is what matters, so the reported figure is
leave-one-outlet-out: for each outlet, a model trained on every other outlet
labels that outlet's files; the rules alone are scored on the same lines in
the same run.  Training is deterministic (crfsuite L-BFGS, fixed data order).
"""

from __future__ import annotations

import json
import tempfile
import time
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kronik.eval.lines import SEALED_SPLITS
from kronik.extract.boilerplate import clean_lines, normalize_line
from kronik.extract.linemodel import META_REASONS, line_features, to_crfsuite
from kronik.extract.outlets import load_profiles
from kronik.extract.text import analyse_rules
from kronik.io.readers import RawDocument, read_documents

PARAMS = {"c1": 0.05, "c2": 0.05, "max_iterations": 150, "feature.possible_transitions": True}


@dataclass
class Sequence:
    group: str            # outlet (or 'synthetic'), the unit of cross-validation
    source: str
    lines: list[str]
    xseq: list[dict[str, float]]
    yseq: list[str]
    rule_keep: list[bool]
    scored: list[bool]    # metadata lines are decided by the header reader, not scored here
    patterns: bool = True  # False: a rule-dropout copy (wording patterns off)


def _sequence(doc: RawDocument, body: set[str], group: str, patterns: bool = True) -> Sequence:
    profiles = load_profiles()
    ana = analyse_rules(doc, profiles)
    verdicts = ana.result.verdicts
    if not patterns:
        ana.result = clean_lines(ana.lines, meta=ana.header.meta, start=ana.header.lead_idx, title=ana.title,
                                 strict_start=not doc.fields, patterns=False)
        verdicts = ana.result.verdicts
    feats = line_features(ana.lines, verdicts, ana.title, ana.header.lead_idx, patterns=patterns)
    y = ["B" if ln in body else "O" for ln in ana.lines]
    return Sequence(group, doc.source, ana.lines, to_crfsuite(feats), y, [v.keep for v in verdicts],
                    [v.reason not in META_REASONS for v in verdicts], patterns)


def corpus_sequences(corpus: Path, exclude_splits: Iterable[str] = SEALED_SPLITS, dropout: bool = True) -> list[Sequence]:
    """One sequence per labelled plain-text dump of the corpus, grouped by outlet."""
    excluded = set(exclude_splits)
    seqs = []
    for raw in (corpus / "labels.jsonl").read_text("utf-8").splitlines():
        lab = json.loads(raw)
        if lab.get("format") != "text" or lab.get("split") in excluded:
            continue
        docs = [d for d in read_documents([corpus / lab["source"]]) if isinstance(d, RawDocument)]
        if not docs:
            continue
        body = {normalize_line(b) for b in lab["body"]}
        group = lab.get("outlet") or "(none)"
        seqs.append(_sequence(docs[0], body, group))
        if dropout:
            seqs.append(_sequence(docs[0], body, group, patterns=False))
    return seqs


def synthetic_sequences(data_dir: Path, n: int, seed: int = 7) -> list[Sequence]:
    from kronik.bench.synth import generate

    if n <= 0 or not (data_dir / "indosum").is_dir():
        return []
    seqs = []
    for doc in generate(data_dir, n=n, seed=seed):
        raw = doc.raw()
        body = {normalize_line(b) for b in doc.body}
        seqs.append(_sequence(raw, body, "synthetic"))
        seqs.append(_sequence(raw, body, "synthetic", patterns=False))
    return seqs


def _train(seqs: list[Sequence], out: Path) -> None:
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for s in seqs:
        trainer.append(s.xseq, s.yseq)
    trainer.set_params(PARAMS)
    trainer.train(str(out))


def _score(pairs: Iterable[tuple[bool, bool]]) -> dict[str, float]:
    tp = fp = fn = 0
    for gold, pred in pairs:
        tp += gold and pred
        fp += pred and not gold
        fn += gold and not pred
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0, "lines": tp + fp + fn}


def cross_validate(seqs: list[Sequence], extra: list[Sequence]) -> dict[str, Any]:
    """Leave-one-outlet-out: model vs rules on each outlet's lines, with a model trained without it."""
    import pycrfsuite

    groups = sorted({s.group for s in seqs})
    per: dict[str, Any] = {}
    all_model: list[tuple[bool, bool]] = []
    all_rules: list[tuple[bool, bool]] = []
    with tempfile.TemporaryDirectory() as tmp:
        for g in groups:
            path = Path(tmp) / f"{len(per)}.crfsuite"
            _train([s for s in seqs if s.group != g] + extra, path)
            tagger = pycrfsuite.Tagger()
            tagger.open(str(path))
            model_pairs, rule_pairs = [], []
            for s in (s for s in seqs if s.group == g and s.patterns):
                pred = tagger.tag(s.xseq)
                for k in range(len(s.lines)):
                    if not s.scored[k]:
                        continue
                    gold = s.yseq[k] == "B"
                    model_pairs.append((gold, pred[k] == "B"))
                    rule_pairs.append((gold, s.rule_keep[k]))
            tagger.close()
            per[g] = {"model": _score(model_pairs), "rules": _score(rule_pairs),
                      "files": sum(s.group == g and s.patterns for s in seqs)}
            all_model += model_pairs
            all_rules += rule_pairs
    return {"model": _score(all_model), "rules": _score(all_rules), "outlets": per}


def train_lines(corpus: Path, out: Path, *, data_dir: Path | None = None, synthetic: int = 300,
                cv: bool = True) -> dict[str, Any]:
    """Train the line model on the corpus (sealed split excluded) plus synthetic dumps; return its figures."""
    t0 = time.perf_counter()
    seqs = corpus_sequences(corpus)
    extra = synthetic_sequences(data_dir, synthetic) if data_dir else []
    figures: dict[str, Any] = {
        "files": sum(s.patterns for s in seqs), "outlets": len({s.group for s in seqs}), "synthetic": len(extra),
        "lines": sum(len(s.lines) for s in seqs if s.patterns), "rule_dropout": True, "excluded_splits": sorted(SEALED_SPLITS), "params": PARAMS,
    }
    if cv:
        figures["leave_one_outlet_out"] = cross_validate(seqs, extra)
    out.parent.mkdir(parents=True, exist_ok=True)
    _train(seqs + extra, out)
    figures["model_bytes"] = out.stat().st_size
    figures["seconds"] = round(time.perf_counter() - t0, 1)
    return figures

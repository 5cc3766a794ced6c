"""Train the English entity tagger (``kronik train ner --lang en``): the Indonesian recipe on CoNLL-2003.

Same CRF, features and model format as the Indonesian tagger
(:mod:`kronik.annotate.ner_tagger`, :mod:`kronik.annotate.ner_train`); what
differs is the data, all read from ``../shared/data`` (never copied):

* **training**: ``ner/conll2003/train.txt`` (Reuters 1996, 14,041 sentences),
  with its four labels: MISC is learned as a label of its own so that
  nationalities and events ("German", "Olympics") are not pushed into
  PER/ORG/LOC, and the entity stage drops it (no contract type);
* **measuring**: ``ner/conll2003/dev.txt`` is only scored after training,
  never used to fit or choose anything; CoNLL-2003's test split is held out
  and not read;
* **unlabelled English text** for casing statistics and word clusters (our
  own exchange clustering, ``ner_train.exchange_clusters``): the CoNLL train
  tokens (never dev or test), the Timeline17 articles (``t17/*/articles.jsonl``,
  PTB brackets and quotes undone; 2.26M tokens).  (The shared PANL-BPPT
  copy holds only a few dozen English rows, so it adds nothing here.);
* **language data** snapshotted into the model: titles, honorifics and ranks,
  organisation and place heads of the English pack (``kronik.lang.en``).

5-fold CV on train (``--cv``) reports how the settings generalise.  The model
is written byte-reproducibly to ``src/kronik/lang/en/models/ner.zip``.
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from kronik.annotate.ner_tagger import (
    LABELS,
    TAG_MAP_MISC,
    NerTagger,
    Resources,
    Sentence,
    fingerprint,
    map_tags,
    read_tagged,
    write_model,
)
from kronik.annotate.ner_train import (
    DEFAULTS,
    _fit,
    _tag_all,
    casing_classes,
    cross_validate,
    exchange_clusters,
    score,
)
from kronik.bench.synth import PTB_ESCAPES

TRAIN = "conll2003/train.txt"
DEV = "conll2003/dev.txt"
T17_GLOB = "t17/*/articles.jsonl"  # under the shared folder



def t17_sentences(shared: Path) -> Iterator[list[str]]:
    """Tokenised sentences of the Timeline17 articles (each distinct text once, sets in name order)."""
    seen: set[int] = set()
    for path in sorted(shared.glob(T17_GLOB)):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                text = json.loads(line).get("text") or ""
                key = hash(text)
                if key in seen:
                    continue
                seen.add(key)
                for sent in text.split("\n"):
                    toks = [PTB_ESCAPES.get(t, t) for t in sent.split()]
                    if toks:
                        yield toks


def _resources_en() -> tuple[frozenset[str], frozenset[str], frozenset[str]]:
    """(titles, organisation heads, place heads) of the English pack, snapshotted into the model."""
    from kronik.lang.base import pack_data

    t: Any = pack_data("en", "titles")
    sp: Any = pack_data("en", "speakers")
    titles = frozenset(t.TITLES) | frozenset(t.HONORIFICS) | frozenset(t.RANKS)
    return titles, frozenset(sp.ORG_HEADS) | frozenset(t.ORG_WORDS), frozenset(sp.PLACE_HEADS)


def _scores(gold: list[list[str]], pred: list[list[str]]) -> dict[str, Any]:
    """PER/ORG/LOC micro and per label, and MISC apart."""
    out = score(gold, pred)
    out["misc"] = score(gold, pred, ("MISC",))["labels"]["MISC"]
    return out


def train_ner_en(data_dir: Path, out: Path, **opts: Any) -> dict[str, Any]:
    """Train on CoNLL-2003 train under ``data_dir`` (the shared ``ner`` folder), score dev, write ``out``.

    Options as ``ner_train.train_ner`` (``c1``, ``c2``, ``max_iterations``,
    ``folds``, ``clusters``, ``min_count``; ``cv`` for 5-fold CV on train).
    """
    t0 = time.time()
    o = {**DEFAULTS, **{k: v for k, v in opts.items() if v is not None and k in DEFAULTS}}
    data_dir = Path(data_dir)
    shared = data_dir.parent
    if not (data_dir / TRAIN).is_file():
        raise FileNotFoundError(f"CoNLL-2003 train not found: {data_dir / TRAIN}")
    train: list[Sentence] = read_tagged(data_dir / TRAIN)

    t_lex = time.time()
    sources: dict[str, list[list[str]]] = {
        "conll2003-train": [[w for w, _ in s] for s in train],
        "t17": list(t17_sentences(shared)),
    }
    unlabelled = [s for part in sources.values() for s in part]
    casing = casing_classes(unlabelled, o["min_count"])
    sizes = tuple(o["clusters"])
    clusters = exchange_clusters(unlabelled, sizes, o["cluster_iterations"], o["min_count"])
    lexicon = {w: (*casing.get(w, ("unk", "f0")), *(str(clusters[k].get(w, "-")) for k in sizes))
               for w in sorted(set(casing) | set(clusters[sizes[0]]))}
    t_lex = time.time() - t_lex

    titles, org_heads, place_heads = _resources_en()
    base = Resources(titles=titles, org_heads=org_heads, place_heads=place_heads, lexicon=lexicon, cluster_sizes=sizes)
    figures: dict[str, Any] = {
        "lang": "en", "labels": [*LABELS, "MISC"], "train_sentences": len(train),
        "unlabelled_sentences": {k: len(v) for k, v in sources.items()}, "lexicon_words": len(lexicon),
    }
    if o.get("cv") or opts.get("cv"):
        figures["train_cv"] = cross_validate(train, base, o, tag_map=TAG_MAP_MISC)

    t_crf = time.time()
    crf, res = _fit(train, base, o, TAG_MAP_MISC)
    t_crf = time.time() - t_crf
    if (data_dir / DEV).is_file():
        dev = read_tagged(data_dir / DEV)
        gold = [map_tags([t for _, t in s], TAG_MAP_MISC) for s in dev]
        figures["dev"] = _scores(gold, _tag_all(crf, res, dev)) | {"sentences": len(dev)}
    figures.update({
        "params": {k: (list(v) if isinstance(v, tuple) else v) for k, v in o.items() if k in DEFAULTS and k not in
                   ("holdout", "nerp")},
        "seconds": {"lexicon": round(t_lex, 1), "crf": round(t_crf, 1), "total": round(time.time() - t0, 1)},
    })
    meta = {k: v for k, v in figures.items() if k not in ("seconds", "train_cv")}
    seen = {fingerprint(w for w, _ in s) for s in train}
    figures["model_bytes"] = write_model(Path(out), crf, res, seen, meta)
    figures["model"] = str(out)
    NerTagger.load(out).tag(["President", "Bill", "Clinton", "arrived", "in", "London", "."])
    return figures


def render_train_ner_en(res: dict[str, Any], console: Any) -> None:
    """The human summary of ``train_ner_en``'s figures."""
    from rich.table import Table

    unl = ", ".join(f"{k} {v}" for k, v in res["unlabelled_sentences"].items())
    console.print(f"Trained on CoNLL-2003 train, {res['train_sentences']} sentences; unlabelled text for clusters: {unl} "
                  f"sentences; lexicon {res['lexicon_words']} words. c1={res['params']['c1']} c2={res['params']['c2']}. "
                  f"Model {res['model_bytes'] / 1024:.0f} KB at {res['model']}, {res['seconds']['total']} s.", highlight=False)
    table = Table(title="English entity F1, exact span and type (PER/ORG/LOC micro; MISC apart)")
    for col in ("data", "sent.", "PER", "ORG", "LOC", "micro P", "micro R", "micro F1", "MISC F1"):
        table.add_column(col, justify="right")
    for name, s in (("CoNLL-2003 dev", res.get("dev")), ("train 5-fold CV", res.get("train_cv"))):
        if s:
            table.add_row(name, str(s.get("sentences", res["train_sentences"])),
                          *(f"{s['labels'][lab]['f1']:.3f}" for lab in LABELS), f"{s['micro']['precision']:.3f}",
                          f"{s['micro']['recall']:.3f}", f"[bold]{s['micro_f1']:.3f}[/bold]", f"{s['misc']['f1']:.3f}")
    console.print(table)

"""Entity-level NER evaluation (``kronik eval ner FILE...``), CoNLL style.

Reads CoNLL files (token, optional POS columns, tag) or token-TAB-tag files,
blank line between sentences, maps every shared tag set onto PER/ORG/LOC
(``kronik.annotate.ner_tagger.TAG_MAP``: PERSON/PPL -> PER,
ORGANIZATION/ORGANISATION/IND -> ORG, LOCATION/PLACE/PLC -> LOC; TIME,
QUANTITY, EVT, FNB are left out and counted as ``ignored``), tags the gold
tokens with the model and scores exact span + type matches, as conlleval does.

Honesty: the model stores fingerprints of every sentence it saw in training
(as training data or gazetteer source).  Each result says how many of the
evaluated sentences were seen and, when any were, also scores the unseen ones
(``unseen``).  Only ``unseen`` figures of a set the model was built from are
held-out figures.

English (``--lang en``, the model of ``kronik.lang.en``, trained on CoNLL-2003
train): MISC is a label of the model but no entity type of the contract, so
``micro_f1`` and ``labels`` stay PER/ORG/LOC and MISC is scored apart
(``misc``), as the CoNLL-2003 papers' per-type tables do.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kronik.annotate.ner_tagger import LABELS, TAG_MAP, TAG_MAP_MISC, NerTagger, fingerprint, map_tags, read_tagged
from kronik.annotate.ner_train import score
from kronik.eval.result import EvalResult


def _files(paths: Path | str | Sequence[Path | str]) -> list[Path]:
    items = [paths] if isinstance(paths, (str, Path)) else list(paths)
    out: list[Path] = []
    for p in map(Path, items):
        if p.is_dir():
            out.extend(sorted(f for f in p.rglob("*") if f.is_file() and f.suffix in {".txt", ".conll", ".tsv", ".iob"}))
        elif p.is_file():
            out.append(p)
        else:
            raise FileNotFoundError(f"no such file or folder: {p}")
    if not out:
        raise FileNotFoundError(f"no NER files under {', '.join(map(str, items))}")
    return out


def _set_name(path: Path) -> str:
    return f"{path.parent.name}/{path.stem}"


def _label_figures(v: dict[str, Any]) -> dict[str, Any]:
    return {k: v[k] for k in ("precision", "recall", "f1")} | {"support": v["tp"] + v["fn"]}


def _figures(gold: list[list[str]], pred: list[list[str]], misc: bool = False) -> dict[str, Any]:
    """PER/ORG/LOC micro and per-label figures; with ``misc`` also MISC's, apart from the micro figure."""
    s = score(gold, pred)
    out = {
        "micro_f1": s["micro_f1"],
        "precision": s["micro"]["precision"],
        "recall": s["micro"]["recall"],
        "labels": {lab: _label_figures(v) for lab, v in s["labels"].items()},
    }
    if misc:
        out["misc"] = _label_figures(score(gold, pred, ("MISC",))["labels"]["MISC"])
    return out


def capitalised_tags(words: Sequence[str], lang: str) -> list[str]:
    """IOB tags of the capitalised-run fallback (``entities.mentions._capitalised_spans``) over gold tokens.

    The English entity path before the English model: the baseline ``kronik eval ner --lang en`` reports in
    the same run.  The tokens are joined with spaces, the fallback runs on that text, and its spans are mapped
    back to the tokens they cover; its unlabelled runs (``MISC``) are scored as MISC.
    """
    from kronik.annotate.entities.mentions import _capitalised_spans, _prepare

    text = " ".join(words)
    starts = []
    pos = 0
    for w in words:
        starts.append(pos)
        pos += len(w) + 1
    para = _prepare(text, lang)
    tags = ["O"] * len(words)
    for a, b, label in _capitalised_spans(para, lang):
        cs, ce = para.tokens[a].start, para.tokens[b - 1].end
        inside = [i for i, st in enumerate(starts) if st >= cs and st + len(words[i]) <= ce]
        for k, i in enumerate(inside):
            tags[i] = ("B-" if k == 0 else "I-") + label
    return tags


def evaluate_file(path: Path, tagger: NerTagger, alias_pass: bool = False, lang: str = "id") -> dict[str, Any]:
    """Figures of one file (see ``evaluate_ner``)."""
    return _evaluate_file(path, tagger, alias_pass, lang)[0]


def _evaluate_file(path: Path, tagger: NerTagger, alias_pass: bool = False,
                   lang: str = "id") -> tuple[dict[str, Any], list[list[str]], list[list[str]]]:
    misc = "MISC" in tagger.labels
    tag_map = TAG_MAP_MISC if misc else TAG_MAP
    sents = read_tagged(path)
    tokens = [[w for w, _ in s] for s in sents]
    raw_tags = [[t for _, t in s] for s in sents]
    gold = [map_tags(t, tag_map) for t in raw_tags]
    types = Counter(t.split("-", 1)[1] for ts in raw_tags for t in ts if "-" in t and t[:2] in ("B-", "S-", "U-"))
    ignored = {k: v for k, v in types.items() if k.upper() not in tag_map}
    n_tokens = sum(map(len, tokens))
    letters = "".join(w for ts in tokens for w in ts)
    lowercased = sum(c.isupper() for c in letters) < 0.002 * max(1, len(letters))

    t0 = time.perf_counter()
    pred = [tagger.tag(t) for t in tokens]
    seconds = time.perf_counter() - t0
    if alias_pass:
        from kronik.annotate.entities import alias_pass as add_aliases

        pred = [add_aliases(t, p, lang) for t, p in zip(tokens, pred, strict=True)]

    res: dict[str, Any] = {"file": str(path), "set": _set_name(path)}
    res.update(_figures(gold, pred, misc))
    seen = [fingerprint(t) in tagger.seen for t in tokens]
    res.update({
        "sentences": len(sents),
        "tokens": n_tokens,
        "tokens_per_second": round(n_tokens / seconds) if seconds else None,
        "seen_sentences": sum(seen),
        "entity_types": {k: types[k] for k in sorted(types)},
        "tag_map": {k: tag_map[k.upper()] for k in sorted(types) if k.upper() in tag_map},
        "ignored_types": ignored,
        "lowercased": lowercased,
    })
    if misc:  # a CoNLL-style model (English): the capitalised-run path it replaced, scored in the same run
        base = [capitalised_tags(t, lang) for t in tokens]
        res["baseline"] = {"name": "capitalised runs (the entity path without a trained model)"} | _figures(gold, base, misc)
    if any(seen):
        idx = [i for i, s in enumerate(seen) if not s]
        unseen = _figures([gold[i] for i in idx], [pred[i] for i in idx], misc) if idx else None
        res["unseen"] = ({"sentences": len(idx)} | unseen) if unseen else {"sentences": 0}
    return res, gold, pred


def evaluate_ner(path: Path | Sequence[Path], model: Path | None = None, alias_pass: bool = False,
                 lang: str = "id") -> EvalResult:
    """Score the tagger on one or more NER files (or folders of them).

    One file: its figures at the top level (``micro_f1``, ``precision``,
    ``recall``, ``labels`` {PER, ORG, LOC: precision/recall/f1/support},
    ``sentences``, ``tokens_per_second``, ``seen_sentences``, ``unseen`` ...).
    Several: the same figures pooled over all files at the top level (mind the
    sets' different conventions) and each file's under ``sets``.
    ``alias_pass``: also tag what the entity stage adds after the CRF (places
    and organisations of the alias table the CRF left untagged), to score the
    stage's output rather than the bare tagger.  ``lang``: whose shipped model
    (``en``: CoNLL-2003's MISC scored apart as ``misc``).
    """
    tagger = NerTagger.load(model, lang=lang)
    files = _files(path)
    runs = [_evaluate_file(f, tagger, alias_pass, lang) for f in files]
    results = [r for r, _, _ in runs]
    model_info = {"lang": lang, "alias_pass": alias_pass, "model": tagger.source, "model_bytes": tagger.size,
                  "trained_on": tagger.meta.get("train_sentences"),
                  "model_heldout": (tagger.meta.get("heldout_pooled") or {}).get("micro_f1")}
    if len(results) == 1:
        return EvalResult(results[0] | model_info)
    pooled = _figures([g for _, gold, _ in runs for g in gold], [p for _, _, pred in runs for p in pred],
                      "MISC" in tagger.labels)
    tokens = sum(r["tokens"] for r in results)
    secs = sum(r["tokens"] / r["tokens_per_second"] for r in results if r["tokens_per_second"])
    figures = pooled | {
        "sentences": sum(r["sentences"] for r in results),
        "tokens_per_second": round(tokens / secs) if secs else None,
        "sets": {r["set"]: r for r in results},
    } | model_info
    return EvalResult(figures)


def _f(x: float | None) -> str:
    return "-" if x is None else f"{x:.3f}"


def render_ner(result: dict[str, Any], console: Console) -> None:
    sets = result.get("sets") or {result.get("set", "file"): result}
    table = Table(title="Entities, exact span and type (CoNLL style), PER/ORG/LOC")
    misc = any("misc" in r for r in sets.values())
    cols = ["set", "sent.", "seen", "PER F1", "ORG F1", "LOC F1", "micro P", "micro R", "micro F1", "unseen F1", "tok/s"]
    for col in cols + (["MISC F1 (apart)"] if misc else []):
        table.add_column(col, justify="left" if col == "set" else "right")
    for name, r in sets.items():
        labels = r["labels"]
        unseen = r.get("unseen")
        flags = " (lowercased)" if r.get("lowercased") else ""
        table.add_row(
            name + flags, str(r["sentences"]), str(r.get("seen_sentences", 0)),
            *(_f(labels[lab]["f1"]) for lab in LABELS),
            _f(r["precision"]), _f(r["recall"]), f"[bold]{r['micro_f1']:.3f}[/bold]",
            _f(unseen.get("micro_f1")) if unseen else _f(r["micro_f1"]),  # nothing seen: all of it is held out
            str(r.get("tokens_per_second") or "-"),
            *([_f(r["misc"]["f1"]) if "misc" in r else "-"] if misc else []),
        )
    console.print(table)
    for name, r in sets.items():
        b = r.get("baseline")
        if b:
            console.print(f"Baseline on {name}, {b['name']}: PER/ORG/LOC micro F1 {b['micro_f1']:.3f} (P {b['precision']:.3f}, "
                          f"R {b['recall']:.3f}; PER {b['labels']['PER']['f1']:.3f}, ORG {b['labels']['ORG']['f1']:.3f}, "
                          f"LOC {b['labels']['LOC']['f1']:.3f})"
                          + (f", MISC {b['misc']['f1']:.3f}" if "misc" in b else ""), highlight=False)
    if len(sets) == 1:
        r = next(iter(sets.values()))
        detail = Table(title=f"Per label: {r.get('set', '')}")
        for col in ("label", "precision", "recall", "F1", "support"):
            detail.add_column(col, justify="right")
        for lab in LABELS:
            d = r["labels"][lab]
            detail.add_row(lab, _f(d["precision"]), _f(d["recall"]), _f(d["f1"]), str(d["support"]))
        if "misc" in r:
            d = r["misc"]
            detail.add_row("MISC (apart)", _f(d["precision"]), _f(d["recall"]), _f(d["f1"]), str(d["support"]))
        console.print(detail)
    notes = []
    for name, r in sets.items():
        if r.get("ignored_types"):
            notes.append(f"{name}: not scored {', '.join(f'{k} ({v})' for k, v in r['ignored_types'].items())}")
        if r.get("seen_sentences"):
            notes.append(f"{name}: {r['seen_sentences']} of {r['sentences']} sentences were seen in training "
                         f"(as training data or gazetteer); 'unseen F1' is the held-out figure")
        if "IND" in r.get("entity_types", {}):
            notes.append(f"{name}: IND (industry: companies, brands, media, clubs) scored as ORG; "
                         "this set leaves government bodies untagged")
    console.print(f"Model: {result.get('model')} ({(result.get('model_bytes') or 0) / 1024:.0f} KB)", highlight=False)
    for n in notes:
        console.print("  " + n, highlight=False)

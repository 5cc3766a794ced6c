"""A sequence labeller over the lines of a dump: body or not, learned on top of the rules.

Why a model on top of hand rules: rules keyed on wording ("Terkini Lainnya",
"Baca juga") are precise on layouts they know, but every new outlet words its
furniture differently.  What does not change from site to site is structure:
related-headline blocks are runs of short, capitalised lines that share no
vocabulary with the article; comment sections and footers come after the last
line that does; body lines are prose that keeps returning to the article's own
words.  A linear-chain CRF (as in the CleanEval-era line labellers) sees these
signals for each line and its neighbours, and the rule engine's verdict is one
of its features, so it learns when to trust the rules and when to override
them.

Features never include the words of a line, only its shape, the rules'
verdict, repetition, position and cohesion, so what is learned transfers to
outlets the training data never saw.  Generalisation is measured by
leave-one-outlet-out cross-validation (``kronik train lines``).
"""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from importlib import resources
from pathlib import Path

from kronik.extract.boilerplate import LineVerdict, is_headline_like, is_prose, match_rule, repetition_key
from kronik.lang.base import all_packs

MODEL_FILE = "lines.crfsuite"

REMOVE_CONFIDENCE = 0.9
"""Marginal probability of 'not body' above which the model removes a line the rules kept."""

_WORD = re.compile(r"[^\W\d_]{3,}")
_STOP = frozenset().union(*(p.stop_words for p in all_packs()))
# Reasons the rule engine gives for metadata: those lines are decided by the header reader, not the model.
META_REASONS = frozenset({"title", "date-line", "byline", "editor-credit", "wire-credit"})


def _bucket(x: float, edges: tuple[float, ...]) -> str:
    for i, e in enumerate(edges):
        if x < e:
            return str(i)
    return str(len(edges))


def _content(text: str) -> set[str]:
    return {w for w in (m.lower() for m in _WORD.findall(text)) if w not in _STOP}


def _shape(text: str) -> dict[str, str | float]:
    words = text.split()
    n = len(words)
    caps = sum(1 for w in words if w[:1].isupper())
    digits = sum(ch.isdigit() for ch in text)
    last = text[-1]
    return {
        "nw": _bucket(n, (2, 3, 4, 6, 10, 20, 40)),
        "end": last if last in '.?!:;,")”’' else ("alnum" if last.isalnum() else "other"),
        "start": "quote" if text[0] in "\"“'‘" else "dash" if text[0] in "-–—•*" else "digit" if text[0].isdigit() else
                 "upper" if text[0].isupper() else "lower" if text[0].islower() else "other",
        "caps": _bucket(caps / n if n else 0, (0.2, 0.5, 0.8, 0.99)),
        "allcaps": str(text.isupper()),
        "digits": _bucket(digits / len(text), (0.01, 0.1, 0.3)),
        "prose": str(is_prose(text)),
        "headline": str(is_headline_like(text)),
        "pipe": str("|" in text or " > " in text or " » " in text),
        "paren_end": str(text.rstrip(".").endswith(")")),
        "quote_inside": str(any(q in text[1:] for q in "\"“”")),
        "long": _bucket(len(text), (20, 40, 80, 160, 320)),
    }


def line_features(lines: list[str], verdicts: list[LineVerdict], title: str | None, lead: int,
                  patterns: bool = True) -> list[dict[str, str | float]]:
    """One feature dict per line (shape, rule verdict, repetition, position, cohesion, and the neighbours')."""
    n = len(lines)
    keys = [repetition_key(ln) for ln in lines]
    counts = Counter(keys)
    content = [_content(ln) for ln in lines]
    kept = [i for i, v in enumerate(verdicts) if v.keep]
    # Vocabulary of the article as the rules see it: title and the lines they kept, weighted by how many use a word.
    df: Counter[str] = Counter()
    for i in kept:
        df.update(content[i])
    title_words = _content(title or "")
    lead_words = content[lead] if 0 <= lead < n else set()
    last_kept = kept[-1] if kept else -1
    first_kept = kept[0] if kept else n
    own: list[dict[str, str | float]] = []
    for i, text in enumerate(lines):
        v = verdicts[i]
        rule = match_rule(text) if patterns else None
        cw = content[i]
        others = sum(1 for w in cw if df[w] - (1 if v.keep else 0) > 0)
        f: dict[str, str | float] = {
            "bias": 1.0,
            "verdict": v.reason or "keep",
            "rule": rule[0] if rule else "none",
            "kind": rule[1] if rule else "none",
            "rep": str(counts[keys[i]] > 1),
            "adjrep": str((i > 0 and keys[i - 1] == keys[i]) or (i + 1 < n and keys[i + 1] == keys[i])),
            "pos": "before" if i < lead else "lead" if i == lead else "after",
            "rel": _bucket(i / max(1, n - 1), (0.1, 0.3, 0.7, 0.9)),
            "past_kept": "in" if first_kept <= i <= last_kept else "before" if i < first_kept else "after",
            "coh": _bucket(others / len(cw) if cw else 0.0, (0.01, 0.15, 0.3, 0.5, 0.7)),
            "coh_n": _bucket(others, (1, 2, 3, 5)),
            "title_share": _bucket(len(cw & title_words), (1, 2, 3)),
            "lead_share": _bucket(len(cw & lead_words), (1, 2, 4)),
            "nocontent": str(not cw),
        }
        f.update(_shape(text))
        own.append(f)
    feats: list[dict[str, str | float]] = []
    context_keys = ("verdict", "prose", "headline", "coh", "rep", "nw", "end", "caps")
    for i in range(n):
        f = dict(own[i])
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                for k in context_keys:
                    f[f"{off}:{k}"] = own[j][k]
            else:
                f[f"{off}:edge"] = 1.0
        f["verdict|prose"] = f"{own[i]['verdict']}|{own[i]['prose']}"
        f["coh|headline"] = f"{own[i]['coh']}|{own[i]['headline']}"
        feats.append(f)
    return feats


def to_crfsuite(feats: list[dict[str, str | float]]) -> list[dict[str, float]]:
    """python-crfsuite wants name -> weight; categorical values become 'name=value' with weight 1."""
    out = []
    for f in feats:
        item: dict[str, float] = {}
        for k, v in f.items():
            if isinstance(v, str):
                item[f"{k}={v}"] = 1.0
            else:
                item[k] = float(v)
        out.append(item)
    return out


@lru_cache(maxsize=2)
def _tagger(path: str | None = None) -> object | None:
    try:
        import pycrfsuite
    except ImportError:  # the rules still work without the optional model runtime
        return None
    model = Path(path) if path else Path(str(resources.files("kronik.data").joinpath(MODEL_FILE)))
    if not model.is_file():
        return None
    tagger = pycrfsuite.Tagger()
    tagger.open(str(model))
    return tagger


def model_available() -> bool:
    return _tagger() is not None


def relabel(lines: list[str], verdicts: list[LineVerdict], title: str | None, lead: int,
            model_path: str | None = None) -> list[LineVerdict]:
    """The rule verdicts, revised by the line model where it disagrees (metadata lines stay as read)."""
    tagger = _tagger(model_path)
    if tagger is None or not lines:
        return verdicts
    tagger.set(to_crfsuite(line_features(lines, verdicts, title, lead)))  # type: ignore[attr-defined]
    out: list[LineVerdict] = []
    for k, v in enumerate(verdicts):
        # The model only removes, and only when sure: the rules are precise where they know the
        # wording; what they miss on unseen layouts is furniture they keep.
        if v.keep and v.reason is None and tagger.marginal("O", k) >= REMOVE_CONFIDENCE:  # type: ignore[attr-defined]
            out.append(LineVerdict(v.text, False, "line-model"))
        else:
            out.append(v)
    return out

"""``kronik eval quotes --polnear DIR``: English attribution against PolNeAR's brat files.

PolNeAR (Newell et al. 2018) annotates US political news of 2016 with
attribution relations: a **Content** span (what is attributed, direct or
reported), its **Cue** ("said", "according to") and its **Source** ("Donald
Trump", "he", "a campaign spokesman"), in brat standoff (``text/NAME.txt``
and ``attributions/NAME_ANNOTATOR.ann``, character offsets; a Content may be
discontinuous, ``a b;c d``).  Articles annotated twice are scored with the
first annotator's file (by file name), the other is counted and left out.

How an article is read
    Every non-empty line of the text is a paragraph; the first line is the
    headline, which the pipeline never annotates, so attributions whose
    Content starts in it are left out (counted: ``headline_skipped``).  The
    paragraphs go through the entity and quote stages (language ``en``), as in
    the pipeline.

Matching (``quote_f1``)
    A system quote (direct or indirect) is located in its paragraph (the
    quote's text is a substring of it) and matches a gold Content when their
    character spans overlap by at least half of the shorter one; pairs are
    made one-to-one, largest overlap first.  Every gold attribution with a
    Content counts, whatever its cue ("said", "believes", "polls show"), so
    recall is bounded by what a quote extractor aims at; ``speech_cue`` repeats
    the figures for the gold attributions whose cue holds one of the English
    pack's reporting verbs or "according to".

Speaker (``speaker_acc``, over matched pairs whose gold Source has a name)
    The gold **head name**: the Source is cut at its first comma, bracket,
    relative pronoun or preposition after the first word ("Kellyanne Conway,
    Trump's campaign manager" -> "Kellyanne Conway"; "a spokesman for Clinton"
    -> "a spokesman"); its last word is the head; when the head is
    capitalised, the run of capitalised words ending at it is the name
    ("Republican nominee Donald Trump" -> "Donald Trump", "The Post" ->
    "Post"); a lowercase head ("sources", "the campaign") is **unnamed**.  A
    pronoun Source (he, she, I, him, her) stands for the nearest named Source
    before it in the article ("pronouns resolved"); they/we/it/you are
    unnamed.  The system speaker (canonical) is right when its last word is
    the head name's last word, or all of its words are in the name.  Unnamed
    gold sources are reported apart: ``unnamed_none`` is the share of them the
    system leaves without a speaker.

Baseline (same run, same scoring): the naive extractor of
``kronik eval quotes`` (every span between quote marks; speaker = the nearest
capitalised run after it, else before it).

Published anchors (exact-span F1 on PolNeAR's test, another measure): source
83.2 / content 72.9 (CofeNet, BERT), 69.6 / 59.0 (BiLSTM-CRF).
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kronik.eval.pfsa import _annotate
from kronik.eval.result import EvalResult
from kronik.model import Quote

ANCHORS = {"cofenet_source_f1": 83.2, "cofenet_content_f1": 72.9, "bilstm_crf_source_f1": 69.6,
           "bilstm_crf_content_f1": 59.0}
MIN_OVERLAP = 0.5
_WORD = re.compile(r"[\w’'.-]+")
_CUT = frozenset("who whose which that for of at from with to in on by about after before during among as".split())
_RESOLVED_PRONOUNS = frozenset("he she i him her".split())
_UNNAMED_PRONOUNS = frozenset("they we it you them us".split())
_LEADING = frozenset("the a an".split())
_CONNECT = frozenset("of for on and".split())
_SUFFIXES = frozenset("jr jr. sr sr. ii iii".split())


@dataclass
class GoldAttribution:
    spans: list[tuple[int, int]]  # Content fragments
    source: str | None
    source_start: int
    cue: str
    name: str | None = None  # head name (pronouns resolved), None when unnamed or no source
    kind: str = "none"  # named / pronoun / unnamed / none


def read_ann(path: Path) -> list[GoldAttribution]:
    """The attribution relations of one brat file (those with a Content span)."""
    spans: dict[str, tuple[str, list[tuple[int, int]], str]] = {}
    relations: list[dict[str, str]] = []
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            parts = line.rstrip("\n").split("\t")
            if parts[0].startswith("T") and len(parts) >= 3:
                kind, _, offs = parts[1].partition(" ")
                frags = [(int(a), int(b)) for a, b in (f.split() for f in offs.split(";"))]
                spans[parts[0]] = (kind, frags, parts[2])
            elif parts[0].startswith("E") and len(parts) >= 2:
                relations.append(dict(arg.split(":", 1) for arg in parts[1].split() if ":" in arg))
    out = []
    for rel in relations:
        content = spans.get(rel.get("Content", ""))
        if content is None:
            continue
        source = spans.get(rel.get("Source", ""))
        cue = spans.get(rel.get("Cue", ""))
        out.append(GoldAttribution(spans=content[1], source=source[2] if source else None,
                                   source_start=source[1][0][0] if source else -1, cue=cue[2] if cue else ""))
    return out


def head_name(source: str) -> tuple[str, str | None]:
    """(kind, name) of a gold Source: ``named`` with the head name, ``pronoun`` or ``unnamed`` (see module doc)."""
    words = _WORD.findall(source.replace("’s", "").replace("'s", ""))
    if not words:
        return "unnamed", None
    if len(words) == 1 and words[0].lower() in _RESOLVED_PRONOUNS:
        return "pronoun", None
    cut = len(words)
    for k, w in enumerate(words):
        # a preposition after a capitalised word other than the first is inside a name ("Commission on
        # Presidential Debates", "Federal Bureau of Prisons"), not the start of a modifier ("a spokesman for")
        inside_name = k >= 2 and words[k - 1][:1].isupper()
        if k > 0 and w.lower() in _CUT and not inside_name:
            cut = k
            break
    # commas and brackets: the tokenizer keeps no punctuation, so cut on the raw text too
    raw_head = re.split(r"[,(\[—–]|\s-\s", source, maxsplit=1)[0]
    raw_words = _WORD.findall(raw_head.replace("’s", "").replace("'s", ""))
    cut = min(cut, len(raw_words)) if raw_words else cut
    words = [w for w in words[:cut] if w.lower().rstrip(".") not in _SUFFIXES or w == words[0]]
    if not words:
        return "unnamed", None
    head = words[-1]
    if head.lower() in _UNNAMED_PRONOUNS or head.lower() in _RESOLVED_PRONOUNS or not head[:1].isupper():
        return "unnamed", None
    k = len(words) - 1
    while k > 0 and (words[k - 1][:1].isupper() or (k > 1 and words[k - 1] in _CONNECT and words[k - 2][:1].isupper())):
        k -= 1
    name = words[k:]
    while len(name) > 1 and name[0].lower() in _LEADING:
        name = name[1:]
    if len(name) == 1 and _common_noun(name[0]):
        return "unnamed", None  # "Officials at ...", "Analysts": capitalised only because the sentence starts there
    return "named", " ".join(name)


def _common_noun(word: str) -> bool:
    """A role or group word of the English pack ("officials", "analyst"), singular or plural."""
    from kronik.lang.base import pack_data

    sp: Any = pack_data("en", "speakers")
    qv: Any = pack_data("en", "quote_verbs")
    low = word.lower()
    nouns = frozenset(sp.ROLE_WORDS) | frozenset(qv.UNNAMED_PLURAL_HEADS)
    return low in nouns or (low.endswith("s") and low[:-1] in nouns)


def resolve_sources(gold: list[GoldAttribution]) -> None:
    """Fill ``kind`` and ``name``: a pronoun takes the nearest named Source before it."""
    named: list[tuple[int, str]] = []
    for g in gold:
        if g.source is not None:
            g.kind, g.name = head_name(g.source)
            if g.kind == "named" and g.name:
                named.append((g.source_start, g.name))
    named.sort()
    for g in gold:
        if g.kind == "pronoun":
            before = [n for pos, n in named if pos < g.source_start]
            g.name = before[-1] if before else None
            if g.name is None:
                g.kind = "unnamed"


def _words(s: str) -> list[str]:
    s = s.replace("’", "'")
    return [w.lower().strip(".'") for w in _WORD.findall(s) if w.lower().strip(".'") not in _SUFFIXES]


def same_speaker(system: str | None, gold: str) -> bool:
    """Our canonical speaker against the gold head name: same last word, or all our words in the name."""
    if not system:
        return False
    s, g = _words(system), _words(gold)
    if not s or not g:
        return False
    return s[-1] == g[-1] or set(s) <= set(g)


def paragraphs_of(text: str) -> list[tuple[int, str]]:
    """(offset, text) of every non-empty line, leading and trailing spaces off."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        line = m.group(0)
        stripped = line.strip()
        if stripped:
            out.append((m.start() + len(line) - len(line.lstrip()), stripped))
    return out


def _locate(quotes: Sequence[Quote], paras: Sequence[tuple[int, str]]) -> list[tuple[int, int]]:
    out = []
    for q in quotes:
        off, text = paras[q.paragraph]
        i = text.find(q.text)
        out.append((off + i, off + i + len(q.text)) if i >= 0 else (off, off + len(text)))
    return out


def _overlap(a: tuple[int, int], spans: Sequence[tuple[int, int]]) -> int:
    return sum(max(0, min(a[1], b) - max(a[0], s)) for s, b in spans)


def match(system: Sequence[tuple[int, int]], gold: Sequence[GoldAttribution]) -> list[tuple[int, int]]:
    """One-to-one (system, gold) pairs overlapping by at least half the shorter span, largest overlap first."""
    cands = []
    for i, s in enumerate(system):
        for j, g in enumerate(gold):
            ov = _overlap(s, g.spans)
            glen = sum(b - a for a, b in g.spans)
            if ov and ov >= MIN_OVERLAP * min(s[1] - s[0], glen):
                cands.append((-ov, i, j))
    used_s: set[int] = set()
    used_g: set[int] = set()
    pairs = []
    for _, i, j in sorted(cands):
        if i not in used_s and j not in used_g:
            used_s.add(i)
            used_g.add(j)
            pairs.append((i, j))
    return pairs


class _Tally:
    def __init__(self) -> None:
        self.gold = self.pred = self.matched = 0
        self.spk_ok = self.spk_n = 0
        self.by_kind: dict[str, list[int]] = {"named": [0, 0], "pronoun": [0, 0]}
        self.unnamed = self.unnamed_none = 0

    def add(self, quotes: Sequence[Quote], pairs: list[tuple[int, int]], gold: Sequence[GoldAttribution],
            errors: list[dict[str, Any]] | None = None, article: str = "") -> None:
        self.pred += len(quotes)
        self.gold += len(gold)
        self.matched += len(pairs)
        for i, j in pairs:
            g = gold[j]
            if g.kind in ("named", "pronoun") and g.name:
                ok = same_speaker(quotes[i].speaker, g.name)
                self.spk_n += 1
                self.spk_ok += ok
                self.by_kind[g.kind][0] += ok
                self.by_kind[g.kind][1] += 1
                if errors is not None and not ok:
                    errors.append({"article": article, "source": g.source, "gold": g.name, "system": quotes[i].speaker,
                                   "speaker_text": quotes[i].speaker_text, "quote": quotes[i].text[:70]})
            elif g.kind == "unnamed":
                self.unnamed += 1
                self.unnamed_none += quotes[i].speaker is None

    def figures(self) -> dict[str, Any]:
        p = self.matched / self.pred if self.pred else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return {
            "gold": self.gold, "predicted": self.pred, "matched": self.matched, "precision": round(p, 4),
            "recall": round(r, 4), "quote_f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
            "speaker_acc": round(self.spk_ok / self.spk_n, 4) if self.spk_n else 0.0, "speaker_scored": self.spk_n,
            "speaker_acc_named": round(self.by_kind["named"][0] / self.by_kind["named"][1], 4) if self.by_kind["named"][1] else 0.0,
            "speaker_acc_pronoun": (round(self.by_kind["pronoun"][0] / self.by_kind["pronoun"][1], 4)
                                    if self.by_kind["pronoun"][1] else 0.0),
            "named_scored": self.by_kind["named"][1], "pronoun_scored": self.by_kind["pronoun"][1],
            "unnamed_matched": self.unnamed,
            "unnamed_none": round(self.unnamed_none / self.unnamed, 4) if self.unnamed else 0.0,
        }


def _speech_cue(cue: str) -> bool:
    """The cue holds one of the English pack's reporting verbs, or is "according to"."""
    from kronik.lang.base import get_pack

    q = get_pack("en").quote
    verbs = {v.lower() for v in (*q.say_after, *q.say_before, *q.indirect_verbs)}
    low = cue.lower()
    return "according" in low or any(w in verbs for w in re.findall(r"[a-z]+", low))


def _ann_files(root: Path) -> tuple[dict[str, Path], int]:
    """Text name -> its first annotation file (by name), and how many second annotations were left out."""
    chosen: dict[str, Path] = {}
    extra = 0
    for ann in sorted((root / "attributions").glob("*.ann")):
        stem = ann.stem.rsplit("_", 1)[0]
        if stem in chosen:
            extra += 1
        elif (root / "text" / f"{stem}.txt").is_file():
            chosen[stem] = ann
    return chosen, extra


def evaluate_polnear(root: Path) -> EvalResult:
    """quote_f1 and speaker_acc of the quote stage (and the naive baseline) on a PolNeAR folder."""
    from kronik.eval.quotes import naive_quotes

    root = Path(root)
    files, second = _ann_files(root)
    if not files:
        raise FileNotFoundError(f"no PolNeAR text/ and attributions/ files under {root}")
    ours, base, ours_speech, base_speech = _Tally(), _Tally(), _Tally(), _Tally()
    errors: list[dict[str, Any]] = []
    skipped = 0
    t0 = time.process_time()
    for stem, ann in files.items():
        text = (root / "text" / f"{stem}.txt").read_text(encoding="utf-8")
        paras = paragraphs_of(text)
        gold_all = read_ann(ann)
        resolve_sources(gold_all)
        body_start = paras[1][0] if len(paras) > 1 else len(text)
        gold = [g for g in gold_all if g.spans[0][0] >= body_start]
        skipped += len(gold_all) - len(gold)
        body = paras[1:]
        art = _annotate([p for _, p in body], "en")
        speech = [g for g in gold if _speech_cue(g.cue)]
        for tally, speech_tally, quotes in ((ours, ours_speech, art.quotes),
                                            (base, base_speech, naive_quotes([p for _, p in body]))):
            located = _locate(quotes, body)
            tally.add(quotes, match(located, gold), gold, errors if tally is ours else None, stem)
            # speech-cue subset: every system quote still counts as predicted
            speech_tally.add(quotes, match(located, speech), speech)
    seconds = time.process_time() - t0
    o, b = ours.figures(), base.figures()
    figures = {
        "dir": str(root), "articles": len(files), "second_annotations_left_out": second,
        "headline_skipped": skipped,
        "quote_f1": o["quote_f1"], "precision": o["precision"], "recall": o["recall"], "speaker_acc": o["speaker_acc"],
        "ours": o, "baseline": b,
        "speech_cue": {"ours": ours_speech.figures(), "baseline": base_speech.figures()},
        "anchors": ANCHORS, "cpu_seconds": round(seconds, 2),
        "matching": "character overlap >= 50% of the shorter of system quote and gold Content, one-to-one",
    }
    return EvalResult(figures, {"errors": errors})


def _f(x: float) -> str:
    return f"{x:.3f}"


def render_polnear(result: dict[str, Any], console: Console) -> None:
    table = Table(title=f"PolNeAR attribution: {result['articles']} articles ({result['dir']})")
    for col in ("system", "gold", "pred.", "matched", "P", "R", "quote F1", "speaker acc", "named", "pronoun",
                "unnamed->none"):
        table.add_column(col, justify="left" if col == "system" else "right")
    rows = [("ours", result["ours"]), ("naive baseline", result["baseline"]),
            ("ours, speech cues", result["speech_cue"]["ours"]), ("baseline, speech cues", result["speech_cue"]["baseline"])]
    for name, r in rows:
        table.add_row(name, str(r["gold"]), str(r["predicted"]), str(r["matched"]), _f(r["precision"]), _f(r["recall"]),
                      f"[bold]{r['quote_f1']:.3f}[/bold]", f"[bold]{r['speaker_acc']:.3f}[/bold] ({r['speaker_scored']})",
                      f"{_f(r['speaker_acc_named'])} ({r['named_scored']})",
                      f"{_f(r['speaker_acc_pronoun'])} ({r['pronoun_scored']})",
                      f"{_f(r['unnamed_none'])} ({r['unnamed_matched']})")
    console.print(table)
    a = result["anchors"]
    console.print(f"Matching: {result['matching']}.  Headline attributions not scored: {result['headline_skipped']}; "
                  f"second annotations left out: {result['second_annotations_left_out']}.", highlight=False)
    console.print(f"Published anchors (exact spans, PolNeAR test; not this measure): CofeNet source {a['cofenet_source_f1']} "
                  f"/ content {a['cofenet_content_f1']}, BiLSTM-CRF {a['bilstm_crf_source_f1']} / "
                  f"{a['bilstm_crf_content_f1']}.", highlight=False)
    errs = getattr(result, "details", {}).get("errors", [])
    if errs:
        console.print(f"{len(errs)} wrong speakers, first 15:")
        for e in errs[:15]:
            console.print(f"  gold {e['gold']!r} (source {e['source']!r}) vs ours {e['system']!r} "
                          f"[{e['speaker_text']!r}]: {e['quote']}", highlight=False)

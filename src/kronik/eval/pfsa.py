"""``kronik eval quotes --pfsa FILE``: statements and speakers against PFSA-ID's tagged Kompas articles.

PFSA-ID (CC BY-NC-SA: we only measure with it; no model is trained on it or
shipped) tags Kompas articles token by token (``token TAB BILOU-tag``, blank
line between sentences) with STATEMENT (direct and reported speech, quote
marks included), CUE ("kata"), PERSON and PERSONCOREF ("Presiden", "ia"),
ROLE, AFFILIATION and more.  Each article begins with a ``CITY , KOMPAS —``
dateline.

How an article is rebuilt
    Tokens are joined with the usual spacing (no space before ``, . ; : ) ? !``,
    none after ``(``; quote marks alternate opening/closing).  The tagged file
    keeps no paragraphs, so sentences are grouped into paragraphs only as far
    as quote marks need: a paragraph closes when its quote marks balance (a
    quotation running over several sentences stays in one paragraph).  The
    dateline is dropped.  The article then goes through the entity and quote
    stages, as in the pipeline.

Matching
    A system quote (direct or indirect) matches a gold STATEMENT of the same
    article when they share at least half of each other's word tokens
    (``kronik.eval.quotes.match_quotes``, one-to-one, best overlap first).
    ``statement_f1`` counts every system quote, direct or indirect, against
    every statement; ``direct`` and ``indirect`` split both sides by kind (gold
    by whether it holds a quote mark).  PFSA-ID tags quoted speech only
    (1,652 of dev-40's 1,653 statements hold a quote mark; "menurut Presiden,
    ..." is untagged), so our indirect quotes are false positives of
    ``statement_f1`` and ``direct_statement_f1`` is the comparable figure.
Speaker (approximate: PFSA-ID does not link a statement to its source)
    The gold speaker is the PERSON or PERSONCOREF span nearest the statement
    (after it first, within 25 tokens, not inside another statement; else
    before it); a PERSONCOREF also stands for the last PERSON named before it.
    The system speaker is right when all words of the shorter of its name
    and a gold form occur in the longer ("Sri Mulyani" = "Sri Mulyani
    Indrawati").

Anchors: the PFSA-ID paper's baseline F 82.0 and a BERT tagger's 92.28 are
token-tagging scores of the STATEMENT class on its own split, not this exact
measure; they are shown for scale.
"""

from __future__ import annotations

import re
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kronik.eval.quotes import match_quotes
from kronik.eval.result import EvalResult
from kronik.model import Article

ANCHORS = {"pfsa_id_baseline_f1": 82.0, "bert_tagger_f1": 92.28}
SPEAKER_WINDOW = 25
_QUOTES = {'"', "“", "”"}
_NO_SPACE_BEFORE = {",", ".", ";", ":", ")", "?", "!", "%"}
_DATELINE = re.compile(r"^[A-Z][A-Z .,'’-]*,\s*KOMPAS\s*[—–-]+\s*")
_WORD = re.compile(r"\w+", re.UNICODE)

Token = tuple[str, str]  # (word, BILOU tag)


def read_pfsa(path: Path) -> list[list[list[Token]]]:
    """Articles as lists of sentences of (token, tag); an article starts at a ``CITY , KOMPAS —`` sentence."""
    articles: list[list[list[Token]]] = []
    sent: list[Token] = []

    def close() -> None:
        if not sent:
            return
        words = [w for w, _ in sent[:8]]
        if ("KOMPAS" in words and words.index("KOMPAS") + 1 < len(words) and words[words.index("KOMPAS") + 1] in "—–-") \
                or not articles:
            articles.append([])
        articles[-1].append(list(sent))
        sent.clear()

    with open(path, encoding="utf-8-sig") as fh:
        for line in fh:
            line = line.rstrip("\r\n")
            if not line.strip():
                close()
                continue
            parts = line.split("\t")
            if len(parts) < 2:
                raise ValueError(f"{path}: expected 'token TAB tag', got {line!r}")
            sent.append((parts[0], parts[-1].strip()))
    close()
    return articles


def spans_of(tags: Sequence[str], label: str) -> list[tuple[int, int]]:
    """(start, end) token spans of ``label`` in a BILOU sequence (a B without its L closes at the next O)."""
    out = []
    start = None
    for i, t in enumerate([*tags, "O"]):
        kind, _, lab = t.partition("-")
        if lab != label:
            if start is not None:
                out.append((start, i))
                start = None
            continue
        if kind in ("B", "U") or start is None:
            if start is not None:
                out.append((start, i))
            start = i
        if kind in ("L", "U"):
            out.append((start, i + 1))
            start = None
    return out


def join_tokens(words: Sequence[str], open_quote: bool = False) -> tuple[str, bool]:
    """Text with ordinary spacing; returns it and whether a quotation is still open at the end."""
    out = ""
    for w in words:
        if w in _QUOTES:
            if open_quote:  # closing: glued to what precedes
                out = out.rstrip() + w
            else:
                out += (" " if out else "") + w
            open_quote = not open_quote
            continue
        glue = (not out or out.endswith("(") or (w in _NO_SPACE_BEFORE)
                or (out[-1] in _QUOTES and open_quote))
        out += w if glue else " " + w
    return out, open_quote


def rebuild(sentences: list[list[Token]]) -> tuple[list[str], list[tuple[int, int]]]:
    """Paragraphs of one article and, per token (flattened), its (paragraph, sentence) position."""
    paragraphs: list[str] = []
    cur = ""
    open_quote = False
    where: list[tuple[int, int]] = []
    for si, s in enumerate(sentences):
        was_open = open_quote
        text, open_quote = join_tokens([w for w, _ in s], open_quote)
        if si == 0:
            text = _DATELINE.sub("", text, count=1)
        glue = was_open and cur[-1:] in _QUOTES  # a sentence split right after an opening quote mark
        cur = (cur + text) if glue else f"{cur} {text}".strip()
        where.extend((len(paragraphs), si) for _ in s)
        if not open_quote:
            paragraphs.append(cur)
            cur = ""
    if cur:
        paragraphs.append(cur)
    return paragraphs, where


def _words(text: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(text)]


def _name_match(a: str, b: str) -> bool:
    wa, wb = set(_words(a)), set(_words(b))
    if not wa or not wb:
        return False
    return wa <= wb or wb <= wa


def gold_statements(sentences: list[list[Token]]) -> list[dict[str, Any]]:
    """Statements with their text, direct flag and the speaker forms (see the module doc)."""
    toks = [t for s in sentences for t in s]
    words = [w for w, _ in toks]
    tags = [t for _, t in toks]
    stmts = spans_of(tags, "STATEMENT")
    persons = sorted([(a, b, "PER") for a, b in spans_of(tags, "PERSON")]
                     + [(a, b, "COREF") for a, b in spans_of(tags, "PERSONCOREF")])
    inside: set[int] = set()
    for a, b in stmts:
        inside.update(range(a, b))
    out = []
    for a, b in stmts:
        after = [p for p in persons if b <= p[0] < b + SPEAKER_WINDOW and not inside & set(range(b, p[0]))]
        before = [p for p in persons if p[1] <= a and p[0] not in inside]
        pick = after[0] if after else (before[-1] if before else None)
        forms: list[str] = []
        if pick is not None:
            forms.append(" ".join(words[pick[0]:pick[1]]))
            if pick[2] == "COREF":
                named = [p for p in persons if p[2] == "PER" and p[1] <= pick[0]]
                if named:
                    forms.append(" ".join(words[named[-1][0]:named[-1][1]]))
        text, _ = join_tokens(words[a:b])
        out.append({"text": text.strip("".join(_QUOTES) + " ,"), "direct": any(w in _QUOTES for w in words[a:b]),
                    "speaker_forms": forms, "paragraph": 0})
    return out


def _annotate(paragraphs: list[str], language: str = "id") -> Article:
    """The paragraphs through the entity and quote stages, as in the pipeline (also ``kronik.eval.polnear``'s)."""
    from kronik.pipeline import REGISTRY, check_order

    check_order(("entities", "quotes"))
    art = Article(id="gold", source="gold", format="text", language=language, paragraphs=paragraphs)
    return REGISTRY["quotes"].func(REGISTRY["entities"].func(art))


class _Tally:
    def __init__(self) -> None:
        self.gold = self.pred = self.matched = self.spk_ok = self.spk_n = 0

    def figures(self) -> dict[str, Any]:
        p = self.matched / self.pred if self.pred else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        return {"gold": self.gold, "predicted": self.pred, "matched": self.matched, "precision": round(p, 4),
                "recall": round(r, 4), "f1": round(2 * p * r / (p + r), 4) if p + r else 0.0,
                "speaker_accuracy": round(self.spk_ok / self.spk_n, 4) if self.spk_n else 0.0,
                "speaker_scored": self.spk_n}


def evaluate_pfsa(path: Path) -> EvalResult:
    """Statement P/R/F1 (all, direct, indirect) and speaker accuracy of our quote stage on a PFSA-ID file."""
    articles = read_pfsa(Path(path))
    tallies = {k: _Tally() for k in ("all", "direct", "indirect")}
    errors: list[dict[str, Any]] = []
    t0 = time.process_time()
    for n, sentences in enumerate(articles):
        gold = gold_statements(sentences)
        paragraphs, _ = rebuild(sentences)
        art = _annotate(paragraphs)
        system: list[dict[str, Any]] = [{"text": q.text, "speaker": q.speaker, "speaker_text": q.speaker_text,
                                         "direct": q.direct, "paragraph": 0} for q in art.quotes]
        pairs = match_quotes(system, gold)
        got = {j: i for i, j in pairs}
        for key, keep in (("all", None), ("direct", True), ("indirect", False)):
            t = tallies[key]
            t.gold += sum(1 for g in gold if keep is None or g["direct"] == keep)
            t.pred += sum(1 for s in system if keep is None or s["direct"] == keep)
            for j, i in got.items():
                if keep is not None and gold[j]["direct"] != keep:
                    continue
                if keep is not None and system[i]["direct"] != keep:
                    continue  # a matched pair of different kinds counts only in "all"
                t.matched += 1
                forms = gold[j]["speaker_forms"]
                if forms:
                    t.spk_n += 1
                    ok = any(_name_match(system[i][k] or "", f) for f in forms for k in ("speaker", "speaker_text"))
                    t.spk_ok += ok
                    if key == "all" and not ok:
                        errors.append({"article": n, "text": gold[j]["text"][:70], "gold": " / ".join(forms),
                                       "system": system[i]["speaker"]})
    seconds = time.process_time() - t0
    figs = {k: t.figures() for k, t in tallies.items()}
    figures = {
        "file": str(path), "articles": len(articles),
        "statement_f1": figs["all"]["f1"], "statement_precision": figs["all"]["precision"],
        "statement_recall": figs["all"]["recall"], "speaker_accuracy": figs["all"]["speaker_accuracy"],
        "direct_statement_f1": figs["direct"]["f1"], "direct_speaker_accuracy": figs["direct"]["speaker_accuracy"],
        "statements": figs, "anchors": ANCHORS, "cpu_seconds": round(seconds, 2),
        "matching": "shared word tokens >= 50% of both gold statement and system quote, one-to-one, per article",
    }
    return EvalResult(figures, {"errors": errors})


def render_pfsa(result: dict[str, Any], console: Console) -> None:
    table = Table(title=f"PFSA-ID statements on {result['articles']} Kompas articles ({result['matching']})")
    for col in ("statements", "gold", "predicted", "P", "R", "F1", "speaker acc."):
        table.add_column(col, justify="right")
    for key, v in result["statements"].items():
        table.add_row(key, str(v["gold"]), str(v["predicted"]), f"{v['precision']:.3f}", f"{v['recall']:.3f}",
                      f"[bold]{v['f1']:.3f}[/bold]", f"{v['speaker_accuracy']:.3f} ({v['speaker_scored']})")
    console.print(table)
    a = result["anchors"]
    console.print(f"Published anchors (statement tagging, their own split and measure): PFSA-ID baseline F "
                  f"{a['pfsa_id_baseline_f1']}, BERT tagger {a['bert_tagger_f1']}.  Ours here: direct F1 "
                  f"{100 * result['direct_statement_f1']:.1f}, all quotes F1 {100 * result['statement_f1']:.1f} "
                  f"(PFSA-ID tags quoted speech only).  Speaker accuracy is approximate (no gold links).",
                  highlight=False)

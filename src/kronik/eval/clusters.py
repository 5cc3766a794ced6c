"""``kronik eval clusters``: events and storylines (pairwise and B-cubed P/R/F1), plus duplicate pairs.

Inputs (each optional; an absent one is skipped):

* **our example corpus** (``examples/corpus``, labels written by us): read
  through the real pipeline (read_documents, extraction, time expressions,
  entities), so extraction errors are part of the measurement.  Gold events,
  stories and duplicate groups come from ``labels.jsonl``.  Figures are given
  for all articles and per split: ``tune`` was used to tune the event and
  story parameters; ``heldout`` and ``heldout2`` were only monitored;
  ``heldout3`` is sealed (only its aggregate is ever printed).
* **Timeline17** (``../shared/data/t17``): every ``<topic>_<source>`` article
  in one publication-ordered English stream; a topic (the folder name before
  the underscore) is one gold story.  No event labels exist, so only stories
  are scored.  Story parameters were tuned with the ``H1N1`` and ``MJ``
  topics; ``bpoil`` and ``haiti`` are reported separately as held out.
* **IndoTimex** (``../shared/data/indotimex``): the 12 ``gold`` articles
  (AirAsia QZ8501) and the 50 ``unannotated`` ones (fuel price, 2013-2015) are
  two gold stories.  Never used for tuning.

Every stream is clustered in one :func:`kronik.corpus.run_corpus` call from
an empty state with the default settings.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from kronik.eval.clustermetrics import cluster_scores, dedup_scores
from kronik.eval.result import EvalResult
from kronik.model import Article

ANNOTATION_STAGES = ("times", "entities")
T17_TUNE_TOPICS = ("H1N1", "MJ")
_PTB = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}


# --------------------------------------------------------------------------- annotation

def annotation_stages() -> tuple[str, ...]:
    """The annotation stages the corpus features use, as far as they are installed."""
    from kronik.pipeline import REGISTRY, _load_builtin_stages

    _load_builtin_stages()
    try:
        import kronik.annotate.entities  # noqa: F401  (registers the "entities" stage)
    except ImportError:  # pragma: no cover - the entity tagger is optional here
        pass
    return tuple(s for s in ANNOTATION_STAGES if s in REGISTRY)


def annotate(articles: Iterable[Article]) -> list[Article]:
    """Run the annotation stages on already extracted articles (a failing stage leaves the article as is)."""
    from kronik.pipeline import check_order

    stages = check_order(annotation_stages())
    out = []
    for a in articles:
        for st in stages:
            try:
                a = st.func(a)
            except Exception:
                continue
        out.append(a)
    return out


# --------------------------------------------------------------------------- loaders

def load_corpus(corpus: Path) -> tuple[list[Article], dict[str, dict[str, Any]]]:
    """Our labelled corpus through the real pipeline: articles and their labels (by article id)."""
    from kronik.pipeline import Settings, analyze

    labels = {}
    for line in (corpus / "labels.jsonl").read_text("utf-8").splitlines():
        if line.strip():
            lab = json.loads(line)
            labels[lab["source"]] = lab
    settings = Settings(stages=annotation_stages())
    articles: list[Article] = []
    by_id: dict[str, dict[str, Any]] = {}
    root = corpus.resolve()
    for _, res in analyze([corpus], settings=settings):
        if not isinstance(res, Article):
            continue
        src = res.source
        base, _, rec = src.partition("#")
        try:
            rel = Path(base).resolve().relative_to(root).as_posix()
        except ValueError:
            rel = base
        lab = labels.get(rel + (f"#{rec}" if rec else ""))
        if lab is None:
            continue
        articles.append(res)
        by_id[res.id] = lab
    return articles, by_id


def load_t17(t17: Path) -> tuple[list[Article], dict[str, str]]:
    """Timeline17 articles as English Articles (sentences as paragraphs) and their topic (gold story)."""
    from kronik.bench.synth import detokenize

    articles: list[Article] = []
    topic: dict[str, str] = {}
    for d in sorted(p for p in t17.iterdir() if (p / "articles.jsonl").is_file()):
        name, _, source = d.name.partition("_")
        with (d / "articles.jsonl").open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                paras = [detokenize([_PTB.get(t, t) for t in s.split()]).replace("\\/", "/")
                         for s in str(rec.get("text", "")).split("\n")]
                paras = [p for p in paras if p.strip()]
                if not paras:
                    continue
                a = Article(id=f"{d.name}:{rec['id']}", source=f"{d / 'articles.jsonl'}#{rec['id']}", format="jsonl",
                            language="en", outlet=source or None, published=str(rec.get("time") or "") or None,
                            paragraphs=paras)
                articles.append(a)
                topic[a.id] = name
    return annotate(articles), topic


def load_indotimex(indotimex: Path) -> tuple[list[Article], dict[str, str]]:
    """IndoTimex ``gold`` and ``unannotated`` articles (cp1252 TimeML): folder = gold story."""
    import re

    from kronik.eval.timex import paragraphs_with_offsets, parse_timeml

    articles: list[Article] = []
    story: dict[str, str] = {}
    for sub in ("gold", "unannotated"):
        folder = indotimex / sub
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob("*.tml")):
            raw = path.read_bytes().decode("cp1252", errors="replace")
            try:
                doc = parse_timeml(raw, path.name)
            except ValueError:
                continue
            tm = re.search(r"<TITLE>(.*?)</TITLE>", raw, re.S)
            paras = [p for _, p in paragraphs_with_offsets(doc.text)]
            a = Article(id=f"indotimex/{sub}/{path.stem}", source=str(path), format="text", language="id",
                        outlet="Kompas.com", title=tm.group(1).strip() if tm else None, published=doc.dct.isoformat(),
                        paragraphs=paras)
            articles.append(a)
            story[a.id] = sub
    return annotate(articles), story


# --------------------------------------------------------------------------- evaluation

def _run(articles: list[Article]) -> tuple[list[Article], int, int, float]:
    from kronik.corpus import run_corpus

    t0 = time.perf_counter()
    arts, events, stories, _ = run_corpus([a.model_copy() for a in articles])
    return arts, len(events), len(stories), time.perf_counter() - t0


def _run_incremental(articles: list[Article], labels: dict[str, dict[str, Any]], batches: int = 3,
                     seed: int = 7) -> dict[str, str | None]:
    """The same articles arriving file by file in a shuffled order, in ``batches`` runs, the state saved
    to bytes and loaded again between runs (what ingest into an existing store does): article -> event/story."""
    import random

    from kronik.corpus import load_state, run_corpus, save_state

    files: dict[str, list[Article]] = {}
    for a in articles:
        files.setdefault(labels[a.id]["source"].partition("#")[0], []).append(a)
    order = sorted(files)
    random.Random(seed).shuffle(order)
    state = None
    out_ev: dict[str, str | None] = {}
    out_st: dict[str, str | None] = {}
    for i in range(batches):
        part = [a.model_copy() for f in order[i::batches] for a in files[f]]
        arts, _, _, state = run_corpus(part, state)
        state = load_state(save_state(state))
        for a in arts:
            out_ev[a.id], out_st[a.id] = a.event, a.story
    assert state is not None
    for aid in out_ev:  # stories of earlier events never change, but read the final state to be sure
        ev = state.clusters.article_event[aid]
        out_ev[aid], out_st[aid] = ev, state.clusters.events[ev].story
    return {"events": out_ev, "stories": out_st}  # type: ignore[return-value]


def _subset(d: dict[str, Any], keep: Callable[[str], bool]) -> dict[str, Any]:
    return {k: v for k, v in d.items() if keep(k)}


def evaluate_corpus(corpus: Path) -> dict[str, Any]:
    articles, labels = load_corpus(corpus)
    arts, n_ev, n_st, secs = _run(articles)
    by_source = {lab["source"]: aid for aid, lab in labels.items()}
    pred_ev = {a.id: a.event for a in arts}
    pred_st = {a.id: a.story for a in arts}
    pred_dup = {a.id: a.duplicate_of or a.id for a in arts}
    gold_ev = {aid: lab["event"] for aid, lab in labels.items()}
    gold_st = {aid: lab["story"] for aid, lab in labels.items()}
    gold_dup = {aid: by_source.get(lab["duplicate_of"] or "", aid) if lab.get("duplicate_of") else aid
                for aid, lab in labels.items()}
    out: dict[str, Any] = {
        "articles": len(arts), "events_found": n_ev, "stories_found": n_st, "seconds": round(secs, 3),
        "events": cluster_scores(gold_ev, pred_ev), "stories": cluster_scores(gold_st, pred_st),
        "dedup": dedup_scores(gold_dup, pred_dup), "splits": {},
        "incremental": {},
        "used_for": "tune split: event and story parameters; heldout, heldout2: monitored; heldout3: sealed",
    }
    for split in sorted({lab["split"] for lab in labels.values()}):
        def keep(aid: str, split: str = split) -> bool:
            return labels[aid]["split"] == split
        out["splits"][split] = {
            "articles": sum(1 for aid in labels if keep(aid)),
            "events": cluster_scores(_subset(gold_ev, keep), pred_ev),
            "stories": cluster_scores(_subset(gold_st, keep), pred_st),
        }
    inc = _run_incremental(articles, labels)
    out["incremental"] = {"articles": len(articles), "batches": 3,
                          "events": cluster_scores(gold_ev, inc["events"]),
                          "stories": cluster_scores(gold_st, inc["stories"])}
    return out


def evaluate_t17(t17: Path) -> dict[str, Any]:
    articles, topic = load_t17(t17)
    arts, n_ev, n_st, secs = _run(articles)
    pred_st = {a.id: a.story for a in arts}
    held = _subset(topic, lambda aid: topic[aid] not in T17_TUNE_TOPICS)
    tuned = _subset(topic, lambda aid: topic[aid] in T17_TUNE_TOPICS)
    return {
        "articles": len(arts), "events_found": n_ev, "stories_found": n_st, "seconds": round(secs, 3),
        "events": None, "stories": cluster_scores(topic, pred_st), "dedup": None,
        "stories_heldout_topics": cluster_scores(held, pred_st) if held else None,
        "stories_tuning_topics": cluster_scores(tuned, pred_st) if tuned else None,
        "topics": sorted(set(topic.values())),
        "used_for": f"story parameters tuned with topics {', '.join(T17_TUNE_TOPICS)}; the others held out",
    }


def evaluate_indotimex(indotimex: Path) -> dict[str, Any]:
    articles, story = load_indotimex(indotimex)
    arts, n_ev, n_st, secs = _run(articles)
    pred_st = {a.id: a.story for a in arts}
    return {
        "articles": len(arts), "events_found": n_ev, "stories_found": n_st, "seconds": round(secs, 3),
        "events": None, "stories": cluster_scores(story, pred_st), "dedup": None, "used_for": "never used for tuning",
    }


def _short(block: dict[str, Any] | None) -> dict[str, Any] | None:
    if block is None:
        return None
    return {k: round(v, 4) if isinstance(v, float) else v for k, v in block.items()}


def evaluate_clusters(corpus: Path | None, t17: Path | None, indotimex: Path | None) -> EvalResult:
    """Scores per input given: ``{"<input>": {"events": {...}, "stories": {...}, "dedup": {...}}}``."""
    figures: dict[str, Any] = {}
    details: dict[str, Any] = {}
    for name, path, func in (("corpus", corpus, evaluate_corpus), ("t17", t17, evaluate_t17),
                             ("indotimex", indotimex, evaluate_indotimex)):
        if path is None or not Path(path).is_dir():
            continue
        res = func(Path(path))
        figures[name] = {
            "events": _short(res["events"]), "stories": _short(res["stories"]),
            "dedup": None if res["dedup"] is None else {k: round(v, 4) if isinstance(v, float) else v
                                                       for k, v in res["dedup"].items()},
            "articles": res["articles"], "events_found": res["events_found"], "stories_found": res["stories_found"],
            "seconds": res["seconds"],
        }
        for extra in ("stories_heldout_topics", "stories_tuning_topics"):
            if res.get(extra) is not None:
                figures[name][extra] = _short(res[extra])
        if "splits" in res:
            figures[name]["splits"] = {sp: {"articles": v["articles"], "events": _short(v["events"]),
                                            "stories": _short(v["stories"])} for sp, v in res["splits"].items()}
        if res.get("incremental"):
            v = res["incremental"]
            figures[name]["incremental"] = {"articles": v["articles"], "batches": v["batches"],
                                            "events": _short(v["events"]), "stories": _short(v["stories"])}
        figures[name]["used_for"] = res["used_for"]
        details[name] = res
    return EvalResult(figures, details)


def render_clusters(result: dict[str, Any], console: Any) -> None:
    from rich.table import Table

    table = Table(title="Events and storylines (P / R / F1)")
    for col in ("input", "articles", "events pairwise", "events B-cubed", "stories pairwise", "stories B-cubed",
                "dedup P / R"):
        table.add_column(col)

    def prf(block: dict[str, Any] | None, kind: str) -> str:
        if not block:
            return "-"
        return f"{block[kind + '_precision']:.3f} / {block[kind + '_recall']:.3f} / {block[kind + '_f1']:.3f}"

    def row(label: str, res: dict[str, Any], articles: int) -> None:
        dd = res.get("dedup")
        table.add_row(label, str(articles), prf(res.get("events"), "pairwise"), prf(res.get("events"), "bcubed"),
                      prf(res.get("stories"), "pairwise"), prf(res.get("stories"), "bcubed"),
                      f"{dd['precision']:.3f} / {dd['recall']:.3f}" if dd else "-")

    for name, res in result.items():
        row(f"[bold]{name}[/bold]", res, res["articles"])
        for sp, v in res.get("splits", {}).items():
            row(f"  {name}:{sp}", v, v["articles"])
        if res.get("incremental"):
            v = res["incremental"]
            row(f"  {name}: {v['batches']} shuffled batches, state saved between", v, v["articles"])
        for extra, label in (("stories_tuning_topics", "tuning topics"), ("stories_heldout_topics", "held-out topics")):
            if res.get(extra):
                row(f"  {name}:{label}", {"stories": res[extra]}, res[extra]["items"])
    console.print(table)
    for name, res in result.items():
        console.print(f"{name}: {res['events_found']} events, {res['stories_found']} stories in {res['seconds']} s; "
                      f"{res['used_for']}.", highlight=False)

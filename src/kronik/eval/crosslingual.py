"""``kronik eval crosslingual DIR``: do an Indonesian article and the English article it reports meet?

``DIR/en/<doc>.txt`` and ``DIR/id/<doc>.txt`` hold the same document in both
languages (same file name); one sentence per line, the first line is the
headline (NTREX's layout).  Two figures, each with a baseline from the same run:

* ``p_at_1``: each Indonesian document's English original ranked first among
  all English documents.  Ours ranks by the cosine of the pivot vectors
  (:mod:`kronik.corpus.crosslingual`: Indonesian words carried into English
  stems by our lexicon); the baseline by the cosine of the plain shared
  tokens (names and numbers are spelled alike, so it is not weak).  Both use
  TF-IDF weights over the documents of the run.  The mean margin (true
  pair's score minus the best other) is reported for both: how far from a
  wrong first place each is.
* ``same_event``: the share of pairs whose two documents end in one event
  when all documents of both languages go through annotation (times,
  entities) and the event clustering together, with one fixed publication
  date for all.  Ours is the default settings; the baseline is the same
  pipeline with ``w_crossling=0`` (across languages only names and dates
  are compared: what the clustering did before pivot vectors).
  ``other_pairs`` counts document pairs put in one event that are not a
  translation pair, ``events`` the events made: NTREX holds several
  documents on one happening (the Sulawesi tsunami, Hurricane Rosa, the
  Macedonian referendum), so an other pair is not always a mistake.
* ``same_event_no_entities``: the same without the annotation stages (no
  entities, no time expressions): what is left when names do not meet (a
  transliterated name, an entity the tagger missed).  Only words can link the
  two languages then, so it shows what the pivot vectors carry by themselves.
"""

from __future__ import annotations

import dataclasses
import math
from collections import Counter
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from kronik.corpus.settings import CorpusSettings
from kronik.eval.result import EvalResult
from kronik.model import Article

FIXED_DATE = "2019-01-01T12:00:00+00:00"
LANGS = ("en", "id")


def load_pairs(root: Path) -> list[str]:
    """The document names present in both ``root/en`` and ``root/id``."""
    en = {p.name for p in (root / "en").glob("*.txt")}
    return sorted(en & {p.name for p in (root / "id").glob("*.txt")})


def _article(path: Path, lang: str) -> Article:
    lines = [ln.strip() for ln in path.read_text("utf-8", errors="replace").splitlines() if ln.strip()]
    title, body = (lines[0], lines[1:]) if len(lines) > 1 else (None, lines)
    return Article(id=f"{lang}/{path.name}", source=str(path), format="text", language=lang, title=title,
                   paragraphs=body, published=FIXED_DATE)


def _tfidf(docs: Mapping[tuple[str, str], Mapping[str, float]]) -> dict[tuple[str, str], dict[str, float]]:
    df: Counter[str] = Counter()
    for v in docs.values():
        df.update(v.keys())
    n = len(docs)
    out = {}
    for k, v in docs.items():
        w = {t: (1.0 + math.log(c)) * math.log((n + 1) / (df[t] + 1)) for t, c in v.items() if c > 0}
        norm = math.sqrt(sum(x * x for x in w.values())) or 1.0
        out[k] = {t: x / norm for t, x in w.items()}
    return out


def rank_pairs(en: Mapping[str, Mapping[str, float]], id_: Mapping[str, Mapping[str, float]]) -> dict[str, Any]:
    """P@1 of each Indonesian vector's own English document among all English ones, and the mean margin."""
    vecs = _tfidf({**{("en", k): v for k, v in en.items()}, **{("id", k): v for k, v in id_.items()}})
    hits = 0
    margins: list[float] = []
    misses: list[dict[str, str]] = []
    for name in id_:
        q = vecs[("id", name)]
        scores = {m: sum(x * vecs[("en", m)].get(t, 0.0) for t, x in q.items()) for m in en}
        best = max(sorted(scores), key=lambda m: scores[m])
        hits += int(best == name)
        if best != name:
            misses.append({"doc": name, "ranked_first": best})
        margins.append(scores[name] - max((s for m, s in scores.items() if m != name), default=0.0))
    n = len(id_) or 1
    return {"p_at_1": round(hits / n, 4), "mean_margin": round(sum(margins) / n, 4), "misses": misses}


def cluster_pairs(articles: list[Article], settings: CorpusSettings) -> dict[str, Any]:
    from kronik.corpus import run_corpus

    arts = [a.model_copy() for a in articles]
    arts, events, _, _ = run_corpus(arts, settings=settings)
    ev = {a.id: a.event for a in arts}
    names = sorted({a.id.split("/", 1)[1] for a in arts})
    same = sum(1 for n in names if ev.get(f"en/{n}") and ev.get(f"en/{n}") == ev.get(f"id/{n}"))
    members: dict[str, list[str]] = {}
    for a in arts:
        members.setdefault(a.event or a.id, []).append(a.id)
    wrong = 0
    for ids in members.values():
        docs = [i.split("/", 1)[1] for i in ids]
        pairs = len(docs) * (len(docs) - 1) // 2
        true = sum(c * (c - 1) // 2 for c in Counter(docs).values())
        wrong += pairs - true
    return {"same_event": round(same / (len(names) or 1), 4), "other_pairs": wrong, "events": len(events)}


def evaluate_crosslingual(root: Path) -> EvalResult:
    from kronik.corpus.crosslingual import name_words, pivot_counts
    from kronik.corpus.features import tokens
    from kronik.eval.clusters import annotate

    names = load_pairs(root)
    if not names:
        raise ValueError(f"{root}: no documents present in both en/ and id/")
    texts = {(lang, n): (root / lang / n).read_text("utf-8", errors="replace") for lang in LANGS for n in names}
    plain = {lang: {n: Counter(tokens(texts[(lang, n)])) for n in names} for lang in LANGS}
    pivot = {lang: {n: pivot_counts(tokens(texts[(lang, n)]), lang,
                                    name_words(texts[(lang, n)].splitlines()[1:], lang)) for n in names} for lang in LANGS}
    ours_rank = rank_pairs(pivot["en"], pivot["id"])
    base_rank = rank_pairs(plain["en"], plain["id"])
    bare = [_article(root / lang / n, lang) for lang in LANGS for n in names]
    articles = annotate([a.model_copy() for a in bare])
    defaults = CorpusSettings()
    baseline = dataclasses.replace(defaults, w_crossling=0.0)
    ours_cl, base_cl = cluster_pairs(articles, defaults), cluster_pairs(articles, baseline)
    ours_bare, base_bare = cluster_pairs(bare, defaults), cluster_pairs(bare, baseline)
    figures = {
        "pairs": len(names),
        "p_at_1": ours_rank["p_at_1"], "p_at_1_baseline": base_rank["p_at_1"],
        "mean_margin": ours_rank["mean_margin"], "mean_margin_baseline": base_rank["mean_margin"],
        "same_event": ours_cl["same_event"], "same_event_baseline": base_cl["same_event"],
        "other_pairs": ours_cl["other_pairs"], "other_pairs_baseline": base_cl["other_pairs"],
        "events": ours_cl["events"], "events_baseline": base_cl["events"],
        "same_event_no_entities": ours_bare["same_event"], "same_event_no_entities_baseline": base_bare["same_event"],
        "other_pairs_no_entities": ours_bare["other_pairs"],
        "other_pairs_no_entities_baseline": base_bare["other_pairs"],
        "ranking": "pivot-vector cosine (baseline: shared-token cosine), TF-IDF over the run's documents",
        "clustering": f"default settings, all published {FIXED_DATE} (baseline: w_crossling=0, names and dates only)",
    }
    return EvalResult(figures, {"misses": ours_rank["misses"], "misses_baseline": base_rank["misses"]})


def render_crosslingual(res: EvalResult, console: Any) -> None:
    from rich.table import Table

    table = Table(title=f"Cross-lingual linking: {res['pairs']} English/Indonesian document pairs")
    for col in ("figure", "ours", "baseline"):
        table.add_column(col)
    for key in ("p_at_1", "mean_margin", "same_event", "other_pairs", "events", "same_event_no_entities",
                "other_pairs_no_entities"):
        table.add_row(key, str(res[key]), str(res[f"{key}_baseline"]))
    console.print(table)
    console.print(f"ranking: {res['ranking']}\nclustering: {res['clustering']}", highlight=False)
    for m in res.details.get("misses", []):
        console.print(f"  miss: {m['doc']} ranked {m['ranked_first']} first", highlight=False)

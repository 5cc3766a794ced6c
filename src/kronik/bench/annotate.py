"""``kronik bench annotate``: time of each annotation stage per article, on real news bodies.

Articles are IndoSum bodies (real Indonesian news, detokenised) with their
real publication dates, built straight into Articles so only annotation is
timed.  Each stage is timed separately over the same articles, in pipeline
order (a stage sees what earlier stages filled in), one process, one core.
The issue's unit is a 500-word article, so time is also reported per 500 words.
"""

from __future__ import annotations

import json
import resource
import time
from datetime import datetime, timedelta, timezone
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from kronik.model import Article, article_id

WIB = timezone(timedelta(hours=7))


def load_articles(data_dir: Path, n: int) -> list[Article]:
    """Up to ``n`` IndoSum articles as Articles (paragraphs, language, published)."""
    from kronik.bench.synth import detokenize

    arts: list[Article] = []
    seen: set[str] = set()
    for path in sorted((data_dir / "indosum").glob("dev.0*.jsonl")):
        for line in path.read_text("utf-8").splitlines():
            rec = json.loads(line)
            if rec["id"] in seen:
                continue
            seen.add(rec["id"])
            paras = [" ".join(detokenize(s) for s in para) for para in rec["paragraphs"]]
            paras = [p for p in paras if p and not p.lower().startswith(("baca juga", "baca_juga"))]
            ts = rec["id"].split("-", 1)[0]
            published = datetime.fromtimestamp(int(ts), WIB).isoformat() if ts.isdigit() else None
            arts.append(Article(id=article_id(rec.get("source"), rec["id"], paras), source=rec["id"], format="text",
                                language="id", published=published, paragraphs=paras))
            if len(arts) >= n:
                return arts
    return arts


def bench_annotate(n: int, data_dir: Path) -> dict[str, Any]:
    from kronik.pipeline import DEFAULT_STAGES, check_order

    articles = load_articles(data_dir, n)
    words = sum(len(p.split()) for a in articles for p in a.paragraphs)
    stages = check_order(DEFAULT_STAGES)
    for st in stages:  # warm-up: models and lexicons load outside the timing
        st.func(articles[0].model_copy(deep=True))
    per_stage: dict[str, float] = {}
    current = [a.model_copy(deep=True) for a in articles]
    for st in stages:
        t0 = time.process_time()
        current = [st.func(a) for a in current]
        per_stage[st.label] = time.process_time() - t0
    total = sum(per_stage.values())
    per_500 = 500 / (words / len(articles))
    counts = {"entities": sum(len(a.entities) for a in current), "quotes": sum(len(a.quotes) for a in current),
              "times": sum(len(a.times) for a in current)}
    return {
        "articles": len(articles), "mean_words": words / len(articles),
        "ms_per_article": 1000 * total / len(articles),
        "ms_per_500_words": 1000 * total / len(articles) * per_500,
        "articles_per_second": len(articles) / total if total else 0.0,
        "stages_ms_per_500_words": {k: 1000 * v / len(articles) * per_500 for k, v in per_stage.items()},
        "annotations": counts,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "clock": "process CPU time, one process",
    }


def render_bench_annotate(res: dict[str, Any], console: Console) -> None:
    table = Table(title=f"Annotation of {res['articles']} real articles (mean {res['mean_words']:.0f} words), one core")
    table.add_column("stage")
    table.add_column("ms per 500-word article", justify="right")
    for name, ms in res["stages_ms_per_500_words"].items():
        table.add_row(name, f"{ms:.2f}")
    table.add_row("[bold]all stages[/bold]", f"[bold]{res['ms_per_500_words']:.2f}[/bold]")
    console.print(table)
    console.print(f"{res['articles_per_second']:.0f} articles/s per core ({res['ms_per_article']:.2f} ms per article); "
                  f"found {res['annotations']}; peak RSS {res['peak_rss_mb']:.0f} MB; clock: {res['clock']}.",
                  highlight=False)

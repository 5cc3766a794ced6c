"""``kronik bench story``: time to build one story page's summaries and timelines for N articles, on one core.

Input: the first N Timeline17 ``bpoil`` articles (five outlets, one real
storyline; other topics fill in when N exceeds it), read and **annotated once
before timing** (the time stage), then clustered once with
:func:`kronik.corpus.run_corpus`; all their events are put in one story.

Timed: :func:`kronik.summarize.describe` on those articles, events and the
story: sentence splitting and vectorising every article, every event's
summary and timeline, and the story timeline.  The process is pinned to one
CPU (``sched_setaffinity``) where the OS allows it; the best of ``repeat``
runs is reported, each on fresh copies of the events and story.  Both the
process CPU time (the work one core does; the bar is judged on it) and the
wall time are given: on a shared machine the wall time also counts the time
other processes held the core.
"""

from __future__ import annotations

import os
import time
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

TOPIC_ORDER = ("bpoil", "H1N1", "haiti", "MJ")


def _pin_one_core() -> int | None:
    try:
        cpu = min(os.sched_getaffinity(0))
        os.sched_setaffinity(0, {cpu})
        return cpu
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return None


def story_articles(t17: Path, n: int) -> list[Any]:
    from kronik.eval.tls import load_topic, topics

    folders = sorted(topics(t17), key=lambda f: (TOPIC_ORDER.index(f.name.split("_")[0])
                                                 if f.name.split("_")[0] in TOPIC_ORDER else 99, f.name))
    out: list[Any] = []
    for folder in folders:
        if len(out) >= n:
            break
        articles, _ = load_topic(folder)
        out.extend(articles)
    return out[:n]


def bench_story(n: int, t17: Path, repeat: int = 3) -> dict[str, Any]:
    from kronik.corpus import run_corpus
    from kronik.model import Story
    from kronik.summarize import describe

    cpu = _pin_one_core()
    t0 = time.perf_counter()
    articles = story_articles(t17, n)
    articles, events, _stories, _ = run_corpus(articles)
    prep_s = time.perf_counter() - t0
    runs = []
    cpu_runs = []
    ev_out: list[Any] = []
    st = Story(id="st-bench")
    for _ in range(repeat):
        ev_out = [e.model_copy(deep=True) for e in events]
        st = Story(id="st-bench", events=[e.id for e in ev_out])
        t1, c1 = time.perf_counter(), time.process_time()
        describe(articles, ev_out, [st])
        runs.append(time.perf_counter() - t1)
        cpu_runs.append(time.process_time() - c1)
    originals = [a for a in articles if not a.duplicate_of]
    return {
        "articles": len(articles), "originals": len(originals), "events": len(events),
        "paragraphs": sum(len(a.paragraphs) for a in articles),
        "cpu_seconds": round(min(cpu_runs), 3), "wall_seconds": round(min(runs), 3),
        "cpu_seconds_runs": [round(r, 3) for r in cpu_runs], "wall_seconds_runs": [round(r, 3) for r in runs],
        "timeline_dates": len(st.timeline), "summaries": sum(1 for e in ev_out if e.summary),
        "cpu": cpu, "bar_seconds": 2.0, "setup_seconds": round(prep_s, 1),
    }


def render_bench_story(res: dict[str, Any], console: Console) -> None:
    table = Table(title=f"Story page: {res['articles']} articles ({res['originals']} originals), {res['events']} events, "
                        f"one story (pinned to CPU {res['cpu']})")
    for col in ("what", "value"):
        table.add_column(col)
    table.add_row("describe(), CPU time, best run", f"{res['cpu_seconds']:.3f} s  (bar < {res['bar_seconds']:.0f} s)")
    table.add_row("describe(), wall time, best run", f"{res['wall_seconds']:.3f} s")
    table.add_row("runs, CPU / wall", ", ".join(f"{c:.3f} / {w:.3f}" for c, w in zip(res["cpu_seconds_runs"],
                                                                                       res["wall_seconds_runs"], strict=True)))
    table.add_row("event summaries built", str(res["summaries"]))
    table.add_row("story timeline dates", str(res["timeline_dates"]))
    table.add_row("untimed setup (read, annotate, cluster)", f"{res['setup_seconds']} s")
    console.print(table)

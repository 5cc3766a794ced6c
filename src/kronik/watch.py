"""``kronik watch DIR``: ingest files as they appear in a folder, extending events as they come.

A plain polling loop (no extra dependency, works on network file systems):
every ``interval`` seconds the folder is listed (recursively, honouring
``.kronikignore``); a file is taken once its size and modification time are
the same in two consecutive polls, so a file still being written or copied is
left alone.  Hidden files and the usual temporary names (``*.part``, ``*.tmp``,
``*.crdownload``, ``*.swp``, ``*~``, ...) are never taken: a downloader that
writes ``x.part`` and renames it to ``x`` when done is handled without a race.

Each round of ready files goes through :func:`kronik.ingest.ingest` with one
long-lived engine (a pool or a Dask cluster started once), so documents already
stored are skipped by content hash and the corpus pass extends duplicates,
events and stories with what is new.  A file whose content changes is taken
again (its new content is a new document; the earlier version stays stored).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kronik.corpus.settings import CorpusSettings
from kronik.engines import Engine, make_engine
from kronik.ingest import IngestReport, ingest
from kronik.io.readers import FieldMap, iter_files
from kronik.pipeline import Settings
from kronik.store.db import Store

TEMP_SUFFIXES = (".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".swp", ".swx", ".lock", "~")
TEMP_PREFIXES = (".", "~", "#")

Signature = tuple[int, int]  # size, mtime in ns


def is_temporary(path: Path) -> bool:
    name = path.name.lower()
    return name.startswith(TEMP_PREFIXES) or name.endswith(TEMP_SUFFIXES)


def scan(directory: Path) -> dict[Path, Signature]:
    """Every candidate file below ``directory`` with its (size, mtime_ns)."""
    out: dict[Path, Signature] = {}
    for p in iter_files([directory]):
        if is_temporary(p) or any(part.startswith(".") for part in p.relative_to(directory).parts[:-1]):
            continue
        try:
            st = p.stat()
        except OSError:  # vanished between listing and stat
            continue
        out[p] = (st.st_size, st.st_mtime_ns)
    return out


@dataclass
class WatchState:
    seen: dict[Path, Signature] = field(default_factory=dict)  # what the previous poll saw
    done: dict[Path, Signature] = field(default_factory=dict)  # what was ingested, per file
    polls: int = 0
    rounds: int = 0
    files: int = 0
    articles: int = 0

    def ready(self, now: dict[Path, Signature]) -> list[Path]:
        """Files unchanged since the previous poll and not yet ingested in this version."""
        return sorted(p for p, sig in now.items() if self.seen.get(p) == sig and self.done.get(p) != sig and sig[0] > 0)

    def pending(self, now: dict[Path, Signature]) -> int:
        return sum(1 for p, sig in now.items() if self.done.get(p) != sig and sig[0] > 0)


def watch(directory: str | Path, store: Store, *, interval: float = 2.0, once: bool = False,
          max_polls: int | None = None, stop: threading.Event | None = None, engine: str | Engine = "local",
          jobs: int = 1, scheduler: str | None = None, workers: int | None = None, settings: Settings = Settings(),
          fields: FieldMap | None = None, corpus_settings: CorpusSettings | None = None,
          on_round: Callable[[list[Path], IngestReport], None] | None = None,
          on_error: Callable[[list[Path], Exception], None] | None = None) -> WatchState:
    """Poll ``directory`` and ingest new or changed files until stopped.

    ``once``: stop as soon as every file present has been ingested (at least two polls, since a file
    must be seen unchanged twice).  ``max_polls``: stop after that many polls.  ``stop``: an event
    that ends the loop from another thread.  ``on_error``: called when a round fails (e.g. the database
    is locked); its files are tried again at the next poll.  Without it the error ends the loop.
    """
    directory = Path(directory)
    state = WatchState()
    own = isinstance(engine, str)
    eng = make_engine(engine, jobs=jobs, scheduler=scheduler, workers=workers) if isinstance(engine, str) else engine
    enter = getattr(eng, "__enter__", None)
    if own and enter is not None:
        enter()
    try:
        while True:
            now = scan(directory) if directory.is_dir() else {}
            ready = state.ready(now)
            state.seen = now
            state.polls += 1
            if ready:
                try:
                    report = ingest(ready, store, engine=eng, settings=settings, fields=fields,
                                    corpus_settings=corpus_settings)
                except Exception as exc:
                    if on_error is None:
                        raise
                    on_error(ready, exc)
                    ready = []
            if ready:
                for p in ready:
                    state.done[p] = now[p]
                state.rounds += 1
                state.files += len(ready)
                state.articles += report.articles
                if on_round is not None:
                    on_round(ready, report)
            for gone in set(state.done) - set(now):
                del state.done[gone]
            if max_polls is not None and state.polls >= max_polls:
                break
            if once and state.polls >= 2 and state.pending(now) == 0:
                break
            if stop is not None:
                if stop.wait(interval):
                    break
            else:
                time.sleep(interval)
    finally:
        if own:
            eng.close()
    return state


def describe_round(files: list[Path], report: IngestReport, store: Store) -> str:
    counts = store.counts()
    return (f"{time.strftime('%H:%M:%S')} {len(files)} file(s): {report.articles} new articles, {report.skipped} already "
            f"stored, {len(report.problems)} problems; store: {counts['articles']} articles, {counts['events']} events, "
            f"{counts['stories']} stories")


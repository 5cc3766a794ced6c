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

A round that fails (an exception, not a per-file problem: e.g. the database is
locked, or a bug meets one odd file) does not stop the others: its files are
tried again one by one at once, so the failing file is isolated and the rest
are stored.  A file that still fails waits before its next try, twice as many
polls after each failure (2, 4, 8, ... polls, capped at ``max_backoff``
seconds), and is tried afresh as soon as it changes.  Entries that cannot be
files (FIFOs, sockets, devices, dangling or looping links, unreadable folders)
are reported once, not at every poll, and never taken.
"""

from __future__ import annotations

import math
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from kronik.corpus.settings import CorpusSettings
from kronik.engines import Engine, make_engine
from kronik.ingest import IngestReport, ingest
from kronik.io.readers import FieldMap, iter_files
from kronik.model import Problem
from kronik.pipeline import Settings
from kronik.store.db import Store

TEMP_SUFFIXES = (".part", ".partial", ".tmp", ".temp", ".crdownload", ".download", ".swp", ".swx", ".lock", "~")
TEMP_PREFIXES = (".", "~", "#")

Signature = tuple[int, int]  # size, mtime in ns

MAX_BACKOFF = 300.0
"""Longest wait, in seconds, before a file whose rounds keep failing is tried again."""


def is_temporary(path: Path) -> bool:
    name = path.name.lower()
    return name.startswith(TEMP_PREFIXES) or name.endswith(TEMP_SUFFIXES)


def scan(directory: Path, problems: list[Problem] | None = None) -> dict[Path, Signature]:
    """Every candidate file below ``directory`` with its (size, mtime_ns); entries that cannot be
    read as files are added to ``problems``."""
    out: dict[Path, Signature] = {}
    for p in iter_files([directory]):
        if isinstance(p, Problem):
            if problems is not None:
                problems.append(p)
            continue
        if is_temporary(p) or any(part.startswith(".") for part in p.relative_to(directory).parts[:-1]):
            continue
        try:
            st = p.stat()
        except OSError:  # vanished between listing and stat
            continue
        out[p] = (st.st_size, st.st_mtime_ns)
    return out


@dataclass
class Failing:
    """A file whose rounds failed: how often (in this version of it) and the poll of its next try."""

    signature: Signature
    failures: int
    retry_at: int


@dataclass
class WatchState:
    seen: dict[Path, Signature] = field(default_factory=dict)  # what the previous poll saw
    done: dict[Path, Signature] = field(default_factory=dict)  # what was ingested, per file
    failing: dict[Path, Failing] = field(default_factory=dict)  # files backing off after failed rounds
    reported: set[tuple[str, str]] = field(default_factory=set)  # listing problems already reported
    polls: int = 0
    rounds: int = 0
    files: int = 0
    articles: int = 0
    failures: int = 0

    def ready(self, now: dict[Path, Signature]) -> list[Path]:
        """Files unchanged since the previous poll, not yet ingested in this version, not backing off."""
        return sorted(p for p, sig in now.items() if self.seen.get(p) == sig and self.done.get(p) != sig and sig[0] > 0
                      and not self._waiting(p, sig))

    def pending(self, now: dict[Path, Signature]) -> int:
        """Files still to ingest (a file that failed in this version counts as handled: it was reported)."""
        return sum(1 for p, sig in now.items() if self.done.get(p) != sig and sig[0] > 0 and not self._failed(p, sig))

    def _failed(self, p: Path, sig: Signature) -> bool:
        f = self.failing.get(p)
        return f is not None and f.signature == sig

    def _waiting(self, p: Path, sig: Signature) -> bool:
        return self._failed(p, sig) and self.polls < self.failing[p].retry_at

    def fail(self, p: Path, sig: Signature, max_wait: int) -> int:
        """Record a failed round of ``p``; returns how many polls it now waits (2, 4, 8... up to ``max_wait``)."""
        n = self.failing[p].failures + 1 if self._failed(p, sig) else 1
        wait = min(2 ** min(n, 30), max(1, max_wait))
        self.failing[p] = Failing(sig, n, self.polls + wait)
        self.failures += 1
        return wait

    def new_problems(self, problems: list[Problem]) -> list[Problem]:
        """Listing problems not reported yet (one that goes away and comes back is reported again)."""
        keys = {(p.source, p.reason) for p in problems}
        fresh = [p for p in problems if (p.source, p.reason) not in self.reported]
        self.reported = keys
        return fresh


def watch(directory: str | Path, store: Store, *, interval: float = 2.0, once: bool = False,
          max_polls: int | None = None, stop: threading.Event | None = None, engine: str | Engine = "local",
          jobs: int = 1, scheduler: str | None = None, workers: int | None = None, settings: Settings = Settings(),
          fields: FieldMap | None = None, corpus_settings: CorpusSettings | None = None,
          on_round: Callable[[list[Path], IngestReport], None] | None = None,
          on_error: Callable[[list[Path], Exception], None] | None = None,
          on_problems: Callable[[list[Problem]], None] | None = None,
          max_backoff: float = MAX_BACKOFF) -> WatchState:
    """Poll ``directory`` and ingest new or changed files until stopped.

    ``once``: stop as soon as every file present has been ingested or has failed (at least two polls,
    since a file must be seen unchanged twice).  ``max_polls``: stop after that many polls.  ``stop``: an
    event that ends the loop from another thread.  ``on_error``: called for each file (or round) that
    fails; the failing files are isolated and back off (see the module docstring).  Without it the error
    ends the loop.  ``on_problems``: entries of the folder that cannot be read as files, each once.
    """
    directory = Path(directory)
    state = WatchState()
    own = isinstance(engine, str)
    eng = make_engine(engine, jobs=jobs, scheduler=scheduler, workers=workers) if isinstance(engine, str) else engine
    enter = getattr(eng, "__enter__", None)
    if own and enter is not None:
        enter()
    max_wait = math.ceil(max_backoff / interval) if interval > 0 else 1

    def run(files: list[Path]) -> IngestReport:
        return ingest(files, store, engine=eng, settings=settings, fields=fields, corpus_settings=corpus_settings)

    try:
        while True:
            problems: list[Problem] = []
            now = scan(directory, problems) if directory.is_dir() else {}
            fresh = state.new_problems(problems)
            if fresh and on_problems is not None:
                on_problems(fresh)
            state.polls += 1
            ready = state.ready(now)
            state.seen = now
            for files, report in _rounds(ready, run, on_error, lambda p, now=now: state.fail(p, now[p], max_wait)):
                for p in files:
                    state.done[p] = now[p]
                    state.failing.pop(p, None)
                state.rounds += 1
                state.files += len(files)
                state.articles += report.articles
                if on_round is not None:
                    on_round(files, report)
            for gone in set(state.done) - set(now):
                del state.done[gone]
            for gone in set(state.failing) - set(now):
                del state.failing[gone]
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


def _rounds(ready: list[Path], run: Callable[[list[Path]], IngestReport],
            on_error: Callable[[list[Path], Exception], None] | None,
            fail: Callable[[Path], int]) -> list[tuple[list[Path], IngestReport]]:
    """Ingest ``ready`` in one round; if it fails, each file alone, so one failing file holds up no other."""
    if not ready:
        return []
    try:
        return [(ready, run(ready))]
    except Exception as exc:
        if on_error is None:
            raise
        if len(ready) == 1:
            fail(ready[0])
            on_error(ready, exc)
            return []
    done = []
    for p in ready:
        try:
            done.append(([p], run([p])))
        except Exception as exc:
            fail(p)
            on_error([p], exc)
    return done


def describe_round(files: list[Path], report: IngestReport, store: Store) -> str:
    counts = store.counts()
    return (f"{time.strftime('%H:%M:%S')} {len(files)} file(s): {report.articles} new articles, {report.skipped} already "
            f"stored, {len(report.problems)} problems; store: {counts['articles']} articles, {counts['events']} events, "
            f"{counts['stories']} stories")


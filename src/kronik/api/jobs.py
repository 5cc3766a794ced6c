"""Upload ingest jobs: files saved under the server's data directory, ingested by one background thread.

One worker thread runs the jobs in order (so ``queued`` means waiting behind another job) and holds the
store's write lock, which ``POST /api/cluster`` takes too: two writers never race on the corpus state.
Each file is written under ``<data_dir>/uploads/<job id>/`` with a sanitised name (see
:func:`safe_name`); the resolved path is checked to be inside that folder before anything is written,
so names like ``../../x.txt`` or ``/etc/passwd`` cannot escape it.  Ingest itself is transactional per
batch (:meth:`kronik.store.db.Store.write_batch`), so a failed job leaves no half-written article.

Once a job has run, its folder is deleted (``keep=True``, ``kronik serve --keep-uploads``, keeps it), and a
refused upload removes what it wrote: no file and no empty folder stays behind.  The stored articles'
``source`` names the file as uploaded (``report.txt``, ``articles#3``), never the server's path to it.
"""

from __future__ import annotations

import json
import queue
import re
import threading
import time
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, BinaryIO

from kronik.errors import UploadTooLarge
from kronik.io.columns import FieldMap
from kronik.store.db import Store

__all__ = ["Job", "JobRunner", "UploadTooLarge", "safe_name"]

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
MAX_NAME = 120
MAX_JOBS = 1000
"""Finished jobs remembered for ``GET /api/jobs/{id}`` (the oldest are forgotten first)."""


def safe_name(name: str | None, fallback: str = "upload") -> str:
    """A file name safe to create in a folder: the last path component, only ``[A-Za-z0-9._-]``,
    no leading dots (so never ``.``/``..`` or hidden), at most ``MAX_NAME`` characters."""
    base = (name or "").replace("\\", "/").rsplit("/", 1)[-1]
    base = _UNSAFE.sub("_", base).lstrip(".")
    if len(base) > MAX_NAME:  # keep the extension: the readers pick the format from it
        stem, dot, ext = base.rpartition(".")
        base = (stem[: MAX_NAME - len(ext) - 1] + dot + ext) if dot and len(ext) <= 10 else base[:MAX_NAME]
    return base or fallback


def inside(folder: Path, path: Path) -> bool:
    """Whether ``path`` resolves to somewhere inside ``folder``."""
    try:
        path.resolve().relative_to(folder.resolve())
    except ValueError:
        return False
    return True


@dataclass
class Job:
    id: str
    state: str = "queued"  # queued | running | done | failed
    done: int = 0
    total: int = 0
    articles: int = 0
    problems: list[dict[str, str]] = field(default_factory=list)
    created: float = field(default_factory=time.time)
    files: list[str] = field(default_factory=list)  # paths inside the job folder
    names: dict[str, str] = field(default_factory=dict)  # saved path -> name as uploaded
    folder: str = ""  # the job's upload folder (deleted after the run unless uploads are kept)
    fields: FieldMap = field(default_factory=FieldMap)  # the column mapping the user confirmed on the upload page

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "done": self.done, "total": self.total, "articles": self.articles,
                "problems": [dict(p) for p in self.problems]}


class JobRunner:
    """Saves uploads and runs their ingest jobs one after another on a background thread."""

    def __init__(self, store: Store, data_dir: Path, *, max_bytes: int = 50 * 1024 * 1024, keep: bool = False) -> None:
        self.store = store
        self.keep = keep
        self.data_dir = Path(data_dir)
        self.uploads = self.data_dir / "uploads"
        self.uploads.mkdir(parents=True, exist_ok=True)
        self.max_bytes = max_bytes
        self.write_lock = threading.Lock()
        self._jobs: dict[str, Job] = {}
        self._queue: queue.Queue[Job] = queue.Queue()
        self._thread: threading.Thread | None = None
        self._start_lock = threading.Lock()

    # ------------------------------------------------------------------ submitting

    def new_job(self) -> tuple[Job, Path]:
        job = Job(id=uuid.uuid4().hex[:16])
        folder = self.uploads / job.id
        folder.mkdir(parents=True)
        job.folder = str(folder)
        return job, folder

    def discard(self, folder: Path) -> None:
        """Remove a job folder whose upload was refused (whatever it holds)."""
        if folder.is_dir():
            _remove_tree(folder)

    def save(self, job: Job, folder: Path, uploads: Iterable[tuple[str | None, BinaryIO]]) -> None:
        """Copy each (name, stream) into the job's folder under a safe, unique name; raises
        :class:`UploadTooLarge` (after removing what was written) past ``max_bytes`` in total."""
        used: set[str] = set()
        written = 0
        try:
            for i, (name, stream) in enumerate(uploads):
                fname = safe_name(name, f"upload-{i + 1}.txt")
                stem, dot, ext = fname.rpartition(".")
                k = 1
                while fname in used:
                    k += 1
                    fname = f"{stem}-{k}.{ext}" if dot else f"{ext}-{k}"
                used.add(fname)
                path = folder / fname
                if not inside(folder, path):  # cannot happen after safe_name; checked anyway
                    job.problems.append({"source": name or fname, "reason": "unsafe-name", "detail": "refused"})
                    continue
                with path.open("wb") as out:
                    while chunk := stream.read(1 << 20):
                        written += len(chunk)
                        if written > self.max_bytes:
                            raise UploadTooLarge(f"upload exceeds {self.max_bytes} bytes")
                        out.write(chunk)
                job.files.append(str(path))
                job.names[str(path)] = _base_name(name) or fname
        except UploadTooLarge:
            _remove_tree(folder)
            raise

    def save_records(self, job: Job, folder: Path, records: list[dict[str, Any]]) -> None:
        """The records as one JSONL file; a record that is not valid Unicode (a lone surrogate such as
        ``"\\ud800"``, which JSON can spell but UTF-8 cannot) is a problem of its own, the rest go on.
        A record keeps its number (``articles#N``) so problems point at the record as sent."""
        path = folder / "articles.jsonl"
        lines: list[bytes] = []
        for i, r in enumerate(records, 1):
            try:
                lines.append((json.dumps(r, ensure_ascii=False) + "\n").encode())
            except UnicodeEncodeError as exc:
                job.problems.append({"source": f"articles#{i}", "reason": "undecodable",
                                     "detail": f"not valid Unicode ({exc.reason} at character {exc.start})"})
                lines.append(b"{}\n")  # keeps the numbering of the records after it
        data = b"".join(lines)
        if len(data) > self.max_bytes:
            _remove_tree(folder)
            raise UploadTooLarge(f"upload exceeds {self.max_bytes} bytes")
        path.write_bytes(data)
        job.files.append(str(path))
        job.names[str(path)] = "articles"

    def submit(self, job: Job) -> Job:
        self._jobs[job.id] = job
        while len(self._jobs) > MAX_JOBS:
            self._jobs.pop(next(iter(self._jobs)))
        self._ensure_thread()
        self._queue.put(job)
        return job

    def get(self, job_id: str) -> Job | None:
        return self._jobs.get(job_id)

    # ------------------------------------------------------------------ running

    def _ensure_thread(self) -> None:
        with self._start_lock:
            if self._thread is None or not self._thread.is_alive():
                self._thread = threading.Thread(target=self._work, name="kronik-ingest", daemon=True)
                self._thread.start()

    def _work(self) -> None:
        while True:
            job = self._queue.get()
            try:
                self.run(job)
            finally:
                self._queue.task_done()

    def wait(self, timeout: float = 60.0) -> None:
        """Block until every submitted job has finished (tests and the CLI)."""
        end = time.time() + timeout
        while self._queue.unfinished_tasks and time.time() < end:
            time.sleep(0.02)

    def run(self, job: Job) -> None:
        from kronik.ingest import ingest
        from kronik.io.readers import read_documents

        job.state = "running"
        try:
            job.total = sum(1 for _ in read_documents(job.files, job.fields))

            def tick(_doc: object, _res: object) -> None:
                job.done += 1

            with self.write_lock:
                report = ingest(job.files, self.store, fields=job.fields, on_result=tick)
                self.store.rename_sources({p: self._display(p) for p in job.files})
            job.done = max(job.done, report.seen)
            job.total = max(job.total, job.done)
            job.articles = report.articles
            known = {p["source"] for p in job.problems}  # records refused before ingest (save_records)
            job.problems.extend({"source": src, "reason": p.reason, "detail": p.detail}
                                for p in report.problems if (src := self._display(p.source)) not in known)
            job.state = "done"
        except Exception as exc:  # a job reports its failure; the server keeps running
            from kronik.errors import translate

            err = translate(exc)
            detail = str(err) if err is not None else f"{type(exc).__name__}: {exc}"
            job.problems.append({"source": "", "reason": "failed", "detail": detail.replace(str(self.data_dir), "…")})
            job.state = "failed"
        finally:
            if not self.keep and job.folder:
                self.discard(Path(job.folder))

    def _display(self, source: str) -> str:
        """The name a user uploaded, for a problem's source (``path#N`` keeps its record number)."""
        path, hash_, rec = source.partition("#")
        name = self._name_of(path)
        return f"{name}#{rec}" if hash_ else name

    def _name_of(self, path: str) -> str:
        for job in self._jobs.values():
            if path in job.names:
                return job.names[path]
        return Path(path).name


def _base_name(name: str | None) -> str:
    """The last component of an uploaded file's name (a client may send ``../../x.txt`` or ``C:\\x.txt``)."""
    return (name or "").replace("\\", "/").rsplit("/", 1)[-1]


def _remove_tree(folder: Path) -> None:
    for p in sorted(folder.rglob("*"), reverse=True):
        p.unlink() if p.is_file() else p.rmdir()
    folder.rmdir()

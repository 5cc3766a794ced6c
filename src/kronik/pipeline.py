"""Compose the per-article stages; engines decide where they run.

A stage is a module-level function ``Article -> Article`` registered under a
versioned name with the fields it reads and writes, so the order can be
checked and the results labelled with the version that made them.  Stages are
pure and picklable: the same function runs in this process, a process pool or
on a Dask worker.  Extraction is the entry stage (``RawDocument -> Article``).
"""

from __future__ import annotations

import functools
import traceback
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from kronik.errors import StageError
from kronik.extract.html import extract_html_document
from kronik.extract.outlets import load_profiles
from kronik.extract.text import extract_text_document
from kronik.io.readers import FieldMap, RawDocument, read_documents
from kronik.model import Article, Problem

ArticleStage = Callable[[Article], Article]

MIN_LETTERS = 20
"""An article needs at least one paragraph with this many letters; less is a page without a story."""


@dataclass(frozen=True)
class Stage:
    name: str
    version: str
    requires: tuple[str, ...]
    assigns: tuple[str, ...]
    func: ArticleStage
    uses: tuple[str, ...] = ()
    """Fields read when an earlier stage filled them, and fine empty (quotes take entities' names when present)."""

    @property
    def label(self) -> str:
        return f"{self.name}.{self.version}"


REGISTRY: dict[str, Stage] = {}


def stage(name: str, *, requires: Iterable[str], assigns: Iterable[str], uses: Iterable[str] = (),
          version: str = "v1") -> Callable[[ArticleStage], ArticleStage]:
    """Register an Article stage under ``name`` (the decorator add-ons use too).

    ``requires`` are the Article fields the stage needs, ``uses`` those it reads when present (an earlier stage
    may fill them), ``assigns`` those it writes (``tests/test_stage_contract.py`` checks all three against what it
    really does).  The registered function also records the stage's label
    (``name.version``) in ``article.stages``, wherever it runs, so stored annotations say which code made them.
    """
    label = f"{name}.{version}"

    def register(func: ArticleStage) -> ArticleStage:
        @functools.wraps(func)
        def run(article: Article) -> Article:
            out = func(article)
            out.stages = [s for s in out.stages if s.rpartition(".")[0] != name] + [label]
            return out

        REGISTRY[name] = Stage(name, version, tuple(requires), tuple(assigns), run, tuple(uses))
        return run

    return register


DEFAULT_STAGES: tuple[str, ...] = ("entities", "times", "quotes")
"""Order of the Article stages after extraction."""

BUILTIN_STAGE_MODULES = ("kronik.annotate.entities", "kronik.annotate.times", "kronik.annotate.quotes")
"""Modules whose ``@stage`` functions are Kronik's own; imported on first use (they import this module)."""


def _load_builtin_stages() -> None:
    import importlib

    for name in BUILTIN_STAGE_MODULES:
        importlib.import_module(name)

EXTRACT_FIELDS = ("title", "outlet", "published", "published_basis", "authors", "dateline",
                  "wire_sources", "paragraphs", "removed", "language")


def check_order(names: Iterable[str]) -> list[Stage]:
    """Stages by name, checking each one's inputs are produced earlier (and optional ones not later)."""
    _load_builtin_stages()
    available = set(EXTRACT_FIELDS)
    stages = []
    for name in names:
        if name not in REGISTRY:
            raise KeyError(f"unknown stage {name!r}; registered: {', '.join(sorted(REGISTRY))}")
        st = REGISTRY[name]
        missing = set(st.requires) - available
        if missing:
            raise ValueError(f"stage {st.label} needs {sorted(missing)}, which no earlier stage assigns")
        available |= set(st.assigns)
        stages.append(st)
    for i, st in enumerate(stages):
        for later in stages[i + 1:]:
            late = set(st.uses) & set(later.assigns)
            if late:
                raise ValueError(f"stage {st.label} reads {sorted(late)}, which {later.label} assigns after it: run it first")
    return stages


@dataclass(frozen=True)
class Settings:
    """Everything a worker needs to process documents; one picklable object, not a flag list."""

    stages: tuple[str, ...] = DEFAULT_STAGES
    outlets_file: str | None = None
    line_model: bool = False


def extract_document(doc: RawDocument, settings: Settings = Settings()) -> Article:
    profiles = load_profiles(settings.outlets_file)
    if doc.format == "html":
        return extract_html_document(doc, profiles)
    return extract_text_document(doc, profiles, line_model=settings.line_model)


def process_document(doc: RawDocument, settings: Settings = Settings()) -> Article | Problem:
    """Extract one document and run the stages on it; any failure becomes a Problem."""
    try:
        article = extract_document(doc, settings)
    except Exception as exc:
        return Problem(source=doc.source, reason="extraction-failed", detail=_short(exc))
    if not any(sum(ch.isalpha() for ch in p) >= MIN_LETTERS for p in article.paragraphs):
        return Problem(source=doc.source, reason="no-article-text",
                       detail=f"no paragraph of text left after removing {len(article.removed)} boilerplate lines")
    for st in check_order(settings.stages):
        try:
            article = st.func(article)
        except Exception as exc:
            err = StageError(st.label, article.id, _short(exc))
            return Problem(source=doc.source, reason="stage-failed", detail=str(err))
    return article


def _short(exc: BaseException) -> str:
    frame = traceback.extract_tb(exc.__traceback__)[-1] if exc.__traceback__ else None
    where = f" at {Path(frame.filename).name}:{frame.lineno}" if frame else ""
    return f"{type(exc).__name__}: {exc}{where}"


def analyze(paths: Iterable[str | Path], *, fields: FieldMap | None = None, settings: Settings = Settings(),
            jobs: int = 1) -> Iterator[tuple[RawDocument | None, Article | Problem]]:
    """Read and process every document under ``paths``, streaming results in input order."""
    from kronik.engines.local import LocalEngine

    engine = LocalEngine(jobs=jobs)
    yield from engine.run(read_documents(paths, fields), settings)

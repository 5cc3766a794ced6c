"""The public JSON contract of Kronik (schema ``kronik/1``).

This module is the single definition of what ``kronik analyze`` prints and what
the store, the API and the exports carry.  Change it on purpose: bump
``SCHEMA_VERSION`` for anything a consumer could notice, and document it in the
README.  ``kronik schema`` prints the JSON Schema generated from these models.

Pydantic models are used (rather than plain dataclasses) because they give us
validation of untrusted exports and the JSON Schema for free, and they pickle,
so stages can run on Dask workers unchanged.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

SCHEMA_VERSION = "kronik/1"

Format = Literal["text", "html", "jsonl", "csv"]
PublishedBasis = Literal["export", "page", "url", "inferred", "ambiguous"]
"""Where ``published`` comes from: an export's date column (``export``), the page itself (``page``: a date
line, meta tags, JSON-LD), only the URL (``url``), a date the body cites (``inferred``), or an export's
numeric date whose day/month order could not be decided (``ambiguous``: read day-first, see ``warnings``)."""


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", validate_assignment=False)


class Removed(_Model):
    """A piece of input the extractor dropped, kept so a user can check it."""

    text: str
    reason: str = Field(description="Why it was dropped, e.g. 'related-headlines', 'read-also', 'advertisement'.")


class Entity(_Model):
    text: str
    label: str
    canonical: str
    paragraph: int
    start: int
    end: int
    role: str | None = None


class Quote(_Model):
    text: str
    speaker: str | None
    speaker_text: str | None
    paragraph: int
    direct: bool = True


class TimeExpr(_Model):
    text: str
    value: str | None
    type: str
    paragraph: int
    start: int
    end: int


class Article(_Model):
    """One news article: its clean text, metadata and (later) annotations."""

    id: str = Field(description="Stable id derived from the content (outlet, title and body).")
    source: str = Field(description="Path or URL as given; export records get '#N' (1-based record number).")
    sources: list[str] = Field(default_factory=list, description=(
        "Every input this article was read from when it was listed more than once in one input (an export "
        "listing the same article under several keywords); empty when it was read once (then it is `source`)."))
    format: Format
    language: str | None = "id"
    url: str | None = Field(default=None, description="Canonical URL when the input states one.")
    title: str | None = None
    outlet: str | None = Field(default=None, description="Display name, e.g. 'Kompas.com'; null when unknown.")
    published: str | None = Field(
        default=None,
        description="ISO 8601: full timestamp with the outlet's UTC offset when given, else a bare date.",
    )
    published_basis: PublishedBasis | None = None
    warnings: list[str] = Field(default_factory=list, description="What the reader could not settle, e.g. an ambiguous date order.")
    authors: list[str] = Field(default_factory=list)
    dateline: str | None = None
    wire_sources: list[str] = Field(default_factory=list)
    paragraphs: list[str] = Field(default_factory=list)
    removed: list[Removed] = Field(default_factory=list)
    entities: list[Entity] = Field(default_factory=list)
    quotes: list[Quote] = Field(default_factory=list)
    times: list[TimeExpr] = Field(default_factory=list)
    duplicate_of: str | None = None
    event: str | None = None
    story: str | None = None
    stages: list[str] = Field(default_factory=list, description=(
        "The annotation stages that made `entities`, `times` and `quotes`, as `name.version` labels in the order "
        "they ran (e.g. `entities.v1`); empty for an article no stage has run on (or stored before they were recorded)."))

    @property
    def text(self) -> str:
        return "\n\n".join(self.paragraphs)


class Event(_Model):
    id: str
    title: str | None = None
    start: str | None = None
    end: str | None = None
    articles: list[str] = Field(default_factory=list)
    entities: list[str] = Field(default_factory=list)
    story: str | None = None
    summary: list[dict[str, Any]] = Field(default_factory=list)
    timeline: list[dict[str, Any]] = Field(default_factory=list)


class Story(_Model):
    id: str
    title: str | None = None
    events: list[str] = Field(default_factory=list)
    timeline: list[dict[str, Any]] = Field(default_factory=list)


class Problem(_Model):
    """A file (or record) that could not be read, reported instead of stopping the batch."""

    source: str
    reason: str
    detail: str = ""


class Output(_Model):
    """The document ``kronik analyze --format json`` prints."""

    schema_: Literal["kronik/1"] = Field(default=SCHEMA_VERSION, alias="schema")
    articles: list[Article] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    stories: list[Story] = Field(default_factory=list)
    problems: list[Problem] = Field(default_factory=list)

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def article_id(outlet: str | None, title: str | None, paragraphs: list[str]) -> str:
    """Content-derived id: the same article text gets the same id wherever it was read from."""
    h = hashlib.blake2b(digest_size=8)
    h.update((outlet or "").encode())
    h.update(b"\x00")
    h.update((title or "").encode())
    for p in paragraphs:
        h.update(b"\x00")
        h.update(p.encode())
    return h.hexdigest()


def json_schema() -> dict[str, Any]:
    """JSON Schema of the ``kronik/1`` output document."""
    schema = Output.model_json_schema(by_alias=True)
    schema["$id"] = "https://kronik.invalid/schema/kronik-1.json"
    schema["title"] = SCHEMA_VERSION
    return schema


def dumps_output(output: Output, indent: int | None = 2) -> str:
    return json.dumps(output.model_dump(by_alias=True), ensure_ascii=False, indent=indent)

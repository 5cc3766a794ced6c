"""Response schemas of the main endpoints, for the OpenAPI document (``/docs``, ``/redoc``).

They document what the read models of :mod:`kronik.store.queries` return; the routes keep returning those
plain dicts (declared with ``responses=``, not ``response_model=``), so a page is not validated a second
time on its way out (the story page and search are sent as stored JSON text for speed).
"""

from __future__ import annotations

from pydantic import BaseModel, Field


class Stats(BaseModel):
    articles: int
    events: int
    stories: int
    outlets: int
    documents: int = Field(description="input files and records, problems included")
    problems: int


class OutletCount(BaseModel):
    name: str | None
    count: int


class Citation(BaseModel):
    text: str
    article: str | None = Field(description="the cited article's id")
    paragraph: int | None = Field(description="0-based paragraph index in the article")


class Lead(Citation):
    outlet: str | None = None
    language: str | None = Field(None, description="ISO 639-1 code of the cited article")


class StoryItem(BaseModel):
    id: str
    title: str | None
    start: str | None = Field(description="first day (YYYY-MM-DD)")
    end: str | None = Field(description="last day (YYYY-MM-DD)")
    n_events: int
    n_articles: int
    outlets: list[OutletCount]
    lead: Lead | None = Field(description="first summary sentence of the story's largest event")


class Page(BaseModel):
    total: int
    limit: int
    offset: int


class StoryList(Page):
    results: list[StoryItem]


class Quote(BaseModel):
    text: str
    speaker: str | None = Field(description="canonical name of the speaker")
    article: str
    paragraph: int
    headline: str | None
    outlet: str | None
    published: str | None = Field(description="the article's publication time, ISO 8601 with offset")
    story: str | None
    language: str | None = Field(None, description="ISO 639-1 code of the quoted article (not in the CSV export)")


class QuoteList(Page):
    results: list[Quote]


class SearchHit(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    language: str | None
    event: str | None
    story: str | None
    story_title: str | None
    snippet: str | None = Field(description="original text around the matches, matches between [[ and ]]")
    score: float | None


class Facet(BaseModel):
    value: str
    label: str | None = None
    count: int


class SearchResult(Page):
    results: list[SearchHit]
    facets: dict[str, list[Facet]] = Field(description="outlet, language, story (over all hits), entity")


class Entity(BaseModel):
    name: str
    type: str = Field(description="PER (person), ORG (organisation), LOC (place), or another label")
    count: int
    aliases: list[str] = []


class EntityList(Page):
    results: list[Entity]


class Error(BaseModel):
    detail: str

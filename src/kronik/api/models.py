"""Response schemas of the main endpoints, for the OpenAPI document (``/docs``, ``/redoc``).

They document what the read models of :mod:`kronik.store.queries` return; the routes keep returning those
plain dicts (declared with ``responses=``, not ``response_model=``), so a page is not validated a second
time on its way out (the story page and search are sent as stored JSON text for speed).
"""

from __future__ import annotations

from typing import Any

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


TIME = ("ISO 8601 datetime with the outlet's UTC offset, as published (a bare YYYY-MM-DD only when the "
        "sources gave no time of day)")


class StoryItem(BaseModel):
    id: str
    title: str | None
    start: str | None = Field(description=f"first article: {TIME}")
    end: str | None = Field(description=f"last article: {TIME}")
    n_events: int
    n_articles: int
    updated_at: str | None = Field(None, description="when a corpus pass last rewrote it (ISO 8601, UTC offset); "
                                   "what ``since`` compares")
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


LABELS = ("Entity label, one vocabulary in the API and the store: PER (person), ORG (organisation), LOC (place) "
          "or MISC (other); the web UI shows these names")


class Entity(BaseModel):
    name: str
    type: str = Field(description=LABELS)
    count: int
    aliases: list[str] = []


class EntityList(Page):
    results: list[Entity]


class Error(BaseModel):
    detail: str | list[dict[str, Any]] = Field(
        description="what is wrong: a sentence, or for a parameter or body that does not validate the list of "
                    "problems (`loc`: where, `msg`: what)")


class FacetValue(BaseModel):
    value: str
    count: int = Field(description="articles")


class Facets(BaseModel):
    """The home page's filter choices: every outlet and language of the store with its article count."""

    outlet: list[FacetValue]
    language: list[FacetValue]


class TodayLead(BaseModel):
    text: str
    article: str
    paragraph: int
    outlet: str | None
    language: str | None


class TodayEvent(BaseModel):
    id: str
    title: str | None
    start: str | None = Field(description=TIME)
    end: str | None = Field(description=TIME)
    n_articles: int
    n_outlets: int
    story: str | None
    lead: TodayLead | None = Field(description="the event summary's first sentence and where it comes from")


class Today(BaseModel):
    """The biggest events of the store's latest day, most articles first, then most outlets."""

    day: str | None = Field(description="the latest day (YYYY-MM-DD) with events; null on an empty store")
    results: list[TodayEvent]


class EventItem(BaseModel):
    id: str
    title: str | None
    start: str | None = Field(description=TIME)
    end: str | None = Field(description=TIME)
    n_articles: int
    story: str | None
    updated_at: str | None = Field(None, description="when a corpus pass last rewrote it (what ``since`` compares)")


class EventList(Page):
    results: list[EventItem]


class ArticleItem(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None = Field(description=TIME)
    language: str | None
    event: str | None
    story: str | None
    duplicate_of: str | None


class ArticleList(Page):
    results: list[ArticleItem]


class Correction(BaseModel):
    id: int
    action: str = Field(description="type | merge | unmerge")
    name: str = Field(description="type, merge: the canonical name corrected; unmerge: the mention text split off")
    value: str = Field(description="type: the label (PER, ORG, LOC, MISC); merge: the name it is the same as; "
                       "unmerge: the name it was wrongly counted as")
    note: str | None
    created_at: str | None = Field(description="ISO 8601 with offset")


class CorrectionList(BaseModel):
    results: list[Correction]


class CorrectionChanges(BaseModel):
    mentions: int = Field(description="entity mentions whose name or label changed")
    quotes: int = Field(description="quotes whose speaker changed")
    stories: int = Field(description="story pages rebuilt")


class CorrectionResult(BaseModel):
    correction: Correction
    changed: CorrectionChanges


class EntityCorrections(BaseModel):
    type: Correction | None
    merged_from: list[Correction]
    merged_into: Correction | None
    split_off: list[Correction]
    split_from: list[Correction]


class DatedCount(BaseModel):
    date: str
    count: int


class EntityRef(BaseModel):
    name: str
    type: str = Field(description=LABELS)
    count: int


class EntityArticle(BaseModel):
    id: str
    title: str | None
    outlet: str | None
    published: str | None


class EntityQuote(BaseModel):
    text: str
    speaker: str | None
    article: str
    paragraph: int
    headline: str | None
    outlet: str | None
    published: str | None


class EntityDetail(BaseModel):
    name: str
    type: str = Field(description=LABELS)
    count: int = Field(description="articles mentioning it")
    aliases: list[str]
    corrections: EntityCorrections = Field(description="curated corrections concerning this name")
    mentions_over_time: list[DatedCount]
    related: list[EntityRef]
    articles: list[EntityArticle]
    quotes: list[EntityQuote]

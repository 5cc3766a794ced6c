"""The JSON API (``/api/...``), exactly as ``/work/coord/api-contract.md`` has it: thin functions that parse
parameters and call :mod:`kronik.store.queries` / :mod:`kronik.store.search`.

Errors are not mapped here: a :class:`~kronik.errors.KronikError` carries its HTTP status (the app's one
handler answers with it), and every parameter is bounded where it is declared (``limit``, ``offset``,
query length), so no input reaches the store in a form that could make it fail with a 500.  Writes are
guarded before they get here (:mod:`kronik.api.security`); bodies are read with their size and depth
bounded.
"""

from __future__ import annotations

import asyncio
import functools
import itertools
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import quote, urlencode

import anyio
from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError
from starlette.datastructures import UploadFile as StarletteUpload

from kronik.api import feeds, models
from kronik.api.jobs import JobRunner
from kronik.api.security import BodyTooLarge, Limits, parse_json
from kronik.errors import NotFound, RequestError
from kronik.io import writers
from kronik.io.columns import FieldMap
from kronik.store import queries
from kronik.store.db import Store, time_budget
from kronik.store.search import MAX_OFFSET, MAX_QUERY_CHARS, SearchQuery, check_query, search, store_facets

router = APIRouter()

MAX_VALUE = 500
"""Longest filter value (outlet, entity, story id, ...): longer ones cannot name anything stored."""

Limit = Annotated[int, Query(ge=0, le=queries.MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]
Opt = Annotated[str | None, Query(max_length=MAX_VALUE)]
QueryText = Annotated[str | None, Query(max_length=MAX_QUERY_CHARS)]
Since = Annotated[str | None, Query(max_length=40, description="only what was stored or updated after this time "
                                   "(ISO datetime with offset; a bare date is midnight UTC): for polling")]


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _jobs(request: Request) -> JobRunner:
    return request.app.state.jobs  # type: ignore[no-any-return]


def _limits(request: Request) -> Limits:
    return request.app.state.limits  # type: ignore[no-any-return]


async def _off_loop(request: Request, fn: Any, *args: Any) -> Any:
    """Run blocking store work in a worker thread (at most ``Limits.search_threads`` at once, at most
    ``Limits.searches_per_client`` of them for one client address: 429 past it) within the request's time
    budget, so one slow request never stalls the event loop, and one client never takes every thread."""
    state = request.app.state
    limits = _limits(request)
    if getattr(state, "search_limiter", None) is None:
        state.search_limiter = anyio.CapacityLimiter(limits.search_threads)
        state.searching = {}
    client = (request.client.host if request.client else "?")
    searching: dict[str, int] = state.searching
    if searching.get(client, 0) >= limits.searches_per_client:
        raise HTTPException(status_code=429, detail="too many searches at once from this address",
                            headers={"Retry-After": "1"})
    searching[client] = searching.get(client, 0) + 1  # only touched on the event loop: no lock needed

    def run() -> Any:
        with time_budget(limits.search_seconds):
            return fn(*args)

    try:
        return await anyio.to_thread.run_sync(run, limiter=state.search_limiter)
    finally:
        searching[client] -= 1
        if not searching[client]:
            del searching[client]


# --------------------------------------------------------------------------- read

@router.get("/stats", response_model=None, responses={200: {"model": models.Stats}})
def stats(request: Request) -> dict[str, int]:
    return queries.stats(_store(request))


@router.get("/facets", response_model=None, responses={200: {"model": models.Facets}})
def facets(request: Request) -> dict[str, list[dict[str, Any]]]:
    """Articles per outlet and per language (the home page's filter choices)."""
    return store_facets(_store(request))


@router.get("/stories", response_model=None, responses={200: {"model": models.StoryList}, 400: {"model": models.Error}})
def stories(request: Request, limit: Limit = 20, offset: Offset = 0, q: QueryText = None,
            sort: Annotated[str, Query(max_length=20, description="recent or coverage")] = "recent",
            min_articles: Annotated[int, Query(ge=0, le=1_000_000)] = 0, outlet: Opt = None, language: Opt = None,
            date_from: Annotated[str | None, Query(alias="from", max_length=40)] = None,
            date_to: Annotated[str | None, Query(alias="to", max_length=40)] = None,
            since: Since = None) -> dict[str, Any]:
    """Stories ranked (``sort``), filtered (title ``q``, ``min_articles``, ``outlet``, ``language``, dates,
    ``since``: rewritten by a corpus pass after that time), each with its outlets and lead sentence."""
    return queries.stories(_store(request), q=q, sort=sort, min_articles=min_articles, outlet=outlet,
                           language=language, date_from=date_from, date_to=date_to, since=since, limit=limit,
                           offset=offset)


@router.get("/stories/{story_id}")
async def story(request: Request, story_id: str) -> Response:
    """The story page: stored as JSON by the corpus pass, so it is sent as it is (no re-encoding).

    ``async`` on purpose, like search: both take a few milliseconds of CPU, and running them on the
    event loop one after another (first come, first served) beats time-slicing them across the thread
    pool, where the GIL stretches every request in flight (search p95 at 4 concurrent clients on
    100k articles: 40 ms instead of 50 to 90).  Slower, unbounded pages stay plain ``def``."""
    return Response(queries.story_json(_store(request), story_id), media_type="application/json")


@router.get("/stories/{story_id}/atom", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {"schema": {"type": "string"}}},
                             "description": "Atom feed: the story's latest articles"}, 404: {"model": models.Error}})
def story_atom(request: Request, story_id: str) -> Response:
    """The story as an Atom feed (its 50 latest articles, each linking to the article in the web UI)."""
    title, rows = queries.story_feed(_store(request), story_id, feeds.FEED_ENTRIES)
    base = _base_url(request)
    now = _now()
    body = feeds.atom_feed(feed_id=f"urn:kronik:story:{story_id}", title=f"Kronik: {title or 'untitled story'}",
                           self_url=str(request.url), alternate=f"{base}/#/story/{quote(story_id, safe='')}",
                           entries=[feeds.article_entry(base, r, _clip(r.get("summary")), now) for r in rows])
    return Response(body, media_type=feeds.MEDIA_TYPE)


def _base_url(request: Request) -> str:
    return str(request.base_url).rstrip("/")


def _now() -> str:
    from datetime import UTC, datetime

    return datetime.now(UTC).isoformat(timespec="seconds")


def _clip(text: str | None, n: int = 400) -> str | None:
    if not text:
        return None
    text = text.replace("[[", "").replace("]]", "")
    return text if len(text) <= n else text[:n - 1].rsplit(" ", 1)[0] + "…"


@router.get("/events", response_model=None, responses={200: {"model": models.EventList}, 400: {"model": models.Error}})
def events(request: Request, story: Opt = None, since: Since = None, limit: Limit = 20,
           offset: Offset = 0) -> dict[str, Any]:
    """Events, latest first (of one ``story``; ``since``: rewritten by a corpus pass after that time)."""
    return queries.events(_store(request), story=story, since=since, limit=limit, offset=offset)


@router.get("/today", response_model=None, responses={200: {"model": models.Today}, 400: {"model": models.Error}})
def today(request: Request, limit: Annotated[int, Query(ge=0, le=50)] = 8) -> dict[str, Any]:
    """The biggest events of the store's latest day (the home page's "today" strip)."""
    return queries.today(_store(request), limit=limit)


@router.get("/events/{event_id}")
def event(request: Request, event_id: str) -> dict[str, Any]:
    return queries.event(_store(request), event_id)


@router.get("/articles", response_model=None, responses={200: {"model": models.ArticleList}, 400: {"model": models.Error}})
def articles(request: Request, outlet: Opt = None, event: Opt = None, story: Opt = None, since: Since = None,
             limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Articles, newest first (of one outlet, event or story; ``since``: stored after that time)."""
    return queries.articles(_store(request), outlet=outlet, event=event, story=story, since=since, limit=limit,
                            offset=offset)


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str) -> dict[str, Any]:
    return queries.article(_store(request), article_id)


@router.get("/entity-names/{language}")
def entity_names(language: str) -> dict[str, Any]:
    """How entities are named in a language where that differs from their identity (the alias table's
    canonical): ``{"names": {"Amerika Serikat": "United States", ...}}`` for ``en`` (empty for a language
    without a pack), so a page shows an article's entities in its language, linked by their one identity."""
    from kronik.annotate.names import display_table

    return {"names": display_table(language)}


def _search_query(q: str | None, outlet: str | None, language: str | None, date_from: str | None,
                  date_to: str | None, entity: str | None, speaker: str | None, event: str | None,
                  story: str | None, limit: int = 20, offset: int = 0, sort: str = "relevance") -> SearchQuery:
    """The query of a search or an export; a date that is not one is refused (400), not searched for."""
    date_from, date_to = queries.check_date(date_from, "from"), queries.check_date(date_to, "to")
    return SearchQuery(q=q or "", outlet=outlet, language=language, date_from=date_from, date_to=date_to,
                       entity=entity, speaker=speaker, event=event, story=story, limit=limit, offset=offset,
                       sort=sort)


SearchSort = Annotated[str, Query(max_length=20, description="relevance (best match first; without a query: "
                                  "newest first), newest or oldest (by publication time, undated last)")]


@router.get("/search", response_model=None, responses={200: {"model": models.SearchResult}, 400: {"model": models.Error}})
async def search_articles(request: Request, q: QueryText = None, outlet: Opt = None, language: Opt = None,
                          date_from: Annotated[str | None, Query(alias="from", max_length=MAX_VALUE)] = None,
                          date_to: Annotated[str | None, Query(alias="to", max_length=MAX_VALUE)] = None,
                          entity: Opt = None, speaker: Opt = None, event: Opt = None, story: Opt = None,
                          limit: Limit = 20, offset: Offset = 0, sort: SearchSort = "relevance") -> Response:
    """Ranked, stemmed full-text search with filters, facets and highlighted snippets (see the contract).

    The work runs in a worker thread with a time budget (:func:`_off_loop`): a search is a few
    milliseconds, but a costly one must not hold the event loop that every other client waits on."""
    sq = _search_query(q, outlet, language, date_from, date_to, entity, speaker, event, story, limit, offset, sort)
    check_query(sq)  # limits first: a refused query costs nothing
    result = await _off_loop(request, _search_with_titles, _store(request), sq)
    body = json.dumps(result, ensure_ascii=False)  # plain data: skip FastAPI's encoder walk
    return Response(body, media_type="application/json")


@router.get("/search/atom", response_class=Response,
            responses={200: {"content": {"application/atom+xml": {"schema": {"type": "string"}}},
                             "description": "Atom feed: the newest articles the search finds"},
                       400: {"model": models.Error}})
async def search_atom(request: Request, q: QueryText = None, outlet: Opt = None, language: Opt = None,
                      date_from: Annotated[str | None, Query(alias="from", max_length=MAX_VALUE)] = None,
                      date_to: Annotated[str | None, Query(alias="to", max_length=MAX_VALUE)] = None,
                      entity: Opt = None, speaker: Opt = None, event: Opt = None, story: Opt = None) -> Response:
    """A saved search as an Atom feed: the 50 newest articles it finds (the parameters of ``/api/search``)."""
    sq = _search_query(q, outlet, language, date_from, date_to, entity, speaker, event, story,
                       limit=feeds.FEED_ENTRIES, sort="newest")
    check_query(sq)
    found = await _off_loop(request, functools.partial(search, facets=False), _store(request), sq)
    base = _base_url(request)
    now = _now()
    named = ", ".join(f"{k}={v}" for k, v in sq.filters().items())
    title = "Kronik search: " + " · ".join(x for x in (sq.q.strip(), named) if x) if (sq.q.strip() or named) else "Kronik: newest articles"
    hash_q = urlencode({k: v for k, v in request.query_params.items()})
    body = feeds.atom_feed(feed_id=f"urn:kronik:search:{hash_q}", title=title, self_url=str(request.url),
                           alternate=f"{base}/#/search?{hash_q}",
                           entries=[feeds.article_entry(base, r, _clip(r.get("snippet")), now) for r in found["results"]])
    return Response(body, media_type=feeds.MEDIA_TYPE)


def _search_with_titles(store: Store, sq: SearchQuery) -> dict[str, Any]:
    """The search result, each hit with its story's title (``story_title``) next to the story id."""
    result = search(store, sq)
    titles = queries.story_titles(store, (hit.get("story") for hit in result.get("results", [])))
    for hit in result.get("results", []):
        hit["story_title"] = titles.get(hit.get("story") or "")
    return result


@router.get("/export")
def export(request: Request, format: Annotated[str, Query(pattern="^(json|jsonl|csv|parquet)$")] = "jsonl",
           q: QueryText = None, outlet: Opt = None, language: Opt = None,
           date_from: Annotated[str | None, Query(alias="from", max_length=MAX_VALUE)] = None,
           date_to: Annotated[str | None, Query(alias="to", max_length=MAX_VALUE)] = None,
           entity: Opt = None, speaker: Opt = None, event: Opt = None, story: Opt = None,
           sort: SearchSort = "relevance") -> Response:
    """The articles of a search (or, without query and filters, of the whole store) as a download; CSV
    cells a spreadsheet would run as a formula are escaped (:func:`kronik.io.writers.safe_cell`)."""
    store = _store(request)
    sq = _search_query(q, outlet, language, date_from, date_to, entity, speaker, event, story, sort=sort)
    check_query(sq)  # before the response starts: a streamed download cannot turn into an error later
    slot = _Slot(request.app.state.export_slots)
    arts = writers.export_articles(store, sq)
    headers = {"Content-Disposition": f'attachment; filename="kronik-export.{format}"'}
    media = writers.MEDIA_TYPES[format]
    if format in ("parquet", "json"):  # built whole in memory: the slots bound how many at once
        try:
            return Response(_whole_export(store, arts, format, sq), media_type=media, headers=headers)
        finally:
            slot.release()
    body = writers.iter_jsonl(arts) if format == "jsonl" else writers.iter_csv(arts)
    return StreamingResponse(_releasing(body, slot), media_type=media, headers=headers)


class _Slot:
    """One of the server's export slots (``Limits.max_exports``): taken now (429 when none is free) and
    given back once, when the export ends, fails, or its response is dropped unread (``__del__``)."""

    def __init__(self, slots: threading.BoundedSemaphore) -> None:
        self._slots: threading.BoundedSemaphore | None = None
        if not slots.acquire(blocking=False):
            raise HTTPException(status_code=429, detail="too many exports running; try again shortly",
                                headers={"Retry-After": "5"})
        self._slots = slots

    def release(self) -> None:
        slots, self._slots = self._slots, None
        if slots is not None:
            slots.release()

    __del__ = release


def _whole_export(store: Store, arts: Iterator[Any], format: str, sq: SearchQuery) -> bytes | str:
    if format == "parquet":
        return writers.parquet_bytes(arts)
    import io

    buf = io.StringIO()
    writers.write_json(store, arts, buf, everything=not (sq.q.strip() or sq.filters()))
    return buf.getvalue()


def _releasing(chunks: Iterator[str], slot: _Slot) -> Iterator[str]:
    try:
        yield from chunks
    finally:
        slot.release()


@router.get("/entities", response_model=None, responses={200: {"model": models.EntityList}})
def entities(request: Request, q: QueryText = None,
             type: Annotated[str | None, Query(max_length=MAX_VALUE, description="PER, ORG, LOC or MISC (also "
                                               "person, organisation, place, other)")] = None,
             limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Canonical entities, most mentioned first (``q``: a part of the name; ``type``: one label)."""
    return queries.entities(_store(request), q=q, type=type, limit=limit, offset=offset)


@router.get("/entities/{name:path}", response_model=None,
            responses={200: {"model": models.EntityDetail}, 404: {"model": models.Error}})
def entity(request: Request, name: str) -> dict[str, Any]:
    """One entity by its identity or by any name the alias tables read as it ("United States", "US",
    "AS" all reach "Amerika Serikat"): type, aliases, mentions over time, related entities, latest articles
    and quotes, the curated corrections that concern it (``corrections``) and ``names``: how it is named in
    each language."""
    from kronik.annotate.names import display_names, identity

    store = _store(request)
    try:
        out = queries.entity(store, name)
    except NotFound:
        ident = identity(name)
        if ident == name:
            raise
        out = queries.entity(store, ident)
    out["names"] = display_names(out["name"])
    return out


@router.get("/corrections", response_model=None, responses={200: {"model": models.CorrectionList}})
def corrections(request: Request, name: Opt = None) -> dict[str, Any]:
    """The curated corrections of entities in force, oldest first (``name``: those naming it on either side)."""
    from kronik.store import overrides

    with _store(request).engine.connect() as conn:
        return {"results": overrides.list_all(conn, name)}


class CorrectionRequest(BaseModel):
    """``POST /api/corrections``: ``type`` (``name`` gets the label ``value``: PER, ORG, LOC or MISC), ``merge``
    (``name`` is the same entity as ``value``) or ``unmerge`` (mentions written ``name`` that were counted as
    ``value`` are an entity of their own)."""

    model_config = ConfigDict(extra="forbid")
    action: Literal["type", "merge", "unmerge"]
    name: str = Field(min_length=1, max_length=300)
    value: str = Field(min_length=1, max_length=300)
    note: str | None = Field(None, max_length=2000)


@router.post("/corrections", status_code=201, response_model=None,
             responses={201: {"model": models.CorrectionResult}, 404: {"model": models.Error},
                        400: {"model": models.Error}})
async def correct(request: Request) -> dict[str, Any]:
    """Record a correction and apply it to every stored mention, quote speaker, entity count and story page
    now; it holds for every later ingest and corpus pass.  A write: it needs the write permission."""
    body = await _read_body(request, 64 * 1024)
    if not _is_json(request):
        raise HTTPException(status_code=415, detail="expected application/json")
    try:
        req = CorrectionRequest.model_validate(parse_json(body))
    except ValidationError as exc:
        raise HTTPException(status_code=400, detail=json.loads(exc.json(include_url=False, include_input=False))) from exc
    return await _write(request, _store(request).correct, req.action, req.name, req.value, req.note)


@router.delete("/corrections/{correction_id}", response_model=None,
               responses={200: {"model": models.CorrectionResult}, 404: {"model": models.Error}})
async def uncorrect(request: Request, correction_id: int) -> dict[str, Any]:
    """Take a correction back: the annotation's names and types return where it had changed them."""
    return await _write(request, _store(request).uncorrect, correction_id)


async def _write(request: Request, fn: Any, *args: Any) -> Any:
    """A store write off the event loop, after any running upload job's writes (the jobs' write lock)."""
    jobs = _jobs(request)

    def run() -> Any:
        with jobs.write_lock:
            return fn(*args)

    return await anyio.to_thread.run_sync(run)


DateParam = Annotated[str | None, Query(max_length=40, description="YYYY-MM-DD or an ISO datetime")]
EntityParam = Annotated[str | None, Query(max_length=MAX_VALUE, description="canonical entity name")]
FromParam = Annotated[str | None, Query(alias="from", max_length=40, description="published on or after (YYYY-MM-DD)")]
ToParam = Annotated[str | None, Query(alias="to", max_length=40, description="published on or before (YYYY-MM-DD)")]


@router.get("/quotes", response_model=None, responses={200: {"model": models.QuoteList}, 400: {"model": models.Error}})
def quotes(request: Request, speaker: Opt = None, entity: EntityParam = None, story: Opt = None, outlet: Opt = None,
           q: QueryText = None, date_from: FromParam = None, date_to: ToParam = None, since: DateParam = None,
           limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    """Quotes with their evidence (headline, outlet, date, paragraph), newest first, filtered by speaker,
    ``entity`` (mentioned in the quoted paragraph), story, outlet, text ``q`` (substring, any case),
    publication dates ``from``/``to`` and ``since`` (stored after: for polling)."""
    return queries.quotes(_store(request), speaker=speaker, entity=entity, story=story, outlet=outlet, q=q,
                          date_from=date_from, date_to=date_to, since=since, limit=limit, offset=offset)


@router.get("/quotes/export")
def quotes_export(request: Request, format: Annotated[str, Query(pattern="^(csv|jsonl)$")] = "csv",
                  speaker: Opt = None, entity: EntityParam = None, story: Opt = None, outlet: Opt = None,
                  q: QueryText = None, date_from: FromParam = None, date_to: ToParam = None,
                  since: DateParam = None) -> Response:
    """Every quote the same filters find, as a CSV (formula cells escaped) or JSONL download: a story's
    quotes are ``?story=ID``."""
    rows = queries.iter_quotes(_store(request), speaker=speaker, entity=entity, story=story, outlet=outlet, q=q,
                               date_from=date_from, date_to=date_to, since=since)
    first = next(rows, None)  # runs the checks (a bad date: 400) before the download starts
    everything = itertools.chain([first] if first is not None else [], rows)
    body = (writers.iter_csv_rows(everything, queries.QUOTE_COLUMNS) if format == "csv"
            else (json.dumps(r, ensure_ascii=False) + "\n" for r in everything))
    name = f"kronik-quotes{'-' + story[:40] if story else ''}.{format}"
    headers = {"Content-Disposition": f'attachment; filename="{_safe_filename(name)}"'}
    return StreamingResponse(body, media_type=writers.MEDIA_TYPES[format], headers=headers)


def _safe_filename(name: str) -> str:
    return "".join(c if c.isalnum() or c in "-_." else "_" for c in name)


# --------------------------------------------------------------------------- write

async def _read_body(request: Request, limit: int) -> bytes:
    """The request body, refused (413) as soon as it passes ``limit`` bytes: never buffered beyond it."""
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise BodyTooLarge(limit)
        chunks.append(chunk)
    return b"".join(chunks)


def _is_json(request: Request) -> bool:
    return request.headers.get("content-type", "").split(";", 1)[0].strip().lower() == "application/json"


@router.post("/ingest")
async def ingest(request: Request) -> dict[str, str]:
    """Multipart ``files`` (one or more), or JSON ``{"articles": [{...raw record...}]}``: starts a job."""
    jobs = _jobs(request)
    limits = _limits(request)
    ctype = request.headers.get("content-type", "").lower()
    multipart = ctype.startswith("multipart/form-data")
    if not multipart and not _is_json(request):
        raise HTTPException(status_code=415, detail="expected multipart/form-data files or application/json")
    if multipart:
        form = await request.form(max_files=100, max_fields=100, max_part_size=64 * 1024)
        try:
            files = [f for f in form.getlist("files") if isinstance(f, StarletteUpload)]
            if not files:
                raise HTTPException(status_code=400, detail="no files in the 'files' field")
            fields = _field_map(form)
            job, folder = jobs.new_job()
            job.fields = fields
            try:
                await asyncio.to_thread(jobs.save, job, folder, [(f.filename, f.file) for f in files])
            except BaseException:
                jobs.discard(folder)
                raise
        finally:
            await form.close()
    else:
        payload = parse_json(await _read_body(request, min(limits.max_json_bytes, jobs.max_bytes)),
                             limits.max_json_depth)
        records = payload.get("articles") if isinstance(payload, dict) else None
        if not isinstance(records, list) or not records or not all(isinstance(r, dict) for r in records):
            raise HTTPException(status_code=400, detail="expected JSON {\"articles\": [{...}, ...]}")
        if len(records) > limits.max_json_records:
            raise RequestError(f"{len(records)} records in one request; at most {limits.max_json_records} "
                               "(upload a JSONL file for more)")
        job, folder = jobs.new_job()
        try:
            jobs.save_records(job, folder, records)
        except BaseException:
            jobs.discard(folder)
            raise
    jobs.submit(job)
    return {"job": job.id}


def _field_map(form: Any) -> FieldMap:
    """The column mapping a form gives: ``field`` values ``ROLE=COLUMN`` (repeatable) and ``date_order``."""
    order = form.get("date_order")
    try:
        spec = FieldMap.parse_specs((raw for raw in form.getlist("field") if isinstance(raw, str)), max_name=200)
        fields = FieldMap().with_date_order(order if isinstance(order, str) and order else "auto")
        return fields.override(spec) if spec else fields
    except ValueError as exc:
        raise RequestError(str(exc)) from exc


@router.post("/inspect")
async def inspect(request: Request) -> dict[str, Any]:
    """Multipart ``file`` (and optional ``field`` ROLE=COLUMN, ``date_order``): how it will be read, before
    anything is stored (the report of ``kronik inspect``: columns, date order and its evidence, first records)."""
    from kronik.io.inspect import inspect_file

    if not request.headers.get("content-type", "").lower().startswith("multipart/form-data"):
        raise HTTPException(status_code=415, detail="expected multipart/form-data with a 'file'")
    jobs = _jobs(request)
    form = await request.form(max_files=1, max_fields=20, max_part_size=64 * 1024)
    try:
        upload = form.get("file")
        if not isinstance(upload, StarletteUpload):
            raise HTTPException(status_code=400, detail="no file in the 'file' field")
        fields = _field_map(form)
        job, folder = jobs.new_job()
        try:
            await asyncio.to_thread(jobs.save, job, folder, [(upload.filename, upload.file)])
            if not job.files:
                raise RequestError("the file name was refused")
            path = job.files[0]
            report = await asyncio.to_thread(inspect_file, Path(path), fields, job.names.get(path))
        finally:
            jobs.discard(folder)
    finally:
        await form.close()
    return report


@router.get("/jobs/{job_id}")
def job(request: Request, job_id: str) -> dict[str, Any]:
    found = _jobs(request).get(job_id)
    if found is None:
        raise NotFound(f"no job {job_id[:64]!r}")
    return found.public()


class ClusterRequest(BaseModel):
    """``POST /api/cluster``'s body: booleans are booleans (``"false"`` is refused, not truthy)."""

    model_config = ConfigDict(extra="forbid")
    reset: StrictBool = False


@router.post("/cluster")
async def cluster(request: Request) -> dict[str, int]:
    """Run the corpus pass (``{"reset": true}`` clusters everything again from the stored features)."""
    from kronik.corpus.incremental import update_store

    body = await _read_body(request, 64 * 1024)
    if body.strip() and not _is_json(request):
        raise HTTPException(status_code=415, detail="expected application/json")
    try:
        req = ClusterRequest.model_validate(parse_json(body) if body.strip() else {})
    except ValidationError as exc:
        raise HTTPException(status_code=400, detail=json.loads(exc.json(include_url=False, include_input=False))) from exc
    jobs = _jobs(request)

    def run() -> dict[str, int]:
        with jobs.write_lock:
            rep = update_store(_store(request), reset=req.reset)
        return {"articles": rep.articles, "events": rep.events_total, "stories": rep.stories_total}

    return await anyio.to_thread.run_sync(run)

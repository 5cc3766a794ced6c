"""The JSON API (``/api/...``), exactly as ``/work/coord/api-contract.md`` has it: thin functions that parse
parameters, call :mod:`kronik.store.queries` / :mod:`kronik.store.search` and map errors to HTTP codes."""

from __future__ import annotations

import asyncio
import json
from typing import Annotated, Any

from fastapi import APIRouter, Body, HTTPException, Query, Request
from fastapi.responses import Response, StreamingResponse
from starlette.datastructures import UploadFile as StarletteUpload

from kronik.api.jobs import JobRunner, UploadTooLarge
from kronik.io import writers
from kronik.store import queries
from kronik.store.db import Store
from kronik.store.search import SearchQuery, search

router = APIRouter()

Limit = Annotated[int, Query(ge=0, le=queries.MAX_LIMIT)]
Offset = Annotated[int, Query(ge=0)]
Opt = Annotated[str | None, Query()]


def _store(request: Request) -> Store:
    return request.app.state.store  # type: ignore[no-any-return]


def _jobs(request: Request) -> JobRunner:
    return request.app.state.jobs  # type: ignore[no-any-return]


def _or_404(fn: Any, *args: Any, **kwargs: Any) -> Any:
    try:
        return fn(*args, **kwargs)
    except queries.NotFound as exc:
        raise HTTPException(status_code=404, detail=str(exc)) from exc


# --------------------------------------------------------------------------- read

@router.get("/stats")
def stats(request: Request) -> dict[str, int]:
    return queries.stats(_store(request))


@router.get("/stories")
def stories(request: Request, limit: Limit = 20, offset: Offset = 0, q: Opt = None) -> dict[str, Any]:
    return queries.stories(_store(request), q=q, limit=limit, offset=offset)


@router.get("/stories/{story_id}")
async def story(request: Request, story_id: str) -> Response:
    """The story page: stored as JSON by the corpus pass, so it is sent as it is (no re-encoding).

    ``async`` on purpose, like search: both take a few milliseconds of CPU, and running them on the
    event loop one after another (first come, first served) beats time-slicing them across the thread
    pool, where the GIL stretches every request in flight (search p95 at 4 concurrent clients on
    100k articles: 40 ms instead of 50 to 90).  Slower, unbounded pages stay plain ``def``."""
    return Response(_or_404(queries.story_json, _store(request), story_id), media_type="application/json")


@router.get("/events")
def events(request: Request, story: Opt = None, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    return queries.events(_store(request), story=story, limit=limit, offset=offset)


@router.get("/events/{event_id}")
def event(request: Request, event_id: str) -> dict[str, Any]:
    return _or_404(queries.event, _store(request), event_id)  # type: ignore[no-any-return]


@router.get("/articles")
def articles(request: Request, outlet: Opt = None, event: Opt = None, story: Opt = None, limit: Limit = 20,
             offset: Offset = 0) -> dict[str, Any]:
    return queries.articles(_store(request), outlet=outlet, event=event, story=story, limit=limit, offset=offset)


@router.get("/articles/{article_id}")
def article(request: Request, article_id: str) -> dict[str, Any]:
    return _or_404(queries.article, _store(request), article_id)  # type: ignore[no-any-return]


def _search_query(q: str | None, outlet: str | None, language: str | None, date_from: str | None,
                  date_to: str | None, entity: str | None, speaker: str | None, event: str | None,
                  story: str | None, limit: int = 20, offset: int = 0) -> SearchQuery:
    return SearchQuery(q=q or "", outlet=outlet, language=language, date_from=date_from, date_to=date_to,
                       entity=entity, speaker=speaker, event=event, story=story, limit=limit, offset=offset)


@router.get("/search")
async def search_articles(request: Request, q: Opt = None, outlet: Opt = None, language: Opt = None,
                    date_from: Annotated[str | None, Query(alias="from")] = None,
                    date_to: Annotated[str | None, Query(alias="to")] = None,
                    entity: Opt = None, speaker: Opt = None, event: Opt = None, story: Opt = None,
                    limit: Limit = 20, offset: Offset = 0) -> Response:
    """Ranked, stemmed full-text search with filters, facets and highlighted snippets (see the contract)."""
    sq = _search_query(q, outlet, language, date_from, date_to, entity, speaker, event, story, limit, offset)
    body = json.dumps(search(_store(request), sq), ensure_ascii=False)  # plain data: skip FastAPI's encoder walk
    return Response(body, media_type="application/json")


@router.get("/export")
def export(request: Request, format: Annotated[str, Query(pattern="^(json|jsonl|csv|parquet)$")] = "jsonl",
           q: Opt = None, outlet: Opt = None, language: Opt = None,
           date_from: Annotated[str | None, Query(alias="from")] = None,
           date_to: Annotated[str | None, Query(alias="to")] = None,
           entity: Opt = None, speaker: Opt = None, event: Opt = None, story: Opt = None) -> Response:
    """The articles of a search (or, without query and filters, of the whole store) as a download."""
    store = _store(request)
    sq = _search_query(q, outlet, language, date_from, date_to, entity, speaker, event, story)
    arts = writers.export_articles(store, sq)
    headers = {"Content-Disposition": f'attachment; filename="kronik-export.{format}"'}
    media = writers.MEDIA_TYPES[format]
    if format == "parquet":
        return Response(writers.parquet_bytes(arts), media_type=media, headers=headers)
    if format == "json":
        import io

        buf = io.StringIO()
        writers.write_json(store, arts, buf, everything=not (sq.q.strip() or sq.filters()))
        return Response(buf.getvalue(), media_type=media, headers=headers)
    body = writers.iter_jsonl(arts) if format == "jsonl" else writers.iter_csv(arts)
    return StreamingResponse(body, media_type=media, headers=headers)


@router.get("/entities")
def entities(request: Request, q: Opt = None, type: Opt = None, limit: Limit = 20,
             offset: Offset = 0) -> dict[str, Any]:
    return queries.entities(_store(request), q=q, type=type, limit=limit, offset=offset)


@router.get("/entities/{name:path}")
def entity(request: Request, name: str) -> dict[str, Any]:
    return _or_404(queries.entity, _store(request), name)  # type: ignore[no-any-return]


@router.get("/quotes")
def quotes(request: Request, speaker: Opt = None, limit: Limit = 20, offset: Offset = 0) -> dict[str, Any]:
    return queries.quotes(_store(request), speaker=speaker, limit=limit, offset=offset)


# --------------------------------------------------------------------------- write

@router.post("/ingest")
async def ingest(request: Request) -> dict[str, str]:
    """Multipart ``files`` (one or more), or JSON ``{"articles": [{...raw record...}]}``: starts a job."""
    jobs = _jobs(request)
    length = request.headers.get("content-length")
    if length and length.isdigit() and int(length) > jobs.max_bytes + 64 * 1024:
        raise HTTPException(status_code=413, detail=f"upload larger than {jobs.max_bytes} bytes")
    ctype = request.headers.get("content-type", "")
    job, folder = jobs.new_job()
    try:
        if ctype.startswith("multipart/form-data"):
            form = await request.form(max_part_size=jobs.max_bytes + 1)
            files = [f for f in form.getlist("files") if isinstance(f, StarletteUpload)]
            if not files:
                raise HTTPException(status_code=422, detail="no files in the 'files' field")
            await asyncio.to_thread(jobs.save, job, folder, [(f.filename, f.file) for f in files])
            await form.close()
        else:
            try:
                payload = await request.json()
            except ValueError as exc:
                raise HTTPException(status_code=422, detail="expected multipart files or JSON {\"articles\": [...]}") from exc
            records = payload.get("articles") if isinstance(payload, dict) else None
            if not isinstance(records, list) or not records or not all(isinstance(r, dict) for r in records):
                raise HTTPException(status_code=422, detail="expected JSON {\"articles\": [{...}, ...]}")
            jobs.save_records(job, folder, records)
    except UploadTooLarge as exc:
        raise HTTPException(status_code=413, detail=str(exc)) from exc
    jobs.submit(job)
    return {"job": job.id}


@router.get("/jobs/{job_id}")
def job(request: Request, job_id: str) -> dict[str, Any]:
    found = _jobs(request).get(job_id)
    if found is None:
        raise HTTPException(status_code=404, detail=f"no job {job_id!r}")
    return found.public()


@router.post("/cluster")
def cluster(request: Request, body: Annotated[dict[str, Any] | None, Body()] = None) -> dict[str, int]:
    """Run the corpus pass (``{"reset": true}`` clusters everything again from the stored features)."""
    from kronik.corpus.incremental import update_store

    reset = bool((body or {}).get("reset", False))
    jobs = _jobs(request)
    with jobs.write_lock:
        rep = update_store(_store(request), reset=reset)
    return {"articles": rep.articles, "events": rep.events_total, "stories": rep.stories_total}

"""The FastAPI application: JSON API under ``/api``, the single-page UI at ``/``, assets under ``/static``.

Every response carries the Content-Security-Policy of the API contract and ``X-Content-Type-Options:
nosniff``; nothing is loaded from a CDN.  The store, the upload job runner and the settings hang off
``app.state`` so the route functions stay thin (see :mod:`kronik.api.routes`).
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.responses import FileResponse, HTMLResponse
from fastapi.staticfiles import StaticFiles

from kronik import __version__
from kronik.api.jobs import JobRunner
from kronik.store.db import Store

STATIC = Path(__file__).with_name("static")
CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = {"Content-Security-Policy": CSP, "X-Content-Type-Options": "nosniff",
                    "Referrer-Policy": "no-referrer"}
DEFAULT_MAX_UPLOAD = 50 * 1024 * 1024

_PLACEHOLDER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kronik</title></head>
<body><h1>Kronik</h1><p>The web UI is not installed; the API is under /api
(OpenAPI document: <a href="/openapi.json">/openapi.json</a>).</p></body></html>
"""


def create_app(store: Store | str, *, data_dir: str | Path | None = None,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD) -> FastAPI:
    """The app over a store (a :class:`Store` or a path/URL); uploads go under ``data_dir``
    (default: a fresh temporary folder)."""
    from kronik.api import routes

    if isinstance(store, str):
        store = Store(store)
    folder = Path(data_dir) if data_dir is not None else Path(tempfile.mkdtemp(prefix="kronik-data-"))
    app = FastAPI(title="Kronik", version=__version__, docs_url=None, redoc_url=None,  # both load from a CDN
                  description="Clean, deduplicated, clustered Indonesian and English news: search and stories.")
    app.state.store = store
    app.state.jobs = JobRunner(store, folder, max_bytes=max_upload_bytes)

    @app.middleware("http")
    async def security_headers(request: Request, call_next: Any) -> Response:
        response: Response = await call_next(request)
        for k, v in SECURITY_HEADERS.items():
            response.headers.setdefault(k, v)
        return response

    app.include_router(routes.router, prefix="/api")

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        page = STATIC / "index.html"
        if page.is_file():
            return FileResponse(page, media_type="text/html; charset=utf-8")
        return HTMLResponse(_PLACEHOLDER)

    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    return app

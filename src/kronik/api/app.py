"""The FastAPI application: JSON API under ``/api``, the single-page UI at ``/``, assets under ``/static``.

Every response carries the Content-Security-Policy of the API contract and ``X-Content-Type-Options:
nosniff``; nothing is loaded from a CDN.  The store, the upload job runner and the settings hang off
``app.state`` so the route functions stay thin (see :mod:`kronik.api.routes`).
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Response
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


class SecurityHeaders:
    """Pure ASGI middleware (cheaper than ``BaseHTTPMiddleware``): adds the security headers to every
    HTTP response, and ``Server-Timing: app;dur=MS`` (time inside the app, for benchmarks and browsers)."""

    def __init__(self, app: Any) -> None:
        self.app = app
        self.headers = [(k.lower().encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]

    async def __call__(self, scope: Any, receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        t0 = time.perf_counter()

        async def send_with_headers(message: Any) -> None:
            if message["type"] == "http.response.start":
                have = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in self.headers if k not in have]
                extra.append((b"server-timing", f"app;dur={(time.perf_counter() - t0) * 1000:.1f}".encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)


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

    app.add_middleware(SecurityHeaders)
    app.include_router(routes.router, prefix="/api")

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        page = STATIC / "index.html"
        if page.is_file():
            return FileResponse(page, media_type="text/html; charset=utf-8")
        return HTMLResponse(_PLACEHOLDER)

    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    return app

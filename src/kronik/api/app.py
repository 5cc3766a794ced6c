"""The FastAPI application: JSON API under ``/api``, the single-page UI at ``/``, assets under ``/static``.

Every response, errors included, carries the security headers of :mod:`kronik.api.security` (a
Content-Security-Policy, ``nosniff``, ``X-Frame-Options``, ``Referrer-Policy``); nothing is loaded from a
CDN.  Who may read and write is the :class:`~kronik.api.security.Policy` (by default: a loopback server
open to this machine's users, with cross-site writes refused).  The store, the upload job runner, the
policy and the limits hang off ``app.state`` so the route functions stay thin (see :mod:`kronik.api.routes`).
"""

from __future__ import annotations

import tempfile
import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.openapi.utils import get_openapi
from fastapi.responses import FileResponse, HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles

from kronik import __version__
from kronik.api.docs import add_docs
from kronik.api.jobs import JobRunner
from kronik.api.security import CSP, SECURITY_HEADERS, Guard, Limits, Policy, SecurityHeaders
from kronik.errors import KronikError
from kronik.store.db import Store

__all__ = ["CSP", "SECURITY_HEADERS", "create_app"]

STATIC = Path(__file__).with_name("static")
DEFAULT_MAX_UPLOAD = 50 * 1024 * 1024

_PLACEHOLDER = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Kronik</title></head>
<body><h1>Kronik</h1><p>The web UI is not installed; the API is under /api
(documentation: <a href="/docs">/docs</a>, <a href="/redoc">/redoc</a>;
OpenAPI document: <a href="/openapi.json">/openapi.json</a>).</p></body></html>
"""


def create_app(store: Store | str, *, data_dir: str | Path | None = None,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD, policy: Policy | None = None,
               limits: Limits | None = None, keep_uploads: bool = False) -> FastAPI:
    """The app over a store (a :class:`Store` or a path/URL); uploads go under ``data_dir`` (default: a
    fresh temporary folder) and are deleted once ingested unless ``keep_uploads``.  ``policy``: who may
    read and write (default: :meth:`Policy.for_bind` of loopback)."""
    from kronik.api import routes

    if isinstance(store, str):
        store = Store(store, create=False)
    policy = replace(policy or Policy.for_bind("127.0.0.1"), max_upload_bytes=max_upload_bytes)
    folder = Path(data_dir) if data_dir is not None else Path(tempfile.mkdtemp(prefix="kronik-data-"))
    app = FastAPI(title="Kronik", version=__version__, docs_url=None, redoc_url=None,  # offline ones: add_docs
                  description="Clean, deduplicated, clustered Indonesian and English news: search and stories.")
    app.state.store = store
    app.state.jobs = JobRunner(store, folder, max_bytes=max_upload_bytes, keep=keep_uploads)
    app.state.policy = policy
    app.state.limits = limits or Limits()
    app.state.export_slots = threading.BoundedSemaphore(app.state.limits.max_exports)

    app.add_middleware(Guard, policy=policy)
    app.add_middleware(SecurityHeaders)  # added last: the outermost, so every refusal carries the headers
    app.add_exception_handler(KronikError, _kronik_error)
    app.add_exception_handler(RequestValidationError, _invalid_request)
    app.include_router(routes.router, prefix="/api")
    add_docs(app)
    app.openapi = lambda: _openapi_with_400(app)  # type: ignore[method-assign]

    @app.get("/", include_in_schema=False)
    def index() -> Response:
        page = STATIC / "index.html"
        if page.is_file():
            return FileResponse(page, media_type="text/html; charset=utf-8")
        return HTMLResponse(_PLACEHOLDER)

    app.mount("/static", StaticFiles(directory=STATIC, check_dir=False), name="static")
    return app


def _openapi_with_400(app: FastAPI) -> dict[str, Any]:
    """The OpenAPI document with the refusals as they are sent: FastAPI lists a 422 for every route with
    parameters, but :func:`_invalid_request` answers 400 (with the same ``loc``/``msg`` list)."""
    if app.openapi_schema is None:
        schema = get_openapi(title=app.title, version=app.version, description=app.description, routes=app.routes)
        for path in schema.get("paths", {}).values():
            for op in path.values():
                responses = op.get("responses", {})
                invalid = responses.pop("422", None)
                if invalid is not None and "400" not in responses:
                    responses["400"] = {**invalid, "description": "Bad Request: a parameter or body that does not validate"}
        app.openapi_schema = schema
    return app.openapi_schema


async def _invalid_request(_request: Request, exc: Exception) -> JSONResponse:
    """A parameter or body that does not validate is a bad request (400), as every other refusal of what the
    caller sent; ``detail`` keeps FastAPI's list of what is wrong where (``loc``, ``msg``), which the UI shows."""
    errors = exc.errors() if isinstance(exc, RequestValidationError) else []
    return JSONResponse({"detail": jsonable_encoder(errors)}, status_code=400)


async def _kronik_error(_request: Request, exc: Exception) -> JSONResponse:
    """Kronik's errors as JSON with the status :mod:`kronik.errors` gives them (400, 404, 413, 503, ...)."""
    status = exc.http_status if isinstance(exc, KronikError) else 500
    return JSONResponse({"detail": str(exc)}, status_code=status)

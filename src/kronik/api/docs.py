"""``/docs`` (Swagger UI) and ``/redoc`` (ReDoc) served offline: the viewers' assets come from the
``fastapi-offline`` wheel (mounted under ``/static-docs``), never from a CDN.

FastAPI's own doc pages start the viewer with an inline ``<script>``, which the UI's Content-Security-Policy
(``script-src 'self'``) refuses; these pages load a small start-up script from ``/static/docs/`` instead.  The
viewers inject ``<style>`` elements and ReDoc runs its search in a ``blob:`` worker, so only these two pages get
a policy that adds ``style-src 'unsafe-inline'`` and ``worker-src blob:`` (scripts stay ``'self'`` only).
"""

from __future__ import annotations

from pathlib import Path

from fastapi import FastAPI
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles

DOCS_CSP = ("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
            "worker-src 'self' blob:; connect-src 'self'; font-src 'self' data:; object-src 'none'; "
            "base-uri 'none'; frame-ancestors 'none'")
ASSETS_URL = "/static-docs"

_PAGE = """<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title><link rel="icon" href="/static/icon.svg" type="image/svg+xml">{css}</head>
<body><noscript>The API documentation needs JavaScript; the raw document is
<a href="/openapi.json">/openapi.json</a>.</noscript><div id="{root}"></div>
<script src="{ASSETS_URL}/{bundle}"></script><script src="/static/docs/{init}"></script></body></html>
"""


def _assets() -> Path | None:
    try:
        import fastapi_offline
    except ImportError:  # a minimal install: the pages then say where the raw document is
        return None
    folder = Path(fastapi_offline.__file__).with_name("static")
    return folder if folder.is_dir() else None


def _page(title: str, root: str, bundle: str, init: str, css: str = "") -> HTMLResponse:
    body = _PAGE.format(title=title, root=root, bundle=bundle, init=init, ASSETS_URL=ASSETS_URL,
                        css=f'<link rel="stylesheet" href="{ASSETS_URL}/{css}">' if css else "")
    return HTMLResponse(body, headers={"Content-Security-Policy": DOCS_CSP})


def add_docs(app: FastAPI) -> None:
    """Mount the viewers' assets and add ``/docs`` and ``/redoc`` (not in the OpenAPI document)."""
    folder = _assets()
    if folder is None:
        return
    app.mount(ASSETS_URL, StaticFiles(directory=folder), name="docs-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger() -> HTMLResponse:
        return _page(f"{app.title} API (Swagger UI)", "swagger-ui", "swagger-ui-bundle.js", "swagger-init.js",
                     css="swagger-ui.css")

    @app.get("/redoc", include_in_schema=False)
    def redoc() -> HTMLResponse:
        return _page(f"{app.title} API (ReDoc)", "redoc", "redoc.standalone.js", "redoc-init.js")

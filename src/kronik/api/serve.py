"""Running the app with uvicorn (``kronik serve``)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from kronik.api.app import DEFAULT_MAX_UPLOAD, create_app

_ENV_DB, _ENV_DATA, _ENV_MAX = "KRONIK_SERVE_DB", "KRONIK_SERVE_DATA_DIR", "KRONIK_SERVE_MAX_UPLOAD"


def default_data_dir(db: str) -> Path | None:
    """Uploads live next to a SQLite file (``out/kronik.db`` -> ``out/kronik-data``); None for a server URL."""
    if "://" in db:
        return None
    p = Path(db)
    return p.with_name(p.stem + "-data")


def app_from_env() -> FastAPI:
    """App factory for uvicorn worker processes (configured through the environment by :func:`run_server`)."""
    data = os.environ.get(_ENV_DATA)
    return create_app(os.environ[_ENV_DB], data_dir=data or None,
                      max_upload_bytes=int(os.environ.get(_ENV_MAX, DEFAULT_MAX_UPLOAD)))


def run_server(db: str, *, host: str = "127.0.0.1", port: int = 8000, data_dir: Path | None = None,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD, workers: int = 1, log: Any = None) -> None:
    import uvicorn

    from kronik.store.db import Store

    folder = data_dir or default_data_dir(db)
    Store(db)  # open (and migrate) once, before any worker starts
    if log is not None:
        log.print(f"Kronik on http://{host}:{port}/  (API /api/, OpenAPI /openapi.json; store {db})", highlight=False)
    if workers == 1:
        uvicorn.run(create_app(db, data_dir=folder, max_upload_bytes=max_upload_bytes), host=host, port=port,
                    log_level="warning", access_log=False)
        return
    os.environ[_ENV_DB] = db
    os.environ[_ENV_DATA] = str(folder or "")
    os.environ[_ENV_MAX] = str(max_upload_bytes)
    uvicorn.run("kronik.api.serve:app_from_env", factory=True, host=host, port=port, workers=workers,
                log_level="warning", access_log=False)

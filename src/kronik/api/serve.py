"""Running the app with uvicorn (``kronik serve``)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from kronik.api.app import DEFAULT_MAX_UPLOAD, create_app


def default_data_dir(db: str) -> Path | None:
    """Uploads live next to a SQLite file (``out/kronik.db`` -> ``out/kronik-data``); None for a server URL."""
    if "://" in db:
        return None
    p = Path(db)
    return p.with_name(p.stem + "-data")


def run_server(db: str, *, host: str = "127.0.0.1", port: int = 8000, data_dir: Path | None = None,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD, workers: int = 1, log: Any = None) -> None:
    import uvicorn

    from kronik.store.db import Store

    folder = data_dir or default_data_dir(db)
    Store(db).engine.dispose()  # open (and migrate) once, before any worker starts; no connection crosses a fork
    if log is not None:
        log.print(f"Kronik on http://{host}:{port}/  (API /api/, OpenAPI /openapi.json; store {db})", highlight=False)
    if workers == 1:
        uvicorn.run(create_app(db, data_dir=folder, max_upload_bytes=max_upload_bytes), host=host, port=port,
                    log_level="warning", access_log=False)
        return
    _run_forked(db, host, port, folder, max_upload_bytes, workers)


def _run_forked(db: str, host: str, port: int, folder: Path | None, max_upload_bytes: int, workers: int) -> None:
    """Several server processes on one listening socket, made here rather than by ``uvicorn --workers``:
    uvicorn's own socket has protocol 0, so asyncio never sets TCP_NODELAY on the connections it
    accepts, and every keep-alive response then waits ~40 ms for a delayed ACK (Nagle)."""
    import multiprocessing as mp
    import signal
    import socket

    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    ctx = mp.get_context("fork")
    procs = [ctx.Process(target=_worker, args=(sock, db, folder, max_upload_bytes), daemon=True) for _ in range(workers)]
    for p in procs:
        p.start()

    def stop(_sig: int, _frame: Any) -> None:
        for p in procs:
            p.terminate()
        raise SystemExit(0)

    signal.signal(signal.SIGTERM, stop)
    signal.signal(signal.SIGINT, stop)
    for p in procs:
        p.join()


def _worker(sock: Any, db: str, folder: Path | None, max_upload_bytes: int) -> None:
    import uvicorn

    config = uvicorn.Config(create_app(db, data_dir=folder, max_upload_bytes=max_upload_bytes), log_level="warning",
                            access_log=False)
    uvicorn.Server(config).run(sockets=[sock])

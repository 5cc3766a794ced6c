"""Running the app with uvicorn (``kronik serve``): the access policy, tokens, and the server's own limits."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from kronik.api.app import DEFAULT_MAX_UPLOAD, create_app
from kronik.api.security import Policy
from kronik.errors import RequestError

MAX_REQUEST_HEAD = 256 * 1024
"""Request line and headers uvicorn buffers (h11's default is 16 KB): a 100 KB query string then reaches
the app, which refuses it with a JSON 400 and the security headers instead of uvicorn's bare 400."""


def default_data_dir(db: str) -> Path | None:
    """Uploads live next to a SQLite file (``out/kronik.db`` -> ``out/kronik-data``); None for a server URL."""
    if "://" in db:
        return None
    p = Path(db)
    return p.with_name(p.stem + "-data")


def read_tokens(token_file: Path | None, write: list[str] | None = None,
                read: list[str] | None = None) -> tuple[list[str], list[str]]:
    """(write tokens, read tokens) from the options, ``KRONIK_WRITE_TOKEN`` / ``KRONIK_READ_TOKEN`` and a
    token file: one token per line, ``read:TOKEN`` for a read token, a bare line (or ``write:TOKEN``) for a
    write token, ``#`` comments.  A file readable by others is refused: it holds secrets."""
    w = [t for t in (write or []) if t] + [t for t in [os.environ.get("KRONIK_WRITE_TOKEN", "")] if t]
    r = [t for t in (read or []) if t] + [t for t in [os.environ.get("KRONIK_READ_TOKEN", "")] if t]
    if token_file is not None:
        try:
            mode = token_file.stat().st_mode
            lines = token_file.read_text(encoding="utf-8").splitlines()
        except OSError as exc:
            raise RequestError(f"cannot read the token file {token_file}: {exc.strerror}") from exc
        if mode & 0o077:
            raise RequestError(f"the token file {token_file} is readable by other users: chmod 600 it")
        for line in lines:
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            kind, sep, tok = line.partition(":")
            if sep and kind.strip() in ("read", "write"):
                (r if kind.strip() == "read" else w).append(tok.strip())
            else:
                w.append(line)
    short = [t for t in w + r if len(t) < 16]
    if short:
        raise RequestError("a token must be at least 16 characters (e.g. `python -c 'import secrets; "
                           "print(secrets.token_urlsafe(32))'`)")
    return w, r


def run_server(db: str, *, host: str = "127.0.0.1", port: int = 8000, data_dir: Path | None = None,
               max_upload_bytes: int = DEFAULT_MAX_UPLOAD, workers: int = 1, log: Any = None,
               policy: Policy | None = None, keep_uploads: bool = False) -> None:
    import uvicorn

    from kronik.store.db import Store

    policy = policy or Policy.for_bind(host, max_upload_bytes=max_upload_bytes)
    folder = data_dir or default_data_dir(db)
    store = Store(db, create=False)  # open (and migrate) once, before any worker starts
    if log is not None:
        _check_in_background(store, log)
    else:
        store.engine.dispose()  # no connection crosses a fork
    if log is not None:
        log.print(f"Kronik on http://{host}:{port}/  (API /api/, OpenAPI /openapi.json; store {db})", highlight=False)
        for line in policy.describe(host):
            log.print(("[yellow]" if line.startswith("WARNING") or "DISABLED" in line else "") + line, highlight=False)
    app_args = (db, folder, max_upload_bytes, policy, keep_uploads)
    if workers == 1:
        uvicorn.run(create_app(db, data_dir=folder, max_upload_bytes=max_upload_bytes, policy=policy,
                               keep_uploads=keep_uploads), host=host, port=port, **_uvicorn_options())
        return
    _run_forked(host, port, workers, app_args)


def _check_in_background(store: Any, log: Any) -> None:
    """Warn (without delaying start-up) when SQLite's quick_check finds the file damaged: queries that touch a
    damaged page fail with a clear 503, but the others would answer from a store missing part of its data."""
    import threading

    def check() -> None:
        problems = store.integrity_problems()
        store.engine.dispose()
        if problems:
            log.print("[red]WARNING: the database file is damaged[/red] (SQLite quick_check: "
                      + "; ".join(problems)[:500] + "): answers may be incomplete; restore it from a backup or "
                      "build it again with `kronik ingest`", highlight=False)

    threading.Thread(target=check, name="kronik-quick-check", daemon=True).start()


def _uvicorn_options() -> dict[str, Any]:
    """No access log (it would record query strings); the larger request head (see ``MAX_REQUEST_HEAD``);
    no ``Server`` header."""
    return {"log_level": "warning", "access_log": False, "h11_max_incomplete_event_size": MAX_REQUEST_HEAD,
            "server_header": False}


def _run_forked(host: str, port: int, workers: int, app_args: tuple[Any, ...]) -> None:
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
    procs = [ctx.Process(target=_worker, args=(sock, app_args), daemon=True) for _ in range(workers)]
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


def _worker(sock: Any, app_args: tuple[Any, ...]) -> None:
    import uvicorn

    db, folder, max_upload_bytes, policy, keep_uploads = app_args
    app = create_app(db, data_dir=folder, max_upload_bytes=max_upload_bytes, policy=policy, keep_uploads=keep_uploads)
    uvicorn.Server(uvicorn.Config(app, **_uvicorn_options())).run(sockets=[sock])

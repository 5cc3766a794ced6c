"""``kronik serve`` as a real process: one worker, and several workers sharing one socket."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kronik.store import Store


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.mark.parametrize("workers", [1, 2])
def test_api_serve_process_answers_and_stops(tmp_path: Path, workers: int) -> None:
    import httpx

    db = tmp_path / "k.db"
    Store(str(db))
    port = _free_port()
    proc = subprocess.Popen([sys.executable, "-m", "kronik", "serve", "--db", str(db), "--port", str(port),
                             "--workers", str(workers)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        end = time.time() + 60
        while True:
            try:
                with httpx.Client(base_url=f"http://127.0.0.1:{port}") as client:
                    for _ in range(3):  # keep-alive requests on one connection
                        r = client.get("/api/stats")
                        assert r.status_code == 200 and r.json()["articles"] == 0
                        assert "server-timing" in r.headers and "content-security-policy" in r.headers
                break
            except httpx.TransportError:
                assert proc.poll() is None, proc.stderr.read().decode() if proc.stderr else ""
                assert time.time() < end, "server did not come up"
                time.sleep(0.2)
        assert (tmp_path / "k-data" / "uploads").is_dir()  # uploads live next to the SQLite file
    finally:
        proc.terminate()
        proc.wait(20)
    time.sleep(0.3)
    with socket.socket() as s:  # every worker is gone: the port is free again
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        s.bind(("127.0.0.1", port))
    assert os.path.exists(db)

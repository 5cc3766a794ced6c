"""Any file system: odd names, ignore files, unreadable entries, FIFOs, devices, sockets and links.

Each case is one problem (or a documented skip) for that entry alone; the good files beside it are
read, nothing aborts and nothing hangs (every read here runs under an alarm).
"""

from __future__ import annotations

import contextlib
import json
import os
import signal
import socket
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from kronik.cli import app
from kronik.io import files
from kronik.io.files import path_of_label, source_label
from kronik.io.readers import RawDocument, read_documents
from kronik.model import Problem
from kronik.store.db import Store

ARTICLE = """Warga Kota Baru Tanam Seribu Pohon {n}
Senin, 8 Maret 2021 08:00 WIB
KOTA BARU, WARTANUSANTARA.COM - Ribuan warga Kota Baru menanam seribu pohon di bantaran sungai, kegiatan ke-{n}.
"Kami ingin sungai ini kembali hijau," kata Wali Kota Baru, Siti Rahmawati, saat membuka acara.
Kegiatan ini melibatkan pelajar, komunitas pecinta alam, dan aparat kecamatan setempat.
"""

runner = CliRunner()


@contextlib.contextmanager
def no_hang(seconds: float = 20.0) -> Iterator[None]:
    """Fail (instead of hanging the suite) if the body blocks, e.g. on a FIFO."""

    def alarm(*_: object) -> None:
        raise TimeoutError("blocked")

    old = signal.signal(signal.SIGALRM, alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, old)


def _read(*paths: str | Path) -> list[RawDocument | Problem]:
    with no_hang():
        return list(read_documents(list(paths)))


def _outcome(items: list[RawDocument | Problem], root: Path) -> dict[str, str]:
    """source (relative to root) -> 'ok' or the problem's reason."""
    prefix = str(root) + os.sep
    return {i.source.removeprefix(prefix): "ok" if isinstance(i, RawDocument) else i.reason for i in items}


def _good(d: Path, n: int = 1) -> Path:
    p = d / f"good{n}.txt"
    p.write_text(ARTICLE.format(n=n), encoding="utf-8")
    return p


# ------------------------------------------------------------------ names


def test_non_utf8_name_is_read_and_shown_escaped(tmp_path: Path) -> None:
    _good(tmp_path)
    bad = os.fsencode(tmp_path) + b"/caf\xe9 \xff.txt"
    with open(bad, "wb") as fh:
        fh.write(ARTICLE.format(n=2).encode())
    out = _outcome(_read(tmp_path), tmp_path)
    assert out == {"caf\\xe9 \\xff.txt": "ok", "good1.txt": "ok"}
    label = f"{tmp_path}/caf\\xe9 \\xff.txt"
    label.encode("utf-8")  # valid UTF-8, strictly
    assert os.fsencode(path_of_label(label)) == bad  # and reversible to the very bytes


def test_non_utf8_name_through_cli_json_store_and_export(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    _good(d)
    with open(os.fsencode(d) + b"/berita-\xe9\xe8.txt", "wb") as fh:
        fh.write(ARTICLE.format(n=2).encode())
    res = runner.invoke(app, ["analyze", str(d)])
    assert res.exit_code == 0, res.output
    sources = {Path(a["source"]).name for a in json.loads(res.stdout)["articles"]}
    assert sources == {"berita-\\xe9\\xe8.txt", "good1.txt"}
    db = tmp_path / "k.db"
    for _ in range(2):  # a rerun is a no-op, not the same failure again
        res = runner.invoke(app, ["ingest", str(d), "--db", str(db), "-q"])
        assert res.exit_code == 0, res.output
    assert Store(str(db)).counts()["articles"] == 2
    with sqlite3.connect(db) as con:
        stored = {Path(r[0]).name for r in con.execute("select source from documents")}
    assert stored == {"berita-\\xe9\\xe8.txt", "good1.txt"}
    exported = runner.invoke(app, ["export", "--db", str(db), "--format", "jsonl"])
    assert exported.exit_code == 0
    assert {Path(json.loads(ln)["source"]).name for ln in exported.stdout.splitlines()} == sources


def test_names_with_markup_newlines_and_backslashes(tmp_path: Path) -> None:
    names = ["[bold]x.txt", "baris\nbaru.txt", "c\\x41.txt", "-dash.txt", "# hash.txt", "spasi  ganda .txt"]
    for n, name in enumerate(names):
        (tmp_path / name).write_text(ARTICLE.format(n=n), encoding="utf-8")
    out = _read(tmp_path)
    assert all(isinstance(i, RawDocument) for i in out) and len(out) == len(names)
    labels = {Path(i.source).name for i in out}
    assert "baris\\x0abaru.txt" in labels and "c\\\\x41.txt" in labels and "[bold]x.txt" in labels
    assert {Path(path_of_label(i.source)).name for i in out} == set(names)
    res = runner.invoke(app, ["analyze", str(tmp_path), "--format", "jsonl"])
    assert res.exit_code == 0 and len(res.stdout.splitlines()) == len(names)


_NAME_BYTES = st.binary(min_size=1, max_size=40).filter(lambda b: b"/" not in b and b"\x00" not in b)


@settings(max_examples=300, derandomize=True, deadline=None)
@given(_NAME_BYTES)
def test_source_label_is_utf8_and_reversible(raw: bytes) -> None:
    name = os.fsdecode(raw)
    label = source_label(name)
    label.encode("utf-8")
    assert path_of_label(label) == name
    assert os.fsencode(path_of_label(label)) == raw


@settings(max_examples=200, derandomize=True, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\\"), max_size=40))
def test_source_label_leaves_ordinary_names_alone(name: str) -> None:
    assert source_label(name) == name


# ------------------------------------------------------------------ ignore files


def test_kronikignore_with_undecodable_bytes(tmp_path: Path) -> None:
    _good(tmp_path)
    with open(os.fsencode(tmp_path) + b"/lama-\xe9.txt", "wb") as fh:  # a latin-1 name ...
        fh.write(ARTICLE.format(n=2).encode())
    (tmp_path / "lain.txt").write_text(ARTICLE.format(n=3))
    (tmp_path / ".kronikignore").write_bytes(b"# catatan \xe9\xff\nlama-\xe9*\n")  # ... ignored by a latin-1 glob
    assert _outcome(_read(tmp_path), tmp_path) == {"good1.txt": "ok", "lain.txt": "ok"}


def test_kronikignore_unreadable_or_special_is_one_problem(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    _good(a)
    _good(b, 2)
    os.mkfifo(a / ".kronikignore")
    (b / ".kronikignore").write_text("nothing\n")
    _deny(monkeypatch, "open", b / ".kronikignore")
    out = _outcome(_read(tmp_path), tmp_path)
    assert out == {"a/.kronikignore": "special-file", "a/good1.txt": "ok", "b/.kronikignore": "unreadable", "b/good2.txt": "ok"}


# ------------------------------------------------------------------ unreadable


def _deny(monkeypatch: pytest.MonkeyPatch, func: str, path: Path) -> None:
    """``os.<func>`` raises PermissionError for this one path (as a chmod 000 would for a non-root user)."""
    real = getattr(os, func)

    def guarded(p: object, *args: object, **kwargs: object) -> object:
        if os.fspath(p) == str(path):  # type: ignore[arg-type]
            raise PermissionError(13, "Permission denied", os.fspath(p))  # type: ignore[arg-type]
        return real(p, *args, **kwargs)

    monkeypatch.setattr(os, func, guarded)


def test_unreadable_folder_and_file_are_problems(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    _good(locked, 9)
    _good(tmp_path, 1)
    secret = _good(tmp_path, 2)
    _deny(monkeypatch, "scandir", locked)
    _deny(monkeypatch, "open", secret)
    out = _outcome(_read(tmp_path), tmp_path)
    assert out == {"good1.txt": "ok", "good2.txt": "unreadable", "locked": "unreadable"}
    problem = next(i for i in _read(tmp_path) if isinstance(i, Problem) and i.source.endswith("good2.txt"))
    assert problem.detail == "Permission denied"


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root reads chmod 000 files and folders")
def test_unreadable_by_permissions(tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir()
    _good(locked, 9)
    _good(tmp_path, 1)
    secret = _good(tmp_path, 2)
    secret.chmod(0)
    locked.chmod(0)
    try:
        assert _outcome(_read(tmp_path), tmp_path) == {"good1.txt": "ok", "good2.txt": "unreadable", "locked": "unreadable"}
    finally:
        locked.chmod(0o755)
        secret.chmod(0o644)


def test_file_removed_while_reading_is_unreadable(tmp_path: Path) -> None:
    gone = _good(tmp_path, 1)
    it = iter(files.iter_files([tmp_path]))
    path = next(it)
    gone.unlink()
    with pytest.raises(files.Unreadable):
        files.read_bytes(Path(path), str(path))  # type: ignore[arg-type]


# ------------------------------------------------------------------ special files


def test_fifo_socket_and_devices_never_block(tmp_path: Path) -> None:
    _good(tmp_path)
    os.mkfifo(tmp_path / "pipe.txt")
    sock = socket.socket(socket.AF_UNIX)
    try:
        sock.bind(str(tmp_path / "sock.txt"))
        (tmp_path / "zero.txt").symlink_to("/dev/zero")
        out = _outcome(_read(tmp_path), tmp_path)
    finally:
        sock.close()
    assert out == {"good1.txt": "ok", "pipe.txt": "special-file", "sock.txt": "special-file", "zero.txt": "special-file"}
    given = _read("/dev/zero", "/dev/null", tmp_path / "pipe.txt")
    assert [(i.source, i.reason) for i in given if isinstance(i, Problem)] == [
        ("/dev/zero", "special-file"), ("/dev/null", "special-file"), (str(tmp_path / "pipe.txt"), "special-file")]
    assert "FIFO" in given[2].detail and "character device" in given[0].detail  # type: ignore[union-attr]


def test_cli_given_dev_zero_and_a_fifo_exits_cleanly(tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    with no_hang(60):
        res = runner.invoke(app, ["analyze", "/dev/zero", str(tmp_path / "pipe")])
    assert res.exit_code == 1  # every input failed
    assert res.stderr.count("special-file") == 2


# ------------------------------------------------------------------ links


def test_symlink_loops_and_dangling_links(tmp_path: Path) -> None:
    _good(tmp_path)
    (tmp_path / "loop1").symlink_to("loop2")
    (tmp_path / "loop2").symlink_to("loop1")
    (tmp_path / "self").symlink_to("self")
    (tmp_path / "dangling.txt").symlink_to("not-there.txt")
    sub = tmp_path / "sub"
    sub.mkdir()
    (sub / "up").symlink_to("..")  # a folder link back to an ancestor
    (sub / "also-good.txt").symlink_to(tmp_path / "good1.txt")  # a link to a file is read
    out = _outcome(_read(tmp_path), tmp_path)
    assert out == {"dangling.txt": "dangling-link", "good1.txt": "ok", "loop1": "symlink-loop", "loop2": "symlink-loop",
                   "self": "symlink-loop", "sub/also-good.txt": "ok", "sub/up": "symlink-loop"}
    dangling = next(i for i in _read(tmp_path) if isinstance(i, Problem) and i.reason == "dangling-link")
    assert "not-there.txt" in dangling.detail


def test_folder_reached_twice_through_links_is_read_once(tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir()
    _good(real)
    (tmp_path / "link-a").symlink_to(real)
    (tmp_path / "link-b").symlink_to(real)
    assert _outcome(_read(tmp_path), tmp_path) == {"link-a/good1.txt": "ok"}


def test_cli_given_a_dangling_link_reports_it(tmp_path: Path) -> None:
    (tmp_path / "gone.txt").symlink_to("nowhere.txt")
    _good(tmp_path)
    res = runner.invoke(app, ["analyze", str(tmp_path / "gone.txt"), str(tmp_path / "good1.txt")])
    assert res.exit_code == 0 and "dangling-link" in res.stderr


# ------------------------------------------------------------------ size cap and types


@pytest.mark.skipif(not Path("/proc/self/maps").is_file(), reason="needs Linux /proc")
def test_size_cap_counts_bytes_read_not_the_reported_size(monkeypatch: pytest.MonkeyPatch) -> None:
    proc = Path("/proc/self/maps")  # a regular file whose st_size is 0 but holds kilobytes
    assert proc.stat().st_size == 0
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 64)
    (item,) = _read(proc)
    assert isinstance(item, Problem) and item.reason == "too-large"


def test_unsupported_types_by_extension_or_signature(tmp_path: Path) -> None:
    import gzip

    _good(tmp_path)
    (tmp_path / "laporan.pdf").write_text(ARTICLE.format(n=2))  # by extension, not even read
    (tmp_path / "memo.docx").write_bytes(b"PK\x03\x04" + b"\x00" * 50)
    (tmp_path / "foto.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 50)  # by signature
    (tmp_path / "scan.txt.gz").write_bytes(gzip.compress(b"%PDF-1.7\n" + b"x" * 100))
    (tmp_path / "arsip.tar.gz").write_bytes(gzip.compress(b"x" * 600))
    out = _outcome(_read(tmp_path), tmp_path)
    assert out == {"arsip.tar.gz": "unsupported", "foto.txt": "unsupported", "good1.txt": "ok",
                   "laporan.pdf": "unsupported", "memo.docx": "unsupported", "scan.txt.gz": "unsupported"}
    # a headline that merely starts like a signature is text
    (tmp_path / "mz.txt").write_text("MZ Pratama terpilih lagi\n" + ARTICLE.format(n=4))
    assert _outcome(_read(tmp_path / "mz.txt"), tmp_path) == {"mz.txt": "ok"}


def test_non_utf8_name_over_the_api(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    from kronik.api import create_app
    from kronik.ingest import ingest

    d = tmp_path / "in"
    d.mkdir()
    with open(os.fsencode(d) + b"/laporan-\xe9.txt", "wb") as fh:
        fh.write(ARTICLE.format(n=5).encode())
    store = Store(str(tmp_path / "k.db"))
    ingest([d], store)
    with TestClient(create_app(store, data_dir=tmp_path / "data"), base_url="http://127.0.0.1") as client:
        (art,) = store.articles()
        one = client.get(f"/api/articles/{art.id}")
        assert one.status_code == 200
        one.content.decode("utf-8")  # strictly valid UTF-8 on the wire
        assert one.json()["source"] == f"{d}/laporan-\\xe9.txt"

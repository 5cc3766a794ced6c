"""kronik watch: files dropped into a folder are ingested once stable; partial and temporary files are not."""

from __future__ import annotations

import threading
import time
from pathlib import Path

from typer.testing import CliRunner

from kronik.cli import app
from kronik.store import open_store
from kronik.watch import WatchState, is_temporary, scan, watch

ARTICLE = """Banjir Rendam {n} Desa di Kabupaten Lebak
Selasa, 9 Maret 2021 10:00 WIB
LEBAK, WARTANUSANTARA.COM - Banjir merendam {n} desa di Kabupaten Lebak setelah hujan deras mengguyur sejak Senin malam.
"Kami sudah mengirim perahu karet ke desa yang terendam," kata Kepala BPBD Lebak, Agus Salim, di Rangkasbitung.
Warga di bantaran sungai Ciujung mengungsi ke balai desa dan masjid terdekat, laporan nomor {n}.
© 2021 WartaNusantara.com
"""


def _wait(cond, timeout: float = 30.0) -> bool:
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        if cond():
            return True
        time.sleep(0.05)
    return False


def test_temporary_and_hidden_files_are_never_taken(tmp_path: Path) -> None:
    for name in ("a.txt", "b.txt.part", "c.tmp", ".hidden.txt", "d.txt~", "e.crdownload", "~lock.txt"):
        (tmp_path / name).write_text("x")
    (tmp_path / ".cache").mkdir()
    (tmp_path / ".cache" / "f.txt").write_text("x")
    assert [p.name for p in scan(tmp_path)] == ["a.txt"]
    assert is_temporary(Path("x.PART")) and not is_temporary(Path("x.txt"))


def test_a_file_is_taken_only_once_its_size_is_stable() -> None:
    st = WatchState()
    p = Path("a.txt")
    assert st.ready({p: (10, 1)}) == []  # first sight
    st.seen = {p: (10, 1)}
    assert st.ready({p: (20, 2)}) == []  # still growing
    st.seen = {p: (20, 2)}
    assert st.ready({p: (20, 2)}) == [p]  # unchanged over two polls
    st.done[p] = (20, 2)
    assert st.ready({p: (20, 2)}) == []  # already ingested
    assert st.ready({p: (0, 3)}) == []  # truncated to nothing: an in-progress rewrite, not taken


def test_watch_ingests_files_as_they_appear_and_extends_events(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    store = open_store(str(tmp_path / "k.db"))
    stop = threading.Event()
    rounds: list[int] = []
    t = threading.Thread(target=watch, args=(inbox, store),
                         kwargs={"interval": 0.05, "stop": stop, "on_round": lambda files, rep: rounds.append(rep.articles)})
    t.start()
    try:
        part = inbox / "a.txt.part"
        part.write_text(ARTICLE.format(n=3)[:80], encoding="utf-8")  # a download in progress
        time.sleep(0.3)
        assert store.counts()["articles"] == 0
        part.write_text(ARTICLE.format(n=3), encoding="utf-8")
        part.rename(inbox / "a.txt")
        assert _wait(lambda: store.counts()["articles"] == 1 and store.counts()["events"] == 1)
        first_event = store.events()[0].id
        (inbox / "b.txt").write_text(ARTICLE.format(n=3).replace("10:00 WIB", "11:30 WIB")
                                     .replace("masjid terdekat", "masjid dan sekolah terdekat"), encoding="utf-8")
        sub = inbox / "later"
        sub.mkdir()
        (sub / "c.txt").write_text(ARTICLE.format(n=5), encoding="utf-8")
        assert _wait(lambda: store.counts()["articles"] == 3)
        assert _wait(lambda: all(a.event for a in store.articles()))
    finally:
        stop.set()
        t.join(30)
    assert not t.is_alive()
    arts = {Path(a.source).name: a for a in store.articles()}
    assert arts["a.txt"].event == first_event  # earlier events keep their ids ...
    assert arts["b.txt"].duplicate_of == arts["a.txt"].id and arts["b.txt"].event == first_event  # ... and grow
    assert sum(rounds) == 3


def test_cli_watch_once_ingests_what_is_there_and_exits(tmp_path: Path) -> None:
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(3):
        (inbox / f"{n}.txt").write_text(ARTICLE.format(n=n + 10), encoding="utf-8")
    (inbox / "skip.tmp").write_text(ARTICLE.format(n=99), encoding="utf-8")
    db = tmp_path / "k.db"
    res = CliRunner().invoke(app, ["watch", str(inbox), "--db", str(db), "--once", "--interval", "0.05"])
    assert res.exit_code == 0, res.output
    assert "3 files ingested" in res.stderr
    counts = open_store(str(db)).counts()
    assert counts["articles"] == 3 and counts["events"] >= 1
    again = CliRunner().invoke(app, ["watch", str(inbox), "--db", str(db), "--max-polls", "3", "--interval", "0.05", "-q"])
    assert again.exit_code == 0 and open_store(str(db)).counts()["articles"] == 3  # stored files: no-ops


def _attempts_with_one_failing_file(tmp_path: Path, monkeypatch, **kwargs) -> tuple[int, list, object]:
    import kronik.watch as watch_mod

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    for n in range(3):
        (inbox / f"{n}.txt").write_text(ARTICLE.format(n=n + 20), encoding="utf-8")
    (inbox / "poison.txt").write_text(ARTICLE.format(n=99), encoding="utf-8")
    real = watch_mod.ingest
    tries = {"poison": 0}

    def flaky(files, *args, **kw):  # a bug that only this one file meets
        if any(p.name == "poison.txt" for p in files):
            tries["poison"] += 1
            raise RuntimeError("boom")
        return real(files, *args, **kw)

    monkeypatch.setattr(watch_mod, "ingest", flaky)
    errors: list = []
    store = open_store(str(tmp_path / "k.db"))
    kwargs.setdefault("on_error", lambda files, exc: errors.append(files))
    state = watch(inbox, store, interval=0.001, max_polls=40, **kwargs)
    assert store.counts()["articles"] == 3  # the others were stored in the very round that failed
    return tries["poison"], errors, state


def test_watch_isolates_a_failing_file_and_backs_off(tmp_path: Path, monkeypatch) -> None:
    tries, errors, state = _attempts_with_one_failing_file(tmp_path, monkeypatch)
    # the failed round, alone at once, then alone after 2, 4, 8, 16 polls: not once per poll for 40 polls
    assert tries == 6, tries
    assert all([p.name for p in files] == ["poison.txt"] for files in errors)
    assert state.files == 3 and state.failures == tries - 1


def test_watch_backoff_is_capped(tmp_path: Path, monkeypatch) -> None:
    tries, _, _ = _attempts_with_one_failing_file(tmp_path, monkeypatch, max_backoff=0.002)  # at most 2 polls apart
    assert tries >= 15, tries


def test_watch_without_on_error_still_raises(tmp_path: Path, monkeypatch) -> None:
    import pytest

    with pytest.raises(RuntimeError, match="boom"):
        _attempts_with_one_failing_file(tmp_path, monkeypatch, on_error=None)


def test_watch_reports_special_entries_once_and_goes_on(tmp_path: Path) -> None:
    import os

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "dangling.txt").symlink_to("nowhere")
    with open(os.fsencode(inbox) + b"/caf\xe9.txt", "wb") as fh:
        fh.write(ARTICLE.format(n=7).encode())
    reported: list = []
    store = open_store(str(tmp_path / "k.db"))
    state = watch(inbox, store, interval=0.001, max_polls=10, on_problems=reported.extend)
    assert sorted(p.reason for p in reported) == ["dangling-link", "special-file"]
    assert state.files == 1 and [a.source for a in store.articles()] == [f"{inbox}/caf\\xe9.txt"]


def test_cli_watch_once_with_odd_entries_ends(tmp_path: Path) -> None:
    import os

    inbox = tmp_path / "inbox"
    inbox.mkdir()
    os.mkfifo(inbox / "pipe.txt")
    (inbox / "a.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
    (inbox / ".kronikignore").write_bytes(b"lama-\xe9*\n")
    res = CliRunner().invoke(app, ["watch", str(inbox), "--db", str(tmp_path / "k.db"), "--once", "--interval", "0.05"])
    assert res.exit_code == 0, res.output
    assert "1 files ingested" in res.stderr and res.stderr.count("special-file") == 1

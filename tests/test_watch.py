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

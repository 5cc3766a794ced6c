"""The CLI as a user runs it: real files in, JSON out, a SQLite store that stays consistent."""

from __future__ import annotations

import gzip
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronik import ingest as ingest_mod
from kronik.cli import app
from kronik.model import Output
from kronik.store.db import Store

runner = CliRunner()

ARTICLE = """Warga Kota Baru Tanam Seribu Pohon {n}
Senin, 8 Maret 2021 08:00 WIB
KOTA BARU, WARTANUSANTARA.COM - Ribuan warga Kota Baru menanam seribu pohon di bantaran sungai pada Minggu pagi, kegiatan ke-{n}.
Baca juga: Harga Cabai Melonjak Jelang Lebaran
"Kami ingin sungai ini kembali hijau," kata Wali Kota Baru, Siti Rahmawati, saat membuka acara.
Kegiatan ini melibatkan pelajar, komunitas pecinta alam, dan aparat kecamatan setempat.
© 2021 WartaNusantara.com
"""


def _mixed_dir(tmp_path: Path) -> Path:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE.format(n=1), encoding="utf-8")
    (d / "b.txt").write_bytes(ARTICLE.format(n=2).encode("utf-16"))
    (d / "c.txt").write_bytes(ARTICLE.format(n=3).replace('"', "“", 1).encode("cp1252"))
    (d / "d.txt.gz").write_bytes(gzip.compress(ARTICLE.format(n=4).encode()))
    (d / "e_empty.txt").write_bytes(b"")
    (d / "f_binary.txt").write_bytes(bytes(range(256)) * 8)
    body = " ".join(f"kata{i * 7919 % 10007}" for i in range(5000)).encode()
    (d / "g_truncated.txt.gz").write_bytes(gzip.compress(body)[:200])
    (d / "h_utf8bom.txt").write_bytes(b"\xef\xbb\xbf" + ARTICLE.format(n=5).encode())
    (d / "i_script.html").write_text("<html><body><script>alert(1)</script><p onload='x()'>Halo</p></body></html>")
    return d


def test_cli_analyze_reports_bad_files_and_keeps_going(tmp_path: Path) -> None:
    d = _mixed_dir(tmp_path)
    res = runner.invoke(app, ["analyze", str(d), "--format", "json"])
    assert res.exit_code == 0, res.output
    doc = json.loads(res.stdout)
    out = Output.model_validate(doc)
    assert len(out.articles) == 5
    assert {Path(a.source).name for a in out.articles} == {"a.txt", "b.txt", "c.txt", "d.txt.gz", "h_utf8bom.txt"}
    reasons = {Path(p.source).name: p.reason for p in out.problems}
    assert reasons == {"e_empty.txt": "empty", "f_binary.txt": "binary", "g_truncated.txt.gz": "truncated",
                       "i_script.html": "no-article-text"}
    c = next(a for a in out.articles if a.source.endswith("c.txt"))
    assert c.paragraphs[1].startswith("“Kami ingin")
    assert all(a.outlet == "WartaNusantara.com" and a.published == "2021-03-08T08:00:00+07:00" for a in out.articles)


def test_cli_schema_is_json_schema() -> None:
    res = runner.invoke(app, ["schema"])
    schema = json.loads(res.stdout)
    assert schema["title"] == "kronik/1"
    assert "Article" in schema["$defs"]


def test_cli_ingest_idempotent(tmp_path: Path) -> None:
    d = _mixed_dir(tmp_path)
    db = tmp_path / "k.db"
    assert runner.invoke(app, ["ingest", str(d), "--db", str(db), "-q"]).exit_code == 0
    first = Store(str(db)).counts()
    assert first["articles"] == 5
    res = runner.invoke(app, ["ingest", str(d), "--db", str(db), "-q"])
    assert res.exit_code == 0
    assert Store(str(db)).counts() == first
    assert "0 new articles" in res.stderr


def test_cli_ingest_failed_batch_rolls_back_and_resumes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for n in range(7):
        (d / f"{n}.txt").write_text(ARTICLE.format(n=n))
    db = tmp_path / "k.db"
    store = Store(str(db))
    real = Store._write_articles
    calls = {"n": 0}

    def flaky(self: Store, conn: object, *args: object, **kwargs: object) -> None:
        calls["n"] += 1
        real(self, conn, *args, **kwargs)  # the second batch's rows are written, then the disk "fills"
        if calls["n"] == 2:
            raise RuntimeError("disk full")

    monkeypatch.setattr(Store, "_write_articles", flaky)
    with pytest.raises(RuntimeError):
        ingest_mod.ingest([d], store, batch_size=3)
    counts = store.counts()
    assert counts["articles"] == 3 and counts["documents"] == 3  # first batch only, second rolled back whole
    monkeypatch.setattr(Store, "_write_articles", real)
    report = ingest_mod.ingest([d], store, batch_size=3)
    assert report.skipped == 3 and report.articles == 4
    assert store.counts()["articles"] == 7


def test_cli_ingest_killed_midway_leaves_consistent_db(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for n in range(600):
        (d / f"{n:04d}.txt").write_text(ARTICLE.format(n=n) + f"\nParagraf tambahan nomor {n} yang membuat isi unik.\n")
    db = tmp_path / "k.db"
    cmd = [sys.executable, "-m", "kronik", "ingest", str(d), "--db", str(db), "-q", "--batch", "20"]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if db.exists():
            try:
                with sqlite3.connect(db) as con:
                    if con.execute("select count(*) from documents").fetchone()[0] >= 40:
                        break
            except sqlite3.OperationalError:
                pass
        time.sleep(0.05)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    with sqlite3.connect(db) as con:
        assert con.execute("pragma integrity_check").fetchone()[0] == "ok"
        docs = con.execute("select count(*) from documents").fetchone()[0]
        arts = con.execute("select count(*) from articles").fetchone()[0]
        orphans = con.execute("select count(*) from paragraphs where article_id not in (select id from articles)").fetchone()[0]
        unrecorded = con.execute("select count(*) from articles where id not in (select article_id from documents)").fetchone()[0]
    assert docs == arts and orphans == 0 and unrecorded == 0
    assert 0 < docs < 600
    res = subprocess.run(cmd, capture_output=True, text=True, check=True)
    assert f"{600 - docs} new articles, {docs} already stored" in res.stderr
    assert Store(str(db)).counts()["articles"] == 600


def test_cli_analyze_two_processes_same_as_one(tmp_path: Path) -> None:
    d = _mixed_dir(tmp_path)
    one = json.loads(runner.invoke(app, ["analyze", str(d)]).stdout)
    two = json.loads(runner.invoke(app, ["analyze", str(d), "--jobs", "2"]).stdout)
    assert one == two


def test_cli_analyze_fills_duplicates_events_and_stories(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE.format(n=1))
    near = ARTICLE.format(n=1).replace("Senin, 8 Maret 2021 08:00 WIB", "Senin, 8 Maret 2021 09:30 WIB")
    near = near.replace("aparat kecamatan setempat.", "aparat kecamatan setempat serta relawan dari kota tetangga.")
    (d / "b.txt").write_text(near)
    out = Output.model_validate(json.loads(runner.invoke(app, ["analyze", str(d)]).stdout))
    a, b = sorted(out.articles, key=lambda x: x.published or "")
    assert b.duplicate_of == a.id and a.duplicate_of is None
    assert a.event and a.event == b.event and a.story == b.story
    assert [e.id for e in out.events] == [a.event] and len(out.stories) == 1


# ------------------------------------------------------------------ failures are not stored documents


def _boom_stage() -> str:
    from kronik.pipeline import stage

    @stage("test-boom", requires=("paragraphs",), assigns=())
    def boom(article):  # type: ignore[no-untyped-def]
        raise RuntimeError("stage bug")

    return "test-boom"


def test_stage_failure_is_not_recorded_and_a_rerun_retries_it(tmp_path: Path) -> None:
    from kronik.pipeline import Settings

    d = tmp_path / "in"
    d.mkdir()
    (d / "a.txt").write_text(ARTICLE.format(n=1))
    (d / "short.txt").write_text("Halo.")
    store = Store(str(tmp_path / "k.db"))
    failing = Settings(stages=(_boom_stage(),))
    first = ingest_mod.ingest([d], store, settings=failing)
    assert sorted(p.reason for p in first.problems) == ["no-article-text", "stage-failed"]
    assert store.counts()["documents"] == 1  # only the short file: a property of its bytes
    again = ingest_mod.ingest([d], store, settings=failing)
    assert again.skipped == 1 and [p.reason for p in again.problems] == ["stage-failed"]  # retried, not skipped
    fixed = ingest_mod.ingest([d], store)
    assert fixed.articles == 1 and fixed.skipped == 1 and store.counts()["articles"] == 1


def test_cli_bad_outlets_file_is_a_configuration_error(tmp_path: Path) -> None:
    d = _mixed_dir(tmp_path)
    for content in ("{not json", '{"outlets": [{"nama": "x"}]}', '["a list"]'):
        bad = tmp_path / "outlets.json"
        bad.write_text(content)
        for cmd in (["analyze", str(d)], ["ingest", str(d), "--db", str(tmp_path / "k.db")],
                    ["watch", str(d), "--db", str(tmp_path / "k.db"), "--once"]):
            res = runner.invoke(app, [*cmd, "--outlets", str(bad)])
            assert res.exit_code == 2, (cmd, content, res.output)
            assert "cannot use --outlets" in res.stderr
    missing = runner.invoke(app, ["analyze", str(d), "--outlets", str(tmp_path / "nope.json")])
    assert missing.exit_code == 2 and "No such file" in missing.stderr
    assert not (tmp_path / "k.db").exists() or Store(str(tmp_path / "k.db")).counts()["documents"] == 0


def test_cli_every_input_failing_exits_nonzero(tmp_path: Path) -> None:
    d = tmp_path / "bad"
    d.mkdir()
    (d / "empty.txt").write_bytes(b"")
    (d / "scan.pdf").write_bytes(b"%PDF-1.4")
    db = tmp_path / "k.db"
    res = runner.invoke(app, ["ingest", str(d), "--db", str(db), "-q"])
    assert res.exit_code == 1 and "every input failed" in res.stderr and "unsupported" in res.stderr
    assert runner.invoke(app, ["analyze", str(d)]).exit_code == 1
    (d / "good.txt").write_text(ARTICLE.format(n=1))
    assert runner.invoke(app, ["ingest", str(d), "--db", str(db), "-q"]).exit_code == 0  # some failed: 0
    assert runner.invoke(app, ["ingest", str(d), "--db", str(db), "-q"]).exit_code == 0  # all already stored: 0
    empty = tmp_path / "nothing"
    empty.mkdir()
    assert runner.invoke(app, ["ingest", str(empty), "--db", str(db), "-q"]).exit_code == 0  # no input: nothing failed


def _kronik(args: list[str]) -> subprocess.CompletedProcess[str]:
    """The installed command as a user runs it (its main maps Kronik's errors to exit codes)."""
    return subprocess.run([sys.executable, "-m", "kronik", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("cmd", [["search", "gempa"], ["export"], ["serve", "--port", "1"], ["cluster"]])
def test_cli_read_commands_refuse_a_missing_store(tmp_path: Path, cmd: list[str]) -> None:
    db = tmp_path / "typo.db"
    res = _kronik([*cmd, "--db", str(db)])
    assert res.returncode == 3 and "no store at" in res.stderr and "Traceback" not in res.stderr  # kronik.errors: store unavailable
    assert not db.exists()
    url = _kronik([*cmd, "--db", f"sqlite:///{db}"])
    assert url.returncode == 3 and not db.exists()


def test_cli_read_commands_refuse_an_empty_postgresql_database(pg_url: str) -> None:
    from sqlalchemy import create_engine, inspect

    res = _kronik(["search", "gempa", "--db", pg_url])
    assert res.returncode == 3 and "no store at" in res.stderr and "Traceback" not in res.stderr
    engine = create_engine(pg_url)
    with engine.connect() as conn:
        assert inspect(conn).get_table_names() == []  # nothing was created
    engine.dispose()
    Store(pg_url)  # ingest/watch create it; then reading works
    assert runner.invoke(app, ["search", "gempa", "--db", pg_url]).exit_code == 0

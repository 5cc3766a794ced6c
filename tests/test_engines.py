"""Engines: the local pool and a real dask.distributed LocalCluster give the same stored results;
a worker killed mid-run loses no article; the input is consumed with backpressure."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from kronik.engines import ordered_batches, process_batch
from kronik.engines.local import LocalEngine
from kronik.ingest import ingest
from kronik.io.readers import RawDocument, read_documents
from kronik.model import Problem
from kronik.pipeline import Settings
from kronik.store import open_store

distributed = pytest.importorskip("distributed")

ARTICLE = """Warga Kota Baru Tanam Seribu Pohon {n}
Senin, 8 Maret 2021 08:00 WIB
KOTA BARU, WARTANUSANTARA.COM - Ribuan warga Kota Baru menanam seribu pohon di bantaran sungai pada Minggu pagi, kegiatan ke-{n}.
Baca juga: Harga Cabai Melonjak Jelang Lebaran
"Kami ingin sungai ini kembali hijau," kata Wali Kota Baru, Siti Rahmawati, saat membuka acara.
Kegiatan ini melibatkan pelajar, komunitas pecinta alam, dan aparat kecamatan setempat nomor {n}.
© 2021 WartaNusantara.com
"""


@pytest.fixture(scope="module")
def cluster() -> Iterator[object]:
    import logging

    with distributed.LocalCluster(n_workers=2, processes=True, threads_per_worker=1, dashboard_address=":0",
                                  scheduler_port=0, silence_logs=logging.ERROR) as c:
        yield c


def _snapshot(store) -> tuple[list[dict], list[dict], list[dict], dict[str, int]]:
    arts = sorted((a.model_dump() for a in store.articles()), key=lambda a: a["id"])
    events = sorted((e.model_dump() for e in store.events()), key=lambda e: e["id"])
    stories = sorted((s.model_dump() for s in store.stories()), key=lambda s: s["id"])
    return arts, events, stories, store.counts()


def test_dask_and_local_store_the_same_articles_events_and_stories(corpus_dir: Path, tmp_path: Path, cluster) -> None:
    from kronik.engines.dask import DaskEngine

    local = open_store(str(tmp_path / "local.db"))
    ingest([corpus_dir], local, jobs=1)
    dask_store = open_store(str(tmp_path / "dask.db"))
    with DaskEngine(scheduler=cluster.scheduler_address, batch=5) as eng:
        rep = ingest([corpus_dir], dask_store, engine=eng)
        assert eng.fallbacks == 0
    assert rep.articles == local.counts()["articles"] > 50
    a, b = _snapshot(local), _snapshot(dask_store)
    assert a[3] == b[3]
    assert a[0] == b[0]  # articles with their duplicate_of, event and story
    assert a[1] == b[1] and a[2] == b[2]
    with local.engine.connect() as c1, dask_store.engine.connect() as c2:
        for q in ("select article_id, data from features order by article_id",
                  "select rowid, title, body from search_fts order by rowid"):  # search rows stemmed on the workers
            assert c1.exec_driver_sql(q).fetchall() == c2.exec_driver_sql(q).fetchall()


def test_local_pool_same_as_one_process_with_problems_in_place(tmp_path: Path) -> None:
    d = tmp_path / "in"
    d.mkdir()
    for n in range(30):
        (d / f"{n:03d}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    (d / "015_empty.txt").write_bytes(b"")
    (d / "016_binary.txt").write_bytes(bytes(range(256)) * 8)
    one = [(doc and doc.source, res.model_dump()) for doc, res in LocalEngine(1).run(read_documents([d]), Settings())]
    with LocalEngine(2, chunk=4) as eng:
        two = [(doc and doc.source, res.model_dump()) for doc, res in eng.run(read_documents([d]), Settings())]
        again = [(doc and doc.source, res.model_dump()) for doc, res in eng.run(read_documents([d]), Settings())]
    assert one == two == again
    assert sum(1 for src, _ in one if src is None) == 2  # reader problems pass through in their place


def test_dask_engine_killed_worker_loses_no_article(tmp_path: Path, cluster) -> None:
    from kronik.engines.dask import DaskEngine

    d = tmp_path / "in"
    d.mkdir()
    n_docs = 240
    for n in range(n_docs):
        (d / f"{n:04d}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    store = open_store(str(tmp_path / "k.db"))
    killed: list[int] = []
    busy: list[int] = []
    with DaskEngine(scheduler=cluster.scheduler_address, batch=4, in_flight=4) as eng:
        pids = eng.client.run(os.getpid)
        stop = threading.Event()

        def killer() -> None:  # kill a worker while it is running batches
            while not stop.is_set():
                processing = {a: t for a, t in eng.client.processing().items() if t and a in pids}
                if processing:
                    addr, tasks = next(iter(processing.items()))
                    busy.append(len(tasks))
                    os.kill(pids[addr], signal.SIGKILL)
                    killed.append(pids[addr])
                    return
                time.sleep(0.005)

        t = threading.Thread(target=killer)
        t.start()
        try:
            rep = ingest([d], store, engine=eng, batch_size=8)
        finally:
            stop.set()
            t.join()
        after = eng.client.run(os.getpid)
    assert killed and killed[0] not in after.values()  # the worker really died (its nanny started a new one)
    assert busy[0] > 0  # ... while it held batches, which then ran elsewhere
    assert rep.articles == n_docs and not rep.problems
    assert store.counts()["articles"] == n_docs and store.counts()["documents"] == n_docs


def test_ordered_batches_reads_input_lazily_and_keeps_order() -> None:
    pulled = {"n": 0}

    def docs() -> Iterator[RawDocument | Problem]:
        for i in range(100):
            pulled["n"] += 1
            yield Problem(source=f"p{i}", reason="empty", detail="") if i % 7 == 0 else \
                RawDocument(source=f"d{i}", format="text", text=f"x{i}")

    submitted: list[list[str]] = []

    def submit(batch: list[RawDocument]) -> list[str]:
        submitted.append([d.source for d in batch])
        return [d.source for d in batch]

    def collect(handle: list[str], batch: list[RawDocument]) -> list[tuple[object, None, None]]:
        return [(Problem(source=s, reason="ok", detail=""), None, None) for s in handle]

    out = ordered_batches(docs(), 5, 3, submit, collect)
    first = next(out)
    assert pulled["n"] <= 5 * 4  # only the window was read, not the whole input
    rest = [first, *out]
    assert [p.result.source for p in rest] == [f"p{i}" if i % 7 == 0 else f"d{i}" for i in range(100)]
    assert [p.doc is None for p in rest] == [i % 7 == 0 for i in range(100)]


def test_process_batch_computes_features_and_search_rows_on_the_worker() -> None:
    from kronik.corpus.features import load_features
    from kronik.corpus.settings import CorpusSettings

    doc = RawDocument(source="a.txt", format="text", text=ARTICLE.format(n=1))
    from kronik.store.search import index_row

    (art, feats, idx), = process_batch([doc], Settings(), CorpusSettings())
    assert feats is not None and load_features(feats).id == art.id
    assert idx == index_row(art.id, art.title, art.paragraphs)  # stemmed on the worker, not by the writer
    (_, none, no_idx), = process_batch([doc], Settings(), None)
    assert none is None and no_idx is None


def test_cli_ingest_on_a_dask_scheduler(tmp_path: Path, cluster) -> None:
    from typer.testing import CliRunner

    from kronik.cli import app

    d = tmp_path / "in"
    d.mkdir()
    for n in range(12):
        (d / f"{n:03d}.txt").write_text(ARTICLE.format(n=n), encoding="utf-8")
    db = tmp_path / "k.db"
    res = CliRunner().invoke(app, ["ingest", str(d), "--db", str(db), "-q", "--scheduler", cluster.scheduler_address])
    assert res.exit_code == 0, res.output
    assert "12 new articles" in res.stderr
    bad = CliRunner().invoke(app, ["ingest", str(d), "--db", str(db), "-q", "--engine", "spark"])
    assert bad.exit_code != 0

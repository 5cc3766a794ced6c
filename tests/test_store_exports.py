"""Exports (JSONL, CSV, Parquet, JSON) of the whole store or of a search, and the CLI around them."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from kronik.cli import app
from kronik.io import writers
from kronik.model import Article, Entity, Quote
from kronik.store import Store
from kronik.store.search import SearchQuery


def _store(path: Path) -> Store:
    arts = [
        Article(id="a" * 16, source="a.txt", format="text", title="Pemerintah Buka Dialog", outlet="Kompas.com",
                published="2021-10-13T09:30:00+07:00", authors=["Rina", "Budi"], paragraphs=["Pemerintah siap berdialog.", "Baris, dua \"kutip\"."],
                entities=[Entity(text="Pemerintah", label="ORG", canonical="Pemerintah RI", paragraph=0, start=0, end=10)],
                quotes=[Quote(text="Kami siap", speaker="Budi Santoso", speaker_text="Budi", paragraph=1)]),
        Article(id="b" * 16, source="b.txt", format="text", title="Harga Solar", outlet="Tempo.co",
                published="2021-10-20T08:00:00+07:00", paragraphs=["Harga solar naik."]),
    ]
    store = Store(str(path))
    store.write_batch([(None, a) for a in arts])
    return store


def test_writers_formats_roundtrip(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    store = _store(tmp_path / "k.db")
    every = list(writers.export_articles(store))
    assert [a.id for a in every] == ["a" * 16, "b" * 16]
    hits = list(writers.export_articles(store, SearchQuery(q="dialog")))
    assert [a.id for a in hits] == ["a" * 16]
    buf = io.StringIO()
    writers.write_jsonl(hits, buf)
    assert Article.model_validate(json.loads(buf.getvalue())) == hits[0]
    buf = io.StringIO()
    writers.write_csv(every, buf)
    rows = list(csv.DictReader(io.StringIO(buf.getvalue())))
    assert rows[0]["authors"] == "Rina; Budi" and rows[0]["entities"] == "Pemerintah RI"
    assert rows[0]["text"] == 'Pemerintah siap berdialog.\n\nBaris, dua "kutip".' and rows[1]["speakers"] == ""
    writers.write_parquet(every, str(tmp_path / "x.parquet"))
    table = pq.read_table(tmp_path / "x.parquet").to_pylist()
    assert table[0]["authors"] == ["Rina", "Budi"] and table[0]["n_paragraphs"] == 2 and table[1]["outlet"] == "Tempo.co"
    writers.write_parquet([], str(tmp_path / "empty.parquet"))
    assert pq.read_table(tmp_path / "empty.parquet").num_rows == 0


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "parquet"])
def test_cli_export_search_result(tmp_path: Path, fmt: str) -> None:
    _store(tmp_path / "k.db")
    out = tmp_path / f"out.{fmt}"
    res = CliRunner().invoke(app, ["export", "--db", str(tmp_path / "k.db"), "--format", fmt, "-o", str(out),
                                   "--q", "berdialog"])
    assert res.exit_code == 0, res.output
    if fmt == "parquet":
        import pyarrow.parquet as pq

        assert pq.read_table(out).column("id").to_pylist() == ["a" * 16]
    elif fmt == "json":
        doc = json.loads(out.read_text("utf-8"))
        assert doc["schema"] == "kronik/1" and [a["id"] for a in doc["articles"]] == ["a" * 16]
    elif fmt == "jsonl":
        assert [json.loads(x)["id"] for x in out.read_text("utf-8").splitlines()] == ["a" * 16]
    else:
        assert out.read_text("utf-8").count("\n") >= 2 and "Pemerintah Buka Dialog" in out.read_text("utf-8")


def test_cli_search_filters_and_json(tmp_path: Path) -> None:
    _store(tmp_path / "k.db")
    res = CliRunner().invoke(app, ["search", "dialog", "--db", str(tmp_path / "k.db"), "--json"])
    assert res.exit_code == 0, res.output
    payload = json.loads(res.stdout)
    assert payload["total"] == 1 and "[[" in payload["results"][0]["snippet"]
    res = CliRunner().invoke(app, ["search", "--db", str(tmp_path / "k.db"), "--outlet", "Tempo.co"])
    assert res.exit_code == 0 and "Harga Solar" in res.stdout and "1 matches" in res.stdout


def test_cli_db_upgrade(tmp_path: Path) -> None:
    from kronik.store.migrate import head_revision

    res = CliRunner().invoke(app, ["db", "upgrade", "--db", str(tmp_path / "new.db")])
    assert res.exit_code == 0, res.output
    assert f"-> {head_revision()}" in res.output

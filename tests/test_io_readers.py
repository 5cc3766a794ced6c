import gzip
import json
from pathlib import Path

from kronik.io import files
from kronik.io.readers import FieldMap, RawDocument, read_documents
from kronik.model import Problem


def _all(paths: list[Path], fields: FieldMap | None = None) -> list[RawDocument | Problem]:
    return list(read_documents(paths, fields))


def test_readers_directory_recursive_sorted_and_ignore(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.txt").write_text("Isi artikel kedua yang cukup panjang.")
    (tmp_path / "1.txt").write_text("Isi artikel pertama yang cukup panjang.")
    (tmp_path / "labels.jsonl").write_text("{}")
    (tmp_path / ".hidden.txt").write_text("rahasia")
    (tmp_path / ".kronikignore").write_text("labels.jsonl\n")
    docs = _all([tmp_path])
    assert [Path(d.source).name for d in docs] == ["1.txt", "2.txt"]


def test_readers_gzip_and_truncated_gzip(tmp_path: Path) -> None:
    good = tmp_path / "a.txt.gz"
    good.write_bytes(gzip.compress(b"Judul\nIsi berita yang lengkap di sini."))
    bad = tmp_path / "b.txt.gz"
    body = " ".join(f"kata{i * 7919 % 10007}" for i in range(5000)).encode()
    bad.write_bytes(gzip.compress(body)[:300])
    docs = _all([good, bad])
    assert isinstance(docs[0], RawDocument) and docs[0].format == "text" and "Isi berita" in docs[0].text
    assert isinstance(docs[1], Problem) and docs[1].reason == "truncated"


def test_readers_bad_files_reported_and_batch_goes_on(tmp_path: Path) -> None:
    (tmp_path / "a_empty.txt").write_bytes(b"")
    (tmp_path / "b_binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (tmp_path / "c_good.txt").write_text("Isi berita yang baik dan benar.")
    docs = _all([tmp_path])
    assert [d.reason if isinstance(d, Problem) else "ok" for d in docs] == ["empty", "binary", "ok"]


def test_readers_too_large_is_reported(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 100)
    (tmp_path / "big.txt").write_text("x " * 200)
    (doc,) = _all([tmp_path / "big.txt"])
    assert isinstance(doc, Problem) and doc.reason == "too-large"


def test_readers_jsonl_records_with_custom_fields_and_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    rows = [
        json.dumps({"headline_x": "Judul Satu", "naskah": "Paragraf satu.\n\nParagraf dua.", "when": "2021-04-20"}),
        "{not json",
        json.dumps({"headline_x": "Tanpa isi"}),
        json.dumps({"headline_x": "Judul Tiga", "naskah": "Paragraf tiga."}),
    ]
    path.write_text("\n".join(rows))
    fields = FieldMap().override({"title": "headline_x", "text": "naskah", "date": "when"})
    docs = _all([path], fields)
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["1", "2", "3", "4"]
    assert isinstance(docs[0], RawDocument) and docs[0].fields == {"title": "Judul Satu", "date": "2021-04-20"}
    assert isinstance(docs[1], Problem) and docs[1].reason == "malformed"
    assert isinstance(docs[2], Problem) and "no text field" in docs[2].detail
    assert isinstance(docs[3], RawDocument) and docs[3].format == "jsonl"


def test_readers_csv_multiline_cells(tmp_path: Path) -> None:
    path = tmp_path / "export.csv"
    path.write_text('title,text,url,date,outlet\n"Judul A","Baris satu.\n\nBaris dua, dengan koma.",http://x/a,2021-01-02,Kabar\n')
    (doc,) = _all([path])
    assert isinstance(doc, RawDocument)
    assert doc.text == "Baris satu.\n\nBaris dua, dengan koma."
    assert doc.fields["outlet"] == "Kabar" and doc.fields["url"] == "http://x/a"


def test_readers_content_hash_stable(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Isi sama.")
    (tmp_path / "b.txt").write_text("Isi sama.")
    a, b = _all([tmp_path])
    assert a.content_hash == b.content_hash


def test_readers_gzip_bomb_is_reported(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(files, "MAX_FILE_BYTES", 1 << 20)
    (tmp_path / "bomb.txt.gz").write_bytes(gzip.compress(b"a" * (4 << 20)))
    (doc,) = _all([tmp_path / "bomb.txt.gz"])
    assert isinstance(doc, Problem) and doc.reason == "too-large"


def test_readers_deeply_nested_json_is_reported(tmp_path: Path) -> None:
    (tmp_path / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (tmp_path / "deep.jsonl").write_text('{"text": ' + "[" * 100_000 + "]" * 100_000 + '}\n{"text": "Isi berita."}\n')
    docs = _all([tmp_path])
    assert [d.reason if isinstance(d, Problem) else "ok" for d in docs] == ["malformed", "malformed", "ok"]


def test_readers_lone_surrogate_escapes_become_replacement_characters(tmp_path: Path) -> None:
    (tmp_path / "feed.jsonl").write_text('{"title": "Judul \\ud800", "text": "Isi berita \\udfff yang panjang."}\n')
    (doc,) = _all([tmp_path / "feed.jsonl"])
    assert isinstance(doc, RawDocument)
    assert doc.text == "Isi berita \ufffd yang panjang." and doc.fields["title"] == "Judul \ufffd"
    doc.text.encode("utf-8")

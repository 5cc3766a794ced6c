"""Exports read whole: line ends, bad records, header names, duplicate listings, day/month order."""

import csv
import json
from pathlib import Path

import pytest

from kronik.extract.outlets import load_profiles
from kronik.extract.text import parse_given_date
from kronik.io.columns import FieldMap, map_columns, normalise_name
from kronik.io.readers import RawDocument, read_documents
from kronik.model import Article, Problem
from kronik.pipeline import Settings, analyze

BODY = "Gubernur meresmikan jembatan baru di kota itu pada pagi hari. Warga menyambut dengan gembira."


def _docs(path: Path, fields: FieldMap | None = None) -> list[RawDocument | Problem]:
    return list(read_documents([path], fields))


def _write_csv(path: Path, header: list[str], rows: list[list[str]], delimiter: str = ",") -> Path:
    with path.open("w", encoding="utf-8", newline="") as fh:
        w = csv.writer(fh, delimiter=delimiter)
        w.writerow(header)
        w.writerows(rows)
    return path


def test_jsonl_records_end_only_at_newline(tmp_path: Path) -> None:
    odd = "Paragraf satu\x85masih paragraf satu\u2028dan\u2029ini\x0bjuga\x0cteks."
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"title": f"Judul {i}", "text": odd + f" Nomor {i}."}, ensure_ascii=False) for i in range(3)]
    path.write_text("\n".join(lines) + "\r\n", encoding="utf-8")
    docs = _docs(path)
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["1", "2", "3"]
    assert all(isinstance(d, RawDocument) and "\x85" in d.text and "\u2028" in d.text for d in docs)


def test_body_with_damaged_characters_stays_one_paragraph(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    body = "Kalimat pertama yang panjang tentang banjir\x85 dan kalimat kedua yang juga panjang sekali."
    path.write_text(json.dumps({"title": "Banjir di Kota", "text": body}, ensure_ascii=False) + "\n", encoding="utf-8")
    ((_, art),) = list(analyze([path], settings=Settings(stages=())))
    assert isinstance(art, Article) and len(art.paragraphs) == 1 and "kalimat kedua" in art.paragraphs[0]


def test_bad_json_value_is_one_problem_and_the_file_goes_on(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text("\n".join([
        json.dumps({"title": "A", "text": BODY}),
        '{"title": "B", "text": "x", "n": ' + "9" * 5000 + "}",  # json.loads: ValueError, not JSONDecodeError
        json.dumps({"title": "C", "text": BODY + " Lagi."}),
        '{"title": "D", "text": "\\ud800 surrogate sendiri dalam teks berita yang cukup panjang."}',
    ]), encoding="utf-8")
    docs = _docs(path)
    assert [type(d).__name__ for d in docs] == ["RawDocument", "Problem", "RawDocument", "RawDocument"]
    assert docs[1].source.endswith("#2") and "invalid JSON" in docs[1].detail
    assert "\ufffd" in docs[3].text  # a lone surrogate cannot be stored: replaced, the record kept


@pytest.mark.parametrize(("name", "role"), [
    ("judul", "title"), ("Title", "title"), ("article_title", "title"), ("Judul Berita", "title"),
    ("isi_berita", "text"), ("Isi Berita", "text"), ("isiBerita", "text"), ("konten", "text"), ("body", "text"),
    ("tanggal", "date"), ("Tanggal Terbit", "date"), ("publishedAt", "date"), ("waktu", "date"), ("datetime", "date"),
    ("tautan", "url"), ("Link", "url"), ("news_url", "url"),
    ("sumber", "outlet"), ("Media", "outlet"), ("penulis", "author"),
])
def test_header_names_in_indonesian_and_english(name: str, role: str) -> None:
    assert map_columns([name]).columns == {role: name}


def test_qualified_names_only_when_the_rest_is_a_qualifier() -> None:
    cmap = map_columns(["id", "judul", "tautan", "tanggal", "isi_berita", "Summary", "entity", "aspek_target", "keyword_sumber"])
    assert cmap.columns == {"title": "judul", "url": "tautan", "date": "tanggal", "text": "isi_berita"}
    assert normalise_name("  Isi-Berita ") == "isi_berita"


def test_field_override_wins_and_is_normalised() -> None:
    cmap = map_columns(["Naskah Lengkap", "text"], FieldMap().override({"text": "naskah_lengkap"}))
    assert cmap.columns["text"] == "Naskah Lengkap"


def test_csv_without_a_text_column_is_one_file_problem(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "x.csv", ["headline", "ringkasan", "tgl"], [["A", "b", "1/2/2025"]] * 5)
    (doc,) = _docs(path)
    assert isinstance(doc, Problem) and doc.source == str(path)
    assert "headline, ringkasan, tgl" in doc.detail and "--field text=" in doc.detail


def test_semicolon_csv_and_the_original_detik_columns(tmp_path: Path) -> None:
    path = _write_csv(tmp_path / "x.csv", ["id", "judul", "tautan", "tanggal", "isi_berita", "Summary", "keyword_sumber"],
                      [["1", "Jembatan Baru", "https://news.detik.com/berita/d-1/x", "10/20/2025 20:43", BODY, "ringkas", "Nenek"]],
                      delimiter=";")
    (doc,) = _docs(path)
    assert isinstance(doc, RawDocument) and doc.text == BODY
    assert doc.fields == {"title": "Jembatan Baru", "url": "https://news.detik.com/berita/d-1/x", "date": "2025-10-20T20:43:00"}


def test_same_article_listed_twice_is_one_article_with_both_sources(tmp_path: Path) -> None:
    rows = [["A", "https://x.example/a", BODY], ["B", "https://x.example/b", BODY + " Beda."],
            ["A", "https://x.example/a", BODY], ["A lagi", "https://www.x.example/a/", BODY + " Versi lain."],
            ["C", "", "  " + BODY.upper() + "  "]]
    path = _write_csv(tmp_path / "x.csv", ["title", "url", "text"], rows)
    docs = _docs(path)
    assert [d.source.rsplit("#", 1)[1] for d in docs] == ["1", "2"]
    assert docs[0].extra_sources == [f"{path}#3", f"{path}#4", f"{path}#5"]
    arts = [r for _, r in analyze([path], settings=Settings(stages=()))]
    assert len(arts) == 2 and arts[0].sources == [f"{path}#1", f"{path}#3", f"{path}#4", f"{path}#5"]
    assert arts[1].sources == []


def _dated(tmp_path: Path, values: list[str], bodies: list[str] | None = None) -> list[RawDocument | Problem]:
    bodies = bodies or [f"{BODY} Nomor {i}." for i in range(len(values))]
    return _docs(_write_csv(tmp_path / "d.csv", ["judul", "tanggal", "isi"],
                            [[f"Judul {i}", v, b] for i, (v, b) in enumerate(zip(values, bodies, strict=True))]))


def test_one_impossible_day_settles_the_order_of_the_whole_column(tmp_path: Path) -> None:
    docs = _dated(tmp_path, ["10/7/2025 18:52", "10/21/2025 09:05", "3/4/2025 7:00"])
    assert [d.fields["date"] for d in docs] == ["2025-10-07T18:52:00", "2025-10-21T09:05:00", "2025-03-04T07:00:00"]
    assert {d.notes["date_basis"] for d in docs} == {"export"}
    docs = _dated(tmp_path, ["10/7/2025", "21/10/2025", "3/4/2025"])
    assert [d.fields["date"] for d in docs] == ["2025-07-10", "2025-10-21", "2025-04-03"]


def test_bodies_settle_an_order_no_value_settles(tmp_path: Path) -> None:
    bodies = [f"Menteri berbicara di Jakarta, Selasa (7/10/2025). {BODY}",
              f"Rapat digelar Rabu (8/10/2025) di gedung DPR. {BODY}",
              f"Warga berkumpul pada Kamis (9/10). {BODY}"]
    docs = _dated(tmp_path, ["10/7/2025 18:52", "10/8/2025 10:00", "10/9/2025 11:00"], bodies)
    assert [d.fields["date"][:10] for d in docs] == ["2025-10-07", "2025-10-08", "2025-10-09"]
    assert {d.notes["date_basis"] for d in docs} == {"export"}


def test_an_undecidable_order_is_said_not_guessed(tmp_path: Path) -> None:
    docs = _dated(tmp_path, ["10/7/2025 18:52", "11/8/2025 10:00"])
    assert {d.notes["date_basis"] for d in docs} == {"ambiguous"}
    assert "--date-order" in docs[0].notes["warning"]
    arts = [r for _, r in analyze([tmp_path / "d.csv"], settings=Settings(stages=()))]
    assert {a.published_basis for a in arts} == {"ambiguous"} and "--date-order" in arts[0].warnings[0]
    given = list(read_documents([tmp_path / "d.csv"], FieldMap().with_date_order("MDY")))
    assert [d.fields["date"][:10] for d in given] == ["2025-10-07", "2025-11-08"]
    assert {d.notes["date_basis"] for d in given} == {"export"}


def test_given_dates_keep_time_and_zone_and_never_lie_in_the_future() -> None:
    profiles = load_profiles()
    assert parse_given_date("2025-10-20T13:43:00Z", profiles, "Detik.com") == "2025-10-20T20:43:00+07:00"
    assert parse_given_date("2025-10-20T20:43:00 WITA", profiles, None) == "2025-10-20T20:43:00+08:00"
    assert parse_given_date("2025-10-20 20:43", profiles, "Detik.com") == "2025-10-20T20:43:00+07:00"
    assert parse_given_date("2025-10-20 20:43", profiles, None) == "2025-10-20"
    assert parse_given_date("1760967780", profiles, "Detik.com") == "2025-10-20T20:43:00+07:00"
    assert parse_given_date("2999-01-01", profiles, None) is None


def test_export_outlet_comes_from_the_url_not_the_body(tmp_path: Path) -> None:
    body = "Nenek - Senin (20/10/2025). " + BODY
    path = _write_csv(tmp_path / "x.csv", ["judul", "tautan", "isi_berita"],
                      [["Nenek Ditemukan", "https://www.detik.com/jateng/berita/d-1/nenek", body]])
    ((_, art),) = list(analyze([path], settings=Settings(stages=())))
    assert isinstance(art, Article) and art.outlet == "Detik.com"


def test_real_detik_export_comes_through_whole(shared_data: Path) -> None:
    from kronik.eval.exports import evaluate_export

    path = shared_data / "real-news" / "detik-2025-10-20.csv"
    if not path.is_file():
        pytest.skip("real-news export absent")
    res = evaluate_export(path)
    for name in ("csv", "jsonl"):
        assert res[name]["articles"] == 162 and res[name]["lost"] == 0 and res[name]["problems"] == 0
        assert res[name]["published_acc"] >= 0.99 and res[name]["outlet_acc"] >= 0.99 and res[name]["title_acc"] >= 0.99
    assert res["same_articles_csv_jsonl"]


def test_inspect_shows_mapping_order_evidence_and_first_records(tmp_path: Path) -> None:
    import subprocess
    import sys

    path = _write_csv(tmp_path / "x.csv", ["judul", "tautan", "tanggal", "isi_berita", "keyword_sumber"],
                      [["Jembatan Baru", "https://news.detik.com/berita/d-1/x", "10/7/2025 18:52", BODY, "k"],
                       ["Jembatan Baru", "https://news.detik.com/berita/d-1/x", "10/7/2025 18:52", BODY, "j"],
                       ["Pasar Ramai", "https://news.detik.com/berita/d-2/y", "10/21/2025 09:05", BODY + " Dua.", "k"]])
    out = subprocess.run([sys.executable, "-m", "kronik", "inspect", str(path), "--json"], capture_output=True, text=True,
                         check=True).stdout
    rep = json.loads(out)
    assert rep["format"] == "csv" and rep["records"] == 3 and rep["articles"] == 2 and rep["duplicate_listings"] == 1
    assert rep["columns"]["mapping"] == {"title": "judul", "url": "tautan", "date": "tanggal", "text": "isi_berita"}
    assert rep["columns"]["unused"] == ["keyword_sumber"]
    assert rep["date"]["order"] == "MDY" and rep["date"]["basis"] == "column" and "above 12" in rep["date"]["evidence"]
    assert rep["preview"][0]["published"] == "2025-10-07T18:52:00+07:00" and rep["preview"][0]["outlet"] == "Detik.com"
    assert rep["preview"][0]["also_listed_as"] == [f"{path}#2"]
    human = subprocess.run([sys.executable, "-m", "kronik", "inspect", str(path)], capture_output=True, text=True,
                           check=True, env={**__import__("os").environ, "COLUMNS": "160"}).stdout
    assert "isi_berita" in human and "MDY" in human

"""``evaluate_lines`` on a tiny labelled corpus built in tmp_path, and the line baselines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from kronik.eval.baselines import c4_lines, justext_lines, keep_all
from kronik.eval.lines import evaluate_lines, prf

ROOT = Path(__file__).parents[1]

BODY_A = [
    "JAKARTA, WARTAKITA.COM - Banjir merendam ratusan rumah warga di kawasan Kampung Melayu, Jakarta Timur, pada Senin (4/1/2021) pagi setelah hujan deras mengguyur sejak malam.",
    "Kepala Pelaksana BPBD DKI Jakarta, Sabdo Kurnianto, mengatakan ketinggian air mencapai 1,5 meter di sejumlah titik permukiman dekat bantaran sungai.",
    "\"Kami sudah mengerahkan perahu karet dan petugas untuk mengevakuasi warga lanjut usia serta anak-anak ke tempat pengungsian,\" kata Sabdo kepada wartawan.",
    "Menurut dia, sebanyak 412 warga kini mengungsi di masjid dan sekolah terdekat sambil menunggu air surut.",
]
TEXT_A = "\n".join([
    "WARTA KITA",
    "Beranda › Megapolitan",
    "",
    "Banjir Rendam Ratusan Rumah di Kampung Melayu",
    "Budi Santoso",
    "Penulis",
    "Senin, 4 Januari 2021 10:15 WIB",
    "",
    BODY_A[0],
    "",
    BODY_A[1],
    "",
    "Baca juga: Harga Cabai Rawit di Pasar Induk Tembus Rp90.000 per Kilogram",
    "",
    BODY_A[2],
    "",
    "Advertisement",
    "",
    BODY_A[3],
    "",
    "Berita Terkait",
    "Pemerintah Targetkan 2.000 Desa Wisata Baru",
    "Pemerintah Targetkan 2.000 Desa Wisata Baru",
    "Kementerian Pariwisata menargetkan dua ribu desa wisata baru hingga akhir tahun ini di seluruh Indonesia.",
    "Komentar",
    "Semoga cepat surut dan warga segera bisa kembali ke rumah masing-masing.",
]) + "\n"

BODY_B = [
    "SURABAYA, KABARTIMUR.ID - Pemerintah Kota Surabaya mulai membagikan bantuan beras kepada 12.000 keluarga penerima manfaat pada Selasa (5/1/2021).",
    "Wali Kota Surabaya mengatakan pembagian dilakukan bertahap di setiap kelurahan untuk menghindari kerumunan warga.",
    "Setiap keluarga menerima 10 kilogram beras dan dua liter minyak goreng yang dibagikan oleh petugas kelurahan.",
]
TEXT_B = "\n".join([
    "Bantuan Beras Mulai Dibagikan ke 12.000 Keluarga di Surabaya",
    "Selasa, 5 Januari 2021 14:30 WIB",
    "Penulis: Siti Rahma",
    BODY_B[0],
    BODY_B[1],
    "Simak juga: Video Banjir Bandang di Malang",
    BODY_B[2],
    "Bagikan",
    "Facebook Twitter WhatsApp",
]) + "\n"

FEED_BODY = [
    "MAKASSAR, JURNALKITA.ID - Harga bawang merah di pasar tradisional Makassar naik menjadi Rp45.000 per kilogram pekan ini.",
    "Pedagang menyebut pasokan dari Enrekang berkurang karena cuaca buruk dalam dua pekan terakhir.",
]


def _label(source: str, fmt: str, body: list[str], split: str, **kw: object) -> dict[str, object]:
    lab: dict[str, object] = {
        "source": source, "format": fmt, "encoding": "utf-8", "language": "id", "outlet": None, "title": None,
        "published": None, "published_basis": None, "authors": [], "dateline": None, "wire_sources": [],
        "body": body, "story": None, "event": None, "duplicate_of": None, "split": split,
    }
    lab.update(kw)
    return lab


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    (tmp_path / "text" / "warta-kita").mkdir(parents=True)
    (tmp_path / "text" / "kabar-timur").mkdir(parents=True)
    (tmp_path / "exports").mkdir()
    (tmp_path / "text" / "warta-kita" / "banjir.txt").write_text(TEXT_A, "utf-8")
    (tmp_path / "text" / "kabar-timur" / "beras.txt").write_text(TEXT_B, "utf-8")
    records = [
        {"judul": "Harga Bawang Merah Naik", "isi": "\n\n".join(FEED_BODY), "tautan": "https://jurnalkita.id/a/1",
         "tanggal": "2021-01-06T09:00:00+07:00", "media": "Jurnal Kita"},
        {"judul": "Rekaman tanpa isi", "isi": "Hanya satu baris.", "tautan": "https://jurnalkita.id/a/2",
         "tanggal": "2021-01-06", "media": "Jurnal Kita"},
    ]
    (tmp_path / "exports" / "feed.jsonl").write_text("\n".join(json.dumps(r) for r in records) + "\n", "utf-8")
    labels = [
        _label("text/warta-kita/banjir.txt", "text", BODY_A, "tune", outlet="Warta Kita",
               title="Banjir Rendam Ratusan Rumah di Kampung Melayu", published="2021-01-04T10:15:00+07:00",
               authors=["Budi Santoso"], dateline="JAKARTA"),
        _label("text/kabar-timur/beras.txt", "text", BODY_B, "heldout", outlet="Kabar Timur",
               title="Bantuan Beras Mulai Dibagikan ke 12.000 Keluarga di Surabaya",
               published="2021-01-05T14:30:00+07:00", authors=["Siti Rahma"], dateline="SURABAYA"),
        _label("exports/feed.jsonl#1", "jsonl", FEED_BODY, "tune", outlet="Jurnal Kita",
               title="Harga Bawang Merah Naik", published="2021-01-06T09:00:00+07:00", dateline="MAKASSAR"),
        _label("text/hilang/tidak-ada.txt", "text", ["Baris yang tidak pernah dibaca karena berkasnya tidak ada."],
               "heldout"),
    ]
    (tmp_path / "labels.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in labels) + "\n", "utf-8")
    return tmp_path


def test_counts_and_keep_all_are_exact(corpus: Path) -> None:
    res = evaluate_lines(corpus)
    lines_a = sum(1 for ln in TEXT_A.splitlines() if ln.strip())
    lines_b = sum(1 for ln in TEXT_B.splitlines() if ln.strip())
    # The missing file has no lines to read: its one body line is scored as a miss.
    assert res["lines"] == lines_a + lines_b + 1
    assert res["body_lines"] == len(BODY_A) + len(BODY_B) + 1
    assert res["text_files"] == 3
    assert res["articles"] == 4
    keep = res["baselines"]["keep_all"]
    assert keep["recall"] == 1.0
    assert keep["precision"] == pytest.approx(res["body_lines"] / res["lines"])
    assert set(res["splits"]) == {"tune", "heldout"}
    assert res["splits"]["tune"]["files"] == 1 and res["splits"]["heldout"]["files"] == 2
    assert set(res["outlets"]) == {"Warta Kita", "Kabar Timur", "(none)"}


def test_failures_and_records_are_accounted(corpus: Path) -> None:
    res = evaluate_lines(corpus)
    assert res["failures"] == 1  # the label whose file does not exist
    assert res["unlabelled_records"] == 1  # feed.jsonl#2 was read but has no label
    failures = res.details["failures"]  # type: ignore[attr-defined]
    assert [f["source"] for f in failures] == ["text/hilang/tidak-ada.txt"]
    assert res["paragraph_structured"]["articles"] == 1


def test_ours_beats_keep_all_and_metadata_is_scored(corpus: Path) -> None:
    res = evaluate_lines(corpus)
    assert res["f1"] > res["baselines"]["keep_all"]["f1"]
    assert res["recall"] < 1.0  # the missing file's body line is a miss
    meta = res["metadata"]
    assert set(meta) == {"title", "outlet", "published", "authors", "dateline", "wire_sources", "overall"}
    assert all(0.0 <= v <= 100.0 for v in meta.values())
    assert meta["title"] >= 50.0  # both dumps have a plain title line; the missing file cannot
    assert isinstance(res["hallucinated_outlets"], int) and isinstance(res["hallucinated_authors"], int)


def test_json_is_one_compact_object(corpus: Path) -> None:
    res = evaluate_lines(corpus)
    text = json.dumps(res, ensure_ascii=False)
    data = json.loads(text)
    for key in ("precision", "recall", "f1", "splits", "baselines", "paragraph_f1_structured", "metadata",
                "hallucinated_outlets", "hallucinated_authors", "articles"):
        assert key in data
    assert set(data["baselines"]) == {"keep_all", "justext", "c4"}
    assert "mismatches" not in text  # the mismatch list is for the table only
    assert isinstance(res.details["mismatches"], list)  # type: ignore[attr-defined]


def test_render_does_not_fail(corpus: Path) -> None:
    from rich.console import Console

    from kronik.eval.lines import render_lines

    console = Console(record=True, width=120)
    render_lines(evaluate_lines(corpus), console)
    out = console.export_text()
    assert "Metadata accuracy" in out and "jusText" in out


def test_missing_labels_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match=r"labels\.jsonl"):
        evaluate_lines(tmp_path)


def test_prf_edges() -> None:
    assert prf(0, 0, 0) == {"precision": 1.0, "recall": 1.0, "f1": 1.0}
    assert prf(0, 0, 3)["recall"] == 0.0
    assert prf(2, 2, 0) == pytest.approx({"precision": 0.5, "recall": 1.0, "f1": 2 / 3})


def test_c4_rules() -> None:
    lines = [
        "Beranda › Nasional",
        "Ini adalah kalimat yang cukup panjang dan berakhir dengan titik.",
        "Kalimat kedua juga panjang dan punya tanda akhir yang benar!",
        "Apakah kalimat ketiga ini juga memenuhi syarat panjang minimal?",
        "Terlalu pendek.",
        "Kalimat berulang yang muncul dua kali di halaman ini.",
        "Kalimat berulang yang muncul dua kali di halaman ini.",
        "Kami menggunakan cookie policy untuk situs ini agar lebih baik.",
        "Aktifkan javascript untuk melihat konten ini dengan benar.",
        "Kalimat yang berakhir dengan elipsis tidak disimpan oleh C4...",
    ]
    assert c4_lines(lines) == [False, True, True, True, False, False, False, False, False, False]
    assert c4_lines(lines[:3]) == [False] * 3  # only two sentences: the page is dropped
    assert c4_lines([*lines, "Kode seperti function() { return 1; } membuang halaman."]) == [False] * (len(lines) + 1)


def test_justext_and_keep_all_shapes() -> None:
    lines = ["Beranda", *BODY_A, "Baca juga: Harga Cabai Naik", "Advertisement"]
    assert keep_all(lines) == [True] * len(lines)
    out = justext_lines(lines)
    assert len(out) == len(lines) and all(isinstance(x, bool) for x in out)
    assert out[0] is False
    assert justext_lines([]) == []


def test_example_corpus_runs_when_present() -> None:
    corpus = ROOT / "examples" / "corpus"
    if not (corpus / "labels.jsonl").is_file():
        pytest.skip("example corpus not present")
    res = evaluate_lines(corpus)
    assert res["articles"] > 0
    assert 0.0 <= res["f1"] <= 1.0

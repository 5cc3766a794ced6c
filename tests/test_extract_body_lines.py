"""No real body line lost: quotes are not captions, lists/tables/lyrics/Q&A between paragraphs are body,
the first copy of a block a scraper captured twice stays; and the pull-quote search is exact and linear.

All texts are made up for these tests (our own writing), in the shapes real Indonesian dumps take.
"""

import random

import pytest

from kronik.extract import boilerplate
from kronik.extract.boilerplate import _pull_quotes, is_reporting, match_rule
from kronik.extract.text import extract_text_document
from kronik.io.readers import RawDocument

HEAD = "Judul Berita Buatan Untuk Pengujian\nJumat, 17 Oktober 2025 11:00 WIB\n"
LEAD = "Puluhan pedagang Pasar Lama berunjuk rasa di depan kantor wali kota menolak rencana penutupan pasar itu.\n"


def _extract(body: str, **fields: str):
    return extract_text_document(RawDocument(source="t.txt", format="text", text=HEAD + LEAD + body, fields=fields))


def _kept_and_removed(body: str, **fields: str) -> tuple[list[str], dict[str, str]]:
    art = _extract(body, **fields)
    return art.paragraphs, {r.text: r.reason for r in art.removed}


# --- captions vs quote and reporting lines -------------------------------------------------------


def test_quote_and_reporting_lines_ending_in_a_date_are_body() -> None:
    quote = '"Kami sudah berjualan di sini tiga puluh tahun, jangan diusir," ujar Ani kepada wartawan, Jumat (17/10).'
    report = "Hal itu ia sampaikan seusai bertemu perwakilan pemerintah kota di Makassar, Jumat (17/10)."
    agenda = "Pertemuan lanjutan dijadwalkan digelar pada Kamis (23/10)."
    caption = "Pedagang membentangkan spanduk di depan kantor wali kota, Jumat (17/10/2025). (FOTO: Harian Kota/Budi Santoso)"
    tail = "Pemerintah kota menyebut pasar akan direnovasi, bukan ditutup, dan pedagang akan direlokasi sementara.\n"
    kept, removed = _kept_and_removed("\n".join([quote, report, agenda, caption]) + "\n" + tail)
    assert quote in kept and report in kept and agenda in kept
    assert removed[caption] == "caption"


def test_parentheses_with_a_slash_inside_a_sentence_are_not_photo_credits() -> None:
    for line in (
        "Program magang dibayar sesuai upah minimum kabupaten/kota atau provinsi (UMK/UMP).",
        "Nilainya setara Rp 1.657 triliun (kurs Rp 16.575/dolar AS).",
        "Hujan deras membuat sungai meluap dan merendam permukiman warga di tiga kecamatan. (rah/rah)",
    ):
        assert match_rule(line) is None or match_rule(line)[0] != "caption", line
    assert match_rule("Warga mengungsi ke balai desa. (FOTO: Kabar Kota/Yoga Aditya)") == ("caption", "line")
    assert match_rule("Foto: Pengunjung di museum kota (LK/Dewi Lestari)") == ("caption", "line")


def test_reporting_lines_are_recognised_from_the_quote_verbs() -> None:
    assert is_reporting('"Iya, itu mobil dinas saya," ujar Budi kepada wartawan, Jumat (17/10).')
    assert is_reporting("Ia mengatakan, pasar akan direnovasi tahun depan.")
    assert is_reporting("Air mulai surut sejak pagi, katanya.")
    assert not is_reporting("Presiden menyampaikan sambutan di Istana. (FOTO: Kabar Kota/Nama)")


def test_subscription_words_in_reported_prose_are_body() -> None:
    flood = '"Memang jalan ini langganan banjir kalau hujan," kata Supriadi, salah satu warga.'
    notice = "Keputusan itu berlaku enam bulan setelah notifikasi resmi diterima pihak kementerian."
    app = "Selain lewat situs, ada aplikasi Cek Bantuan yang bisa diunduh di Play Store oleh warga."
    prompt = "Dapatkan update berita pilihan setiap hari. Yuk, gabung ke saluran WhatsApp kami."
    kept, removed = _kept_and_removed("\n".join([flood, notice, app, prompt]) + "\nPedagang berharap pemerintah kota mendengar aspirasi mereka sebelum mengambil keputusan akhir.\n")
    assert flood in kept and notice in kept and app in kept
    assert removed[prompt] == "subscription"


def test_mojibake_e_acute_is_not_a_copyright_sign() -> None:
    line = "Mahkota Permaisuri EugÃ©nie yang bertatahkan berlian ditemukan rusak di dekat lokasi pencurian."
    assert match_rule(line) is None
    assert match_rule("© 2025 Kabar Kota. Hak cipta dilindungi.") is not None


# --- lists, tables, lyrics, Q&A between body paragraphs ------------------------------------------


def test_lyrics_with_a_repeated_chorus_are_body_and_the_article_goes_on() -> None:
    lyrics = ["Di ujung jalan ada rumahku", "Tempat ibu menanti pulang", "Pulanglah, pulanglah", "Pulanglah, pulanglah",
              "Kampung halaman tak pernah hilang", "Kampung halaman tak pernah hilang"]
    after = ["Lagu ini pertama kali direkam pada tahun 1978 oleh sebuah grup musik yang kini sudah bubar.",
             "Menurut pengamat musik Rina Saputri, lagu lama sering kembali populer lewat potongan video pendek."]
    body = "Lagu itu bercerita tentang rindu perantau. Berikut lirik lengkapnya:\n" + "\n".join(lyrics + after) + "\n"
    art = _extract(body)
    assert art.paragraphs.count("Pulanglah, pulanglah") == 2
    assert art.paragraphs.count("Kampung halaman tak pernah hilang") == 2
    assert all(line in art.paragraphs for line in after)


def test_fare_table_with_repeated_values_is_body() -> None:
    rows = ["Bandung - Jakarta", "Rp 95.000", "Bandung - Cirebon", "Rp 80.000", "Bandung - Tasikmalaya", "Rp 80.000"]
    body = ("Berikut daftar tarif baru untuk beberapa rute:\n" + "\n".join(rows)
            + "\nKepala dinas mengatakan tarif itu sudah dibahas bersama perwakilan pengusaha angkutan.\n")
    art = _extract(body)
    assert art.paragraphs.count("Rp 80.000") == 2
    assert all(r in art.paragraphs for r in rows)


def test_announced_list_at_the_end_of_the_article_is_not_trimmed() -> None:
    items = ["Skor: 3,35", "Skor: 3,32", "Skor: 3,26"]
    body = "Berikut daftar kementerian dengan nilai kinerja tertinggi menurut survei lembaga itu.\n" + "\n".join(items) + "\n"
    kept, _ = _kept_and_removed(body)
    assert all(i in kept for i in items)


def test_a_list_ends_at_furniture() -> None:
    body = ("Berikut susunan pemain kedua tim:\nTim A: Arif, Budi, Candra, Dedi, Eko\nTim B: Fajar, Gilang, Hadi, Iwan, Joko\n"
            "Baca juga: Pasar Baru Diresmikan Wali Kota\nTag\n#futsal #final\n")
    kept, _ = _kept_and_removed(body)
    assert "Tim A: Arif, Budi, Candra, Dedi, Eko" in kept
    assert "Tag" not in kept and "#futsal #final" not in kept


def test_question_and_answer_lines_are_body() -> None:
    qa = ["Apa yang sudah dilakukan desa?", "Kami sudah mengirim surat ke kabupaten untuk meminta truk tangki.",
          "Kapan bantuan datang?", "Belum tahu.", "Berapa warga yang terdampak?", "Sekitar 400 keluarga."]
    body = "\n".join(qa) + "\nKepala desa berharap sumur bor yang dijanjikan bisa dibangun sebelum akhir tahun ini.\n"
    kept, _ = _kept_and_removed(body)
    assert all(q in kept for q in qa)


def test_numbered_list_item_with_an_acronym_is_not_a_wire_credit() -> None:
    body = ("Berikut program yang dijalankan perusahaan:\n1. Penjualan Beras Murah\n"
            "Perusahaan menyalurkan ribuan ton beras murah ke pasar tradisional di seluruh provinsi.\n"
            "2. Koperasi Desa Sejahtera (KDS)\n"
            "Lewat program KDS, perusahaan memasok beras dan minyak goreng ke koperasi di desa-desa.\n")
    art = _extract(body)
    assert "KDS" not in art.wire_sources
    assert "2. Koperasi Desa Sejahtera (KDS)" in art.paragraphs


# --- repeated blocks -----------------------------------------------------------------------------


def test_first_copy_of_a_block_captured_twice_stays() -> None:
    a = "Ketinggian air di beberapa titik mencapai satu meter sehingga warga terpaksa mengungsi ke balai desa."
    b = '"Air masuk rumah sekitar pukul dua pagi, kami langsung angkat barang ke lantai atas," kata Slamet.'
    mid = "Badan Penanggulangan Bencana Daerah mengerahkan perahu karet untuk mengevakuasi warga lanjut usia."
    end = "Hingga siang, air mulai surut di sebagian wilayah, tetapi hujan diperkirakan turun hingga akhir pekan."
    art = _extract("\n".join([a, b, mid, a, b, end]) + "\n")
    assert art.paragraphs == [LEAD.strip(), a, b, mid, end]
    assert [r.reason for r in art.removed if r.text in (a, b)] == ["repeated", "repeated"]


def test_related_headline_pairs_still_go() -> None:
    body = ("Pedagang berharap pemerintah kota mendengar aspirasi mereka sebelum mengambil keputusan.\n"
            "Populer\nWarga Diminta Waspadai Longsor Selama Musim Hujan\nWarga Diminta Waspadai Longsor Selama Musim Hujan\n"
            "Polisi Tangkap Dua Pelaku Pembobolan ATM\nPolisi Tangkap Dua Pelaku Pembobolan ATM\n")
    kept, _ = _kept_and_removed(body)
    assert not any("Longsor" in k or "ATM" in k for k in kept)


# --- pull quotes: exact and linear ---------------------------------------------------------------


def _pull_quotes_naive(lines: list[str]) -> set[int]:
    """The former definition, one search of the whole page per line (quadratic)."""
    found: set[int] = set()
    for i, ln in enumerate(lines):
        if len(ln) > 200 or ln.count(" ") < 3:
            continue
        core = ln.strip("\"“”'‘’ ").rstrip(".,").lower()
        if len(core.split()) < 4:
            continue
        if any(len(other) > len(core) + 5 and core in other.lower() for other in lines if other is not ln):
            found.add(i)
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if nxt[:1] in "—–-" and len(nxt.split()) <= 12 and not nxt.endswith((".", "!", "?")):
                found.add(i + 1)
    return found


@pytest.mark.parametrize("budget", [0, 10**12])  # word index / direct search
def test_pull_quote_search_agrees_with_the_former_definition(budget: int, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(boilerplate, "DIRECT_SEARCH_BUDGET", budget)
    rng = random.Random(7)
    vocab = "air warga kota hujan banjir pasar wali kami akan terus berjuang kata dia di sana".split()
    for _ in range(200):
        lines = []
        for _ in range(rng.randint(2, 12)):
            words = [rng.choice(vocab) for _ in range(rng.randint(2, 16))]
            line = " ".join(words)
            if rng.random() < 0.3:
                line = f'"{line},"'
            lines.append(line)
        if rng.random() < 0.5:  # a real pull quote: a piece of another line set off alone
            src = rng.choice(lines).strip('"').split()
            if len(src) > 6:
                lines.append(" ".join(src[1:6]))
                lines.append("— Nama, Jabatan")
        assert _pull_quotes(lines) == _pull_quotes_naive(lines), lines

"""Whole dumps through the plain-text extractor: body lines exact, metadata exact."""

import pytest

from kronik.extract.text import extract_text_document
from kronik.io.readers import RawDocument


def _extract(text: str, **fields: str):
    return extract_text_document(RawDocument(source="t.txt", format="text", text=text, fields=fields))


KOMPAS_LIKE = """Home
Internasional
Rusia Kecam Sanksi Baru, Lavrov: Kami Akan Membalas
Kompas.com - 16/04/2021, 10:05 WIB
Aditya Jaya Iswara
Penulis
Lihat Foto
Menlu Rusia Sergey Lavrov di Moskwa. (FOTO: DOK. KEMLU RUSIA)
MOSCOW, KOMPAS.com - Menteri Luar Negeri Rusia Sergey Lavrov mengecam sanksi baru Amerika Serikat yang diumumkan Kamis (15/4/2021).

"Kami akan membalas dengan cara yang sepadan. Ini bukan cara berdialog," kata Lavrov seperti dikutip dari Reuters.
Advertisement
Baca juga: Biden Telepon Putin, Usulkan Pertemuan Puncak di Negara Ketiga
Sanksi itu menyasar puluhan perusahaan dan pejabat Rusia.

Juru bicara Kremlin Dmitry Peskov mengatakan Moskwa akan menanggapi dalam waktu dekat.
REUTERS
https://www.example.org/world/russia-sanctions
Dapatkan update berita pilihan dan breaking news setiap hari dari Kompas.com. Download aplikasinya sekarang.
Terkini Lainnya
Gempa Magnitudo 6,1 Guncang Jepang, Tak Ada Peringatan Tsunami
Gempa Magnitudo 6,1 Guncang Jepang, Tak Ada Peringatan Tsunami
Internasional
Presiden Brasil Umumkan Paket Bantuan untuk Petani Kopi
Presiden Brasil Umumkan Paket Bantuan untuk Petani Kopi
Pemerintah Brasil mengucurkan dana besar untuk membantu petani kopi yang terdampak kekeringan panjang tahun ini.
2 jam lalu
Baca Selengkapnya
Komentar
Pedoman komentar: Komentar harus sopan dan tidak mengandung SARA.
Saya setuju dengan pendapat menteri itu, sanksi tidak akan menyelesaikan masalah.
Close Ads
"""


def test_extract_text_kompas_like_layout() -> None:
    art = _extract(KOMPAS_LIKE)
    assert art.paragraphs == [
        "MOSCOW, KOMPAS.com - Menteri Luar Negeri Rusia Sergey Lavrov mengecam sanksi baru Amerika Serikat yang diumumkan Kamis (15/4/2021).",
        '"Kami akan membalas dengan cara yang sepadan. Ini bukan cara berdialog," kata Lavrov seperti dikutip dari Reuters.',
        "Sanksi itu menyasar puluhan perusahaan dan pejabat Rusia.",
        "Juru bicara Kremlin Dmitry Peskov mengatakan Moskwa akan menanggapi dalam waktu dekat.",
    ]
    assert art.title == "Rusia Kecam Sanksi Baru, Lavrov: Kami Akan Membalas"
    assert art.outlet == "Kompas.com"
    assert art.published == "2021-04-16T10:05:00+07:00" and art.published_basis == "page"
    assert art.authors == ["Aditya Jaya Iswara"]
    assert art.dateline == "MOSCOW"
    assert art.wire_sources == ["Reuters"]
    reasons = {r.text: r.reason for r in art.removed}
    assert reasons["Advertisement"] == "advertisement"
    assert reasons["Terkini Lainnya"] == "related-headlines"
    assert reasons["Saya setuju dengan pendapat menteri itu, sanksi tidak akan menyelesaikan masalah."] == "comments"


NO_HEADER = """Liputan6.com, Jakarta- Kepolisian menangkap dua tersangka pembobolan bank di Kota Baru, dikutip dari KBN, Selasa (20/4/2021).

Kedua tersangka diamankan di sebuah rumah kontrakan tanpa perlawanan.
Saksikan Video Berikut Ini:
Video Pilihan
Polisi masih memburu seorang pelaku lain yang diduga menjadi otak kejahatan itu.
"Kami sudah mengantongi identitasnya," ujar Kapolres Kota Baru Ajun Komisaris Besar Rendra Wibisono.
"""


def test_extract_text_no_title_no_date_line_infers_date() -> None:
    art = _extract(NO_HEADER)
    assert art.title is None
    assert art.outlet == "Liputan6.com"
    assert art.dateline == "Jakarta"
    assert art.published == "2021-04-20" and art.published_basis == "inferred"
    assert art.wire_sources == ["KBN"]
    assert len(art.paragraphs) == 4
    assert "Video Pilihan" not in art.paragraphs


LEAD_IN_AND_PAIRS = """Harga BBM Naik Lagi, Sopir Angkot Mogok?
Selasa, 6 September 2022 09:10 WIB
Reporter: Sri Lestari | Editor: Bambang Priyo
TEMPO.CO, Jakarta - Ratusan sopir angkutan kota di Bandung mogok beroperasi sejak Selasa pagi menolak kenaikan harga bahan bakar minyak.
Baca juga:
Pemerintah Umumkan Harga Baru Pertalite dan Solar
Para sopir berkumpul di depan gedung DPRD Jawa Barat sambil membawa spanduk penolakan kenaikan harga.
Halaman:
1 2
Menurut koordinator aksi, Dadang Suherman, tarif angkot belum disesuaikan sehingga pendapatan sopir turun tajam.
Ilustrasi angkot di Bandung. (Dok. Istimewa)
Dinas Perhubungan Jawa Barat berjanji membahas penyesuaian tarif pekan depan.
Wisata Kuliner Malam di Surabaya Makin Ramai
Wisata Kuliner Malam di Surabaya Makin Ramai
Para pedagang kuliner di Surabaya kini buka hingga dini hari untuk melayani wisatawan.
Timnas U-19 Menang Telak atas Brunei
Timnas U-19 Menang Telak atas Brunei
"""


def test_extract_text_lead_in_pagination_caption_and_unheaded_related_block() -> None:
    art = _extract(LEAD_IN_AND_PAIRS)
    assert art.title == "Harga BBM Naik Lagi, Sopir Angkot Mogok?"
    assert art.outlet == "Tempo.co"
    assert art.published == "2022-09-06T09:10:00+07:00"
    assert art.authors == ["Sri Lestari"]
    assert art.dateline == "Jakarta"
    assert art.paragraphs == [
        "TEMPO.CO, Jakarta - Ratusan sopir angkutan kota di Bandung mogok beroperasi sejak Selasa pagi menolak kenaikan harga bahan bakar minyak.",
        "Para sopir berkumpul di depan gedung DPRD Jawa Barat sambil membawa spanduk penolakan kenaikan harga.",
        "Menurut koordinator aksi, Dadang Suherman, tarif angkot belum disesuaikan sehingga pendapatan sopir turun tajam.",
        "Dinas Perhubungan Jawa Barat berjanji membahas penyesuaian tarif pekan depan.",
    ]


def test_extract_text_unknown_outlet_never_guessed() -> None:
    art = _extract("Banjir Rendam Tiga Desa\nBanjir merendam tiga desa di Kabupaten Lebak sejak Senin malam, kata petugas.\nWarga mengungsi ke balai desa terdekat.")
    assert art.outlet is None and art.authors == [] and art.published is None
    assert art.title == "Banjir Rendam Tiga Desa"
    assert len(art.paragraphs) == 2


def test_extract_text_export_record_fields_win() -> None:
    art = _extract(
        "Judul Dari Ekspor\nIsi berita pertama yang cukup panjang untuk jadi paragraf.\n\nBaca juga: Berita Lain\n\nParagraf kedua juga ada di sini.",
        title="Judul Dari Ekspor", outlet="KOMPAS.com", date="2021-04-20T10:00:00+07:00", url="https://x/y",
    )
    assert art.title == "Judul Dari Ekspor" and art.outlet == "Kompas.com" and art.url == "https://x/y"
    assert art.published == "2021-04-20T10:00:00+07:00"
    assert art.paragraphs == ["Isi berita pertama yang cukup panjang untuk jadi paragraf.", "Paragraf kedua juga ada di sini."]


def test_extract_text_huge_line_reported_not_fatal() -> None:
    art = _extract("Judul Berita Panjang Sekali\nIsi berita yang normal dan cukup panjang di sini.\n" + "x" * 50_000)
    assert art.paragraphs == ["Isi berita yang normal dan cukup panjang di sini."]
    assert any(r.reason == "oversized-line" for r in art.removed)


UNSEEN_LAYOUT = """TelukKota
Berita Kota dan Sekitarnya
MENU
Beranda | Daerah | Nasional | Olahraga
Pasar Apung Kembali Dibuka Setelah Dua Tahun Ditutup
Diunggah: 9 Maret 2022, 08.15 WITA
Rina Kalalo - telukkota.id
Foto: Dok. Humas Pemkot
Pedagang menata sayur di atas perahu, Selasa (8/3/2022).
SAMARINDA (TelukKota) - Pasar apung di tepi Sungai Mahakam kembali dibuka setelah dua tahun ditutup karena renovasi dermaga.
"Kami senang bisa berjualan lagi di sini. Pembeli juga sudah menunggu lama," kata Salmah, pedagang sayur.
- Lanjutkan membaca di bawah iklan -
Pemerintah kota menyiapkan 120 lapak perahu dan area parkir baru di sisi timur dermaga.
"Kami senang bisa berjualan lagi di sini"
— Salmah, pedagang sayur
Simak Video Pilihan Berikut
Suasana Pasar Apung di Hari Pertama
01:42
Wali kota berjanji menambah penerangan agar pasar bisa buka hingga malam.
Terpopuler Minggu Ini
1. Harga Beras Naik di Tiga Kabupaten
Harga Beras Naik di Tiga Kabupaten
2. Presiden Chile Umumkan Kabinet Baru
Presiden Chile Umumkan Kabinet Baru
Presiden Chile mengumumkan susunan kabinet barunya di Santiago pada Senin malam.
© 2022 TelukKota
"""


def test_extract_text_unseen_layout_generic_signals() -> None:
    art = _extract(UNSEEN_LAYOUT)
    assert art.paragraphs == [
        "SAMARINDA (TelukKota) - Pasar apung di tepi Sungai Mahakam kembali dibuka setelah dua tahun ditutup karena renovasi dermaga.",
        '"Kami senang bisa berjualan lagi di sini. Pembeli juga sudah menunggu lama," kata Salmah, pedagang sayur.',
        "Pemerintah kota menyiapkan 120 lapak perahu dan area parkir baru di sisi timur dermaga.",
        "Wali kota berjanji menambah penerangan agar pasar bisa buka hingga malam.",
    ]
    assert art.title == "Pasar Apung Kembali Dibuka Setelah Dua Tahun Ditutup"
    assert art.outlet == "TelukKota"  # not "Diunggah"
    assert art.published == "2022-03-09T08:15:00+08:00"
    assert art.authors == ["Rina Kalalo"]
    assert art.dateline == "SAMARINDA"
    assert art.wire_sources == []  # the parenthesis names the outlet itself
    reasons = {r.text: r.reason for r in art.removed}
    assert reasons['"Kami senang bisa berjualan lagi di sini"'] == "pull-quote"
    assert reasons["01:42"] == "video"
    assert reasons["Terpopuler Minggu Ini"] == "related-headlines"


def test_hyphenated_words_in_a_headline_are_not_a_dateline() -> None:
    text = ("Hujan Deras, Jalan Raya Sukamaju-Sukamulya Tergenang Air\n"
            "Hujan deras mengguyur kawasan itu sejak sore sehingga jalan utama tergenang setinggi lutut orang dewasa.\n"
            "Petugas mengalihkan arus kendaraan ke jalur alternatif sampai air surut.")
    art = extract_text_document(RawDocument(source="x.txt", format="text", text=text))
    assert art.title == "Hujan Deras, Jalan Raya Sukamaju-Sukamulya Tergenang Air"
    assert art.outlet is None and art.dateline is None
    assert art.paragraphs[0].startswith("Hujan deras mengguyur")


def test_headline_ending_in_exclamation_is_the_title() -> None:
    text = ("Bantuan Tunai Cair Mulai Hari Ini, Segera Cek Status Penerima!\n"
            "Pemerintah mulai menyalurkan bantuan tunai kepada keluarga penerima manfaat pada hari ini.\n"
            "Warga dapat memeriksa status penerima melalui laman resmi yang disediakan kementerian.")
    art = extract_text_document(RawDocument(source="x.txt", format="text", text=text))
    assert art.title == "Bantuan Tunai Cair Mulai Hari Ini, Segera Cek Status Penerima!"
    assert art.paragraphs[0].startswith("Pemerintah mulai")


def test_a_date_after_the_present_is_never_the_publication_date() -> None:
    text = ("Peluncuran Satelit Dijadwalkan Ulang\n"
            "Jakarta, Senin (12/1/2099) - Badan antariksa menjadwalkan ulang peluncuran satelit cuaca terbaru mereka.\n"
            "Peluncuran semula direncanakan pekan ini tetapi ditunda karena cuaca buruk di lokasi peluncuran.")
    art = extract_text_document(RawDocument(source="x.txt", format="text", text=text))
    assert art.published is None and art.published_basis is None


@pytest.mark.parametrize(("byline", "authors"), [
    ("Oleh Sari Wulandari pada 20 Okt 2025, 10:00 WIB", ["Sari Wulandari"]),
    ("Pewarta: Sari Wulandari\nEditor: Budi Hartono", ["Sari Wulandari"]),
    ("Rep: Sari Wulandari/ Red: Budi Hartono", ["Sari Wulandari"]),
    ("Sari Wulandari, Jurnalis · Senin 20 Oktober 2025 10:00 WIB", ["Sari Wulandari"]),
    ("Laporan: Sari Wulandari, Editor: Budi Hartono", ["Sari Wulandari"]),
    ("Kontributor Bandung, Sari Wulandari", ["Sari Wulandari"]),
    ("Kontributor: Sari Wulandari, Dimas Prasetyo", ["Sari Wulandari", "Dimas Prasetyo"]),
    ("Penulis: Sari Wulandari | Editor: Budi Hartono", ["Sari Wulandari"]),
])
def test_byline_conventions_of_indonesian_outlets(byline: str, authors: list[str]) -> None:
    text = ("Jembatan Baru Segera Dibangun di Perbatasan Kecamatan\n" + byline + "\nSenin, 20 Oktober 2025 10:00 WIB\n"
            "Pemerintah daerah mengumumkan rencana pembangunan jembatan baru yang menghubungkan dua kecamatan.\n"
            "Pembangunan ditargetkan selesai akhir tahun depan dengan anggaran dari pemerintah pusat.")
    art = extract_text_document(RawDocument(source="x.txt", format="text", text=text))
    assert art.authors == authors
    assert art.published == "2025-10-20T10:00:00+07:00" and art.paragraphs[0].startswith("Pemerintah daerah")


def test_english_wire_story_dateline_credit_and_footer() -> None:
    text = ("Port authority delays harbour expansion vote\n"
            "ROTTERDAM, March 3 (Reuters) - The port authority postponed a vote on its harbour expansion plan on Tuesday.\n"
            "\"We need more time to study the environmental review,\" the authority's chairman told reporters.\n"
            "The plan would add two container terminals on reclaimed land south of the existing docks.\n"
            "(Reporting by Ann Example; Editing by Bob Sample)\n"
            "Our Standards: The Thomson Reuters Trust Principles.")
    art = extract_text_document(RawDocument(source="x.txt", format="text", text=text))
    assert art.language == "en" and art.dateline == "ROTTERDAM" and art.wire_sources == ["Reuters"]
    assert len(art.paragraphs) == 3 and art.authors == []
    assert {r.reason for r in art.removed} >= {"editor-credit", "copyright"}

import pytest

from kronik.extract.metadata import (
    byline_authors,
    cited_sources,
    credit_line_source,
    infer_published,
    parse_date_line,
    parse_dateline,
)
from kronik.extract.outlets import display_outlet, load_profiles

P = load_profiles()
LABELS = ("penulis", "reporter", "oleh", "by", "wartawan")
NON = ("editor", "penyunting")


@pytest.mark.parametrize(
    ("line", "published", "outlet"),
    [
        ("Kompas.com - 31/12/2021, 10:00 WIB", "2021-12-31T10:00:00+07:00", "Kompas.com"),
        ("Minggu, 24 Januari 2021 22:02 WIB", "2021-01-24T22:02:00+07:00", None),
        ("Kamis 22 Apr 2021, 14:05 WITA", "2021-04-22T14:05:00+08:00", None),
        ("Senin, 3 Mei 2021 | 09.15 WIT", "2021-05-03T09:15:00+09:00", None),
        ("Diterbitkan: 3 Mei 2021", "2021-05-03", None),
        ("Selasa, 20 April 2021", "2021-04-20", None),
        ("March 3, 2021, 4:05 PM UTC", "2021-03-03T16:05:00+00:00", None),
        ("2021-12-31 10:00 WIB", "2021-12-31T10:00:00+07:00", None),
        ("Harian Cakrawala - 05/02/2022, 07:30 WIB", "2022-02-05T07:30:00+07:00", "Harian Cakrawala"),
        ("TEMPO.CO, 12 Juni 2021 08:00 WIB", "2021-06-12T08:00:00+07:00", "TEMPO.CO"),
    ],
)
def test_metadata_date_line(line: str, published: str, outlet: str | None) -> None:
    dl = parse_date_line(line, P)
    assert dl is not None
    assert dl.published == published
    assert dl.outlet == outlet


@pytest.mark.parametrize(
    "line",
    [
        "Presiden mengatakan pada Kamis (22/4/2021) bahwa kebijakan itu akan dievaluasi.",
        "Rapat digelar 9-10 Januari 2022 di Jakarta dan dihadiri 40 negara.",
        "Halaman 1 2 3",
        "31/12/2021 adalah hari terakhir pendaftaran, kata dia.",
    ],
)
def test_metadata_body_sentence_is_not_a_date_line(line: str) -> None:
    assert parse_date_line(line, P) is None


@pytest.mark.parametrize(
    ("lead", "place", "outlet", "agency"),
    [
        ("MOSCOW, KOMPAS.com - Menteri Luar Negeri Rusia mengecam sanksi.", "MOSCOW", "KOMPAS.com", None),
        ("TEMPO.CO, Jakarta - Pemerintah menaikkan harga BBM.", "Jakarta", "TEMPO.CO", None),
        ("Liputan6.com, Jakarta- Polisi menangkap dua tersangka.", "Jakarta", "Liputan6.com", None),
        ("TEMPO.CO, - Gempa mengguncang Cianjur.", None, "TEMPO.CO", None),
        ("JAKARTA (Reuters) - Indonesia said on Monday it would cut fuel subsidies.", "JAKARTA", None, "Reuters"),
        ("Jakarta, CNN Indonesia -- Presiden meresmikan bendungan.", "Jakarta", "CNN Indonesia", None),
        ("KOTA BARU - Banjir merendam ratusan rumah.", "KOTA BARU", None, None),
        ("Suara.com - Cerita sekuel terbaru bocor.", None, "Suara.com", None),
    ],
)
def test_metadata_dateline(lead: str, place: str | None, outlet: str | None, agency: str | None) -> None:
    dl = parse_dateline(lead, P)
    assert dl is not None
    assert (dl.place, dl.outlet, dl.agency) == (place, outlet, agency)


@pytest.mark.parametrize(
    "lead",
    [
        "Pemerintah menaikkan harga BBM - kebijakan yang ditentang buruh.",
        "Jakarta, Selasa - Presiden meresmikan bendungan.",
        "Menurut dia, kebijakan itu tepat.",
    ],
)
def test_metadata_no_dateline(lead: str) -> None:
    assert parse_dateline(lead, P) is None


@pytest.mark.parametrize(
    ("line", "authors"),
    [
        ("Penulis: Aditya Jaya Iswara", ["Aditya Jaya Iswara"]),
        ("Reporter: Sri Lestari | Editor: Bambang Priyo", ["Sri Lestari"]),
        ("Oleh: Rina Wulandari dan Tono Sugiarto", ["Rina Wulandari", "Tono Sugiarto"]),
        ("By Jane Doe", ["Jane Doe"]),
        ("Editor: Bambang Priyo", []),
        ("Oleh karena itu, pemerintah menunda kebijakan tersebut.", None),
        ("Oleh Presiden Joko Widodo, anggaran itu dinaikkan.", None),
        ("Penulis buku itu meninggal dunia pekan lalu.", None),
    ],
)
def test_metadata_byline(line: str, authors: list[str] | None) -> None:
    assert byline_authors(line, LABELS, NON) == authors


def test_metadata_cited_sources() -> None:
    paras = [
        "Hal itu disampaikan Lavrov seperti dikutip dari Reuters, Selasa (20/4/2021).",
        "Seperti dilansir Channel News Asia, kapal itu tenggelam.",
        "Mengutip Presiden Joko Widodo, kebijakan itu tepat.",
        "Kantor Berita Nusa (KBN) melaporkan bahwa korban bertambah.",
        "Dilansir dari KBN, evakuasi berlanjut.",
    ]
    assert cited_sources(paras, P) == ["Reuters", "Channel News Asia", "KBN"]


@pytest.mark.parametrize(("line", "wire"), [("REUTERS", "Reuters"), ("(AFP)", "AFP"), ("KBN", "KBN"), ("ANTARA/ade", "Antara"), ("Sanksi itu berat.", None)])
def test_metadata_credit_line(line: str, wire: str | None) -> None:
    assert credit_line_source(line, P) == wire


def test_metadata_inferred_date_prefers_citation() -> None:
    paras = [
        "Pertemuan digelar Senin (19/4/2021) di Jenewa.",
        "Hal itu disampaikan seperti dikutip dari Reuters, Selasa (20/4/2021).",
    ]
    assert infer_published(paras) == "2021-04-20"


def test_metadata_inferred_date_ignores_wrong_weekday_and_future() -> None:
    paras = ["Rapat akan digelar Kamis (23/12/2021).", "Acara berlangsung Senin (20/4/2021)."]
    assert infer_published(paras) is None


@pytest.mark.parametrize(
    ("spelling", "page", "display"),
    [
        ("KOMPAS.com", "", "Kompas.com"),
        ("TEMPO.CO", "", "Tempo.co"),
        ("WARTANUSANTARA.COM", "© 2021 WartaNusantara.com", "WartaNusantara.com"),
        ("KABARSENJA.CO", "", "Kabarsenja.co"),
        ("Liputan6.com", "", "Liputan6.com"),
    ],
)
def test_outlets_display_name(spelling: str, page: str, display: str) -> None:
    assert display_outlet(spelling, P, page) == display


def test_institutions_cited_as_sources_are_not_wires() -> None:
    from kronik.extract.metadata import cited_sources
    from kronik.extract.outlets import load_profiles

    paras = ["Data itu dikutip dari Otoritas Jasa Keuangan (OJK), Senin (20/10/2025).",
             "Menurut Institut Teknologi Sepuluh (ITS), angka itu naik. Hal itu dilansir ITS dalam laporannya.",
             "Informasi tersebut dilansir Kominfo Jatim pada Minggu.",
             "Sementara itu, dilansir AFP, pertemuan ditunda. Dikutip dari Kantor Berita Nusa (KBN), rapat selesai."]
    assert cited_sources(paras, load_profiles()) == ["AFP", "KBN"]


def test_date_line_keeps_its_parts_for_callers_that_weigh_dates() -> None:
    from kronik.extract.metadata import parse_date_line
    from kronik.extract.outlets import load_profiles

    unzoned = parse_date_line("Senin, 2 Maret 2020 14:11", load_profiles())
    assert unzoned is not None and unzoned.published == "2020-03-02"
    assert (unzoned.ymd, unzoned.hh, unzoned.mm, unzoned.offset) == ((2020, 3, 2), 14, 11, None)
    zoned = parse_date_line("Selasa, 16 Februari 2016 | 14:11 WITA", load_profiles())
    assert zoned is not None and zoned.published == "2016-02-16T14:11:00+08:00" and zoned.offset == "+08:00"

import json

from kronik.extract.html import extract_html_document
from kronik.io.readers import RawDocument

LD = {
    "@context": "https://schema.org", "@type": "NewsArticle", "headline": "Banjir Rendam Ratusan Rumah di Kota Baru",
    "datePublished": "2021-02-08T14:20:00+07:00", "author": {"@type": "Person", "name": "Rina Wulandari"},
    "publisher": {"@type": "Organization", "name": "Kabar Senja"},
}
BODY = [
    "KOTA BARU, KABARSENJA.CO - Banjir merendam ratusan rumah warga di tiga kecamatan di Kota Baru sejak Minggu malam setelah hujan deras mengguyur selama enam jam.",
    "Badan Penanggulangan Bencana Daerah mencatat sedikitnya 420 rumah terendam dengan ketinggian air mencapai satu meter.",
    "\"Kami sudah mengerahkan perahu karet untuk mengevakuasi warga lanjut usia dan anak-anak,\" kata Kepala BPBD Kota Baru, Hendra Saputra.",
    "Warga yang mengungsi ditampung di gedung sekolah dan masjid terdekat sambil menunggu air surut.",
]
PAGE = f"""<!doctype html><html><head><title>Banjir Rendam Ratusan Rumah di Kota Baru - Kabar Senja</title>
<meta property="og:site_name" content="Kabar Senja"><meta property="og:title" content="Banjir Rendam Ratusan Rumah di Kota Baru">
<script type="application/ld+json">{json.dumps(LD)}</script></head>
<body><nav><a href="/">Beranda</a> <a href="/nasional">Nasional</a></nav>
<article><h1>Banjir Rendam Ratusan Rumah di Kota Baru</h1>
<p>{BODY[0]}</p><p>{BODY[1]}</p>
<p><strong>Baca juga: Gubernur Tinjau Tanggul yang Jebol di Hulu Sungai</strong></p>
<p>{BODY[2]}</p><p>Advertisement</p><p>{BODY[3]}</p></article>
<aside><h3>Berita Terkait</h3><ul><li><a href="/a">Harga Cabai Melonjak Jelang Lebaran</a></li></ul></aside>
<footer>© 2021 Kabar Senja. Hak cipta dilindungi undang-undang.</footer></body></html>"""


def test_extract_html_metadata_and_inline_boilerplate_removed() -> None:
    art = extract_html_document(RawDocument(source="p.html", format="html", text=PAGE))
    assert art.title == "Banjir Rendam Ratusan Rumah di Kota Baru"
    assert art.outlet == "Kabar Senja"
    assert art.published == "2021-02-08T14:20:00+07:00"
    assert art.authors == ["Rina Wulandari"]
    assert art.dateline == "KOTA BARU"
    assert art.paragraphs == BODY


def test_extract_html_garbage_is_reported_not_fatal() -> None:
    from kronik.model import Problem
    from kronik.pipeline import process_document

    res = process_document(RawDocument(source="g.html", format="html", text="<html><body><div><<<>>></div>"))
    assert isinstance(res, Problem) and res.reason == "no-article-text"


# --- title, date and outlet from what the page says (issue 12) -------------------------------------

from datetime import UTC, datetime  # noqa: E402

import pytest  # noqa: E402

from kronik.extract.outlets import load_profiles, outlet_from_url  # noqa: E402
from kronik.extract.pagemeta import clean_title, url_date  # noqa: E402

NOW = datetime(2026, 1, 1, tzinfo=UTC)
LEAD = ("Ratusan nelayan di pesisir utara Semarang tidak melaut selama sepekan terakhir karena gelombang tinggi "
        "yang mencapai tiga meter di sepanjang pantai utara Jawa Tengah.")
MORE = ("Ketua kelompok nelayan mengatakan sebagian besar perahu kini ditambatkan di muara sungai untuk menghindari "
        "kerusakan selama cuaca buruk berlangsung di perairan tersebut.")


def _page(head: str = "", top: str = "", boxes: str = "", title: str = "Gelombang Tinggi, Nelayan Tak Melaut") -> str:
    return f"""<html><head><meta charset="utf-8">{head}</head><body>
<div class="header"><a href="/">Beranda</a></div>
<div class="read"><h1>{title}</h1>{top}
<div class="txt"><p>SEMARANG, KOMPAS.com - {LEAD}</p><p>{MORE}</p><p>{MORE.replace('Ketua', 'Wakil ketua')}</p></div></div>
{boxes}
<div class="footer">Copyright 2008 - 2020 Kompas.com. All Rights Reserved.</div></body></html>"""


def _extract(html: str, **kw: object) -> object:
    return extract_html_document(RawDocument(source="p.html", format="html", text=html), now=NOW, **kw)


def test_visible_date_line_beats_related_boxes_and_the_copyright_year() -> None:
    url = "http://regional.kompas.com/read/2015/03/12/14110061/gelombang.tinggi"
    html = _page(
        head=f'<title>Gelombang Tinggi, Nelayan Tak Melaut - Kompas.com Regional</title><meta property="og:url" content="{url}">',
        top='<div class="kcm-date">Kamis, 12 Maret 2015 | 14:11 WIB</div>',
        boxes='<div class="kcm-terkait"><h3>Berita Terkait</h3><ul><li><a href="/a">Kapal Karam</a>'
              '<span>Selasa, 10 Maret 2015 | 09:21 WIB</span></li></ul></div>')
    art = _extract(html)
    assert art.published == "2015-03-12T14:11:00+07:00" and art.published_basis == "page"
    assert art.title == "Gelombang Tinggi, Nelayan Tak Melaut"
    assert art.outlet == "Kompas.com"


def test_utc_instant_is_shown_in_the_outlets_zone() -> None:
    ld = {"@type": "NewsArticle", "headline": "Kebun Raya Ditutup", "datePublished": "2020-03-02T07:11:00Z"}
    html = _page(head=f'<link rel="canonical" href="https://kumparan.com/kumparannews/kebun-raya-1sx">'
                      f'<script type="application/ld+json">{json.dumps(ld)}</script>', title="Kebun Raya Ditutup")
    art = _extract(html)
    assert art.published == "2020-03-02T14:11:00+07:00"
    assert art.outlet == "Kumparan"


def test_only_the_url_gives_the_date() -> None:
    html = _page(head='<meta property="og:url" content="http://jateng.tribunnews.com/2016/02/16/pkl-dibongkar">')
    art = _extract(html)
    assert art.published == "2016-02-16" and art.published_basis == "url"
    assert art.outlet == "Tribunnews.com"


def test_structured_date_against_url_and_visible_line_loses() -> None:
    html = _page(head='<meta property="og:url" content="https://www.suara.com/news/2017/02/16/141100/dbd">'
                      '<meta property="article:published_time" content="2019-07-01T10:00:00+07:00">',
                 top="<span>Kamis, 16 Februari 2017 | 14:11 WIB</span>")
    assert _extract(html).published == "2017-02-16T14:11:00+07:00"


def test_no_date_after_now() -> None:
    html = _page(head='<meta property="article:published_time" content="2031-05-01T10:00:00+07:00">',
                 top="<span>Kamis, 1 Mei 2031 10:00 WIB</span>")
    assert _extract(html).published is None


def test_unknown_domain_named_by_site_name_else_by_domain() -> None:
    head = '<meta property="og:url" content="https://kabarsenja.co.id/2024/05/03/jembatan/">'
    named = _extract(_page(head=head + '<meta property="og:site_name" content="Kabar Senja"><title>Jembatan Baru &#8211; Kabar Senja</title>',
                           title="Jembatan Baru"))
    assert named.outlet == "Kabar Senja" and named.title == "Jembatan Baru"
    bare = _extract(_page(head=head).replace("SEMARANG, KOMPAS.com - ", ""))
    assert bare.outlet == "Kabarsenja.co.id"


def test_htmldate_is_an_optional_candidate() -> None:
    html = _page(top="<span>Kamis, 12 Maret 2015 | 14:11 WIB</span>")
    assert _extract(html, use_htmldate=True).published == "2015-03-12T14:11:00+07:00"


@pytest.mark.parametrize(("url", "want"), [
    ("http://ihram.co.id/berita/haji/17/07/28/otqz1a-kloter", "Republika"),
    ("http://jateng.tribunnews.com/2016/02/16/x", "Tribunnews.com"),
    ("https://www.jpnn.com/news/x", "JPNN.com"),
    ("https://finance.detik.com/d-1/x", "Detik.com"),
    ("https://berita.kabarsenja.co.id/x", "Kabarsenja.co.id"),
    ("http://127.0.0.1/x", None),
    ("not a url", None),
    (None, None),
])
def test_outlet_from_url(url: str | None, want: str | None) -> None:
    assert outlet_from_url(url, load_profiles()) == want


def test_outlet_from_url_unknown_off() -> None:
    assert outlet_from_url("https://kabarsenja.co.id/x", load_profiles(), unknown=False) is None


@pytest.mark.parametrize(("raw", "want"), [
    ("Gelombang Tinggi - Kompas.com Regional", "Gelombang Tinggi"),
    ("KapanLagi.com: Rara Rilis Album", "Rara Rilis Album"),
    ("KPK Periksa Saksi | nasional | Tempo.co", "KPK Periksa Saksi"),
    ("Kemenhub Siapkan Bus : Okezone News", "Kemenhub Siapkan Bus"),
    ("Jokowi - JK Bahas APBN - Tempo.co", "Jokowi - JK Bahas APBN"),
    ("Tempo Gelar Diskusi - Tempo.co", "Tempo Gelar Diskusi"),
    ("Harga Tiket Bakal Naik? | IDN Times", "Harga Tiket Bakal Naik?"),
    ("Polisi soal Pistol: Cuma Diperlihatkan", "Polisi soal Pistol: Cuma Diperlihatkan"),
])
def test_clean_title(raw: str, want: str) -> None:
    spellings = {"Kompas.com", "KOMPAS.com", "KapanLagi.com", "Tempo.co", "Tempo", "Okezone", "IDN Times"}
    assert clean_title(raw, spellings) == want


@pytest.mark.parametrize(("url", "want"), [
    ("http://regional.kompas.com/read/2015/03/12/14110061/x", "2015-03-12"),
    ("http://www.suara.com/news/2017/02/16/141100/x", "2017-02-16T14:11:00+07:00"),
    ("https://www.cnnindonesia.com/nasional/20190219141106-20-370456/x", "2019-02-19T14:11:00+07:00"),
    ("https://ekonomi.bisnis.com/read/20240216/12/1741234/x", "2024-02-16"),
    ("http://www.republika.co.id/berita/nasional/daerah/16/05/24/o7pb2x384-x", "2016-05-24"),
    ("https://ekbis.sindonews.com/read/1241578/33/x-1505973600", "2017-09-21T13:00:00+07:00"),
    ("https://news.detik.com/berita/d-6453785/x", None),
    ("https://example.com/x?id=20190219", None),
])
def test_url_date(url: str, want: str | None) -> None:
    got = url_date(url, "+07:00")
    assert (got.formatted() if got else None) == want


def test_the_zone_the_page_shows_is_kept() -> None:
    html = _page(head='<meta property="og:url" content="http://makassar.tribunnews.com/2018/04/03/festival">'
                      '<meta name="publishdate" content="2018/04/03 16:45:11">',
                 top="<time>Selasa, 3 April 2018 16:45 WITA</time>")
    art = _extract(html)
    assert art.published == "2018-04-03T16:45:00+08:00" and art.outlet == "Tribunnews.com"


def test_date_line_after_a_place_and_slashes() -> None:
    html = _page(head='<meta property="og:url" content="http://www.thejakartapost.com/news/2016/02/16/busway.html">',
                 top='<span class="date">Jakarta / Tue, February 16, 2016 / 02:11 pm</span>')
    assert _extract(html).published == "2016-02-16T14:11:00+07:00"


def test_a_date_far_below_the_headline_is_another_articles() -> None:
    long_body = "".join(f"<p>{MORE} Paragraf {i}.</p>" for i in range(90))
    html = _page(head='<meta property="og:url" content="https://www.merdeka.com/peristiwa/2016/11/08/kabel.html">',
                 boxes=f"<div>{long_body}</div><div><a href='/x'>Maling Motor Ditangkap</a> <span>Senin, 7 November 2016 21:10</span></div>")
    art = _extract(html)
    assert art.published == "2016-11-08" and art.published_basis == "url"


def test_a_damaged_utc_offset_is_disbelieved_not_fatal() -> None:
    """A page's "+99:00" (a clock no place shows) keeps its date and time; the zone falls back to the outlet's."""
    html = _page(head='<meta property="og:url" content="https://news.detik.com/berita/d-1/banjir">'
                      '<meta property="article:published_time" content="2025-10-20T18:52:00+99:00">')
    art = _extract(html)
    assert art.published is not None and art.published.startswith("2025-10-20")
    from kronik.extract.dates import is_real_offset, offset_zone
    assert is_real_offset("+07:00") and is_real_offset("-03:30") and is_real_offset("+14:00")
    assert not any(is_real_offset(o) for o in ("+99:00", "+07:75", "-13:00", "07:00", ""))
    with pytest.raises(ValueError, match="not a UTC offset"):
        offset_zone("+99:00")

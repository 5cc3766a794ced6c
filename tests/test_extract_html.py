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

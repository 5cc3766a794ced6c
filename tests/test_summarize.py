"""Event summaries and timelines: sourced items, redundancy across outlets, scheduled vs happened, order."""

from __future__ import annotations

from kronik.annotate.times import annotate_times
from kronik.model import Article, Event, Story
from kronik.summarize import SummarySettings, build_timeline, describe, prepare, summarize_articles, summarize_docs

LEAD = ("Gempa bermagnitudo 6,2 mengguncang Kabupaten Halmahera Barat, Maluku Utara, pada Minggu (14/11/2021) "
        "pagi dan menewaskan empat orang.")


def _article(aid: str, paragraphs: list[str], published: str = "2021-11-15T08:00:00+07:00", lang: str = "id",
             title: str = "Gempa Halmahera Barat", **kw: object) -> Article:
    a = Article(id=aid, source=f"{aid}.txt", format="text", language=lang, published=published, title=title,
                paragraphs=paragraphs, **kw)
    return annotate_times(a)


def _event_articles() -> list[Article]:
    a = _article("a", [
        LEAD,
        "Badan Meteorologi, Klimatologi, dan Geofisika mencatat pusat gempa berada di laut pada kedalaman 10 kilometer.",
        "Ratusan rumah warga rusak dan sebagian warga mengungsi ke dataran tinggi karena khawatir tsunami.",
        "Pemerintah daerah menyiapkan tenda darurat dan dapur umum di lapangan kantor bupati.",
    ])
    b = _article("b", [
        "TERNATE, WARTANUSANTARA.COM - " + LEAD.replace("empat orang", "empat warga"),
        "Bupati Halmahera Barat menetapkan status tanggap darurat selama 14 hari sejak Senin (15/11/2021).",
        "Bantuan logistik dari pemerintah provinsi dijadwalkan tiba dalam dua hari ke depan.",
    ], published="2021-11-15T10:00:00+09:00", outlet="Warta Nusantara")
    c = _article("c", [LEAD, "Salinan berita yang sama dari kantor berita."], duplicate_of="a")
    return [a, b, c]


def _check_items(items: list[dict], articles: list[Article]) -> None:
    by_id = {a.id: a for a in articles}
    for it in items:
        art = by_id[it["article"]]
        assert 0 <= it["paragraph"] < len(art.paragraphs)
        assert art.paragraphs[it["paragraph"]][it["start"]:it["end"]] == it["text"]


def test_summarize_items_point_at_their_article_and_paragraph() -> None:
    arts = _event_articles()
    summary = summarize_articles(arts)
    assert 3 <= len(summary) <= 5
    _check_items(summary, arts)
    assert all(it["article"] != "c" for it in summary)  # a marked duplicate is never cited


def test_summarize_removes_the_same_sentence_from_two_outlets() -> None:
    summary = summarize_articles(_event_articles())
    leads = [it for it in summary if "mengguncang Kabupaten Halmahera Barat" in it["text"]]
    assert len(leads) == 1


def test_summarize_trims_the_dateline_from_a_lead() -> None:
    doc = prepare(_event_articles()[1])
    assert doc.sentences[0].text.startswith("Gempa bermagnitudo")


def test_summarize_single_article_keeps_article_order() -> None:
    art = _event_articles()[0]
    summary = summarize_articles([art], SummarySettings(article_sentences=3))
    assert len(summary) == 3
    order = [(it["paragraph"], it["start"]) for it in summary]
    assert order == sorted(order)
    _check_items(summary, [art])


def test_summarize_empty_and_tiny_inputs() -> None:
    assert summarize_docs([]) == []
    one = _article("x", ["Satu kalimat saja di sini."])
    assert [it["text"] for it in summarize_articles([one])] == ["Satu kalimat saja di sini."]


def test_timeline_scheduled_and_happened() -> None:
    art = _article("k", [
        "Konferensi tingkat tinggi itu akan digelar 9-10 Januari 2022 di Nusa Dua, Bali.",
        "Persiapan keamanan telah dilakukan sejak Senin (3/1) oleh aparat gabungan dari tiga provinsi.",
    ], published="2022-01-05T10:00:00+07:00", title="KTT di Bali")
    tl = build_timeline([prepare(art)], n_dates=5, per_date=1)
    status = {e["date"]: e["status"] for e in tl}
    assert status["2022-01-09"] == "scheduled"
    assert status["2022-01-03"] == "happened"
    assert [e["date"] for e in tl] == sorted(e["date"] for e in tl)
    for e in tl:
        _check_items(e["sentences"], [art])


def test_timeline_english_future_cue_and_order() -> None:
    arts = [
        _article("e1", ["The summit will be held on March 3 in Geneva, officials said on Monday.",
                        "Talks between the two delegations ended on Friday without an agreement on the border."],
                 published="2010-02-23", lang="en", title="Summit planned"),
        _article("e2", ["Talks between the delegations collapsed on Friday, February 19, after a week of meetings.",
                        "A new round of talks will start on March 3 when the summit opens in Geneva."],
                 published="2010-02-24", lang="en", title="Talks collapse"),
    ]
    tl = build_timeline([prepare(a) for a in arts], n_dates=4, per_date=1)
    dates = [e["date"] for e in tl]
    assert dates == sorted(dates)
    status = {e["date"]: e["status"] for e in tl}
    assert status.get("2010-03-03") == "scheduled"
    assert status.get("2010-02-19") == "happened"


def test_timeline_respects_a_date_range() -> None:
    arts = _event_articles()
    from datetime import date

    tl = build_timeline([prepare(a) for a in arts], n_dates=5, start=date(2021, 11, 14), end=date(2021, 11, 14))
    assert tl == [] or all(e["date"] == "2021-11-14" for e in tl)


def test_describe_fills_events_and_stories_in_place() -> None:
    arts = _event_articles()
    ev = Event(id="ev-1", articles=[a.id for a in arts], story="st-1")
    lone = _article("z", ["Harga cabai di pasar tradisional naik dua kali lipat menjelang akhir pekan ini.",
                          "Pedagang mengeluhkan pasokan yang berkurang akibat hujan deras di daerah sentra."],
                    title="Harga cabai naik")
    ev2 = Event(id="ev-2", articles=["z"], story="st-1")
    st = Story(id="st-1", events=["ev-1", "ev-2"])
    describe([*arts, lone], [ev, ev2], [st])
    assert ev.summary and ev2.summary and ev.timeline and st.timeline
    _check_items(ev.summary, arts)
    _check_items(ev2.summary, [lone])
    for entry in st.timeline:
        assert entry["status"] in ("happened", "scheduled")
        _check_items(entry["sentences"], [*arts, lone])
    assert [e["date"] for e in st.timeline] == sorted(e["date"] for e in st.timeline)
    assert "2021-11-14" in {e["date"] for e in ev.timeline}

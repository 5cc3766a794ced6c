"""Summaries that never open with a dangling reference, and event titles from the most central headline."""

from __future__ import annotations

import pytest

from kronik.model import Article, Event, Story
from kronik.summarize import SummarySettings, describe, prepare, summarize_articles
from kronik.summarize.references import dangling_items, opens_with_reference
from kronik.summarize.titles import central_title

OLD = SummarySettings(references=False, central_titles=False)


def _art(aid: str, paras: list[str], published: str, title: str, lang: str = "id", **kw: object) -> Article:
    return Article(id=aid, source=f"{aid}.txt", format="text", language=lang, published=published, title=title,
                   paragraphs=paras, **kw)


@pytest.mark.parametrize(("text", "lang", "refers"), [
    ("Hal itu disampaikan Budi di Jakarta.", "id", True),
    ("Pembicaraan itu berlangsung tiga jam.", "id", True),
    ("Kebijakan tersebut berlaku mulai besok.", "id", True),
    ("Dalam kesempatan itu, Budi memaparkan rencana.", "id", True),
    ("Selain itu, harga cabai juga naik.", "id", True),
    ("Namun, polisi belum menetapkan tersangka.", "id", True),
    ("Dia mengaku tidak tahu.", "id", True),
    ("Saat itu polisi tiba di lokasi.", "id", True),        # 'that time': points back
    ("Hari ini KPK menahan seorang bupati.", "id", False),   # 'today': the time of writing
    ("Sejauh ini belum ada korban jiwa.", "id", False),
    ("Presiden meresmikan jalan tol di Medan.", "id", False),
    ("Menurut Budi, kebijakan tersebut sudah tepat.", "id", False),  # its clause names the source first
    ('"Hal itu tidak benar," kata Budi.', "id", False),      # a quotation speaks in its speaker's voice
    ("It said the deal was off.", "en", True),
    ("However, prices rose again.", "en", True),
    ("The move surprised markets.", "en", True),
    ("That decision was final.", "en", True),
    ("This week the central bank cut rates.", "en", False),
    ("The central bank cut rates on Tuesday.", "en", False),
])
def test_reference_openers(text: str, lang: str, refers: bool) -> None:
    assert opens_with_reference(text, lang) is refers


def test_a_language_without_a_list_judges_nothing() -> None:
    assert opens_with_reference("Il a dit non.", "fr") is False


MEETING = _art("a", [
    "Menteri Keuangan bertemu Gubernur Bank Indonesia di Jakarta pada Senin pagi untuk rapat tertutup.",
    "Pembicaraan itu membahas suku bunga acuan, inflasi pangan, dan nilai tukar rupiah yang melemah pekan lalu.",
    "Rapat berlangsung selama tiga jam di gedung kementerian.",
], "2025-10-20T08:00:00+07:00", "Suku Bunga Acuan, Inflasi dan Rupiah Dibahas")

TALKS = _art("e", [
    "The finance minister met the central bank governor in London on Monday for a closed meeting.",
    "The talks covered interest rates, food inflation and the weak pound of last week.",
    "The meeting lasted three hours at the treasury.",
], "2025-10-20T08:00:00+00:00", "Interest Rates, Inflation and the Pound Discussed", lang="en")


def _reads_alone(items: list[dict], articles: list[Article]) -> bool:
    """Every item opening with a reference comes after an earlier sentence of its article."""
    by_id = {a.id: a for a in articles}
    for j, it in enumerate(items):
        if opens_with_reference(it["text"], by_id[it["article"]].language or "id"):
            if not any(p["article"] == it["article"] for p in items[:j]):
                return False
    return True


@pytest.mark.parametrize("article", [MEETING, TALKS])
def test_a_one_sentence_summary_does_not_open_with_a_reference(article: Article) -> None:
    old = summarize_articles([article], SummarySettings(references=False, article_sentences=1))
    assert opens_with_reference(old[0]["text"], article.language or "id")  # the earlier picker did
    new = summarize_articles([article], SummarySettings(article_sentences=1))
    assert len(new) == 1 and not opens_with_reference(new[0]["text"], article.language or "id")


@pytest.mark.parametrize("article", [MEETING, TALKS])
def test_a_reference_comes_with_its_antecedent(article: Article) -> None:
    items = summarize_articles([article], SummarySettings(article_sentences=2))
    assert len(items) == 2 and _reads_alone(items, [article])
    opening, orphan, _ = dangling_items(items, {article.id: article}, "id")
    assert not opening and orphan == 0


def test_an_event_summary_gives_each_reference_its_article_first() -> None:
    later = _art("b", [
        "Bank Indonesia menilai suku bunga acuan masih tepat untuk menahan inflasi pangan dan menjaga rupiah.",
        "Hal itu disampaikan Gubernur Bank Indonesia usai rapat dengan Menteri Keuangan soal suku bunga acuan.",
        "Keputusan resmi akan diumumkan pada rapat dewan gubernur pekan depan.",
    ], "2025-10-20T09:00:00+07:00", "BI Pertahankan Suku Bunga Acuan demi Rupiah")
    arts = [MEETING, later]
    for k in (1, 2, 3, 4):
        items = summarize_articles(arts, SummarySettings(min_sentences=k, max_sentences=k))
        assert items and _reads_alone(items, arts), k


def test_dangling_items_counts_both_readings() -> None:
    arts = {MEETING.id: MEETING}
    s0, s1, s2 = ({"text": MEETING.paragraphs[i], "article": "a", "paragraph": i, "start": 0,
                   "end": len(MEETING.paragraphs[i])} for i in range(3))
    assert dangling_items([s1, s0], arts, "id") == (True, 0, 0)
    assert dangling_items([s0, s1], arts, "id") == (False, 0, 0)   # right after its antecedent
    assert dangling_items([s2, s1], arts, "id") == (False, 0, 1)   # its article precedes, not its antecedent
    other = {"text": "Harga cabai naik di pasar.", "article": "z", "paragraph": 0, "start": 0, "end": 26}
    assert dangling_items([other, s1], arts, "id") == (False, 1, 1)


def _titled(aid: str, title: str, hour: int) -> Article:
    return _art(aid, [f"Isi berita {aid} tentang banjir di Jakarta yang merendam ratusan rumah warga."],
                f"2025-10-20T{hour:02d}:00:00+07:00", title)


def test_the_most_central_headline_is_the_title() -> None:
    arts = [
        _titled("a", "Warga Kampung Melayu Mengungsi ke Masjid", 7),  # the first report names one corner of it
        _titled("b", "Banjir Rendam Ratusan Rumah di Jakarta Timur", 8),
        _titled("c", "Ratusan Rumah di Jakarta Timur Terendam Banjir", 9),
        _titled("d", "Banjir Jakarta Timur, BPBD Siagakan Perahu Karet", 10),
    ]
    docs = [prepare(a) for a in arts]
    assert central_title(docs) == "Banjir Rendam Ratusan Rumah di Jakarta Timur"
    assert central_title(list(reversed(docs))) == "Banjir Rendam Ratusan Rumah di Jakarta Timur"


def test_a_tie_goes_to_the_earliest_headline() -> None:
    a, b = _titled("a", "Banjir Rendam Jakarta", 9), _titled("b", "Gempa Guncang Maluku", 8)
    assert central_title([prepare(a), prepare(b)]) == "Gempa Guncang Maluku"
    c = _titled("c", "Kebakaran di Medan", 10)
    assert central_title([prepare(x) for x in (a, b, c)]) == "Gempa Guncang Maluku"  # three unrelated: all tie
    assert central_title([prepare(_art("x", ["teks"], "2025-10-20T08:00:00+07:00", ""))]) is None
    # earliest by the clock, not by the written offset: 07:40 in Ternate (+09) is 05:40 in Jakarta
    east = _titled("e", "Gempa Guncang Halmahera", 7).model_copy(update={"published": "2025-10-20T07:40:00+09:00"})
    west = _titled("w", "Banjir Rendam Jakarta", 6)
    assert central_title([prepare(west), prepare(east)]) == "Gempa Guncang Halmahera"


def test_describe_sets_the_central_title_on_the_event_and_its_story() -> None:
    arts = [
        _titled("a", "Warga Kampung Melayu Mengungsi ke Masjid", 7),
        _titled("b", "Banjir Rendam Ratusan Rumah di Jakarta Timur", 8),
        _titled("c", "Ratusan Rumah di Jakarta Timur Terendam Banjir", 9),
        _titled("d", "Banjir Jakarta Timur, BPBD Siagakan Perahu Karet", 10),
        # a copy of c: counted, it would make c the most central; copies are not outlets of their own
        _titled("z", "Ratusan Rumah di Jakarta Timur Terendam Banjir Lagi", 11).model_copy(update={"duplicate_of": "c"}),
    ]
    first = arts[0].title

    def fresh() -> tuple[Event, Story]:
        return (Event(id="e1", title=first, articles=[a.id for a in arts], story="s1"),
                Story(id="s1", title=first, events=["e1"]))

    ev, st = fresh()
    describe(arts, [ev], [st], OLD)
    assert ev.title == st.title == first  # the earlier choice, kept as the baseline
    ev, st = fresh()
    describe(arts, [ev], [st])
    assert ev.title == st.title == "Banjir Rendam Ratusan Rumah di Jakarta Timur"


def test_eval_reading_cli_on_the_example_corpus(tmp_path) -> None:
    import json
    from pathlib import Path

    from typer.testing import CliRunner

    from kronik.cli import app

    corpus = Path(__file__).resolve().parent.parent / "examples" / "corpus"
    res = CliRunner().invoke(app, ["eval", "reading", "--real", str(tmp_path / "absent"), "--corpus", str(corpus),
                                   "--json"])
    assert res.exit_code == 0, res.output
    out = json.loads(res.stdout)
    assert set(out) == {"corpus"}
    block = out["corpus"]
    assert block["ours"]["opening"] == 0 and block["ours"]["orphan"] == 0
    assert block["ours"]["opening"] <= block["baseline"]["opening"]
    assert block["ours"]["summaries"] == block["baseline"]["summaries"] == block["events"]


def test_a_headline_that_repeats_the_common_words_over_a_side_story_loses_to_the_central_report() -> None:
    port = ["Ribuan sopir truk mogok di Pelabuhan Tanjung Priok menuntut tarif angkut yang lebih tinggi.",
            "Antrean kontainer di pelabuhan mengular hingga lima kilometer dan bongkar muat terhenti."]
    arts = [
        _art("c", ["Di Makassar, puluhan sopir truk ikut mogok sehingga pasokan sayur ke kabupaten terganggu.",
                   "Pedagang pasar di Gowa mengeluhkan harga cabai naik karena kiriman terlambat."],
             "2025-10-20T06:00:00+07:00", "Ribuan Sopir Truk Mogok, Bongkar Muat Terhenti hingga Makassar"),
        _art("a", port, "2025-10-20T07:00:00+07:00", "Ribuan Sopir Truk Mogok di Tanjung Priok"),
        _art("b", [port[1], port[0]], "2025-10-20T08:00:00+07:00", "Bongkar Muat Terhenti Akibat Mogok"),
        _art("d", port, "2025-10-20T10:00:00+07:00", "Pemerintah Buka Dialog dengan Sopir Truk"),
    ]
    # by headlines alone the Makassar one is the most central (and it is the earliest)
    assert central_title([prepare(a) for a in arts]) == arts[0].title
    ev = Event(id="e1", title=arts[0].title, articles=[a.id for a in arts])
    describe(arts, [ev], [])
    assert ev.title == "Ribuan Sopir Truk Mogok di Tanjung Priok"

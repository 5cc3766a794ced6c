"""Issue 14: events that need the same happening, follow-ups that are not copies, arrival order,
and the real dev day (skipped without ``../shared/data``)."""

from __future__ import annotations

import pytest

from kronik.corpus import CorpusSettings, run_corpus
from kronik.corpus.dedup import DedupState, deduplicate
from kronik.corpus.features import features_from_parts
from kronik.eval.clustermetrics import cluster_scores
from kronik.eval.clusters import REAL_DAYS, false_duplicates, load_corpus, load_real, run_in_passes

REPORT = [
    ("Komisi Pemberantasan Korupsi menangkap Bupati Tanah Laut dalam operasi tangkap tangan di rumah dinasnya pada "
    "Selasa malam bersama tujuh orang lain."),
    "Penyidik menyita uang tunai sekitar Rp 1,2 miliar yang diduga suap proyek jalan kabupaten tahun anggaran 2025.",
    "Juru bicara lembaga itu mengatakan para pihak yang ditangkap masih diperiksa intensif di gedung Merah Putih.",
    "Status hukum mereka akan ditentukan dalam waktu dua puluh empat jam sesuai hukum acara yang berlaku.",
]
FOLLOW_UP = [
    ("Bupati Tanah Laut resmi ditetapkan sebagai tersangka dan langsung ditahan selama dua puluh hari pertama di "
    "rumah tahanan cabang gedung Merah Putih."),
    ("Wakil ketua lembaga itu menjelaskan tersangka diduga menerima komitmen fee sepuluh persen dari tiga kontraktor "
    "proyek peningkatan jalan."),
    "Tiga kontraktor pemberi suap juga ditetapkan sebagai tersangka dan ditahan di rutan yang berbeda.",
    *REPORT,  # the first report's paragraphs, reused as background
]


def _feats(id_: str, paras: list[str], published: str):
    return features_from_parts(id_, None, paras, published=published, language="id")


def test_a_follow_up_reusing_background_is_not_a_copy() -> None:
    s = CorpusSettings()
    first = _feats("first", REPORT, "2025-10-21T08:00:00+07:00")
    copy = _feats("copy", REPORT[:3], "2025-10-21T09:00:00+07:00")  # syndicated, last paragraph dropped
    follow = _feats("follow", FOLLOW_UP, "2025-10-22T10:00:00+07:00")
    roots, _ = deduplicate([first, copy, follow], DedupState(), s)
    assert roots == {"first": "first", "copy": "first", "follow": "follow"}


@pytest.fixture(scope="module")
def corpus(corpus_dir):
    return load_corpus(corpus_dir)


def test_undated_page_of_an_unknown_outlet_joins_its_event_and_episodes_stay_apart(corpus) -> None:
    # the April pair: a page with no outlet whose date is only in its body (published_basis "inferred")
    articles, labels = corpus
    out, *_ = run_corpus([a.model_copy() for a in articles])
    by_src = {labels[a.id]["source"]: a for a in out}
    page = by_src["text/unsorted/halaman-tanpa-judul-01.txt"]
    assert page.outlet is None
    mates = [a for a in out if a.event == page.event and a.id != page.id]
    assert mates and all(labels[a.id]["event"] == labels[page.id]["event"] for a in mates)
    # the January, April and December episodes of that relationship are three events
    episodes = {labels[a.id]["event"]: a.event for a in out if labels[a.id]["story"] == labels[page.id]["story"]}
    assert len(set(episodes.values())) == len(episodes) == 3


def _scores(labels, assign, kind):
    field = {"events": "event", "stories": "story"}[kind]
    return cluster_scores({k: v[field] for k, v in labels.items()}, assign[kind])["bcubed_f1"]


def test_arrival_order_on_our_corpus(corpus) -> None:
    """One pass vs a pass per article in file order (a watch feed), state kept between passes.

    Both are within the issue's 0.02: a pass links its touched events again with the events of the
    stories they belong to or could join, so episodes that arrive months out of order still come
    together, and it places the articles of its touched events and their look-alikes again in
    publication order (events 0.950 one by one against 0.954 in one pass; 0.910 when events were only
    merged, never split, afterwards)."""
    articles, labels = corpus
    one = run_in_passes(articles, len(articles))
    each = run_in_passes(articles, 1)
    for kind in ("events", "stories"):
        assert abs(_scores(labels, one, kind) - _scores(labels, each, kind)) <= 0.02
    # ids of what did not change stay put: every event id is one of an article of that event
    assert all(ev.startswith("ev-") for ev in each["events"].values())


@pytest.fixture(scope="module")
def real_day(shared_data):
    export, gold = REAL_DAYS[0]
    return load_real(shared_data / "real-news" / export, shared_data / "real-news" / gold)


def test_real_dev_day_events_and_no_false_duplicates(real_day) -> None:
    articles, labels = real_day
    assert len(articles) == 162
    out, *_ = run_corpus([a.model_copy() for a in articles])
    gold_ev = {k: v["event"] for k, v in labels.items()}
    ev = cluster_scores(gold_ev, {a.id: a.event for a in out})
    assert ev["bcubed_precision"] >= 0.85 and ev["bcubed_f1"] >= 0.89  # 0.54 / 0.52 before issue 14
    assert false_duplicates({a.id: a.duplicate_of or a.id for a in out}, gold_ev) == []
    each = run_in_passes(articles, 1)
    # events: 0.912 one pass vs 0.925 one by one since a pass places its neighbourhood's articles again
    # (0.890 when an event was never split once formed)
    assert abs(ev["bcubed_f1"] - cluster_scores(gold_ev, each["events"])["bcubed_f1"]) <= 0.02
    gold_st = {k: v["story"] for k, v in labels.items()}
    st = cluster_scores(gold_st, {a.id: a.story for a in out})["bcubed_f1"]
    assert st >= 0.83  # 0.58 when filed, 0.717 before stories needed names specific to the story
    assert abs(st - cluster_scores(gold_st, each["stories"])["bcubed_f1"]) <= 0.02


def test_store_passes_leave_no_stale_events_or_stories(corpus_dir, tmp_path) -> None:
    """Small shuffled batches through the store: events merged away and stories given up lose their rows,
    and their articles point at the events and stories that took them over."""
    import random

    from kronik.ingest import ingest
    from kronik.store import open_store

    files = sorted(p for p in corpus_dir.rglob("*") if p.is_file() and p.name not in ("labels.jsonl", ".kronikignore")
                   and "README" not in p.name)
    random.Random(3).shuffle(files)
    store = open_store(str(tmp_path / "k.db"))
    for i in range(0, len(files), 8):
        ingest(files[i:i + 8], store)
    arts = list(store.articles())
    events = {e.id: e for e in store.events()}
    stories = {s.id: s for s in store.stories()}
    assert all(a.event in events and a.story in stories for a in arts)
    assert all(e.articles for e in events.values())  # no event row without articles
    assert {a.event for a in arts} == set(events)
    assert {a.story for a in arts} == set(stories)
    assert all(set(s.events) <= set(events) for s in stories.values())


def test_a_pass_revisits_stories_and_reports_what_moved(corpus) -> None:
    """A pass links its touched events again (with their story's and bridgeable stories' events): feeding
    the same articles again changes nothing and moves nothing; a story's id is its first event's."""
    from kronik.corpus import article_features, run_features

    articles, _ = corpus
    feats = [article_features(a) for a in articles]
    first, state = run_features(feats)
    again, state = run_features(feats, state)
    assert again == first and state.moved == {}
    _, st2 = run_features(feats[: len(feats) // 2])
    _, st2 = run_features(feats[len(feats) // 2:], st2)
    for eid, (old, new) in st2.moved.items():
        assert old != new and st2.clusters.events[eid].story == new
    assert all(old is None or old in st2.stories.stories or old not in {e.story for e in st2.clusters.events.values()}
               for old, _ in st2.moved.values())

"""Events and storylines on our labelled corpus (through the real pipeline), and the Output contract."""

from __future__ import annotations

from collections import defaultdict

import pytest

from kronik.corpus import CorpusSettings, run_corpus
from kronik.eval.clustermetrics import cluster_scores
from kronik.eval.clusters import load_corpus
from kronik.model import Output


@pytest.fixture(scope="module")
def corpus(corpus_dir):
    return load_corpus(corpus_dir)


@pytest.fixture(scope="module")
def clustered(corpus):
    articles, labels = corpus
    out, events, stories, state = run_corpus([a.model_copy() for a in articles])
    return out, events, stories, state, labels


def test_every_article_gets_an_event_and_a_story(clustered) -> None:
    out, events, stories, _, _ = clustered
    assert all(a.event and a.story for a in out)
    ev_ids = {e.id for e in events}
    assert {a.event for a in out} == ev_ids
    assert {a.story for a in out} == {s.id for s in stories}
    # an event belongs to one story, and that story lists it
    listed = defaultdict(list)
    for s in stories:
        for e in s.events:
            listed[e].append(s.id)
    assert all(len(v) == 1 for v in listed.values())
    assert all(listed[e.id] == [e.story] for e in events)


def test_event_fields(clustered) -> None:
    out, events, _, _, _ = clustered
    by = {a.id: a for a in out}
    for ev in events:
        assert ev.articles and all(by[x].event == ev.id for x in ev.articles)
        if ev.start and ev.end:
            assert ev.start[:10] <= ev.end[:10]
    big = max(events, key=lambda e: len(e.articles))
    assert big.title and big.entities and big.start and big.end


def test_quality_on_our_corpus(clustered) -> None:
    out, _, _, _, labels = clustered
    ev = cluster_scores({a.id: labels[a.id]["event"] for a in out}, {a.id: a.event for a in out})
    st = cluster_scores({a.id: labels[a.id]["story"] for a in out}, {a.id: a.story for a in out})
    assert ev["bcubed_f1"] >= 0.9 and ev["pairwise_precision"] >= 0.95
    assert st["bcubed_f1"] >= 0.93


def test_same_people_months_apart_are_separate_events_of_one_story(clustered) -> None:
    out, _, _, _, labels = clustered
    s1 = [a for a in out if labels[a.id]["story"] == "s1" and labels[a.id]["split"] == "tune"]
    events_of = defaultdict(set)
    for a in s1:
        events_of[labels[a.id]["event"]].add(a.event)
    assert events_of["s1e1"].isdisjoint(events_of["s1e2"]) and events_of["s1e2"].isdisjoint(events_of["s1e3"])
    assert len({a.story for a in s1}) == 1


def test_duplicates_share_their_originals_event(clustered) -> None:
    out, _, _, _, _ = clustered
    by = {a.id: a for a in out}
    copies = [a for a in out if a.duplicate_of]
    assert copies
    assert all(by[a.duplicate_of].event == a.event for a in copies)


def test_deterministic(corpus) -> None:
    articles, _ = corpus
    a1, e1, _, _ = run_corpus([a.model_copy() for a in articles])
    a2, e2, _, _ = run_corpus([a.model_copy() for a in reversed(articles)])
    assert {a.id: (a.event, a.story, a.duplicate_of) for a in a1} == {a.id: (a.event, a.story, a.duplicate_of) for a in a2}
    assert [e.model_dump() for e in e1] == [e.model_dump() for e in e2]


def test_output_contract_validates(clustered) -> None:
    out, events, stories, _, _ = clustered
    doc = Output(articles=out, events=events, stories=stories)
    again = Output.model_validate_json(doc.model_dump_json(by_alias=True))
    assert len(again.events) == len(events)


def test_english_stream_without_titles_or_indonesian_resources() -> None:
    from kronik.model import Article

    def a(i: str, day: str, text: list[str]) -> Article:
        return Article(id=i, source=i, format="jsonl", language="en", published=day, paragraphs=text)

    quake = ["A magnitude 7.0 earthquake struck Haiti near Port-au-Prince, collapsing the presidential palace.",
             "Rescue teams from several countries searched the rubble of Port-au-Prince for survivors."]
    quake2 = ["Aid flights landed in Port-au-Prince as the Haiti earthquake death toll rose sharply.",
              "The airport in Port-au-Prince struggled to handle rescue teams and aid for earthquake survivors."]
    oil = ["BP said oil was still leaking from the Deepwater Horizon well in the Gulf of Mexico.",
           "Engineers tried again to cap the BP well as the slick spread toward Louisiana marshes."]
    out, _, _, _ = run_corpus([a("q1", "2010-01-13", quake), a("q2", "2010-01-14", quake2),
                                          a("o1", "2010-05-20", oil)], settings=CorpusSettings())
    by = {x.id: x for x in out}
    assert by["q1"].event == by["q2"].event != by["o1"].event
    assert by["q1"].story != by["o1"].story

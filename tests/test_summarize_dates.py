"""Date ranking evidence and the timeline model: what the articles say about each date, and how it is read."""

from __future__ import annotations

from datetime import date

import numpy as np

from kronik.annotate.times import annotate_times
from kronik.model import Article
from kronik.summarize import build_timeline, prepare
from kronik.summarize.dates import FEATURES, features, gather, score_dates
from kronik.summarize.timeline import (
    SENTENCE_FEATURES,
    TimelineInput,
    TimelineModel,
    model_from_json,
    sentence_mentions,
    shipped_model,
)


def _en(aid: str, published: str, paragraphs: list[str]) -> Article:
    return annotate_times(Article(id=aid, source=f"{aid}.txt", format="text", language="en", published=published,
                                  title="Spill", paragraphs=paragraphs))


def _docs() -> list:
    arts = [
        _en("a", "2010-04-21", ["An oil rig exploded in the Gulf of Mexico on Tuesday, April 20.",
                                "A hearing will be held on May 3 in Washington."]),
        _en("b", "2010-04-22", ["The rig exploded on April 20 and eleven workers are missing.",
                                "The rig sank on Thursday, April 22, after burning for two days."]),
        _en("c", "2010-04-30", ["The slick reached Louisiana on Friday.",
                                "Ten days earlier, on April 20, the rig exploded, killing eleven workers."]),
    ]
    return [prepare(a) for a in arts]


def test_gather_counts_articles_lead_retro_and_forward_mentions() -> None:
    docs = _docs()
    ev = gather([sentence_mentions(d) for d in docs], [date(2010, 4, 21), date(2010, 4, 22), date(2010, 4, 30)])
    day = date(2010, 4, 20)
    assert ev.mention_articles[day] == {0, 1, 2}
    assert sorted(ev.lag_days[day]) == [1, 2, 10]  # c looks back ten days: an event worth recalling
    assert ev.future[date(2010, 5, 3)] == ev.mention_sentences[date(2010, 5, 3)] == 1  # scheduled, not happened
    assert ev.published[date(2010, 4, 30)] == [2]


def test_score_dates_rankers_and_features() -> None:
    docs = _docs()
    ev = gather([sentence_mentions(d) for d in docs], [date(2010, 4, 21), date(2010, 4, 22), date(2010, 4, 30)])
    for ranker in ("count", "mentions"):
        order, scores = score_dates(ev, ranker)
        assert order[0] == date(2010, 4, 20) and list(scores) == sorted(scores, reverse=True)
    cands = sorted(set(ev.mention_articles) | set(ev.published))
    x = features(ev, cands)
    assert x.shape == (len(cands), len(FEATURES)) and np.isfinite(x).all()
    rel = x[:, FEATURES.index("rel_mention_articles")]
    assert rel.max() == 1.0 and rel[cands.index(date(2010, 4, 20))] == 1.0
    w = np.zeros(len(FEATURES))
    w[FEATURES.index("log_retro_articles")] = 1.0
    assert score_dates(ev, w)[0][0] == date(2010, 4, 20)


def test_timeline_with_a_sentence_model_keeps_its_contract() -> None:
    docs = _docs()
    inp = TimelineInput(docs)
    ment, pub, cand = inp.candidates(date(2010, 4, 20), lead=10, pub_days=2)
    assert ment and set(ment) <= set(cand)
    x = inp.sentence_features(date(2010, 4, 20), ment, pub, cand)
    assert x.shape == (len(cand), len(SENTENCE_FEATURES)) and np.isfinite(x).all()
    model = TimelineModel("count", np.ones(len(SENTENCE_FEATURES)), 10, 40)
    tl = build_timeline(docs, n_dates=3, per_date=1, model=model)
    assert [e["date"] for e in tl] == sorted(e["date"] for e in tl)
    by_id = {d.article.id: d.article for d in docs}
    for e in tl:
        assert e["status"] in ("happened", "scheduled")
        for s in e["sentences"]:
            para = by_id[s["article"]].paragraphs[s["paragraph"]]
            assert para[s["start"]:s["end"]] == s["text"]
    status = {e["date"]: e["status"] for e in tl}
    assert status.get("2010-04-20") == "happened"


def test_model_json_round_trip_and_stale_parts_fall_back() -> None:
    model = TimelineModel(np.arange(len(FEATURES), dtype=float), np.ones(len(SENTENCE_FEATURES)), 20, 40)
    again = model_from_json(model.to_json())
    assert np.allclose(again.dates, model.dates) and np.allclose(again.sentences, model.sentences)
    assert (again.lead_sentences, again.max_words) == (20, 40)
    stale = model_from_json({"dates": {"old_feature": 1.0}, "sentences": {"bias": 1.0}, "lead_sentences": 5})
    assert stale.dates == "count" and stale.sentences is None and stale.lead_sentences == 5
    assert shipped_model().sentences is not None

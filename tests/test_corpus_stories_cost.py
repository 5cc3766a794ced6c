"""The story linker's work for a new event is bounded by the new event, not by the store (issue 14).

Work is counted, not timed: the events a pass links again and the stories the linker reads."""

from __future__ import annotations

import random
from datetime import date, timedelta
from collections.abc import Iterator
from typing import Any

import pytest

from kronik.corpus import CorpusState, run_features
from kronik.corpus import stories as stories_mod
from kronik.corpus.features import features_from_parts


def _words(seed: int, n: int) -> list[str]:
    """Made-up words of one seed (so unrelated cases and days share no vocabulary)."""
    rng = random.Random(seed)
    syl = ["ka", "ru", "mi", "to", "se", "la", "po", "ne", "di", "wa", "gu", "ri", "bo", "ta", "le"]
    return ["".join(rng.choice(syl) for _ in range(4)) for _ in range(n)]


def _case(i: int, day: int, published: bool = True) -> Any:
    """An article of case ``i`` (its own suspect, place and words) on day ``day``: what happened that day is
    new, the case's names and words carry on."""
    who, where = f"Tersangka Nomor{i} Wirawan", f"Kabupaten Lokasi{i}"
    case, today = _words(i, 8), _words(100_000 + 1000 * i + day, 24)
    paras = [f"{who} {' '.join(today[:8])} {where}.", f"{' '.join(case)} {who} {' '.join(today[8:16])}.",
             f"{where} {' '.join(today[16:])} {' '.join(case[:4])}."]
    pub = f"{date(2024, 1, 1) + timedelta(days=day)}T10:00:00+07:00" if published else None
    return features_from_parts(f"c{i}-d{day}", paras[0], paras, published=pub, language="id",
                               entities=[who, who, where])


GAP = 5


def _store(n_cases: int, long_story_days: int) -> CorpusState:
    """``n_cases`` unrelated one-article cases, and case 0 followed on ``long_story_days`` days, ``GAP`` apart."""
    state = CorpusState.empty()
    feats = [_case(i, 1 + i % 300) for i in range(1, n_cases + 1)]
    feats += [_case(0, GAP * d) for d in range(long_story_days)]
    run_features(feats, state)
    return state


class _Counting(dict):  # type: ignore[type-arg]
    """A dict that counts walks over all of it (a scan of every story)."""

    scans = 0

    def __iter__(self) -> Iterator[Any]:
        type(self).scans += 1
        return super().__iter__()

    def values(self) -> Any:
        type(self).scans += 1
        return super().values()

    def items(self) -> Any:
        type(self).scans += 1
        return super().items()


def _work(state: CorpusState, new: Any, monkeypatch: pytest.MonkeyPatch) -> tuple[int, int, int]:
    """(events linked again, largest candidate list scored, scans of every story) for one new article."""
    linked: list[str] = []
    scored: list[int] = []
    assign, scores = stories_mod.Linker.assign, stories_mod.Linker.scores

    def count_assign(self: Any, ev: Any) -> str:
        linked.append(ev.id)
        return assign(self, ev)

    def count_scores(self: Any, ev: Any, cands: list[Any], q: Any) -> Any:
        scored.append(len(cands))
        return scores(self, ev, cands, q)

    monkeypatch.setattr(stories_mod.Linker, "assign", count_assign)
    monkeypatch.setattr(stories_mod.Linker, "scores", count_scores)
    _Counting.scans = 0
    state.stories.stories = _Counting(state.stories.stories)
    run_features([new], state)
    return len(linked), max(scored, default=0), _Counting.scans


@pytest.mark.parametrize("published", [True, False], ids=["dated", "undated"])
def test_linker_work_for_one_new_event_does_not_grow_with_the_store(monkeypatch: pytest.MonkeyPatch,
                                                                     published: bool) -> None:
    small, large = _store(40, 30), _store(160, 90)
    assert len(large.stories.stories) > 2 * len(small.stories.stories)
    long_story = large.clusters.events[large.clusters.article_event["c0-d0"]].story
    assert long_story and len(large.stories.stories[long_story].events) >= 30  # the case's events form one story
    s = small.settings
    work_small = _work(small, _case(0, GAP * 30, published), monkeypatch)
    work_large = _work(large, _case(0, GAP * 90, published), monkeypatch)
    # the new event and at most story_revisit_max story mates are linked again, from a bounded candidate list
    assert work_large[0] <= 1 + s.story_revisit_max and work_large[1] <= s.story_candidates
    assert work_small[1] <= s.story_candidates
    assert work_large[0] == work_small[0]
    assert work_large[2] == work_small[2] == 0  # no walk over every story, dated or not

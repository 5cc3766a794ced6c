"""Event summaries and dated timelines, every sentence traceable to its article and paragraph.

One entry point, :func:`describe`, fills ``Event.summary``, ``Event.timeline``
and ``Story.timeline`` in place after :func:`kronik.corpus.run_corpus`:

* ``Event.summary``: 3 to 5 sentences (``SummarySettings``), extractive, from
  body paragraphs only, redundancy across outlets removed
  (:mod:`kronik.summarize.summary`); an event of one article gets a
  single-document summary.  Items: ``{"text", "article", "paragraph",
  "start", "end", "score"}`` (``start``/``end``: character offsets in the
  paragraph).
* ``Event.timeline`` / ``Story.timeline``: DATEWISE-style dated entries
  (:mod:`kronik.summarize.timeline`), in calendar order: ``{"date",
  "status": "happened" | "scheduled", "mentions", "articles", "sentences":
  [{"text", "article", "paragraph", "start", "end"}]}``.

Dates come from ``Article.times`` (run the ``times`` stage first) and
publication dates; articles marked ``duplicate_of`` are left out.
"""

from __future__ import annotations

from collections.abc import Collection, Sequence

from kronik.model import Article, Event, Story
from kronik.summarize.space import Sims, build_space, ensure_space, rows_of
from kronik.summarize.summary import Doc, SummarySettings, prepare, summarize_articles, summarize_doc, summarize_docs
from kronik.summarize.timeline import TimelineSettings, build_timeline
from kronik.summarize.titles import central_title

__all__ = [
    "SummarySettings", "TimelineSettings", "build_timeline", "describe", "prepare", "summarize_articles",
    "summarize_doc", "summarize_docs",
]


def describe(articles: Sequence[Article], events: Sequence[Event], stories: Sequence[Story],
             settings: SummarySettings | None = None, only: Collection[str] | None = None) -> None:
    """Fill ``summary`` and ``timeline`` of the events and ``timeline`` of the stories (in place).

    Args:
        articles: the articles the events and stories refer to (at least those; others are ignored).
        events: events whose ``articles`` lists article ids.
        stories: stories whose ``events`` lists event ids (events not given are looked up in ``events``).
        settings: summary and timeline sizes; defaults to ``SummarySettings()``.
        only: ids of the events to describe (default: all); the others are left as they are and only lend
            their articles to the stories' timelines (a corpus pass describes the events whose articles
            changed, not every event of a story it touched).

    Each article is split into sentences and vectorised once per call, however many
    events and stories it belongs to.  With ``settings.central_titles`` each event's title becomes its
    most central headline (:func:`kronik.summarize.titles.central_title`), and a story titled after
    one of these events follows it.
    """
    s = settings or SummarySettings()
    by_id = {a.id: a for a in articles}
    docs: dict[str, Doc] = {}

    def docs_of(ids: Sequence[str]) -> list[Doc]:
        out = []
        for aid in dict.fromkeys(ids):
            a = by_id.get(aid)
            if a is None or a.duplicate_of:
                continue
            d = docs.get(aid)
            if d is None:
                d = docs[aid] = prepare(a, s.candidate_sentences)
            out.append(d)
        out.sort(key=lambda d: d.article.published or "")
        return out

    # one space for everything, each event's articles side by side (its rows are then one slice)
    ordered = {d.article.id: d for ev in events for d in docs_of(ev.articles)}
    space = build_space(list(ordered.values()))
    event_by_id = {e.id: e for e in events}
    renamed: dict[str, str] = {}
    for ev in events:
        if only is not None and ev.id not in only:
            continue
        if s.central_titles and (title := central_title(docs_of(ev.articles))):
            if ev.title and ev.title != title:
                renamed[ev.title] = title
            ev.title = title
        ds = [d for d in docs_of(ev.articles) if d.sentences]
        sims = Sims(space, rows_of(ds)) if ds else None
        ev.summary = summarize_docs(ds, s, sims=sims)
        ev.timeline = build_timeline(ds, s.event_dates, s.date_sentences, sims=sims)
    for st in stories:
        if st.title in renamed and any(event_by_id[e].title == renamed[st.title] for e in st.events if e in event_by_id):
            st.title = renamed[st.title]
        ids = [aid for eid in st.events if eid in event_by_id for aid in event_by_id[eid].articles]
        ds = [d for d in docs_of(ids) if d.sentences]
        st.timeline = build_timeline(ds, s.story_dates, s.date_sentences, sims=Sims(ensure_space(ds), rows_of(ds)) if ds else None)

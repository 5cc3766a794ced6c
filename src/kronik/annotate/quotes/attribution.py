"""The attribution pass: each accepted span gets its speaker, chains and neighbours included."""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from kronik.annotate.names import display_name
from kronik.annotate.quotes.classify import _attribution_post
from kronik.annotate.quotes.indirect import _indirect
from kronik.annotate.quotes.speakers import (
    _add_event,
    _last_event,
    _overlapping_entity_kind,
    _resolve,
    _sentence_topics,
)
from kronik.model import Quote

if TYPE_CHECKING:
    from kronik.annotate.quotes.model import _Doc, _Mention, _Span


# --------------------------------------------------------------------------- attribution pass


def _attribute(doc: _Doc) -> list[Quote]:
    quotes: list[tuple[int, int, Quote]] = []
    for pi in range(len(doc.paras)):
        # Sentence topics of this paragraph, interleaved with the speakers of its quotes.
        for pos, mention in _sentence_topics(doc, pi):
            if mention.kind == "alias-topic":
                ev = _last_event(doc, pi, pos, ("person",))
                if ev and ev.canonical:
                    doc.aliases[mention.text.lower()] = tuple(ev.canonical.split())
                    _add_event(doc, pi, pos, "person", ev.canonical, mention)
                continue
            if mention.kind == "anon":
                _add_event(doc, pi, pos, "anon", None, mention)
                continue
            kind = "person" if mention.kind == "name" else "org"
            tagged = _overlapping_entity_kind(doc, mention)
            if tagged == "other":
                continue  # the tagger says it is a place (or other): never a speaker to refer back to
            if tagged == "org":
                kind = "org"
            _add_event(doc, pi, pos, kind, None, mention, lazy=True)
        spans = [sp for sp in doc.spans[pi] if sp.accepted]
        for idx, sp in enumerate(spans):
            if sp.chain_prev is not None and sp.chain_prev.accepted:
                continue  # resolved with its chain head
            chain = [sp]
            while chain[-1].chain_next is not None and chain[-1].chain_next.accepted:
                chain.append(chain[-1].chain_next)
            speaker, stext = _speaker_for(doc, sp, spans, idx, chain)
            for member in chain:
                # a transcript continues the quote marks over paragraphs but changes speaker at each label
                member.speaker, member.speaker_text = _transcript_speaker(doc, member) or (speaker, stext)
        for sp in spans:
            text = sp.text.strip()
            if sp.close is not None:
                text = text.rstrip(",").rstrip()
            if text:
                quotes.append((pi, sp.open, Quote(text=text, speaker=sp.speaker, speaker_text=sp.speaker_text,
                                                  paragraph=pi, direct=True)))
        for pos, q in _indirect(doc, pi):
            quotes.append((pi, pos, q))
    quotes.sort(key=lambda t: (t[0], t[1]))
    for _pi, _pos, q in quotes:
        if q.speaker:
            # speakers are entity identities (the alias table's, 'Dana Moneter Internasional'): an article shows
            # them in its own language ('International Monetary Fund'), a name that reads back to the same identity
            q.speaker = display_name(q.speaker, doc.lang.code)
    return [q for _pi, _pos, q in quotes]


def _speaker_for(doc: _Doc, sp: _Span, spans: list[_Span], idx: int, chain: list[_Span]) -> tuple[str | None, str | None]:
    pi = sp.para
    mention: _Mention | None = None
    for member in chain:
        if member.attr is not None and member.attr_kind == "after":
            mention = member.attr
    if mention is None:
        for member in chain:
            if member.attr is not None:
                mention = member.attr
                break
    if mention is not None:
        canon, kind = _resolve(doc, mention)
        pos = mention.start
        _add_event(doc, mention.para, pos, kind if kind != "anon" or canon else "anon", canon, mention)
        stext = mention.text
        if mention.kind == "pronoun" and not stext.startswith("-"):
            stext = mention.text
        return canon, stext
    # No attribution of its own: a neighbour in the same paragraph, before then after.
    for j in range(idx - 1, -1, -1):
        prev = spans[j]
        if prev.speaker_text is not None or prev.speaker is not None:
            if not _topic_between(doc, pi, prev.end, sp.open):
                return prev.speaker, prev.speaker_text
            break
    for j in range(idx + 1, len(spans)):
        nxt = spans[j]
        if nxt.attr is not None and nxt.chain_prev is None:
            canon, _kind = _resolve(doc, nxt.attr)
            return canon, nxt.attr.text
    # The next paragraph names the speaker: 'Pernyataan tegas itu disampaikan X'.
    last = chain[-1]
    if last.para + 1 < len(doc.paras):
        m = _attribution_post(doc, last.para + 1, 0)
        if m is not None:
            canon, kind = _resolve(doc, m)
            _add_event(doc, m.para, m.start, kind, canon, m)
            return canon, m.text
    # Otherwise the current topic (this paragraph first, then earlier).
    ev = _last_event(doc, pi, sp.open, ("person", "anon", "org"), org_topics=False)
    if ev is not None:
        return ev.canonical, (ev.mention.text if ev.mention else None)
    return None, None


def _topic_between(doc: _Doc, pi: int, start: int, end: int) -> bool:
    return any(ev.para == pi and start < ev.pos < end and ev.kind in ("person", "org") for ev in doc.events)


_TRANSCRIPT_LABEL = re.compile(r"\s*([A-Z][A-Z'’.\-]+(?:\s+[A-Z][A-Z'’.\-]+){0,2}):\s")


def _transcript_speaker(doc: _Doc, sp: _Span) -> tuple[str, str] | None:
    """'"PENCE: Well, look, ..."': an interview transcript's speaker label in capitals opening the quote (or
    its paragraph), when it is the surname of a person the article names ("Mike Pence")."""
    m = _TRANSCRIPT_LABEL.match(sp.text) or _TRANSCRIPT_LABEL.match(doc.paras[sp.para][:sp.open + 1])
    if m is None:
        return None
    last = m.group(1).split()[-1].strip(".").lower()
    for ents in doc.entities.values():
        for ent in ents:
            if ent.label.upper().startswith("PER") and ent.canonical.split()[-1].lower() == last:
                return ent.canonical, m.group(1)
    for _pi, _pos, toks, _ctx, _pre in doc.names:  # names the quote annotator read itself
        if len(toks) > 1 and toks[-1].lower() == last:
            return " ".join(toks), m.group(1)
    if _transcript_labels(doc) >= 2:
        # a transcript (labels open several paragraphs) names a speaker the article never names in full
        # ('WALLACE:' of the host): the label is the speaker, as written in names
        return " ".join(w.strip(".").capitalize() for w in m.group(1).split()), m.group(1)
    return None


_LABEL_OPEN = re.compile(r"[\"“”'‘]?" + _TRANSCRIPT_LABEL.pattern)


def _transcript_labels(doc: _Doc) -> int:
    """How many paragraphs of the article open with a speaker label in capitals (a transcript has several)."""
    return sum(1 for p in doc.paras if _LABEL_OPEN.match(p))

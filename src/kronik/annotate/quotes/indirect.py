"""Indirect (reported) speech: a speech verb or 'menurut X' with its clause."""

from __future__ import annotations

from typing import TYPE_CHECKING

from kronik.annotate.quotes.mentions import _make_mention, _mention_in_chunk
from kronik.annotate.quotes.model import _Mention
from kronik.annotate.quotes.speakers import _add_event, _resolve
from kronik.model import Quote

if TYPE_CHECKING:
    from kronik.annotate.quotes.model import _Doc


# --------------------------------------------------------------------------- indirect speech


def _indirect(doc: _Doc, pi: int) -> list[tuple[int, Quote]]:
    lang = doc.lang
    text = doc.masked[pi]
    p = doc.paras[pi]
    out: list[tuple[int, Quote]] = []
    if not lang.indirect_cue.search(text):
        return out
    for s, e in doc.sentences[pi]:
        seg = text[s:e].rstrip()
        if any(s <= sp.open < e for sp in doc.spans[pi] if sp.accepted):
            continue  # sentences carrying direct speech are reported as direct quotes
        body = seg.rstrip(".!?…").rstrip()
        if len(body.split()) < 4:
            continue
        found: tuple[int, int, _Mention | None] | None = None
        mention: _Mention | None
        m = lang.according_start.match(body)
        if m:
            who = (m.group("m") or "").strip()
            if m.groupdict().get("clitic"):
                cs = s + m.start("clitic")
                mention = _Mention(pi, cs, cs + len(m.group("clitic")), "-" + m.group("clitic"), "pronoun")
                found = (s + m.start("clause"), s + m.end("clause"), mention)
            elif who and not who.lower().startswith(lang.not_speaker):
                mention = _make_mention(doc, pi, s + m.start("m"), s + m.end("m"))
                if mention is not None:
                    found = (s + m.start("clause"), s + m.end("clause"), mention)
        if found is None and lang.according_after_clause:
            m = lang.according_end.match(body)
            if m and not m.group("m").lower().startswith(lang.not_speaker):
                mention = _make_mention(doc, pi, s + m.start("m"), s + m.end("m"))
                if mention is not None:
                    found = (s + m.start("clause"), s + m.end("clause"), mention)
            if found is None:
                m = lang.trailing_said.match(body)
                if m and len(m.group("clause").split()) >= 4:
                    mention = _make_mention(doc, pi, s + m.start("m"), s + m.end("m"))
                    if mention is not None:
                        found = (s + m.start("clause"), s + m.end("clause"), mention)
        if found is None:
            m = lang.indirect.search(body)
            if m and len(m.group("clause").split()) >= 3:
                mention = _mention_in_chunk(doc, pi, s, s + m.start("verb"))
                subj = text[s:s + m.start("verb")]
                if mention is not None and (mention.kind != "org-desc" or len(subj.split()) <= 6):
                    found = (s + m.start("clause"), s + m.end("clause"), mention)
        if found is None:
            continue
        cs, ce, mention = found
        clause = p[cs:ce].strip().rstrip(",").strip()
        if not clause or mention is None:
            continue
        canon, kind = _resolve(doc, mention)
        if mention.kind != "anon":
            _add_event(doc, pi, mention.start, kind, canon, mention)
        out.append((cs, Quote(text=clause, speaker=canon if mention.kind != "anon" else None,
                              speaker_text=mention.text, paragraph=pi, direct=False)))
    return out

"""Curated corrections of entities: an analyst's fix outlives every later ingest and corpus pass.

Three kinds, kept in ``entity_overrides`` (one row each):

- ``type``: the mentions of canonical ``name`` get the label ``value`` (``PER``, ``ORG``, ``LOC``, ``MISC``).
- ``merge``: canonical ``name`` is the same as ``value`` ("Prabowo" into "Prabowo Subianto"); chains resolve
  ("A" into "B", "B" into "C": "A" is "C").
- ``unmerge``: the mentions *written* ``name`` that the annotation resolved to canonical ``value`` are their own
  entity ("Budi" split off "Budi Santoso" when the article's "Budi" is someone else).

Why rewrite the stored rows instead of mapping names when reading: every reader (search filters and facets,
entity lists, story pages, exports, the Article contract) then sees the corrected names with no extra cost
per request.  The annotation's own values are kept beside the corrected ones (``entities.auto_canonical`` /
``auto_label``, ``quotes.auto_speaker``; NULL while uncorrected), so removing a correction restores exactly
what the annotation said, and then applies the remaining corrections again.

New articles go through :meth:`Overrides.entity_row` / :meth:`Overrides.speaker` as they are written
(:meth:`kronik.store.db.Store.write_batch`), and the corpus pass reads merged names in features and event
entities (:meth:`Overrides.names`), so a correction holds for everything stored later too.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy import and_, delete, distinct, func, select, update

from kronik.errors import NotFound, RequestError
from kronik.store import schema
from kronik.store.queries import iso_time, refresh_story_pages

ACTIONS = ("type", "merge", "unmerge")
LABELS = ("PER", "ORG", "LOC", "MISC")
"""The entity labels of the API and the store (one vocabulary; the UI shows them as person, organisation,
place and other)."""
LABEL_NAMES = {"person": "PER", "organisation": "ORG", "organization": "ORG", "place": "LOC", "location": "LOC",
               "other": "MISC"}
"""The words the UI shows for the labels, accepted wherever a label is given (``type=place`` is ``LOC``)."""
MAX_NAME = 300


def label_of(value: str) -> str:
    """A label as stored (``PER``, ...) from a label or the UI's word for it, any case."""
    v = value.strip()
    return LABEL_NAMES.get(v.lower(), v.upper())


@dataclass(frozen=True)
class Override:
    id: int
    action: str
    name: str
    value: str
    note: str | None
    created_at: str | None

    def public(self) -> dict[str, Any]:
        return {"id": self.id, "action": self.action, "name": self.name, "value": self.value, "note": self.note,
                "created_at": self.created_at}


class Overrides:
    """The corrections in force, as lookups (built from the table in one small query)."""

    def __init__(self, rows: Iterable[Override] = ()) -> None:
        self.rows = sorted(rows, key=lambda o: o.id)
        self.types = {o.name: o.value for o in self.rows if o.action == "type"}
        self.merges = {o.name: o.value for o in self.rows if o.action == "merge"}
        self.splits = {(o.name, o.value) for o in self.rows if o.action == "unmerge"}

    def __bool__(self) -> bool:
        return bool(self.rows)

    @classmethod
    def load(cls, conn: Any) -> Overrides:
        o = schema.entity_overrides
        return cls(Override(r.id, r.action, r.name, r.value, r.note, iso_time(r.created_at))
                   for r in conn.execute(select(o)))

    def final(self, name: str) -> str:
        """Where a chain of merges from ``name`` ends (a cycle, refused on write, stops where it loops)."""
        seen = {name}
        while name in self.merges:
            name = self.merges[name]
            if name in seen:
                break
            seen.add(name)
        return name

    def canonical(self, canonical: str, text: str | None) -> str:
        """The corrected canonical name of a mention written ``text`` that the annotation resolved to ``canonical``."""
        if text is not None and (text, canonical) in self.splits:
            canonical = text
        return self.final(canonical)

    def entity_row(self, row: dict[str, Any]) -> dict[str, Any]:
        """A mention row about to be stored, corrected (the annotation's values kept in ``auto_*``)."""
        name = self.canonical(row["canonical"], row["text"])
        label = self.types.get(name, row["label"])
        row["auto_canonical"] = row["auto_label"] = None  # every row has the keys (one executemany)
        if name != row["canonical"]:
            row["auto_canonical"], row["canonical"] = row["canonical"], name
        if label != row["label"]:
            row["auto_label"], row["label"] = row["label"], label
        return row

    def quote_row(self, row: dict[str, Any]) -> dict[str, Any]:
        """A quote row about to be stored, its speaker corrected (the annotation's kept in ``auto_speaker``)."""
        speaker = self.speaker(row["speaker"], row["speaker_text"])
        row["auto_speaker"] = row["speaker"] if speaker != row["speaker"] else None
        row["speaker"] = speaker
        return row

    def speaker(self, speaker: str | None, speaker_text: str | None) -> str | None:
        return None if speaker is None else self.canonical(speaker, speaker_text)

    def names(self, names: Iterable[str]) -> list[str]:
        """Entity names (an event's top entities) with merges applied, duplicates dropped, order kept."""
        return list(dict.fromkeys(self.final(n) for n in names))

    def counts(self, counts: Mapping[str, int]) -> dict[str, int]:
        """Name counts (an article's features) with merged names summed under the name they merge into."""
        out: dict[str, int] = {}
        for n, c in counts.items():
            k = self.final(n)
            out[k] = out.get(k, 0) + c
        return out


# --------------------------------------------------------------------------- writing corrections

def check(conn: Any, overrides: Overrides, action: str, name: str, value: str) -> tuple[str, str]:
    """The correction's (name, value) cleaned, or a 400/404 saying why it cannot be made."""
    if action not in ACTIONS:
        raise RequestError(f"action={action[:40]!r}: expected one of {', '.join(ACTIONS)}")
    name, value = " ".join(str(name).split()), " ".join(str(value).split())
    if not name or not value:
        raise RequestError("a correction needs a name and a value")
    if len(name) > MAX_NAME or len(value) > MAX_NAME:
        raise RequestError(f"names are at most {MAX_NAME} characters")
    en = schema.entities
    if action == "type":
        value = label_of(value)
        if value not in LABELS:
            raise RequestError(f"type {value[:40]!r}: expected one of {', '.join(LABELS)}")
        if not _exists(conn, en.c.canonical == name):
            raise NotFound(f"no entity {name!r}")
    elif action == "merge":
        if name == value:
            raise RequestError("an entity cannot be merged into itself")
        if not _exists(conn, en.c.canonical == name):
            raise NotFound(f"no entity {name!r}")
        if Overrides([*overrides.rows, Override(-1, "merge", name, value, None, None)]).final(value) == name:
            raise RequestError(f"{value!r} is already merged into {name!r}: merging back would make a loop")
    else:
        if not _exists(conn, and_(en.c.canonical == value, en.c.text == name)):
            raise NotFound(f"no mention written {name!r} is counted as {value!r}")
    return name, value


def _exists(conn: Any, where: Any) -> bool:
    return conn.execute(select(schema.entities.c.article_id).where(where).limit(1)).first() is not None


def add(conn: Any, action: str, name: str, value: str, note: str | None = None) -> dict[str, Any]:
    """Record a correction (replacing an earlier one of the same kind for the same name) and apply it to
    the stored rows; returns the correction and what it changed."""
    o = schema.entity_overrides
    before = Overrides.load(conn)
    name, value = check(conn, before, action, name, value)
    replaced = [r for r in before.rows if r.action == action and r.name == name and (action != "unmerge" or r.value == value)]
    # a merge and the split of the same pair undo each other: the newer one stands
    opposite = {"merge": "unmerge", "unmerge": "merge"}.get(action)
    replaced += [r for r in before.rows if r.action == opposite and {r.name, r.value} == {name, value}]
    if replaced:
        conn.execute(delete(o).where(o.c.id.in_([r.id for r in replaced])))
    new_id = conn.execute(o.insert().values(action=action, name=name, value=value, note=(note or None) and note[:2000])
                          ).inserted_primary_key[0]
    touched = {name, value} if action != "type" else {name}
    for r in replaced:
        touched |= {r.name, r.value} if r.action != "type" else {r.name}
    changed = _reapply(conn, touched)
    row = conn.execute(select(o).where(o.c.id == new_id)).first()
    made = Override(row.id, row.action, row.name, row.value, row.note, iso_time(row.created_at))
    return {"correction": made.public(), "changed": changed}


def remove(conn: Any, override_id: int) -> dict[str, Any]:
    """Take a correction back: the rows it changed get the annotation's values again (then the remaining
    corrections are applied to them)."""
    o = schema.entity_overrides
    row = conn.execute(select(o).where(o.c.id == override_id)).first()
    if row is None:
        raise NotFound(f"no correction {override_id}")
    conn.execute(delete(o).where(o.c.id == override_id))
    touched = {row.name, row.value} if row.action != "type" else {row.name}
    changed = _reapply(conn, touched)
    gone = Override(row.id, row.action, row.name, row.value, row.note, iso_time(row.created_at))
    return {"correction": gone.public(), "changed": changed}


def list_all(conn: Any, name: str | None = None) -> list[dict[str, Any]]:
    """Every correction, oldest first (or those naming ``name`` on either side)."""
    rows = Overrides.load(conn).rows
    if name is not None:
        rows = [r for r in rows if name in (r.name, r.value)]
    return [r.public() for r in rows]


def _reapply(conn: Any, touched: set[str]) -> dict[str, int]:
    """Restore the annotation's values on the rows about the ``touched`` names (and the names merged with
    them), apply every correction in force to them, and rebuild what is derived from them: entity counts,
    the pages and event entity lists of the stories whose articles mention them."""
    en, qt = schema.entities, schema.quotes
    overrides = Overrides.load(conn)
    names = set(touched)
    for _ in range(3):  # names merged into or out of a touched one (chains are short)
        names |= {o.name for o in overrides.rows if o.value in names and o.action != "type"}
        names |= {o.value for o in overrides.rows if o.name in names and o.action != "type"}
        names |= {overrides.final(n) for n in list(names)}
    names |= set(_moved(conn, names))
    stories = _stories_of(conn, names)
    for n in names:  # back to the annotation's values
        conn.execute(update(en).where(en.c.auto_canonical == n).values(
            canonical=en.c.auto_canonical, label=func.coalesce(en.c.auto_label, en.c.label), auto_canonical=None,
            auto_label=None))
        conn.execute(update(en).where(en.c.canonical == n, en.c.auto_label.is_not(None)).values(
            label=en.c.auto_label, auto_label=None))
        conn.execute(update(qt).where(qt.c.auto_speaker == n).values(speaker=qt.c.auto_speaker, auto_speaker=None))
    mentions = speakers = 0
    for alias, source in sorted(overrides.splits):
        if source in names or alias in names:
            mentions += _move(conn, and_(en.c.canonical == source, en.c.text == alias), alias)
            speakers += _move_speaker(conn, and_(qt.c.speaker == source, qt.c.speaker_text == alias), alias)
    for source in sorted(overrides.merges):
        target = overrides.final(source)
        if source in names or target in names:
            mentions += _move(conn, en.c.canonical == source, target)
            speakers += _move_speaker(conn, qt.c.speaker == source, target)
    for name, label in sorted(overrides.types.items()):
        if name in names:
            mentions += conn.execute(update(en).where(en.c.canonical == name, en.c.label != label).values(
                auto_label=func.coalesce(en.c.auto_label, en.c.label), label=label)).rowcount or 0
    _refresh_stats(conn, names, overrides)
    stories |= _stories_of(conn, names)
    _refresh_events(conn, stories, overrides)
    refresh_story_pages(conn, stories)
    return {"mentions": mentions, "quotes": speakers, "stories": len(stories)}


def _move(conn: Any, where: Any, target: str) -> int:
    en = schema.entities
    return conn.execute(update(en).where(where).values(
        auto_canonical=func.coalesce(en.c.auto_canonical, en.c.canonical), canonical=target)).rowcount or 0


def _move_speaker(conn: Any, where: Any, target: str) -> int:
    qt = schema.quotes
    return conn.execute(update(qt).where(where).values(
        auto_speaker=func.coalesce(qt.c.auto_speaker, qt.c.speaker), speaker=target)).rowcount or 0


def _moved(conn: Any, names: set[str]) -> list[str]:
    """Current canonical names of rows that a correction moved away from one of ``names``."""
    en = schema.entities
    out: list[str] = []
    for n in names:
        out += [r[0] for r in conn.execute(select(en.c.canonical).where(en.c.auto_canonical == n).distinct())]
    return out


def _stories_of(conn: Any, names: set[str]) -> set[str]:
    """Stories with an article that mentions or quotes one of ``names``."""
    en, qt, a = schema.entities, schema.quotes, schema.articles
    out: set[str] = set()
    for n in names:
        for table, col in ((en, en.c.canonical), (qt, qt.c.speaker)):
            out.update(r[0] for r in conn.execute(
                select(a.c.story).select_from(table.join(a, a.c.id == table.c.article_id))
                .where(col == n, a.c.story.is_not(None)).distinct()))
    return out


def _refresh_stats(conn: Any, names: set[str], overrides: Overrides) -> None:
    """``entity_stats`` of these names from their mentions as they now stand (a name left with none goes)."""
    en, es = schema.entities, schema.entity_stats
    for n in names:
        count = conn.execute(select(func.count(distinct(en.c.article_id))).where(en.c.canonical == n)).scalar_one()
        conn.execute(delete(es).where(es.c.canonical == n))
        if not count:
            continue
        label = overrides.types.get(n) or conn.execute(
            select(en.c.label).where(en.c.canonical == n).group_by(en.c.label)
            .order_by(func.count().desc(), en.c.label).limit(1)).scalar_one()
        conn.execute(es.insert().values(canonical=n, label=label, articles=count))


def _refresh_events(conn: Any, stories: set[str], overrides: Overrides) -> None:
    """The top entity names the corpus pass stored on the events of these stories, with merges applied."""
    ev = schema.events
    ids = sorted(stories)
    for i in range(0, len(ids), 500):
        for eid, names in conn.execute(select(ev.c.id, ev.c.entities).where(ev.c.story.in_(ids[i:i + 500]))).all():
            fixed = overrides.names(names or [])
            if fixed != (names or []):
                conn.execute(update(ev).where(ev.c.id == eid).values(entities=fixed))


def entity_corrections(conn: Any, name: str) -> dict[str, Any]:
    """What the corrections say about one entity, for its page: its corrected type, the names merged into
    it, the aliases split off it, and where it was merged to (when it was)."""
    ov = Overrides.load(conn)
    mine = [r for r in ov.rows if name in (r.name, r.value) and not (r.action == "type" and r.name != name)]
    return {
        "type": next((r.public() for r in mine if r.action == "type"), None),
        "merged_from": [r.public() for r in mine if r.action == "merge" and r.value == name],
        "merged_into": next((r.public() for r in mine if r.action == "merge" and r.name == name), None),
        "split_off": [r.public() for r in mine if r.action == "unmerge" and r.value == name],
        "split_from": [r.public() for r in mine if r.action == "unmerge" and r.name == name],
    }


__all__ = ["ACTIONS", "LABELS", "Override", "Overrides", "add", "entity_corrections", "list_all", "remove"]

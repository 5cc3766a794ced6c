"""How the command line looks: readable value names in ``--help``, and the total an ingest progress bar counts to.

**Help.** Typer's rich help prints each parameter's Python type (``<bool>`` after ``--quiet``, ``<list[Path]>`` for the
paths), which reads as code, not as what to type.  One wrapper around Typer's ``display_type_rich`` turns those
into the names click's own help uses; an explicit ``metavar=`` still wins, and nothing else of Typer changes.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

NAMES = {"str": "TEXT", "int": "INTEGER", "float": "NUMBER", "Path": "PATH", "bool": "BOOLEAN", "datetime": "DATETIME"}
_LIST = re.compile(r"^<list\[(.+)\]>$")
_ONE = re.compile(r"^<([\w]+)(?: range)?>$")


def readable(label: str | None, *, flag: bool = False, repeatable: bool = False) -> str | None:
    """The value name to show for Typer's ``label`` (``None``: show nothing, as for a flag).  A list is
    ``NAME...`` for an argument that takes several values, ``NAME`` for an option given once per value."""
    if label is None or flag:
        return None
    if m := _LIST.match(label):
        inner = readable(f"<{m.group(1)}>") or m.group(1)
        return inner if repeatable else f"{inner}..."
    if m := _ONE.match(label):
        return NAMES.get(m.group(1), m.group(1).upper())
    if label.startswith("<") and label.endswith(">") and "|" in label:  # choices: [a|b|c]
        return f"[{label[1:-1]}]"
    return label


def install() -> None:
    """Wrap Typer's parameter type display once (idempotent)."""
    from typer import core

    for cls in (core.TyperOption, core.TyperArgument):
        original = cls.display_type_rich
        if getattr(original, "_kronik_readable", False):
            continue

        def display(self: Any, ctx: Any, _original: Any = original, _option: bool = cls is core.TyperOption) -> str | None:
            if getattr(self, "metavar", None) is not None:
                return _original(self, ctx)  # type: ignore[no-any-return]
            flag = bool(getattr(self, "is_flag", False)) or bool(getattr(self, "count", False))
            label = _original(self, ctx)
            if not _option and label and label.endswith("..."):  # Typer adds "..." to a multi-value argument
                label = label[:-3]
            return readable(label, flag=flag, repeatable=_option)

        display._kronik_readable = True  # type: ignore[attr-defined]
        cls.display_type_rich = display  # type: ignore[method-assign]


COUNT_SECONDS = 5.0
"""How long ``kronik ingest`` may spend counting documents before it starts (past it: no total, no ETA)."""


def count_documents(paths: Iterable[str | Path], fields: Any = None, budget: float = COUNT_SECONDS) -> int | None:
    """**Progress.** The number of documents (and problems) ``paths`` will yield, so the bar can show a total
    and an ETA; ``None`` when reading them all takes longer than ``budget`` seconds (a very large input: the
    bar then counts up without a total, as before).  Reading is the cheap part of an ingest (no annotation),
    so a full count costs a few percent of the run it announces."""
    from kronik.io.readers import read_documents

    deadline = time.monotonic() + budget
    n = 0
    for _ in read_documents(paths, fields):
        n += 1
        if not n % 64 and time.monotonic() > deadline:
            return None
    return n

"""The figures an eval returns: a plain dict for ``--json``, plus details only the table shows."""

from __future__ import annotations

from typing import Any


class EvalResult(dict[str, Any]):
    """A dict of figures (what ``--json`` prints) carrying ``details`` for the human table.

    ``json.dumps`` serialises only the dict items, so per-page rows and
    mismatch lists stay out of the one compact JSON object.
    """

    def __init__(self, figures: dict[str, Any] | None = None, details: dict[str, Any] | None = None) -> None:
        super().__init__(figures or {})
        self.details: dict[str, Any] = details or {}

"""Time expressions: find them and normalise them to TimeML TIMEX3 values.

Three steps, all rules (no model), all language knowledge read from the
language pack's typed time words (``get_pack(lang).time``, a ``TimeWords`` filled from
``kronik.lang.<code>.time_words``):

1. **Atoms.**  A set of regular expressions, built from the word tables,
   proposes candidate atoms (a weekday, a date, a clock time, a counted unit,
   a deictic word, ...).  Overlaps are settled longest-first; spans inside
   prices, coordinates and flight numbers are blocked.
2. **Expressions.**  Adjacent atoms that describe one point in time merge:
   ``Minggu (28/12/2014) pukul 06.18 WIB kemarin`` is one TIME expression.
   Approximation words (``sekitar``, ``lebih dari``) join the extent, as in
   TimeML; prepositions (``pada``, ``selama``, ``sejak``) stay outside.
3. **Values.**  Expressions are resolved in reading order against the anchor
   (the publication date) and a small discourse state: the last mentioned
   time (for ``saat itu``, ``sebulan kemudian``) and the day the story is
   talking about (for a bare ``pukul 07.55``).  A weekday or a date without a
   year takes the past reading unless a future cue (``akan``, ``mendatang``)
   is near; with no cue a date without a year takes the nearest reading, a
   future one counting double (so ``3 November`` in January is last November).

Values follow TIMEX3: ``2021``, ``2021-03``, ``2021-04-22``, ``2021-W02``,
``2021-W02-WE``, ``2021-Q1``, ``2021-H2``, ``2021-WI``, ``202`` (decade),
``20`` (century), ``2021-04-22T10:00``, ``2021-04-22TMO``, durations
``P3D``/``PT2H``/``PXM``, sets as the calendar pattern they repeat
(``XXXX-XX-XX`` every day, ``XXXX`` every year, ``XXXX-WXX-1`` every Monday;
``P3M`` every three months), day ranges as intervals
(``2025-10-01/2025-10-10``), times of no particular day (advice, habits) as
``XXXX-XX-XXT10:00``, and ``PRESENT_REF``, ``PAST_REF``, ``FUTURE_REF``.  Clock
times carry no zone in the value (the zone word stays in the extent).  Where
the real-news guidelines (``../shared/data/real-news/GUIDELINES.md``) and
IndoTimex differ, the guidelines decide.

Without an anchor (``published`` is null), values that need one are ``None``:
explicit dates, years, durations, sets and the ``*_REF`` words keep theirs.

Modules: ``values`` (TIMEX3 values and calendar arithmetic), ``model`` (atoms,
found expressions, discourse state), ``atoms`` (what a match means),
``grammar`` (the patterns of a language), ``merge`` (atoms into expressions),
``resolve`` (values), ``api`` (the stage and entry points).
"""

from kronik.annotate.times.api import annotate_times, parse_published, tag_paragraphs, tag_times
from kronik.annotate.times.grammar import Grammar, grammar
from kronik.annotate.times.model import Atom, Found

__all__ = ["Atom", "Found", "Grammar", "annotate_times", "grammar", "parse_published", "tag_paragraphs", "tag_times"]

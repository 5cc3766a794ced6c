"""Indonesian language pack: data only, plugged into ``LanguagePack``."""

from kronik.lang.base import LanguagePack
from kronik.lang.id import boilerplate, calendar, stop_words, wires
from kronik.lang.words import read_tables

PACK = LanguagePack(
    code="id",
    stop_words=stop_words.STOP_WORDS,
    months=calendar.MONTHS,
    weekdays=calendar.WEEKDAYS,
    zones=calendar.ZONES,
    boilerplate=boilerplate.RULES,
    citation_cues=wires.CITATION_CUES,
    byline_labels=boilerplate.BYLINE_LABELS,
    non_author_labels=boilerplate.NON_AUTHOR_LABELS,
    **read_tables("id"),
    ner="crf",
)

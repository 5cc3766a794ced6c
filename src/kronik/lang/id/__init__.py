"""Indonesian language pack: data only, plugged into ``LanguagePack``."""

from kronik.lang.base import LanguagePack
from kronik.lang.id import abbreviations, boilerplate, calendar, stop_words, time_words, wires
from kronik.lang.words import TimeWords, load

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
    time=load(TimeWords, time_words),
    abbreviations=abbreviations.ABBREVIATIONS,
)

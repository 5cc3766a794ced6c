"""English language pack: data only, plugged into ``LanguagePack``."""

from kronik.lang.base import LanguagePack
from kronik.lang.en import abbreviations, boilerplate, calendar, stop_words, time_words
from kronik.lang.words import TimeWords, load

PACK = LanguagePack(
    code="en",
    stop_words=stop_words.STOP_WORDS,
    months=calendar.MONTHS,
    weekdays=calendar.WEEKDAYS,
    zones=calendar.ZONES,
    boilerplate=boilerplate.RULES,
    citation_cues=("according to", "told", "reported by", "citing", "quoted by", "source:"),
    byline_labels=("by", "author", "written by", "reporting by"),
    non_author_labels=("editing by", "edited by", "editor", "photo", "photograph"),
    time=load(TimeWords, time_words),
    abbreviations=abbreviations.ABBREVIATIONS,
)

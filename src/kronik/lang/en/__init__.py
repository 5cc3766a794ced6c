"""English language pack: data only, plugged into ``LanguagePack``."""

from kronik.lang.base import LanguagePack
from kronik.lang.en import boilerplate, calendar, stop_words
from kronik.lang.words import read_tables

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
    **read_tables("en", aliases_from="id"),  # one alias table for the corpus: names merge across languages
    ner="crf",  # models/ner.zip, trained on CoNLL-2003 by `kronik train ner --lang en`
)

"""English language pack: data only, plugged into ``LanguagePack``."""

from kronik.lang.base import LanguagePack
from kronik.lang.en import abbreviations, boilerplate, calendar, quote_verbs, speakers, stop_words, time_words, titles
from kronik.lang.id import aliases  # one alias table for the corpus: names merge across languages
from kronik.lang.words import NameWords, QuoteWords, SpeakerWords, TimeWords, TitleWords, load

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
    quote=load(QuoteWords, quote_verbs),
    names=NameWords(titles=load(TitleWords, titles), speakers=load(SpeakerWords, speakers)),
    aliases=aliases.ALIASES,
    alias_exact_max_len=aliases.CASE_SENSITIVE_MAX_LEN,
    ner="capitalised",
)

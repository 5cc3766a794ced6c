"""Indonesian language pack: data only, plugged into ``LanguagePack``."""

from kronik.lang.base import LanguagePack
from kronik.lang.id import (
    abbreviations,
    aliases,
    boilerplate,
    calendar,
    quote_verbs,
    speakers,
    stop_words,
    time_words,
    titles,
    wires,
)
from kronik.lang.words import NameWords, QuoteWords, SpeakerWords, TimeWords, TitleWords, load

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
    quote=load(QuoteWords, quote_verbs),
    names=NameWords(titles=load(TitleWords, titles), speakers=load(SpeakerWords, speakers)),
    aliases=aliases.ALIASES,
    alias_exact_max_len=aliases.CASE_SENSITIVE_MAX_LEN,
    ner="crf",
)

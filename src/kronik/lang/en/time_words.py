"""English words for time expressions (basic coverage): data only, read by ``kronik.annotate.times``.

Same fields as ``kronik.lang.id.time_words``; see there for the unit codes.
English puts the relative word before the unit (``last week``) and counts back
with ``ago``; clock times use a.m./p.m. and bare ``10:30``.
"""

from kronik.lang.en import calendar

MONTHS: dict[str, int] = calendar.MONTHS
WEEKDAYS: dict[str, int] = calendar.WEEKDAYS
ZONES: dict[str, str] = calendar.ZONES

NUMBER_WORDS: dict[str, float] = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
    "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90, "a": 1, "an": 1, "half": 0.5,
}
NUMBER_MULTIPLIERS: dict[str, int] = {"hundred": 100, "thousand": 1000}
DECIMAL_SEPARATOR = "."
VAGUE_QUANTITIES: dict[str, str | None] = {"several": None, "a few": None, "few": None, "many": None, "some": None,
                                           "decades of": "DE"}
UNITS: dict[str, str] = {
    "second": "S", "seconds": "S", "minute": "MIN", "minutes": "MIN", "hour": "H", "hours": "H",
    "day": "D", "days": "D", "week": "W", "weeks": "W", "month": "M", "months": "M", "quarter": "Q",
    "quarters": "Q", "year": "Y", "years": "Y", "decade": "DE", "decades": "DE", "century": "CE",
    "centuries": "CE",
}
REDUPLICATED_UNITS: dict[str, str] = {"decades": "DE"}
RELATIVE_BEFORE: dict[str, int] = {"last": -1, "past": -1, "previous": -1, "next": 1, "coming": 1, "this": 0,
                                   "the last": -1, "the next": 1, "the coming": 1, "the past": -1}
RELATIVE_AFTER: dict[str, int] = {}
COUNTED_RELATIVE_AFTER: dict[str, int] = {"ago": -1, "earlier": -1, "later": 1, "from now": 1, "before": -1,
                                          "after": 1}
COUNTED_FROM_MENTION = frozenset({"earlier", "later"})
UNIT_FROM_MENTION: dict[str, int] = {}
DURATION_AFTER = ("long",)
MODIFIERS_BEFORE = ("about", "around", "approximately", "nearly", "almost", "more than", "less than", "at least",
                    "some", "roughly")
PERIOD_PARTS: dict[str, str] = {"early": "START", "late": "END", "mid": "MID", "the end of": "END",
                                "the beginning of": "START", "the middle of": "MID", "end of": "END"}
DAY_HEAD: tuple[str, ...] = ()
MONTH_HEAD: tuple[str, ...] = ()
YEAR_HEAD: tuple[str, ...] = ()
WEEKDAY_HEAD: tuple[str, ...] = ()
MONTH_DAY_ORDER = True
ORDINALS: dict[str, int] = {"first": 1, "second": 2, "third": 3, "fourth": 4, "last": -1, "1": 1, "2": 2, "3": 3, "4": 4}
WEEKEND = ("weekend",)
WEEK_WORDS: tuple[str, ...] = ()
CLOCK_PREFIX: tuple[str, ...] = ()
CLOCK_AMPM: dict[str, str] = {"a.m.": "AM", "am": "AM", "p.m.": "PM", "pm": "PM"}
CLOCK_BARE_COLON = True
ZONE_WORDS = (*ZONES, "local time")
RANGE_WORDS = ("-", "–", "to", "through", "and")
PARTS_OF_DAY: dict[str, str] = {"morning": "MO", "afternoon": "AF", "evening": "EV", "night": "NI", "noon": "MI",
                                "midday": "MI"}
PM_PARTS = frozenset({"afternoon", "evening", "night"})
POD_HEAD: tuple[str, ...] = ()
POD_AFTER: dict[str, str] = {}
POD_BEFORE: dict[str, int] = {"this": 0, "yesterday": -1, "tomorrow": 1}
LAST_NIGHT = ("last night",)
FIXED_TIMES: dict[str, tuple[int, str]] = {"tonight": (0, "NI")}
DEICTIC_DAYS: dict[str, int] = {"today": 0, "yesterday": -1, "tomorrow": 1}
STORY_DAYS: dict[str, int] = {"the next day": 1, "the following day": 1, "the day before": -1,
                              "the previous day": -1, "that day": 0, "the same day": 0}
ANAPHORIC: tuple[str, ...] = ()
VAGUE_DURATIONS: dict[str, str] = {"a while": "PXX", "a moment": "PXX", "some time": "PXX"}
ANAPHORIC_FALLBACK = "PAST_REF"
REFERENCES: dict[str, str] = {
    "at the time": "PAST_REF", "at that time": "PAST_REF", "now": "PRESENT_REF", "currently": "PRESENT_REF", "nowadays": "PRESENT_REF", "at present": "PRESENT_REF",
    "recently": "PAST_REF", "the past": "PAST_REF", "in the past": "PAST_REF", "the future": "FUTURE_REF",
    "soon": "FUTURE_REF",
}
SEASONS: dict[str, str] = {"spring": "SP", "summer": "SU", "autumn": "FA", "fall": "FA", "winter": "WI"}
HOLIDAYS: dict[str, tuple[int, int, str | None]] = {"christmas": (12, 25, None), "christmas eve": (12, 24, "NI"),
                                                   "new year's day": (1, 1, None), "new year's eve": (12, 31, "NI")}
SET_PREFIX = ("every", "each")
SET_WORDS: dict[str, str] = {"daily": "XXXX-XX-XX", "weekly": "XXXX-WXX", "monthly": "XXXX-XX", "annually": "XXXX",
                             "yearly": "XXXX"}
RATE_PREFIX = ("per",)                # "$5 per day"
GENERIC_CUES = ("ideally", "avoid", "usually", "typically", "generally")
NOT_TIME_BEFORE = ("$", "us$", "usd", "€", "£", "no.", "number", "flight", "route", "page")
NOT_YEAR_AFTER = ("people", "dollars", "km", "miles", "percent", "%", "units", "passengers", "troops", "cases")
COORDINATE_WORDS = ("degrees", "°")
# Words between a list of months and the one year they all take ("September, Oktober, November di 2020").
YEAR_LINK_WORDS = ("in", "of", "in the year")
FUTURE_CUES = ("will", "would", "plans", "planned", "scheduled", "expected", "due", "to be held", "upcoming")
PAST_CUES = ("was", "were", "had", "did", "ago", "last", "earlier")

# --- tables English does not use (stated empty), and words the grammar once kept in its code -----
# The decade, century, quarter and range words hold both languages' forms, as the grammar always
# read them in either; trimming them is a quality change, to be measured on its own.
HOLIDAY_BLOCK_AFTER: tuple[str, ...] = ()
HOLIDAY_BLOCK_BEFORE: tuple[str, ...] = ()
TEEN_WORD: str | None = None
ONE_PREFIX = ""
AMBIGUOUS_UNIT_WEEKDAY: tuple[str, ...] = ()
TIMES_SIGNS: tuple[str, ...] = ()
HALF_AFTER_UNIT: tuple[str, ...] = ()
POD_BEFORE_STORY: dict[str, int] = {}
POD_SUFFIX_STORY = ""
WEEKDAY_BLOCK_BEFORE: tuple[str, ...] = ()
CLOCK_HOUR_WORDS: dict[str, int] = {}
CLOCK_AFTER: dict[str, int] = {}
GUARDED_REFERENCES: dict[str, tuple[str, tuple[str, ...]]] = {}
CLAUSE_EDGE_REFERENCES: dict[str, str] = {}
SET_ONCE_AFTER: tuple[str, ...] = ()
FREQUENCY_WORD = ""
ATTRIBUTION_CUES: tuple[str, ...] = ()
DECADE_HEAD = ("era", "dekade", "the")
CENTURY_WORDS = ("abad", "century")
QUARTER_WORDS = ("kuartal", "triwulan", "trimester", "semester", "quarter", "Q")
HALF_YEAR_WORDS = ("semester",)
QUARTER_ORDINALS = ("pertama", "kedua", "ketiga", "keempat", "terakhir", "first", "second", "third", "fourth", "last")
COUNT_RANGE_WORDS = ("-", "–", "hingga", "sampai", "s/d", "atau", "to")
DATE_SLASH_AFTER = ("tanggal", "tgl", "tgl.")
NIGHT_WORD = ""
MIDDAY_WORD = ""
LAST_NIGHT_BLOCK_AFTER = ("suntuk", "penuh")
CLOCK_BARE_PREFIX = "jam"
CLOCK_CONFIRM_AFTER = ("wib", "wita", "wit", "tepat", "kurang", "lebih")

"""Indonesian words for time expressions: data only, read by ``kronik.annotate.times``.

Every table maps surface words (lowercase) to what they mean in TimeML TIMEX3
terms.  Month and weekday names and zones come from ``calendar``; this module
adds numbers, units, relative words, parts of day, seasons, deictic phrases and
the cue words that tell a past from a future reading.  An English pack provides
the same names (see ``kronik.lang.en.time_words``); fields a language does not
use are left empty.

Unit codes used throughout: ``S`` second, ``MIN`` minute, ``H`` hour, ``D`` day,
``W`` week, ``M`` month, ``Q`` quarter, ``HY`` half year, ``Y`` year, ``DE``
decade, ``CE`` century.
"""

from kronik.lang.id import calendar

MONTHS: dict[str, int] = calendar.MONTHS
WEEKDAYS: dict[str, int] = calendar.WEEKDAYS
ZONES: dict[str, str] = calendar.ZONES

# --- numbers -------------------------------------------------------------------------------
# Words with a value below 10 combine with the multipliers (dua belas, dua puluh lima, tiga ratus).
NUMBER_WORDS: dict[str, float] = {
    "nol": 0, "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7,
    "delapan": 8, "sembilan": 9, "sepuluh": 10, "sebelas": 11, "seratus": 100, "seribu": 1000,
    "setengah": 0.5, "separuh": 0.5,
}
TEEN_WORD = "belas"          # dua belas = 12
NUMBER_MULTIPLIERS: dict[str, int] = {"puluh": 10, "ratus": 100, "ribu": 1000}
DECIMAL_SEPARATOR = ","      # 1,5 jam
HALF_AFTER_UNIT = ("setengah",)  # dua jam setengah = 2.5 hours
# The prefix that means "one" glued to a unit: sehari, sebulan, setahun, sejam.
ONE_PREFIX = "se"
# Quantities without a number: a vague duration (PXD) or a vague reference (PAST_REF).
# The value is the unit to use instead of the noun's own (puluhan tahun = decades), or None.
VAGUE_QUANTITIES: dict[str, str | None] = {
    "beberapa": None, "sejumlah": None, "berapa": None, "belasan": None, "puluhan": "DE",
    "ratusan": "CE", "berbulan": None,
}

# --- units ---------------------------------------------------------------------------------
UNITS: dict[str, str] = {
    "detik": "S", "menit": "MIN", "jam": "H", "hari": "D", "minggu": "W", "pekan": "W",
    "bulan": "M", "kuartal": "Q", "triwulan": "Q", "semester": "HY", "tahun": "Y",
    "dekade": "DE", "dasawarsa": "DE", "windu": "WINDU", "abad": "CE",
}
# Units that make a clock-level (TIME) value when counted back from the publication time.
CLOCK_UNITS = frozenset({"S", "MIN", "H"})
# "minggu" is both "week" and "Sunday": as a unit it is lowercase or follows a number.
AMBIGUOUS_UNIT_WEEKDAY = ("minggu",)
# Durations with no unit at all: sejenak, beberapa saat (TimeML PXX).
VAGUE_DURATIONS: dict[str, str] = {
    "sejenak": "PXX", "sebentar": "PXX", "sesaat": "PXX", "beberapa saat": "PXX", "beberapa waktu": "PXX",
    "sekian lama": "PXX", "lama sekali": "PXX",
}
# Reduplicated units: bertahun-tahun, berbulan-bulan (a vague duration).
REDUPLICATED_UNITS: dict[str, str] = {
    "bertahun-tahun": "Y", "berbulan-bulan": "M", "berminggu-minggu": "W", "berpekan-pekan": "W",
    "berhari-hari": "D", "berjam-jam": "H", "bermenit-menit": "MIN", "berabad-abad": "CE",
    "puluhan tahun": "DE", "ratusan tahun": "CE",
}
# Multiplied day idiom: 2 x 24 jam (= 48 hours).
TIMES_SIGNS = ("x", "×", "kali")

# --- words around a unit or a name -----------------------------------------------------------
# After a bare unit, weekday, month or year: which period relative to the anchor.
#   tahun lalu, bulan depan, pekan ini, Juli lalu, Senin mendatang, 2014 silam
RELATIVE_AFTER: dict[str, int] = {
    "lalu": -1, "yang lalu": -1, "silam": -1, "kemarin": -1, "kemaren": -1,
    "depan": 1, "mendatang": 1, "yang akan datang": 1, "nanti": 1,
    "ini": 0, "sekarang": 0,
}
RELATIVE_BEFORE: dict[str, int] = {}     # English: last, next, this
# After a counted unit (dua hari lalu, tiga tahun silam, dua hari lagi): a date counted from the anchor.
COUNTED_RELATIVE_AFTER: dict[str, int] = {
    "lalu": -1, "yang lalu": -1, "silam": -1, "yang silam": -1, "sebelumnya": -1,
    "lagi": 1, "kemudian": 1, "setelahnya": 1,
    "sesudahnya": 1, "berselang": 1,
}
# Of those, the ones counted from the previously mentioned time, not from the publication date.
COUNTED_FROM_MENTION = frozenset({"sebelumnya", "kemudian", "setelahnya", "sesudahnya", "berselang"})
# After a bare unit, a period relative to the previous mention: tahun sebelumnya, hari berikutnya.
UNIT_FROM_MENTION: dict[str, int] = {
    "sebelumnya": -1, "berikutnya": 1, "selanjutnya": 1, "setelahnya": 1, "sesudahnya": 1,
    "itu": 0, "tersebut": 0, "yang sama": 0,
}
# After a counted unit, still a duration (tiga hari ke depan, lima tahun terakhir).
DURATION_AFTER = (
    "ke depan", "kedepan", "ke belakang", "terakhir", "belakangan", "berturut-turut", "lamanya",
    "pertama", "penuh", "berikutnya", "selanjutnya", "mendatang",
)
# Approximations and bounds kept inside the extent (TimeML puts them in the TIMEX3, mod=...).
MODIFIERS_BEFORE = (
    "sekitar", "kira-kira", "kurang lebih", "hampir", "lebih dari", "kurang dari", "sedikitnya",
    "setidaknya", "sekurang-kurangnya", "sekurangnya", "paling tidak", "paling lambat",
    "paling cepat", "selambat-lambatnya", "secepatnya",
)
# Parts of a period: awal 2021, akhir bulan, pertengahan Desember (value of the whole period).
PERIOD_PARTS: dict[str, str] = {
    "awal": "START", "permulaan": "START", "akhir": "END", "penghujung": "END", "ujung": "END",
    "pengujung": "END", "pertengahan": "MID", "medio": "MID",
}
# Head nouns kept in the extent before a name or number: hari Senin, tanggal 5, bulan Mei, tahun 2014.
WEEKDAY_HEAD = ("hari",)
DAY_HEAD = ("tanggal", "tgl.", "tgl")
MONTH_HEAD = ("bulan",)
YEAR_HEAD = ("tahun", "thn", "th.")
DECADE_SUFFIX = ("-an", "an")        # 1990-an, tahun 90-an
CENTURY_WORDS = ("abad", "century")   # then "ke-21", "21", "XXI"
ORDINALS: dict[str, int] = {
    "pertama": 1, "kesatu": 1, "kedua": 2, "ketiga": 3, "keempat": 4, "terakhir": -1,
    "i": 1, "ii": 2, "iii": 3, "iv": 4, "1": 1, "2": 2, "3": 3, "4": 4,
}
WEEKEND = ("akhir pekan", "akhir minggu", "weekend")
WEEK_WORDS = ("pekan", "minggu")      # Senin pekan depan

# --- clock times -----------------------------------------------------------------------------
CLOCK_PREFIX = ("pukul", "jam", "pk.", "pk")
# After a clock time: the day counted from the anchor (pukul 11.00 WIB tadi = earlier today).
CLOCK_AFTER: dict[str, int] = {"tadi": 0, "nanti": 0, "ini": 0}
# Hours written as words after the prefix: pukul lima pagi, jam delapan.
CLOCK_HOUR_WORDS: dict[str, int] = {
    "satu": 1, "dua": 2, "tiga": 3, "empat": 4, "lima": 5, "enam": 6, "tujuh": 7, "delapan": 8, "sembilan": 9,
    "sepuluh": 10, "sebelas": 11, "dua belas": 12,
}
ZONE_WORDS = (*ZONES, "waktu setempat", "waktu indonesia barat", "gmt", "utc")
CLOCK_AMPM: dict[str, str] = {}       # English: a.m. / p.m.
RANGE_WORDS = ("-", "–", "—", "hingga", "sampai", "sampai dengan", "s.d.", "s/d", "sd", "dan", "atau")

# --- parts of day (TimeML codes; the IndoTimex conventions: pagi/dini hari MO, siang/sore AF,
# petang/senja EV, malam NI, tengah hari MI) ------------------------------------------------------
PARTS_OF_DAY: dict[str, str] = {
    "pagi": "MO", "dini hari": "MO", "subuh": "MO", "fajar": "MO", "siang": "AF", "tengah hari": "MI",
    "sore": "AF", "petang": "EV", "senja": "EV", "malam": "NI", "tengah malam": "NI",
}
# Hours read in the afternoon/evening after these words: pukul 7 malam = 19:00.
PM_PARTS = frozenset({"siang", "sore", "petang", "senja", "malam"})
# pod + these is a standalone expression (pagi ini, malam itu, malam harinya, pagi hari)
POD_HEAD = ("hari",)
POD_AFTER: dict[str, str] = {
    "ini": "today", "tadi": "today", "nanti": "today", "itu": "story", "tersebut": "story",
    "harinya": "story", "sebelumnya": "story-1", "berikutnya": "story+1", "kemarin": "yesterday",
    "kemaren": "yesterday", "besok": "tomorrow",
}
POD_BEFORE: dict[str, int] = {"tadi": 0, "nanti": 0, "kemarin": -1, "besok": 1, "esok": 1}
POD_BEFORE_STORY: dict[str, int] = {"keesokan": 1}     # keesokan paginya: the morning after the story's day
POD_SUFFIX_STORY = "nya"                               # paginya, malamnya: that morning, that night
# "last night": the night before the publication date (or the same night when published late).
LAST_NIGHT = ("tadi malam", "semalam")

# --- fixed phrases -----------------------------------------------------------------------------
# Days counted from the publication date.
DEICTIC_DAYS: dict[str, int] = {
    "hari ini": 0, "kemarin": -1, "kemaren": -1, "kemarin lusa": -2, "besok": 1, "esok": 1,
    "esok hari": 1, "besok hari": 1, "lusa": 2, "besok lusa": 2,
}
# Days counted from the day the story is talking about (the last mentioned day).
STORY_DAYS: dict[str, int] = {
    "keesokan harinya": 1, "keesokan hari": 1, "esok harinya": 1, "besoknya": 1, "esoknya": 1,
    "hari berikutnya": 1, "hari sesudahnya": 1, "hari setelahnya": 1,
    "sehari sebelumnya": -1, "hari sebelumnya": -1, "sehari setelahnya": 1, "sehari kemudian": 1,
    "sehari sesudahnya": 1, "sehari berikutnya": 1, "sehari setelah itu": 1, "hari itu": 0, "hari tersebut": 0, "hari yang sama": 0,
}
# "saat itu" (at that time) and its kin are deictic like "saat ini": TimeML gives them PAST_REF (the
# IndoTimex convention), rather than copying the previous expression's value.  Day-, month- and
# year-level anaphors ("hari itu", "tahun itu") do resolve (STORY_DAYS, UNIT_FROM_MENTION).
ANAPHORIC: tuple[str, ...] = ()
ANAPHORIC_FALLBACK = "PAST_REF"
REFERENCES: dict[str, str] = {
    "saat itu": "PAST_REF", "waktu itu": "PAST_REF", "ketika itu": "PAST_REF", "kala itu": "PAST_REF",
    "saat tersebut": "PAST_REF", "waktu tersebut": "PAST_REF", "masa itu": "PAST_REF",
    "saat yang sama": "PAST_REF", "pada waktu yang sama": "PAST_REF",
    "saat ini": "PRESENT_REF", "kini": "PRESENT_REF", "sekarang": "PRESENT_REF",
    "sekarang ini": "PRESENT_REF", "dewasa ini": "PRESENT_REF", "masa kini": "PRESENT_REF",
    "kini ini": "PRESENT_REF", "waktu sekarang": "PRESENT_REF", "hari-hari ini": "PRESENT_REF",
    "masa lalu": "PAST_REF", "masa lampau": "PAST_REF", "masa silam": "PAST_REF",
    "baru-baru ini": "PAST_REF", "belum lama ini": "PAST_REF", "beberapa waktu lalu": "PAST_REF",
    "beberapa waktu yang lalu": "PAST_REF", "beberapa saat lalu": "PAST_REF", "tempo hari": "PAST_REF",
    "akhir-akhir ini": "PAST_REF", "belakangan ini": "PAST_REF", "dulunya": "PAST_REF",
    "zaman dulu": "PAST_REF", "zaman dahulu": "PAST_REF", "masa depan": "FUTURE_REF",
    "masa mendatang": "FUTURE_REF", "masa yang akan datang": "FUTURE_REF", "waktu dekat": "FUTURE_REF",
    "ke depannya": "FUTURE_REF", "kelak": "FUTURE_REF", "suatu saat": "FUTURE_REF",
    "suatu hari nanti": "FUTURE_REF",
    # "nanti"/"nantinya" alone (later, in due course) is a future reference like "kelak" (real-news
    # guidelines); "nanti malam", "Senin nanti", "pukul 10.00 nanti" are longer atoms and win.
    "nanti": "FUTURE_REF", "nantinya": "FUTURE_REF", "nanti ke depan": "FUTURE_REF",
    "nanti ke depannya": "FUTURE_REF", "nantinya ke depan": "FUTURE_REF",
}
# References that need a cue before them (dulu alone also means "first": tunggu dulu).
GUARDED_REFERENCES: dict[str, tuple[str, tuple[str, ...]]] = {
    "dulu": ("PAST_REF", ("sejak", "dari", "pada", "masa", "zaman", "jaman", "waktu", "sedari")),
    "dahulu": ("PAST_REF", ("sejak", "dari", "pada", "masa", "zaman", "jaman", "waktu", "sedari")),
}
# "ke depan" alone (= from now on) only at a clause edge: "Ke depan, ..." / "... ke depan."
CLAUSE_EDGE_REFERENCES: dict[str, str] = {
    "saat itu": "PAST_REF", "waktu itu": "PAST_REF", "ketika itu": "PAST_REF", "kala itu": "PAST_REF",
    "saat tersebut": "PAST_REF", "waktu tersebut": "PAST_REF", "masa itu": "PAST_REF",
    "saat yang sama": "PAST_REF", "pada waktu yang sama": "PAST_REF","ke depan": "FUTURE_REF", "dulu": "PAST_REF", "dahulu": "PAST_REF"}
SEASONS: dict[str, str] = {
    "musim hujan": "WI", "musim penghujan": "WI", "musim kemarau": "SU", "musim dingin": "WI",
    "musim salju": "WI", "musim panas": "SU", "musim semi": "SP", "musim gugur": "FA",
}
# Fixed-date holidays: month, day, part of day.
HOLIDAYS: dict[str, tuple[int, int, str | None]] = {
    "natal": (12, 25, None), "hari natal": (12, 25, None), "malam natal": (12, 24, "NI"),
    "tahun baru": (1, 1, None), "malam tahun baru": (12, 31, "NI"), "malam pergantian tahun": (12, 31, "NI"),
    "hari kemerdekaan": (8, 17, None),
}
# Words right before or after a holiday that make it something else (Tahun Baru Imlek moves).
HOLIDAY_BLOCK_AFTER = ("imlek", "islam", "hijriah", "hijriyah", "cina", "china", "saka")
HOLIDAY_BLOCK_BEFORE = ("mandailing",)

# --- recurring (SET) ----------------------------------------------------------------------------
SET_PREFIX = ("setiap", "tiap", "tiap-tiap", "saban")
SET_ONCE_AFTER = ("sekali",)          # sebulan sekali
FREQUENCY_WORD = "kali"              # dua kali sehari, tiga kali seminggu
# A unit after these is a rate: "400 mg per hari", "Rp 300 ribu per bulan" (SET).  Only a unit may
# follow ("per 1 Januari" is "as of", not a set).
RATE_PREFIX = ("per",)
# A one-unit word ("setahun", "sehari") right after an amount is a rate too: "5 cm setahun",
# "Rp 4,8 miliar setahun".  The amount is a number, optionally followed by one of its words (a unit
# of measure or a magnitude), or by "%".

# --- not time expressions -------------------------------------------------------------------------
# A number right after these is money, an id or a count, never a year or a time.
NOT_TIME_BEFORE = ("rp", "rp.", "us$", "$", "usd", "idr", "sgd", "rm", "€", "£", "nomor", "no", "no.",
                   "nomer", "nopol", "pasal", "ayat", "kode", "km", "kilometer", "rt", "rw", "seri",
                   "uud")   # "UUD 1945" names the constitution
# A year-like number before these is a count: 2014 orang, 1500 unit.
NOT_YEAR_AFTER = (
    "orang", "unit", "buah", "ekor", "jiwa", "kendaraan", "rumah", "km", "kilometer", "meter", "m",
    "cm", "mm", "ton", "kg", "gram", "liter", "barel", "persen", "%", "kali", "penumpang", "personel",
    "hektare", "hektar", "ha", "kaki", "feet", "mil", "knot", "mdpl", "derajat", "rupiah", "dollar", "dolar",
    "juta", "miliar", "triliun", "ribu", "lembar", "batang", "titik", "kasus", "suara", "kursi", "pasien",
    "warga", "peserta", "siswa", "mahasiswa", "anggota", "karyawan", "pekerja", "kapal", "pesawat",
    "kepala", "keluarga", "desa", "sekolah", "halaman", "kata", "mw", "kwh", "watt", "mb", "gb", "kb",
    "poin", "lot", "saham", "sen", "cc", "tps", "korban", "jenazah", "tentara", "polisi", "prajurit",
)
# A weekday name after these is part of a place name: Pasar Minggu, Pasar Rebo.
WEEKDAY_BLOCK_BEFORE = ("pasar", "jalan", "jl", "jl.", "stasiun", "kampung")
# Coordinates: 110 derajat 29 menit (not a duration).
COORDINATE_WORDS = ("derajat", "°")
# Words between a list of months and the one year they all take ("September, Oktober, November di 2020").
YEAR_LINK_WORDS = ("di", "pada", "tahun", "di tahun", "pada tahun", "sepanjang", "selama")

# --- attribution ------------------------------------------------------------------------------
# "..., kata X di Jakarta, Senin (29/12/2014)." dates the statement, not the story's events: a date
# that ends its sentence after one of these cues does not become the day clock times refer to.
ATTRIBUTION_CUES = (
    "kata", "katanya", "ujar", "ujarnya", "ucap", "ucapnya", "tutur", "tuturnya", "jelas", "jelasnya",
    "ungkap", "ungkapnya", "terang", "terangnya", "tegas", "tegasnya", "sebut", "sebutnya", "imbuh",
    "imbuhnya", "tambah", "tambahnya", "papar", "paparnya", "lanjut", "lanjutnya", "mengatakan",
    "menjelaskan", "menuturkan", "menyatakan", "mengungkapkan", "menegaskan", "menyebutkan",
    "kepada", "dikutip", "dilansir", "ditemui", "dihubungi", "keterangan", "konferensi", "jumpa",
)

# --- generic statements ---------------------------------------------------------------------------
# Advice and habits ("Idealnya, minum kopi sekitar pukul 10.00", "hindari kopi di malam hari") speak of
# no particular day: a clock time or part of day in such a sentence, in an article that has told of no
# day, is unanchored (XXXX-XX-XXT10:00), not the publication date.  (A recurring time in the sentence
# of an article that told of a day does not make it so: see Grammar.generic.)
GENERIC_CUES = (
    "idealnya", "sebaiknya", "disarankan", "dianjurkan", "menyarankan", "menganjurkan", "hindari", "hindarilah",
    "usahakan", "biasakan",
    "biasanya", "umumnya", "pada umumnya", "lazimnya",
)

# --- tense and aspect cues (for a weekday or a date without a year) --------------------------------
# Indonesian marks tense with aspect words; without one, news reads a weekday or a bare date as past.
FUTURE_CUES = (
    "akan", "bakal", "hendak", "rencananya", "direncanakan", "merencanakan", "berencana", "dijadwalkan",
    "terjadwal", "nantinya", "nanti", "diharapkan", "ditargetkan", "menjelang", "jelang", "mendatang",
)
PAST_CUES = ("telah", "sudah", "sempat", "pernah", "tadi", "silam", "kemarin", "lalu", "sebelumnya")

# --- words the grammar once kept in its code (Part A of issue 13: words are pack data) ----------
# Several tables also hold the other language's words: Indonesian copy quotes English ("kuartal
# pertama" and "first quarter" both occur) and the grammar has always read both.  Trimming them is a
# quality change, to be measured on its own.
MONTH_DAY_ORDER = False
CLOCK_BARE_COLON = False
FIXED_TIMES: dict[str, tuple[int, str]] = {}
SET_WORDS: dict[str, str] = {}
DECADE_HEAD = ("era", "dekade", "the")
QUARTER_WORDS = ("kuartal", "triwulan", "trimester", "semester", "quarter", "Q")
HALF_YEAR_WORDS = ("semester",)
QUARTER_ORDINALS = ("pertama", "kedua", "ketiga", "keempat", "terakhir", "first", "second", "third", "fourth", "last")
COUNT_RANGE_WORDS = ("-", "–", "hingga", "sampai", "s/d", "atau", "to")
DATE_SLASH_AFTER = ("tanggal", "tgl", "tgl.")
NIGHT_WORD = "malam"         # pukul 8 malam = 20:00, pukul 12 malam = 24:00
MIDDAY_WORD = "siang"        # pukul 1 siang = 13:00, pukul 11 siang = 11:00
LAST_NIGHT_BLOCK_AFTER = ("suntuk", "penuh")   # "semalam suntuk" is all night, not last night
CLOCK_BARE_PREFIX = "jam"    # "jam 10" is a time only before a clock word or punctuation ("jam 2 tangan" is not)
CLOCK_CONFIRM_AFTER = ("wib", "wita", "wit", "tepat", "kurang", "lebih")

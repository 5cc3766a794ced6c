"""How Indonesian news attributes speech, as data for ``kronik.annotate.quotes``.

Words are matched case-insensitively on whole words.  The annotator builds its
patterns from these lists; nothing Indonesian-specific lives in its code.

Shapes covered (X is a name, a role + name, a pronoun or "pria itu"):

* after the quote:  ``"...," kata X``  ``"...," ujarnya``  ``"...," kata dia``
* before the quote: ``X mengatakan, "..."``  ``Menurut X, "..."``  ``Ia berkata: "..."``
  ``Seperti dikutip dari akun resmi X, "..."``
* next sentence:    ``"...." Demikian disampaikan X.``  ``X menyampaikan hal itu ...``
* indirect speech:  ``X mengatakan bahwa ...``  ``X menegaskan, ...``  ``Menurut X, ...``
"""

# Verbs that follow a quote and precede (or carry, as -nya) the speaker: '"...," kata X'.
SAY_AFTER: tuple[str, ...] = (
    "kata", "ujar", "tutur", "ungkap", "tegas", "imbuh", "jelas", "terang", "sebut", "papar", "tambah",
    "lanjut", "ucap", "tulis", "kenang", "balas", "jawab", "sahut", "timpal", "seru", "cetus", "tanya",
    "pinta", "sambung", "tandas", "urai", "bilang", "aku", "paparnya", "katanya",
)
# The enclitic pronoun: "ujarnya" = "said he/she".
CLITIC: str = "nya"
# Free pronouns after a speech verb ("kata dia") or as a subject ("Ia menambahkan, ...").
PRONOUNS: tuple[str, ...] = ("dia", "ia", "beliau")
# Words a speech verb may be followed by before the name: '"...," kata Menteri X'.  Kept
# out of the name.  ("demikian pernyataan Nusa Air")
STATEMENT_NOUNS: tuple[str, ...] = ("pernyataan", "keterangan", "bunyi", "tulisan", "unggahan", "rilis", "siaran")

# Verbs that introduce a quote after the speaker, before a comma or colon: 'X mengatakan, "..."'.
SAY_BEFORE: tuple[str, ...] = (
    "mengatakan", "menyatakan", "berkata", "menjelaskan", "menegaskan", "mengungkapkan", "menyebutkan",
    "menambahkan", "menyampaikan", "menuturkan", "memaparkan", "menulis", "bertanya", "menjawab",
    "mengingatkan", "menerangkan", "berujar", "bertutur", "menandaskan", "mengucapkan", "berpesan",
    "bercerita", "berseru", "menimpali", "membalas", "mengaku", "mengakui", "menilai", "mengeluhkan",
    "menyebut", "berkomentar", "menanggapi", "mengimbau", "meminta", "memperingatkan", "menukas",
)
# Reporting verbs of indirect speech, followed by the complementiser or a comma:
# 'X mengatakan bahwa ...', 'X menegaskan, ...'.
INDIRECT_VERBS: tuple[str, ...] = (
    "mengatakan", "menyatakan", "menjelaskan", "menegaskan", "mengungkapkan", "menyebutkan",
    "menambahkan", "mengakui", "menyampaikan", "memastikan", "menilai", "berpendapat",
    "mengingatkan", "menuturkan", "menerangkan",
)
COMPLEMENTIZER: str = "bahwa"
# "Menurut X, ..." (and the clitic form "Menurutnya, ...").
ACCORDING: tuple[str, ...] = ("menurut",)
# "Menurut catatan X" cites a record, not a speaker.
ACCORDING_NOT_SPEAKER: tuple[str, ...] = (
    "catatan", "data", "laporan", "hasil", "survei", "penelitian", "riset", "perhitungan", "pantauan",
    "informasi", "analisis", "kajian", "jadwal", "rencana", "aturan", "ketentuan", "undang-undang",
    "peraturan", "situs", "laman", "dokumen", "prakiraan", "perkiraan", "statistik", "versi", "pengamatan",
)

# Phrases between an organisation and its verb: 'Kemenlu dalam keterangan resminya menyatakan, "..."'.
STATEMENT_PHRASES: tuple[str, ...] = (
    (r"(?:dalam|melalui|lewat|via)\s+(?:keterangan|pernyataan|siaran\s+pers|rilis|laporan|akun|unggahan|surat|"
    r"konferensi\s+pers|jumpa\s+pers|pengumuman)(?:\s+(?:resmi|tertulis|sikap|pers|media|resminya|tertulisnya|"
    r"sikapnya|persnya))*(?:nya)?"),
)
# Who is quoted through a medium: 'Seperti dikutip dari akun media sosial resmi X, "..."'.
QUOTED_SOURCE: tuple[str, ...] = ("seperti dikutip dari", "seperti dikutip", "dikutip dari", "mengutip", "seperti dilansir dari", "dilansir dari")
# Words naming the medium, dropped from the speaker: "akun media sosial resmi", "laman".
MEDIUM_WORDS: tuple[str, ...] = (
    "akun", "media", "sosial", "resmi", "laman", "situs", "website", "kanal", "unggahan", "instagram",
    "twitter", "facebook", "youtube", "tiktok", "siaran", "pers", "keterangan", "pernyataan", "tertulis",
)

# The next sentence names the speaker of a quote that ends a sentence:
# '"...." Demikian disampaikan X.'  /  '"...." X menyampaikan hal itu di ...'.
POST_LEAD: str = (
    r"(?:demikian|hal\s+(?:itu|tersebut|ini)|pernyataan(?:\s+\w+)?\s+(?:itu|tersebut|ini)|"
    r"keterangan\s+(?:itu|tersebut|ini)|ucapan\s+(?:itu|tersebut|ini)|itu)"
)
POST_PASSIVE: tuple[str, ...] = (
    "disampaikan", "dikatakan", "diungkapkan", "ditegaskan", "dijelaskan", "dituturkan", "diucapkan",
    "dilontarkan", "dikemukakan", "ditulis",
)
POST_ACTIVE: tuple[str, ...] = ("menyampaikan", "mengatakan", "mengungkapkan", "menegaskan", "menjelaskan", "menuturkan", "mengucapkan")
POST_OBJECT: str = r"hal\s+(?:itu|tersebut|ini)|pernyataan\s+(?:itu|tersebut|ini)"

# Words right before a quoted span that make it a title, name or label, not speech:
# film "Senja di Pelabuhan", dijuluki "Kancil", spanduk bertuliskan "...".
TITLE_CUES: tuple[str, ...] = (
    "film", "novel", "buku", "lagu", "album", "judul", "berjudul", "bertajuk", "program", "gerakan", "tagar",
    "julukan", "dijuluki", "disapa", "dipanggil", "sapaan", "merek", "kapal", "spanduk", "bertuliskan",
    "slogan", "tema", "bertema", "istilah", "sebutan", "label", "kampanye", "operasi", "grup", "band",
    "single", "serial", "sinetron", "acara", "kolom", "rubrik", "jargon", "motto", "semboyan", "epos",
    "naskah", "lakon", "pentas", "pameran", "festival", "tulisan", "kata", "kalimat", "frasa", "pelantun",
    "penyanyi", "karya", "dokumenter", "diraih", "bernama", "dinamai", "nama", "akun", "aplikasi", "fitur",
)
# Stops a speaker mention that follows a speech verb ('kata X saat ...', 'ujar X di ...').
MENTION_STOPS: tuple[str, ...] = (
    "saat", "ketika", "di", "dalam", "kepada", "dengan", "seusai", "usai", "setelah", "sebelum", "sambil",
    "sembari", "melalui", "lewat", "seperti", "sebagaimana", "pada", "kemarin", "kala", "tadi", "singkat",
    "lirih", "lagi", "pula", "juga", "kembali", "sebelumnya", "menjelang", "disambut", "menanggapi",
    "terkait", "soal", "mengenai", "tentang", "yang", "kala", "begitu", "via", "selepas", "seraya", "lalu",
    "kemudian", "sementara", "namun", "tetapi", "tapi", "dan", "bahwa", "sebab", "karena", "agar", "untuk",
    "pekan", "hari", "malam", "pagi", "siang", "sore", "hingga", "sampai", "atas", "bersama", "mewakili",
)
# A description that ends in these refers back: 'kata pria asal Bekasi itu'.
ANAPHOR_END: tuple[str, ...] = ("itu", "tersebut", "ini")
# Sentence-initial adverbials after which the subject starts ('Namun, ia mengingatkan ...').
# Inline related-story teasers inside a paragraph: '... Baca juga: Sari: "Macet Turun"'.
READ_ALSO: str = r"\b(?:baca|simak|lihat|tonton)\s+(?:juga|pula|selengkapnya)\b\s*[:：\-–—|»>]?"

# --- the forms of the language the annotator once kept in code (issue 13, Part A) ---------------
SAY_AFTER_LEAD: tuple[str, ...] = (r"demikian", r"begitu")       # '"...," demikian kata X'
SAY_AFTER_STATEMENT_LEAD: tuple[str, ...] = (r"demikian",)   # '"...," demikian pernyataan X'
SUBJECT_BEFORE_SAY_AFTER: bool = False     # Indonesian puts the verb first: '"...," kata X'
# 'X mengatakan bahwa ...', 'X menegaskan, ...' (a place or time may come between verb and clause)
INDIRECT_PATTERN: str = (
    r"\b(?P<verb><VERBS>)\b(?:\s+(?:kepada|di\s+hadapan|dalam|saat|ketika|di)\b[^,]{0,60}?)?"
    r"(?:\s+<COMP>\s+|\s*,\s+)(?P<clause>[^\"“”].*)$"
)
ACCORDING_AFTER_CLAUSE: bool = False       # 'menurut X' opens its sentence
TRAILING_SAID: tuple[str, ...] = ()
CONNECTORS: tuple[str, ...] = (r"namun", r"sementara\s+itu", r"however", r"but", r"meanwhile")
DEFINITE_ARTICLES: tuple[str, ...] = ()
DETERMINERS: tuple[str, ...] = ()
PLURAL_SUFFIX: str = ""                    # plurals are reduplicated ('para pejabat' is caught by INDEFINITE)
UNNAMED_PLURAL_HEADS: frozenset[str] = frozenset()
LOWERCASE_DESCRIPTIONS: bool = False

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
# Reporting verbs of indirect speech (the real-news guidelines' list and verbs of the same speech act):
# 'X mengatakan bahwa ...', 'X menegaskan, ...', 'X menyebut inflasi ...', 'X meminta agar ...',
# 'X menyebut Y sebagai Z'.  Not thinking verbs (menduga, memperkirakan, merasa) nor verbs that only
# name a topic (menyoroti, membahas, memaparkan, mengeluhkan).
INDIRECT_VERBS: tuple[str, ...] = (
    "mengatakan", "menyatakan", "menjelaskan", "menegaskan", "mengungkapkan", "menyebutkan", "menyebut",
    "menambahkan", "mengakui", "mengaku", "menyampaikan", "memastikan", "menilai", "berpendapat",
    "mengingatkan", "menuturkan", "menerangkan", "meminta", "mengimbau", "mendorong", "mengusulkan",
    "menyarankan", "berharap", "mengharapkan", "menekankan", "memperingatkan", "mengklaim", "membantah",
    "berjanji", "menuding", "menuduh", "melanjutkan", "mengungkap", "mengemukakan", "menggambarkan",
    "menyerukan",
)
COMPLEMENTIZER: str = "bahwa"
# Reported content right after the verb (no 'bahwa', no comma) must be a clause: a word after its first
# that is a predicate (these, or a prefixed verb: 'diambil', 'menunda', 'terjadi'), not only a noun phrase
# ('menekankan dimensi kemanusiaan ...', 'menyampaikan berbagai insentif yang ...' name a topic).
PREDICATE_WORDS: frozenset[str] = frozenset("""
    akan sudah telah tidak tak belum bisa dapat masih harus perlu sedang merupakan adalah ialah menjadi
    sebagai hanya bukan pernah mampu ingin mau boleh segera terus ikut tetap kini baru cukup sangat
    terlalu lebih masuk mulai sempat kerap sering selalu jangan ada lahir datang tiba naik turun jatuh
    hilang habis tinggal punya butuh lolos gagal menang kalah selesai rampung mundur pulang keluar mati
    hidup tewas tumbuh pindah kembali sampai siap enggan rela kehilangan kedatangan kebanjiran kecurian
""".split())
# A first word of content with one of these prefixes is a verb whose subject is the speaker
# ('mengaku mendukung ...'); later words may carry any of the pack's verb prefixes ('dipicu', 'terjadi').
CLAUSE_INITIAL_PREFIXES: tuple[str, ...] = ("me",)
RELATIVE_WORDS: frozenset[str] = frozenset({"yang"})
# A speech verb after these is a purpose, a relative clause or an adverbial, not a report: 'untuk mendorong
# penyerapan ...', 'tanpa menyebut varietasnya'.
NOT_REPORT_BEFORE: frozenset[str] = frozenset({"untuk", "guna", "demi", "agar", "supaya", "yang", "tanpa"})
# A subject made only of these words continues the last speaker: '"...," kata X, seraya menambahkan bahwa ...',
# 'Dan menambahkan bahwa ...'.
REPORT_CONTINUERS: frozenset[str] = frozenset({"seraya", "sambil", "sembari", "dan", "lalu", "kemudian", "serta"})
# A passive verb in the stretch before a speech verb belongs to another clause: 'Langkah tegas ini dilakukan
# sebagai kepastian pemerintah memastikan ...' (the speaker is after it, if anyone).
PASSIVE_PREFIXES: tuple[str, ...] = ("di",)
# Other words that open reported content after a speech verb: 'meminta agar ...', 'mengatakan jika ...'.
CLAUSE_OPENERS: tuple[str, ...] = ("jika", "agar", "supaya", "kalau", "untuk")
# A verb's object that only names a topic, not what was said: 'menyampaikan hal itu', 'menyampaikan
# permohonan maaf', 'mengungkapkan alasan ...', 'membantah tuduhan tersebut'.
TOPIC_OBJECTS: tuple[str, ...] = (
    "hal", "alasan", "rencana", "permohonan", "terima", "kronologi", "tuduhan", "tudingan", "anggapan",
    "keprihatinan", "apresiasi", "duka", "belasungkawa", "selamat", "pesan", "sambutan", "pidato",
    "keterangan", "pernyataan", "pendapat", "pandangan", "sikap", "kritik", "keluhan", "aspirasi",
    "penjelasan", "visi", "misi", "materi", "paparan", "kesediaan", "ketangguhan", "kekalahan",
    "kekecewaan", "kebahagiaan", "rasa", "itu", "ini", "tersebut", "demikian", "begitu", "sesuatu", "apa",
    "kepada", "dalam", "saat", "ketika", "di", "pada", "dengan",
)
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
# 'X mengatakan bahwa ...', 'X menegaskan, ...' (a place or time may come between verb and clause), and
# the clause right after the verb: 'X mengatakan inflasi ...' (not a topic object: 'menyampaikan hal itu').
INDIRECT_PATTERN: str = (
    r"\b(?P<verb><VERBS>)\b(?:(?:\s+(?:kepada|di\s+hadapan|dalam|saat|ketika|di)\b[^,]{0,60}?)?"
    r"(?:\s+(?:<COMP>)\s+|\s*,\s+)|\s+(?!(?:<TOPIC>)\b))(?P<clause>[^\"“”,].*)$"
)
ACCORDING_AFTER_CLAUSE: bool = False       # 'menurut X' opens its sentence
TRAILING_SAID: tuple[str, ...] = ()
CONNECTORS: tuple[str, ...] = (r"namun", r"sementara\s+itu", r"however", r"but", r"meanwhile")
DEFINITE_ARTICLES: tuple[str, ...] = ()
DETERMINERS: tuple[str, ...] = ()
PLURAL_SUFFIX: str = ""                    # plurals are reduplicated ('para pejabat' is caught by INDEFINITE)
UNNAMED_PLURAL_HEADS: frozenset[str] = frozenset()
# A bare lowercase noun as the subject names no one (Indonesian marks no plural): 'pedagang mengaku ...',
# 'Warga mengklaim ...', 'Polisi menyebut ...' -> an unnamed source.
UNNAMED_HEADS: frozenset[str] = frozenset("""
    warga pedagang petani nelayan buruh polisi pakar penumpang pengunjung saksi sumber pengungsi peserta
    orang masyarakat korban tetangga pengemudi pekerja karyawan siswa mahasiswa orangtua analis pengamat
    ahli relawan penduduk pembeli konsumen pelanggan wisatawan suporter netizen aktivis pejabat petugas
""".split())
LOWERCASE_DESCRIPTIONS: bool = False

"""Sentence openers that point back at an earlier sentence (data for :mod:`kronik.summarize.references`).

A summary sentence that opens with one of these reads well only right after the sentence it points
back to ("Hal itu ...", "Pembicaraan itu ...", "Dia ...", "Namun ...").  Kinds of pointing:

* ``CONNECTIVES``: a connective that continues an earlier sentence (contrast, addition, sequence,
  consequence); matched as whole words at the very start.
* ``PRONOUNS``: a pronoun (or a word carrying one, "Menurutnya") as the first word.
* ``AFTER_NOUN``: demonstratives that follow their noun ("kebijakan tersebut", "hal itu"); anaphoric
  within the first ``WINDOW`` words before any comma ("Dalam kesempatan itu", "Menanggapi hal tersebut").
* ``PRESENT`` after a ``TIME_NOUNS`` word points at the time of writing, not back ("hari ini", "saat ini",
  "sejauh ini"); "hari itu" / "saat itu" still point back.
"""

CONNECTIVES: tuple[str, ...] = (
    "selain itu", "di samping itu", "tak hanya itu", "tidak hanya itu", "bukan hanya itu",
    "namun", "tetapi", "tapi", "akan tetapi", "namun demikian", "meski demikian", "meski begitu",
    "meskipun demikian", "meskipun begitu", "walau demikian", "walaupun demikian", "walau begitu",
    "kendati demikian", "kendati begitu", "sementara itu", "sementara", "sedangkan", "di sisi lain",
    "oleh karena itu", "oleh sebab itu", "karena itu", "untuk itu", "dengan demikian", "maka", "akibatnya",
    "sehingga", "padahal", "bahkan", "apalagi", "justru", "adapun", "kemudian", "lalu", "selanjutnya",
    "setelah itu", "sesudah itu", "sebelumnya", "sebelum itu", "dan", "atau", "pun",
)
PRONOUNS: frozenset[str] = frozenset("""
    dia ia mereka beliau pihaknya keduanya ketiganya dirinya menurutnya baginya
""".split())
AFTER_NOUN: frozenset[str] = frozenset(("itu", "tersebut", "ini"))
BEFORE_NOUN: frozenset[str] = frozenset()
PRESENT: frozenset[str] = frozenset(("ini",))
TIME_NOUNS: frozenset[str] = frozenset("""
    hari tahun pekan minggu bulan saat kali malam pagi siang sore waktu sejauh selama kini musim semester
""".split())
SHELL_NOUNS: frozenset[str] = frozenset()
ARTICLES: frozenset[str] = frozenset()
WINDOW = 4

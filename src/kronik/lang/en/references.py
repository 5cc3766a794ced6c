"""Sentence openers that point back at an earlier sentence (data for :mod:`kronik.summarize.references`).

A summary sentence that opens with one of these reads well only right after the sentence it points
back to ("It ...", "However, ...", "The move ...").  Kinds of pointing:

* ``CONNECTIVES``: a connective that continues an earlier sentence; whole words at the very start
  ("so" is not one: "So far" and "So-called" open sentences that point at nothing).
* ``PRONOUNS``: a personal or possessive pronoun as the first word.
* ``BEFORE_NOUN``: demonstratives before their noun ("This decision", "Those talks"), as the first word;
  ``PRESENT`` ones before a ``TIME_NOUNS`` word point at the time of writing ("This week"), not back.
* ``ARTICLES`` + ``SHELL_NOUNS``: a definite noun that only names what an earlier sentence told
  ("The move", "The decision", "The deal").
"""

CONNECTIVES: tuple[str, ...] = (
    "however", "meanwhile", "but", "and", "also", "moreover", "furthermore", "in addition", "additionally",
    "nevertheless", "nonetheless", "still", "instead", "besides", "as a result", "therefore", "thus", "hence",
    "yet", "otherwise", "in response", "on the other hand", "then", "even so", "by contrast", "in contrast",
    "at the same time", "after that", "afterwards", "similarly", "likewise", "indeed",
)
PRONOUNS: frozenset[str] = frozenset("he she it they his her its their him them such".split())
AFTER_NOUN: frozenset[str] = frozenset()
BEFORE_NOUN: frozenset[str] = frozenset(("this", "that", "these", "those"))
PRESENT: frozenset[str] = frozenset(("this", "these"))
TIME_NOUNS: frozenset[str] = frozenset("""
    week weekend month year morning afternoon evening night time season summer winter spring autumn fall
    century decade quarter
""".split())
SHELL_NOUNS: frozenset[str] = frozenset("""
    move decision deal plan measure step announcement incident attack proposal statement remarks comments
    agreement talks meeting call ruling development changes change
""".split())
ARTICLES: frozenset[str] = frozenset(("the",))
WINDOW = 1

"""How English news attributes speech, as data for ``kronik.annotate.quotes``.

Same fields as the Indonesian module (``kronik.lang.id.quote_verbs``).

* after the quote:  '"...," said X'  '"...," X said'  '"...," she told reporters'
* before the quote: 'X told The Ledger: "..."'  'He warned: "..."'  'According to X, "..."'
* indirect speech:  'X said (that) ...'  'According to X, ...'  '..., officials said.'
"""

SAY_AFTER: tuple[str, ...] = (
    "said", "says", "say", "told", "tells", "added", "adds", "wrote", "writes", "asked", "asks", "stated",
    "explained", "warned", "noted", "insisted", "recalled", "replied", "continued", "argued", "admitted",
    "acknowledged", "declared", "announced", "tweeted", "posted", "remarked", "conceded", "cautioned",
)
CLITIC: str = ""
PRONOUNS: tuple[str, ...] = ("he", "she")
STATEMENT_NOUNS: tuple[str, ...] = ("statement", "memo", "letter", "post", "release")

SAY_BEFORE: tuple[str, ...] = (
    "said", "says", "told", "added", "wrote", "asked", "stated", "explained", "warned", "noted",
    "insisted", "recalled", "replied", "continued", "argued", "admitted", "declared", "announced",
)
INDIRECT_VERBS: tuple[str, ...] = ("said", "says", "say", "told", "added", "stated", "warned", "explained", "noted", "announced")
COMPLEMENTIZER: str = "that"
CLAUSE_OPENERS: tuple[str, ...] = ()    # English reported content opens with 'that' or nothing
TOPIC_OBJECTS: tuple[str, ...] = ()     # the indirect pattern has no <TOPIC> slot
PREDICATE_WORDS: frozenset[str] = frozenset()   # English content follows 'said (that)': no noun-phrase test
RELATIVE_WORDS: frozenset[str] = frozenset({"who", "which", "that"})
CLAUSE_INITIAL_PREFIXES: tuple[str, ...] = ()
NOT_REPORT_BEFORE: frozenset[str] = frozenset({"to"})   # 'to say': a purpose, not a report
REPORT_CONTINUERS: frozenset[str] = frozenset({"and"})
# A passive verb in the stretch before a speech verb belongs to another clause: 'Langkah tegas ini dilakukan
# sebagai kepastian pemerintah memastikan ...' (the speaker is after it, if anyone).
PASSIVE_PREFIXES: tuple[str, ...] = ()
ACCORDING: tuple[str, ...] = ("according to",)
ACCORDING_NOT_SPEAKER: tuple[str, ...] = (
    "data", "figures", "records", "report", "reports", "the memo", "memo", "a memo", "the report", "a report",
    "documents", "estimates", "statistics", "a survey", "the survey", "a study", "the study", "research",
    "the data", "official figures", "the website", "its website", "the document",
)

STATEMENT_PHRASES: tuple[str, ...] = (
    r"in\s+(?:a|an|its|his|her|their)\s+(?:statement|memo|letter|post|interview|press\s+release)(?:\s+to\s+\w+)?",
)
QUOTED_SOURCE: tuple[str, ...] = ("as quoted by", "quoted by", "as reported by")
MEDIUM_WORDS: tuple[str, ...] = ("official", "account", "website", "social", "media", "page", "feed")

POST_LEAD: str = r"(?!)"  # English puts the attribution inside the sentence
POST_PASSIVE: tuple[str, ...] = ()
POST_ACTIVE: tuple[str, ...] = ()
POST_OBJECT: str = r"(?!)"

TITLE_CUES: tuple[str, ...] = (
    "film", "movie", "book", "novel", "song", "album", "titled", "entitled", "nicknamed", "dubbed", "called",
    "slogan", "hashtag", "campaign", "programme", "program", "series", "show", "term", "word", "phrase",
    "named", "label", "banner", "sign", "reading", "read",
)
MENTION_STOPS: tuple[str, ...] = (
    "in", "at", "on", "to", "during", "after", "before", "while", "when", "as", "by", "from", "via",
    "with", "who", "which", "that", "and", "but", "because", "adding", "speaking", "referring", "last",
    "earlier", "later", "recently", "previously", "yesterday", "today", "tonight",
)
ANAPHOR_END: tuple[str, ...] = ()
READ_ALSO: str = r"\b(?:read\s+(?:more|also)|see\s+also|related)\s*[:：\-–—|»>]"

# --- the forms of the language the annotator once kept in code (issue 13, Part A) ---------------
SAY_AFTER_LEAD: tuple[str, ...] = (r"demikian", r"begitu")
SAY_AFTER_STATEMENT_LEAD: tuple[str, ...] = ()
SUBJECT_BEFORE_SAY_AFTER: bool = True      # '"...," X said'
# 'X said (that) ...', 'X has also warned in May that ...'
INDIRECT_PATTERN: str = (
    r"\b(?:has\s+|had\s+|have\s+)?(?:previously\s+|also\s+|earlier\s+)?(?P<verb><VERBS>)\b"
    r"(?:\s+(?:in|on|at|during)\s+[^,\"“”]{1,40}?(?=\s+<COMP>\b))?(?:\s+<COMP>)?\s+(?P<clause>[^\"“”:,].*)$"
)
ACCORDING_AFTER_CLAUSE: bool = True        # '..., according to X.' and '..., X said.'
TRAILING_SAID: tuple[str, ...] = ("said", "says", "say", "told reporters", "added")
CONNECTORS: tuple[str, ...] = (r"namun", r"sementara\s+itu", r"however", r"but", r"meanwhile")
DEFINITE_ARTICLES: tuple[str, ...] = ("the",)
DETERMINERS: tuple[str, ...] = ("the", "its")
PLURAL_SUFFIX: str = "s"
UNNAMED_PLURAL_HEADS: frozenset[str] = frozenset(
    {"official", "analyst", "villager", "resident", "expert", "witness", "source"})
LOWERCASE_DESCRIPTIONS: bool = True
UNNAMED_HEADS: frozenset[str] = frozenset()  # unnamed sources are plurals ('officials'): UNNAMED_PLURAL_HEADS

"""English abbreviations that end with a dot but do not end a sentence (lowercase, without the dot).

Read by ``kronik.lang.sentences``.  Single capital letters (initials:
"J. Smith") are handled by the splitter itself; dotted acronyms ("U.S.") too.
"""

ABBREVIATIONS: frozenset[str] = frozenset("""
    mr mrs ms dr prof sr jr st mt ft gen col lt sgt capt cmdr adm gov sen rep pres rev hon messrs mme
    jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thurs fri sat sun
    no nos vol vols fig figs p pp ed eds est approx dept univ inc ltd co corp bros vs etc al cf ca
    ave blvd rd hwy mass calif fla tex wash ariz conn ill penn
""".split())


NAME_ABBREVIATIONS: frozenset[str] = frozenset("""
    mr mrs ms dr prof jr sr st mt gen col lt sgt capt rev sen gov rep
    inc co corp ltd vs dept univ
""".split())
"""Written before, inside or after a name (titles, ranks, company and institution forms); a token keeps
their dot ("Sen. John Smith", "Acme Corp.", "Smith Jr.")."""

"""Titles, roles and honorifics written around English names, as data.

Same shape as ``kronik.lang.id.titles``; used by the entity annotator's
English fallback (capitalised runs; a role or title before a run makes it a
person, an organisation word inside it an organisation).  All lowercase.
"""

from __future__ import annotations

from kronik.lang.id.titles import PRODUCT_BRANDS  # one list of makers for every language

__all__ = ["PRODUCT_BRANDS"]

TITLES: frozenset[str] = frozenset("""
    president vice prime minister secretary chancellor governor mayor senator representative congressman
    congresswoman spokesman spokeswoman spokesperson chairman chairwoman chair chief director ceo cfo
    founder king queen prince princess pope ambassador envoy judge justice attorney general commissioner
    leader head deputy former acting interim coach manager captain professor analyst economist
    premier sheikh emir sultan lawmaker official minister-president
""".split())

TITLE_PHRASES: tuple[str, ...] = (
    "vice president", "prime minister", "foreign minister", "defence minister", "defense minister",
    "press secretary", "secretary of state", "secretary general", "attorney general", "chief executive",
    "supreme leader",
)

ROLE_WORDS: frozenset[str] = frozenset("""
    foreign defence defense finance interior press state general executive senior deputy assistant
    special national security affairs of the for
""".split())

ROLE_MODIFIERS: frozenset[str] = frozenset("foreign defence defense finance interior press general executive senior deputy assistant special".split())

HONORIFICS: frozenset[str] = frozenset("mr mrs ms miss dr prof sir dame lord lady rev st sen gov rep king queen prince princess".split())

RANKS: frozenset[str] = frozenset("""
    gen general col colonel maj major capt captain lt lieutenant sgt sergeant adm admiral cmdr commander
    insp inspector supt superintendent
""".split())

DEGREES: frozenset[str] = frozenset("phd md jr sr ii iii esq mba".split())

ORG_WORDS: frozenset[str] = frozenset("""
    inc corp corporation company co ltd llc plc group party ministry department agency university college
    institute bank council committee commission association union federation organization organisation
    foundation court police army navy force forces parliament congress senate assembly times post news
    club fc
""".split())

# Words that open the name of a place or facility ("Mount Merapi", "Lake Toba").
PLACE_WORDS: frozenset[str] = frozenset("""
    mount lake river island port airport street avenue road palace city province district village regency county
""".split())

INITIAL_MARKERS: frozenset[str] = frozenset("initials".split())

PLATFORMS: frozenset[str] = frozenset("youtube tiktok instagram twitter facebook threads".split())

UNIT_HEADS: frozenset[str] = frozenset("province county district ministry".split())

ORG_SUFFIXES: frozenset[str] = frozenset("inc ltd plc llc".split())

NICKNAME_CUES: frozenset[str] = frozenset("nicknamed dubbed".split())

GENERIC_ACRONYMS: frozenset[str] = frozenset("CEO CFO GDP CCTV ATM IPO EV LNG SUV PR HR IT AI".split())

NAME_CONNECTORS: frozenset[str] = frozenset("of and for the de da del van von der den bin al el la le y & on".split())

ROLE_STOP: frozenset[str] = frozenset("said says told by from to with and according".split())

# A possessive ending glued to a name's last word ("Donald Trump's plan", "Britain’s"): not part of the name.
POSSESSIVE_SUFFIXES: tuple[str, ...] = ("'s", "’s", "s'", "s’")

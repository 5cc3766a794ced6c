"""Who speaks in English news: titles, roles and name shapes, as data (see ``kronik.lang.id.speakers``)."""

HONORIFICS: frozenset[str] = frozenset("dr prof mr mrs ms miss sir dame lord lady rev sen gov rep gen col capt lt sgt insp supt".split())
RANKS: frozenset[str] = frozenset("general colonel major captain lieutenant sergeant inspector superintendent admiral commander".split())
ROLE_WORDS: frozenset[str] = frozenset("""
    president minister secretary spokesman spokeswoman spokesperson chief executive ceo cto cfo founder
    co-founder chairman chairwoman chair director head official officials coach manager captain analyst
    researcher economist professor survivor resident villager witness lawyer prosecutor judge governor mayor
    deputy vice senior junior leader commander investigator striker defender goalkeeper midfielder player
    singer actor actress author writer editor reporter police officer doctor nurse teacher student
    partner regent chief agency ministry transport disaster local former acting interim farmer fisherman
    fishermen worker engineer pilot driver owner shopkeeper vendor trader activist campaigner lawmaker
    legislator senator candidate challenger incumbent voter protester refugee migrant survivor victim
    relative neighbour neighbor mother father wife husband son daughter brother sister teacher principal
    priest imam monk scientist expert specialist consultant banker trader broker organiser organizer
    volunteer rescuer firefighter soldier officer guard spokesperson
""".split())
ORG_HEADS: frozenset[str] = frozenset("""
    ministry agency commission committee association union bank university institute council party
    police court office company corporation group ventures capital fund fc club league airlines airways
    authority department bureau service board foundation polytechnic school hospital pt inc ltd corp
    research government parliament
""".split())
NOT_NAME: frozenset[str] = frozenset("""
    indonesia indonesian jakarta north south east west central new old national international asia asian
    world global city province island river mount lake sea bay strait street road airport port station
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december the a an gmt wib state league j1 j-league
""".split())
PLACE_HEADS: frozenset[str] = frozenset("city province island river mount lake port district village regency county".split())
FUNCTION_WORDS: frozenset[str] = frozenset("""
    the a an according meanwhile however but and or if when while after before since as in on at by for
    from with without asked speaking this that these those it its they we he she his her their our
    analysts officials villagers residents witnesses police authorities experts critics
    which though although because so yet
""".split())
NAME_PARTICLES: frozenset[str] = frozenset("bin binti br van von de der den da dos al el".split())
NAME_PREFIXES: frozenset[str] = frozenset("i ni made putu wayan nyoman ketut kadek komang gede luh gusti ngurah andi daeng".split())
POST_NOMINAL: str = r"(?:Jr|Sr|PhD|Ph\.D|MBA|MD|III|II|IV)\.?"
ROLE_ALIASES: dict[str, str] = {
    "chief executive": "ceo", "the chief executive": "ceo", "its chief executive": "ceo", "ceo": "ceo",
    "the minister": "minister", "the president": "president", "the coach": "coach", "the mayor": "mayor",
    "the governor": "governor", "the spokesman": "spokesman", "the spokeswoman": "spokeswoman",
}
PERSON_ANAPHORS: frozenset[str] = frozenset("""
    man woman boy girl player striker coach mother father survivor villager resident official minister
    president singer actor actress founder executive defender goalkeeper veteran teenager youngster
    year-old
""".split())
ORG_ANAPHORS: frozenset[str] = frozenset("company ministry agency commission statement club firm group government operator airline union party memo".split())
INDEFINITE: tuple[str, ...] = ("one", "a", "an", "some", "several", "many", "two", "three")
# Quantifiers that open a group ('Many of the visitors were older, she said'): never what 'he' or 'she' stands for.
PLURAL_INDEFINITE: tuple[str, ...] = ("some", "several", "many", "two", "three", "most", "few", "others", "both")
PERSON_INDEFINITE: tuple[str, ...] = INDEFINITE  # 'One engineer', 'A spokesman': English keeps every one
LOCATIVE: frozenset[str] = frozenset("in at from to near into across toward towards".split())
ALIAS_AFTER: str = r",?\s*(?:known\s+as|better\s+known\s+as)\s+"
ALIAS_BEFORE: str = r"(?!)"
VERB_PREFIXES: tuple[str, ...] = ()
SUBJECT_FOLLOWERS: frozenset[str] = frozenset("""
    said says say told tells added adds wrote was is has had will would did does could can may might
    struck pointed accused described declined warned insisted argued admitted
""".split())

# --- grammatical gender of pronouns, for resolving "she said" to the last woman named (not the last person) ---
# Only a name whose gender is known is ever skipped; unknown names stay candidates for either pronoun.
PRONOUN_GENDER: dict[str, str] = {"he": "m", "him": "m", "his": "m", "she": "f", "her": "f", "hers": "f"}
HONORIFIC_GENDER: dict[str, str] = {
    "mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "dame": "f", "lady": "f",
}
# Common English given names (US and UK usage), lowercase; a name used for both (e.g. "jordan") is in neither.
MALE_GIVEN_NAMES: frozenset[str] = frozenset("""
    aaron adam alan albert alexander andrew anthony arthur barack barry ben benjamin bernie bill billy bob bobby
    brad bradley brandon brian bruce bryan carl carlos charles charlie chris christopher chuck colin craig dan
    daniel dave david dennis derek dick don donald doug douglas ed eddie edward eric frank fred gary george
    gerald glenn gordon greg gregory harold harry henry howard ian jack jacob jake james jason jeb jeff jeffrey
    jeremy jerry jim jimmy joe joel john johnny jon jonathan jose joseph josh joshua juan keith ken kenneth kevin
    kyle larry lawrence lee louis luke marco mark martin matt matthew michael mike mitch mitt nathan neil nick
    nicholas noah patrick paul peter phil philip ralph randy raymond richard rick rob robert roger ron ronald
    roy rudy russell ryan sam samuel scott sean sergei stephen steve steven ted terry thomas tim timothy todd
    tom tony victor vincent vladimir walter wayne william
""".split())
FEMALE_GIVEN_NAMES: frozenset[str] = frozenset("""
    abigail alice alicia amanda amy andrea angela ann anna anne barbara betty beverly brenda carol caroline
    catherine cheryl christina christine claire cynthia dana debbie deborah debra denise diana diane donna
    doris dorothy elizabeth ellen emily emma evelyn frances gloria grace hannah heather helen hillary irene
    jacqueline jane janet janice jean jennifer jessica jill joan joyce judith judy julia julie karen katherine
    kathleen kathy kelly kimberly laura lauren linda lisa lori lynn margaret maria marie marilyn martha mary
    megan melania melanie melissa michelle nancy nicole olivia pamela patricia paula rachel rebecca rose ruth
    sandra sara sarah sharon shirley sophia stephanie susan teresa theresa theresa tina virginia wendy
""".split())

# A bracket after a US politician's name giving party and state ("Sen. Claire McCaskill (D-Mo.) said"): read as
# blank space by the quote annotator, so the name and its verb meet (offsets are kept).
NAME_PARENTHETICAL: str = r"\((?:D|R|I|Dem|Rep|Ind)\.?\s*[-–]\s*[A-Z][A-Za-z.]{1,14}\.?\)"

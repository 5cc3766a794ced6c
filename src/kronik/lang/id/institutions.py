"""Public bodies and the offices that speak for them, as data (used by the story linker).

A ministry, an agency, the police, a parliament or a court appears in many
unrelated cases, policies and disputes, and so do the people who speak for it
(its minister, its director-general, its spokesperson).  Two events that share
only such names are not thereby one story: the story linker
(:mod:`kronik.corpus.stories`) counts these names as generic and looks for
names specific to the case (the suspect, the place, the programme).

All entries are lowercase; names and roles are compared by their lowercased words.
"""

from __future__ import annotations

# First words of the (canonical) name of a public body: "Kementerian Sosial", "Komisi Pemberantasan
# Korupsi", "Direktorat Jenderal Pajak", "Kepolisian Negara Republik Indonesia", "Dewan Perwakilan Rakyat".
# Companies, universities, parties and associations are left out: their name is usually part of the case.
PUBLIC_BODY_HEADS: frozenset[str] = frozenset("""
    kementerian kemenko kementrian kemensos kemenkeu kemenkes kemenlu kemendagri kemenhub kementan kemenag
    kemendikbud kemnaker kemenaker kemenpora kemenkumham kemendag kemenperin kemenpar kemenhan kemenpu
    kemendikdasmen kemendiktisaintek kemkomdigi kominfo departemen ditjen direktorat komisi badan dewan
    majelis mahkamah pengadilan kejaksaan kejagung kejati kejari kepolisian polri polda polres polresta
    polrestabes polsek korlantas bareskrim pemerintah pemprov pemkab pemkot dinas sekretariat setkab setneg
    kabinet otoritas ombudsman lembaga kpk kpu bawaslu bpk ojk bmkg bnpb bpbd basarnas dpr dprd mpr dpd tni
""".split())

# Words of a role that make its holder speak for a public body ("Menteri Sosial", "Jubir KPK",
# "Direktur Jenderal Pajak", "Kasi Humas Polresta Denpasar", "Sekretaris Kabinet").
OFFICE_WORDS: frozenset[str] = frozenset("""
    presiden wapres menteri wamen menko mendagri menkeu menlu menhan menkes menag mensos menpora mentan
    menaker menhub mendag menperin menpar menkomdigi mendikdasmen mendiktisaintek menimipas menhaj seskab
    mensesneg jubir humas dirjen kapuspen kapuspenkum kadivhumas kapolri kabareskrim
""".split())
OFFICE_PHRASES: tuple[str, ...] = (
    "juru bicara", "direktur jenderal", "sekretaris kabinet", "sekretaris negara", "kepala badan",
    "kepala pusat penerangan",
)

# Words that, opening a role, say the person no longer (or not yet) holds it ("mantan Menteri").
NOT_IN_OFFICE: frozenset[str] = frozenset("mantan eks calon".split())

"""Titles, roles and honorifics written around Indonesian names, as data.

The entity annotator (``kronik.annotate.entities``) uses these to strip a role
from a person's name and keep it as the entity's ``role``:
"Presiden AS Joe Biden" -> name "Joe Biden", role "Presiden AS";
"juru bicara Kremlin Dmitry Peskov" -> "Dmitry Peskov", role "juru bicara Kremlin".
The entity tagger also gets the single-word titles as a feature (a snapshot is
stored inside the trained model, so editing this file never shifts a shipped
model's features).

All entries are lowercase; lookups lowercase the text and drop a final dot.
"""

from __future__ import annotations

# Words that head a role phrase before a name.  Multi-word titles are listed in
# TITLE_PHRASES; their words are also accepted inside a role phrase.
TITLES: frozenset[str] = frozenset("""
    presiden wapres wakil menteri menko mendagri menkeu menlu menhan menkes menag mendikbud mensos menpora
    menkominfo menhub mentan menaker menparekraf menpan menkumham mensesneg seskab mendag menperin menpar
    menristek menristekdikti menkop mendes menlhk menpupr menkomarves menkopolhukam mendikbudristek menteri kepala ketua ketum
    mendikti mendiktisaintek mendikdasmen menkomdigi menimipas menbud menekraf mentrans menhaj menlh menpppa
    menpk menhut menpu menko kasi kasintel kasipidsus kasipidum kasubsi kasie
    bhabinkamtibmas babinsa dirlantas dirantas dirreskrimum dirreskrimsus dirresnarkoba kakorlantas kasatreskoba
    kanit kapolsubsektor kasetpres kepsek
    waketum direktur dirut direktris sekretaris sekjen sekda bendahara gubernur wagub bupati wabup
    walikota wali wawali camat lurah kades perbekel panglima kapolri wakapolri kapolda wakapolda kapolres
    kapolresta kapolrestabes kapolsek kasat kasatreskrim kasatlantas kabareskrim kabid kabag kasubag
    kasubdit kadiv kadivhumas kapuspen kapuspenkum kadis kajati kajari jaksa hakim jubir kanselir
    raja ratu pangeran sultan paus kaisar emir syekh senator anggota pengamat
    analis ekonom peneliti koordinator komisaris komandan danramil dandim danrem pangdam pangkostrad
    kasad kasal kasau duta dubes konsul atase deputi asisten staf pelatih manajer kapten pemain
    kiper penyerang gelandang bek pendiri ceo cfo cto coo founder pemilik rektor dekan dosen guru
    pimpinan pemimpin penasihat penasehat kuasa pengacara advokat juru kurator ketua-ketua plt pj pjs
    plh penjabat mantan eks calon cawapres capres cagub cawagub cabup cawabup caleg legislator
    pemred redaktur wartawan koresponden kepala-kepala imam ulama ustaz ustadz uskup pendeta kardinal
""".split())

# Multi-word titles (matched as phrases; all of their words may appear inside a role).
TITLE_PHRASES: tuple[str, ...] = (
    "wakil presiden", "menteri luar negeri", "menteri dalam negeri", "menteri keuangan", "menteri pertahanan",
    "menteri koordinator", "juru bicara", "sekretaris pers", "sekretaris jenderal", "sekretaris negara",
    "perdana menteri", "wakil perdana menteri", "duta besar", "kepala staf", "kepala negara", "ketua umum",
    "wakil ketua", "wakil ketua umum", "direktur utama", "direktur jenderal", "jaksa agung", "kepala polisi",
    "panglima tni", "guru besar", "pelaksana tugas", "kuasa hukum", "ibu negara", "wali kota", "wakil wali kota",
    "wakil gubernur", "wakil bupati", "ketua dpr", "ketua mpr", "anggota dpr", "anggota komisi",
    "pemimpin redaksi", "pemimpin tertinggi", "putra mahkota", "ketua harian", "kepala badan",
)

# Lowercase words that may continue a role phrase between the title and the
# name ("Menteri Luar Negeri", "Sekretaris Pers Gedung Putih", "Kepala Staf
# Kepresidenan").  Capitalised words (organisations, places) are accepted too.
ROLE_WORDS: frozenset[str] = frozenset("""
    wakil luar dalam negeri pers jenderal umum utama besar muda madya tinggi agung harian eksekutif
    operasional keuangan pertahanan koordinator bidang urusan politik hukum keamanan ekonomi sosial
    staf khusus senior kepresidenan negara daerah provinsi kota kabupaten bicara redaksi tertinggi
    pelaksana tugas sementara nonaktif terpilih tim komisi fraksi partai organisasi perusahaan
    kantor badan dewan majelis kementerian kepolisian polisi militer pasukan tentara angkatan darat laut
    udara bank pusat dinas biro divisi deputi satuan gugus tugas kejaksaan pengadilan mahkamah
    pemerintahan pemerintah klub tim nasional timnas ri republik pers media humas hubungan
    masyarakat investasi pemasaran teknologi riset pariwisata perdagangan perindustrian pertanian
    kesehatan pendidikan agama perhubungan pekerjaan komunikasi informatika energi lingkungan hidup
    kelautan perikanan tenaga kerja saintek dikti intel pidsus pidum intelijen seksi
""".split())

# Role words that qualify a title but never open an organisation's name: when the
# tagger starts an organisation with them right after a title ("Menteri [Luar
# Negeri Rusia]"), they go back to the role.
ROLE_MODIFIERS: frozenset[str] = frozenset("""
    luar negeri dalam umum pers jenderal besar muda madya utama tinggi harian eksekutif operasional
    koordinator bidang urusan khusus senior bicara redaksi tertinggi pelaksana tugas sementara nonaktif
    terpilih staf wakil intel intelijen pidsus pidum datun
""".split())

# Honorifics and academic or religious titles written before a name.
HONORIFICS: frozenset[str] = frozenset("""
    bapak pak ibu bu saudara saudari sdr sdri tuan nyonya ny nona mas mbak bung kak dr drs dra prof ir
    h hj haji hajjah hajah kh k.h ust ustaz ustadz habib gus kiai kyai romo pastor pendeta raden rm tn
    coach mr mrs ms sir syaikh syeikh almarhum almarhumah alm king queen prince princess
""".split())

# Police and military ranks, kept in the role ("Kapolri Jenderal Listyo Sigit").
RANKS: frozenset[str] = frozenset("""
    jenderal jendral letjen mayjen brigjen laksamana laksdya laksda laksma marsekal marsdya marsda marsma
    kolonel letkol mayor kapten lettu letda komjen irjen kombes akbp akp kompol iptu ipda aiptu aipda
    bripka brigpol briptu bripda serka sertu serda praka pratu prada kopda koptu pol purn purnawirawan
""".split())

# Academic degrees written after a name ("Maju Pakpahan SH", "Budi, S.E., M.M.");
# compared without dots and case.
DEGREES: frozenset[str] = frozenset("""
    sh se sp spd sag ssos sip skom ssi sked mh mm msi mpd mkom mt mba msc phd drg
    spog spa sppd mkes mag lc llm sikom sik
""".split())

# Capitalised words that head an organisation name; used to label a
# capitalised run when the tagger is not available (other languages' fallback).
ORG_WORDS: frozenset[str] = frozenset("""
    partai kementerian badan komisi dewan majelis mahkamah pengadilan kejaksaan kepolisian polda polres
    universitas institut bank pt yayasan lembaga organisasi asosiasi persatuan perhimpunan serikat
    fraksi direktorat dinas kantor tbk persero
    kemenko ditjen kejari kejati polsek polresta polrestabes satgas korps biro balai rsup rsud rs
    fakultas komite himpunan ikatan koperasi perum otorita sekretariat cv
""".split()) | frozenset({"rumah sakit"})

# Words that open the name of a place or a named facility: a name they head is a place
# ("Kecamatan Sembalun", "Jalan Sudirman", "Gedung DPR", "Rutan Cabang ..."), whatever the tagger said.
# Checked before ORG_WORDS ("Rumah Susun" is a place, "Rumah Sakit" an organisation).
PLACE_WORDS: frozenset[str] = frozenset("""
    kota kabupaten kab provinsi kecamatan kelurahan desa dusun kampung jalan jl gedung istana wisma hotel
    bandara pelabuhan stasiun terminal masjid gereja pura candi pulau gunung sungai danau selat teluk pantai
    lembah bukit tanjung kampus rutan lapas taman pasar stadion tol kantor
""".split()) | frozenset({"rumah susun", "balai kota"})

# Lowercase words that may sit inside a name ("Kementerian Hukum dan HAM",
# "Organisation for Economic Co-operation and Development"); any other
# lowercase word ends a name the tagger ran on too long.
# Words after which capitals are a person's initials, the way the press names suspects, victims and
# witnesses ("berinisial S, DP, ABT, dan HS", "inisial TAS").
INITIAL_MARKERS: frozenset[str] = frozenset("inisial berinisial".split())

# Platforms whose name is written before an account's ("disiarkan di YouTube Kemendagri"): the account's
# owner is the entity, the platform word is not part of its name.
PLATFORMS: frozenset[str] = frozenset("youtube tiktok instagram twitter facebook threads kanal akun".split())

# Words that open a new name right after a complete one, inside one capitalised run: an administrative
# unit after a place ("Sembalun Lawang Kecamatan Sembalun"), a ministry after one of its units
# ("Direktorat Jenderal Imigrasi Kementerian Imipas").  The run is split only where the new part is of
# the run's own type (so "Pemerintah Provinsi Jawa Barat", an organisation, stays whole).
UNIT_HEADS: frozenset[str] = frozenset("kecamatan kabupaten kelurahan desa dusun provinsi kementerian".split())

# Capitalised words written after an organisation's name that belong to it ("BPK RI", "Kementerian
# Sosial RI"): "RI" there is the state the body belongs to, not a second entity (the place Indonesia).
ORG_SUFFIXES: frozenset[str] = frozenset("ri".split())

# Makers whose name, followed by a model's, names a product, not an organisation or a person ("Toyota
# Alphard", "iPhone 16"); the maker alone stays an organisation.  Not language data strictly, but read
# with it: English news writes the same names (``kronik.lang.en.titles`` shares this set).
PRODUCT_BRANDS: frozenset[str] = frozenset("""
    toyota honda suzuki daihatsu mitsubishi nissan mazda hyundai kia wuling byd chery lexus bmw mercedes
    mercedes-benz audi volkswagen vw porsche ferrari lamborghini tesla ford chevrolet jeep volvo isuzu hino
    yamaha kawasaki ducati harley-davidson vespa piaggio iphone ipad macbook samsung xiaomi oppo vivo realme
    infinix huawei airbus boeing
""".split())

# Words right before a nickname of the person just named ("pria yang akrab disapa Aco").
NICKNAME_CUES: frozenset[str] = frozenset("disapa dipanggil".split())

# Common nouns written as acronyms: never a name, whatever their capitals suggest (fuel stations, cameras,
# crime scenes, state-owned companies as a class, budgets, aid programmes, identity documents, fuels,
# commodities, civil servants).  Compared in capitals as written.
GENERIC_ACRONYMS: frozenset[str] = frozenset("""
    SPBU CCTV TKP BUMN BUMD UMKM PNBP OTT BBM CPO APBN APBD APBDES BLT BSU KTP KK NIK NPWP SIM STNK BPKB
    PHK THR PPN PPH PBB-P2 ASN PNS PPPK WNI WNA LPG TPS TPA SD SMP SMA SMK PAUD RTH JKK JKM JHT KPBU
    IGD ICU PSK ODGJ HP PR UU PP KUHP KUHAP HAM SDM SDA IPO LNG CNG EV PLTU PLTS PLTA RUU MoU SOP
""".split())

NAME_CONNECTORS: frozenset[str] = frozenset("dan & of and for the de da del van von der den bin binti al el la le y".split())

# Words that make the phrase before a name a reporting frame, not a role
# ("kata", "ujar"): the role scan stops at them.
ROLE_STOP: frozenset[str] = frozenset("""
    kata ujar ucap tutur jelas papar ungkap menurut oleh dari kepada untuk dengan bagi bersama antara
    yakni yaitu adalah ialah merupakan seperti
""".split())

"""Who speaks in Indonesian news: titles, roles and name shapes, as data.

Used by the quote annotator's fallback name resolver (``kronik.annotate.quotes``)
to read a speaker mention such as "Kapolres Karangsari AKBP Darmawan Saputra,
S.I.K." as the role "Kapolres Karangsari AKBP" and the name "Darmawan
Saputra", and to link "Darmawan" later in the article back to that name.  When
the NER stage has filled ``article.entities`` its canonical names win; this is
the fallback that keeps the quote stage useful on its own.  All lookups are
case-insensitive unless said otherwise.
"""

from kronik.lang.id import titles as _titles

# Honorifics and ranks written before a name: the titles' tables (one list for entities and speakers).
HONORIFICS: frozenset[str] = _titles.HONORIFICS
RANKS: frozenset[str] = _titles.RANKS
# Role words: a run of these (with the organisation or place they govern) precedes a name.
ROLE_WORDS: frozenset[str] = frozenset("""
    menteri wamen wakil kepala ketua direktur dirut direksi gubernur bupati wali walikota camat lurah presiden
    wapres juru bicara jubir jaksa hakim kuasa hukum pengacara advokat pengamat ekonom peneliti kurator
    koordinator manajer kapten pelatih anggota sekretaris sekjen komisaris kapolres kapolda kapolri kapolsek
    kasat kasatreskrim kabid kasubdit kasi kadis kadishub dandim danrem danlanal pangdam panglima pendiri
    ceo cto coo cfo founder co-founder pemilik investigator inspektur penyidik kurator vokalis gitaris
    drummer pemain penyerang bek kiper gelandang sutradara produser aktris aktor penyanyi penulis
    budayawan sejarawan ilmuwan dosen guru besar rektor dekan dokter perawat bidan warga pedagang petani
    nelayan buruh mahasiswa mahasiswi siswa pelajar partner mitra analis kritikus kiai ulama imam pendeta
    komandan perwira kades sekda plt pj pjs penjabat asisten staf khusus deputi plh direktorat ketum
    bendahara humas pimpinan kabag kasubag kapuspen kapuspenkum kapolresta kapolrestabes kajari kajati
    jaksa agung kabareskrim danjen kasad kasal kasau bendesa
""".split())
# Words that head an organisation name ("Kementerian Luar Negeri", "PT Kereta Nusantara").
ORG_HEADS: frozenset[str] = frozenset("""
    kementerian kemen badan dinas komisi komite asosiasi konfederasi federasi serikat pt cv tbk persero perum
    bank universitas institut lembaga jaringan kantor pusat otorita ombudsman partai fraksi polres polda
    polri polsek polresta pengadilan kejaksaan kejari kejati rsud rumah sakit sekolah sma smp sd yayasan
    koperasi klub fc maskapai pemerintah pemprov pemkab pemkot dprd dpr mpr kpu bawaslu kpk basarnas bmkg
    bpbd bnpb pvmbg knkt kemenlu kemenkes kemendikbud kemenhub kementan kemenkeu organisasi perusahaan
    grup group holding forum aliansi gerakan front liga persatuan perhimpunan ikatan himpunan majelis
    dewan mahkamah kepolisian tentara tni satgas tim unit divisi direktorat biro sekretariat posko
    kedutaan kbri kjri konsulat perwakilan sekolah madrasah pesantren stasiun daop pelabuhan bandara
""".split())
# Capitalised words that are places, ministries' fields or plain vocabulary inside a role title
# ("Menteri Luar Negeri", "Bupati Lembah Hijau"), never part of a person's name.
NOT_NAME: frozenset[str] = frozenset("""
    kota kabupaten provinsi desa kecamatan kelurahan dusun kampung pulau sungai gunung jalan pasar stasiun
    bandara pelabuhan teluk selat danau laut pantai lembah bukit barat timur utara selatan tengah raya
    baru lama besar kecil indonesia jakarta nasional daerah umum pusat metro regional wilayah provinsi
    luar negeri dalam pertanian perhubungan keuangan kesehatan pendidikan kebudayaan ketenagakerjaan
    pariwisata agama sosial perdagangan perindustrian pertahanan hukum keamanan politik koordinator
    pangan energi sumber daya mineral lingkungan hidup kehutanan kelautan perikanan perumahan rakyat
    pekerjaan komunikasi informatika riset teknologi pemuda olahraga perempuan anak desa transmigrasi
    investasi koperasi ukm bumn pertanahan tata ruang agraria sekretariat negara kabinet hubungan
    masyarakat eksekutif umum operasional pelaksana harian bidang urusan cabang induk unit distribusi
    perwakilan ri republik persatuan asia eropa amerika serikat dunia internasional timnas u-23 u-17 u-20
    senin selasa rabu kamis jumat sabtu minggu januari februari maret april mei juni juli agustus
    september oktober november desember wib wita wit tahun hari bulan pekan
    rp rp. us$ usd idr sgd myr eur
""".split())
# Place words that take the next capitalised word as their name ("Kota Sagara", "Lembah Hijau"):
# in "Ketua KPU Kota Sagara Anwar Hidayat" the person starts after that word.
PLACE_HEADS: frozenset[str] = frozenset("""
    kota kabupaten kab provinsi desa kecamatan kelurahan dusun kampung pulau sungai gunung jalan pasar
    stasiun bandara pelabuhan teluk selat danau laut pantai lembah bukit tanjung muara kali
""".split())
# Sentence words that are capitalised only because they open a sentence or clause
# ("Menurut Aris, ...", "Sementara itu, ...", "Massa membawa ...").
FUNCTION_WORDS: frozenset[str] = frozenset("""
    sementara namun selain seusai setelah sebelum saat ketika dalam menurut akibat hingga kini sebelumnya
    kemudian adapun bahkan meski meskipun padahal sedangkan oleh karena untuk dengan pada dihubungi
    ditemui menanggapi terkait soal salah satu seorang para warga massa sejumlah ribuan ratusan puluhan
    di ke dari bagi tetapi tapi dan atau jika kalau apabila agar supaya sejak selama usai begitu lalu
    mereka kami kita ia dia beliau ini itu tersebut yang pihak pemerintah polisi aparat petugas
""".split())
# Lowercase words allowed inside a name ("Martha br Tarigan", "Ahmad bin Yusuf").
NAME_PARTICLES: frozenset[str] = frozenset("bin binti br boru van von de der den da dos al el".split())
# Leading name elements that belong to the name, not to a title (Balinese birth-order names,
# Bugis "Andi", Makassar "Daeng"): never trimmed off a name.
NAME_PREFIXES: frozenset[str] = frozenset("i ni made putu wayan nyoman ketut kadek komang gede luh gusti ngurah desak dewa ida andi daeng la wa".split())
# Letters-and-dots degrees written after a name: "Darmawan Saputra, S.I.K.", "Sri Mulyani, Sp.PD".
POST_NOMINAL: str = (
    r"(?:S\.?\s?I\.?\s?K|M\.?\s?T|M\.?\s?Si|M\.?\s?Sc|M\.?\s?A|M\.?\s?M|M\.?\s?H|M\.?\s?Hum|M\.?\s?Kes|M\.?\s?Pd|"
    r"S\.?\s?H|S\.?\s?E|S\.?\s?T|S\.?\s?Sos|S\.?\s?Pd|S\.?\s?Kom|S\.?\s?Ked|Sp\.?\s?[A-Z]{1,3}|Ph\.?\s?D|MBA|"
    r"M\.?\s?B\.?\s?A|M\.?\s?Epid|M\.?\s?Biomed|M\.?\s?Kn|M\.?\s?AP|M\.?\s?IP|S\.?\s?IP|S\.?\s?Kep|S\.?\s?Farm|"
    r"Apt|Lc|MA|MPH|SH|SE|ST|MT|MM|MH)\.?"
)
# Abbreviated role titles and what they stand for: "kata Menhub" -> the person introduced as
# "Menteri Perhubungan ...".  Keys and values lowercase.
ROLE_ALIASES: dict[str, str] = {
    "menhub": "menteri perhubungan", "menlu": "menteri luar negeri", "mentan": "menteri pertanian",
    "menkeu": "menteri keuangan", "mendikbud": "menteri pendidikan", "menkes": "menteri kesehatan",
    "mendagri": "menteri dalam negeri", "menaker": "menteri ketenagakerjaan", "menpora": "menteri pemuda",
    "mensos": "menteri sosial", "mendag": "menteri perdagangan", "menperin": "menteri perindustrian",
    "menhan": "menteri pertahanan", "menparekraf": "menteri pariwisata", "menag": "menteri agama",
    "menkominfo": "menteri komunikasi", "menko": "menteri koordinator", "kades": "kepala desa",
    "kadishub": "kepala dinas perhubungan", "kadinkes": "kepala dinas kesehatan", "wapres": "wakil presiden",
    "wagub": "wakil gubernur", "wabup": "wakil bupati", "wawali": "wakil wali kota", "jubir": "juru bicara",
    "kapolda": "kapolda", "kapolres": "kapolres", "kapolri": "kapolri", "kapolsek": "kapolsek",
    "gubernur": "gubernur", "bupati": "bupati", "presiden": "presiden", "camat": "camat", "menteri": "menteri",
    "wali kota": "wali kota", "rektor": "rektor", "kapten": "kapten", "pelatih": "pelatih", "jaksa": "jaksa",
    # Prosecutors' and police units' section heads, written whole or short ('kata Kasi Intel', 'ujar Kasintel').
    "kasintel": "kasi intel", "kasi intel": "kasi intel", "kasipidsus": "kasi pidsus", "kasi pidsus": "kasi pidsus",
    "kasi pidum": "kasi pidum", "kasi humas": "kasi humas", "kasat reskrim": "kasat reskrim",
    "kasatreskrim": "kasat reskrim", "kabid humas": "kabid humas", "kajari": "kepala kejaksaan negeri",
    "kajati": "kepala kejaksaan tinggi", "dirjen": "direktur jenderal", "dirut": "direktur utama",
}
# Heads of descriptions that refer back to a person: 'ujar pria asal Bekasi itu'.
PERSON_ANAPHORS: frozenset[str] = frozenset("""
    pria perempuan wanita pemain pelatih mahasiswi mahasiswa ibu bapak remaja gadis pemuda politikus
    politisi sosok lelaki laki-laki kakek nenek anak petani nelayan pedagang atlet pebulu tangkis
    pesepak bola penyanyi pelantun aktris aktor sutradara penulis warga pejabat jenderal perwira
    pengusaha ayah ayahnya ibunya istri suami pemilik politisi legislator tokoh jaksa hakim
""".split())
# Heads of descriptions that refer back to an organisation: 'tulis perusahaan itu'.
ORG_ANAPHORS: frozenset[str] = frozenset("perusahaan lembaga kementerian instansi badan organisasi maskapai klub partai pihak manajemen operator pernyataan keterangan".split())
# Unnamed speakers: "kata seorang warga", "sejumlah pedagang mengatakan".
INDEFINITE: tuple[str, ...] = ("seorang", "salah seorang", "salah satu", "sejumlah", "beberapa", "para", "sebagian")
# These count people by themselves; the other indefinites only before a person word ('salah satu warga'
# is someone, 'Salah satu tindak lanjutnya' is not).
PERSON_INDEFINITE: tuple[str, ...] = ("seorang", "salah seorang", "para")
# Prepositions that put a following capitalised word in place (not person) position.
LOCATIVE: frozenset[str] = frozenset("di ke dari asal menuju arah sekitar kawasan wilayah daerah kota provinsi".split())
# Introduce an alias of the name just before: "Muhammad Rapi Daeng Ngalle, yang akrab disapa Daeng Rapi".
ALIAS_AFTER: str = r",?\s*yang\s+(?:akrab\s+|biasa\s+|kerap\s+)?(?:disapa|dipanggil|dikenal\s+dengan(?:\s+nama)?|dikenal\s+sebagai)\s+"
# An alias followed by this names the current topic: "Wati, sapaan akrabnya, ...".
ALIAS_BEFORE: str = r"\s*,\s*(?:sapaan|panggilan|nama\s+panggilan)\s+(?:akrab)?(?:nya)?"
# Verb-like words: a capitalised word followed by one of these is a subject ("Iis mengatakan").
VERB_PREFIXES: tuple[str, ...] = ("me", "ber", "di", "ter", "mem", "men", "meng", "meny", "per")
SUBJECT_FOLLOWERS: frozenset[str] = frozenset("tidak akan sudah telah juga masih hanya kembali pun sendiri sempat belum langsung lalu kemudian kini saat".split())

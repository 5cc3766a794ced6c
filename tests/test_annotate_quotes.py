"""The quote stage on many small shapes (Indonesian and English), independent of the labelled set."""

from __future__ import annotations

import pytest

from kronik.annotate.quotes import annotate_quotes, extract_quotes
from kronik.model import Article, Entity, Quote
from kronik.pipeline import REGISTRY, check_order

# (id, language, paragraphs, expected) where expected is a list of
# (substring of the quote text, speaker or None, direct, paragraph index).
CASES: list[tuple[str, str, list[str], list[tuple[str, str | None, bool, int]]]] = [
    ("after-verb-role-name", "id",
     ['"Kami siap membantu warga," kata Menteri Sosial Rina Wahyuni di Jakarta, Senin (3/6/2024).'],
     [("Kami siap membantu warga", "Rina Wahyuni", True, 0)]),
    ("after-verb-role-comma-name", "id",
     ['"Semua opsi masih terbuka," ujar juru bicara Kemenlu, Budi Santoso, dalam jumpa pers.'],
     [("Semua opsi masih terbuka", "Budi Santoso", True, 0)]),
    ("before-verb-comma", "id",
     ['Ketua Panitia Festival, Gilang Ramadhan, mengatakan, "Tiket sudah habis sejak pekan lalu."'],
     [("Tiket sudah habis", "Gilang Ramadhan", True, 0)]),
    ("menurut-direct", "id",
     ["Camat Lembang Aris Munandar meninjau lokasi longsor.",
      'Menurut Aris, "Warga di bantaran sungai harus mengungsi malam ini."'],
     [("Warga di bantaran sungai", "Aris Munandar", True, 1)]),
    ("attribution-inside", "id",
     ['"Kami siap berangkat," kata Budi Santoso, "tetapi izin terbang belum keluar."'],
     [("Kami siap berangkat", "Budi Santoso", True, 0), ("izin terbang belum keluar", "Budi Santoso", True, 0)]),
    ("clitic-previous-paragraph", "id",
     ["Kepala BPBD Garut Hendra Wijaya meninjau tanggul yang jebol, Selasa.",
      '"Air naik sangat cepat. Kami kewalahan," ujarnya.'],
     [("Air naik sangat cepat", "Hendra Wijaya", True, 1)]),
    ("tegasnya-imbuhnya", "id",
     ["Kapten tim, Evan Dimas Saputra, kecewa dengan hasil imbang.",
      '"Kami harus lebih tajam," tegasnya. "Laga berikutnya wajib menang," imbuhnya.'],
     [("Kami harus lebih tajam", "Evan Dimas Saputra", True, 1), ("Laga berikutnya wajib menang", "Evan Dimas Saputra", True, 1)]),
    ("kata-dia", "id",
     ["Petani asal Brebes, Warsito, mengeluhkan harga bawang yang anjlok.",
      '"Modal tidak kembali. Kami rugi besar," kata dia.'],
     [("Modal tidak kembali", "Warsito", True, 1)]),
    ("first-name-links-full-name", "id",
     ["Gubernur Sulawesi Tengah Rusdi Mastura meresmikan jembatan baru di Palu.",
      '"Jembatan ini untuk warga pesisir," kata Rusdi.'],
     [("Jembatan ini untuk warga pesisir", "Rusdi Mastura", True, 1)]),
    ("org-acronym", "id",
     ["Kementerian Luar Negeri (Kemenlu) memantau situasi di Sudan.",
      'Kemenlu dalam keterangan resminya menyatakan, "Tidak ada WNI yang menjadi korban."'],
     [("Tidak ada WNI yang menjadi korban", "Kementerian Luar Negeri", True, 1)]),
    ("org-anaphor", "id",
     ['PT Angkasa Raya meminta maaf kepada penumpang. "Kami akan memberikan kompensasi penuh," tulis perusahaan itu.'],
     [("Kami akan memberikan kompensasi penuh", "PT Angkasa Raya", True, 0)]),
    # A scare quote is no direct quote; the sentence is reported speech (the real-news guidelines' convention:
    # a speech verb with its content, no 'bahwa' or comma needed), its pronoun with nobody to refer to.
    ("scare-quotes", "id",
     ['Ia menyebut kebijakan itu "tidak adil" dan meminta pemerintah meninjau ulang.'],
     [('kebijakan itu "tidak adil"', None, False, 0)]),
    ("nickname", "id",
     ['Gol kemenangan dicetak bek Andi "Tembok" Saputra pada menit ke-89.'], []),
    ("film-title", "id",
     ['Film "Bulan di Atas Kota Tua" meraih penghargaan film terbaik tahun ini.'], []),
    ("book-title-cue", "id",
     ['Ia meluncurkan buku berjudul "Jalan panjang menuju rumah" di Yogyakarta.'], []),
    ("headline-leftover", "id",
     ['Menteri Pertanian: "Harga Beras Akan Turun Bulan Depan"'], []),
    ("inline-read-also", "id",
     ['Ratusan warga masih mengungsi. Baca juga: Bupati: "Kami Siapkan Tenda dan Dapur Umum" Hujan masih turun hingga sore.'], []),
    ("multi-paragraph", "id",
     ['Direktur Utama PT Kereta Jaya, Sinta Wulandari, memaparkan rencana perusahaan.',
      '"Tahun ini kami menambah 40 rangkaian baru.',
      '"Semua rangkaian buatan dalam negeri," kata Sinta.'],
     [("menambah 40 rangkaian baru", "Sinta Wulandari", True, 1), ("buatan dalam negeri", "Sinta Wulandari", True, 2)]),
    ("post-attribution-passive", "id",
     ['"Kami tidak akan mundur sebelum tuntutan dipenuhi." Hal itu disampaikan Ketua Serikat Tani, Joko Purnomo, di Jakarta.'],
     [("Kami tidak akan mundur", "Joko Purnomo", True, 0)]),
    ("post-attribution-demikian", "id",
     ["Ketua Serikat Tani, Joko Purnomo, memimpin aksi di depan gedung DPRD.",
      '"Kami tidak akan mundur." Demikian dikatakan Joko.'],
     [("Kami tidak akan mundur", "Joko Purnomo", True, 1)]),
    ("description-anaphor", "id",
     ["Slamet Riyadi (45) kehilangan rumahnya dalam kebakaran itu.",
      '"Semua habis, tidak ada yang tersisa," kata pria asal Klaten itu.'],
     [("Semua habis", "Slamet Riyadi", True, 1)]),
    ("anonymous-speaker", "id",
     ["Kepala Desa Sukamaju, Darto Wiyono, meminta warga tenang.",
      'Seorang warga yang enggan disebut namanya mengatakan, "Kami takut keluar rumah pada malam hari."'],
     [("Kami takut keluar rumah", None, True, 1)]),
    ("indirect-bahwa", "id",
     ["Budi Santoso menegaskan bahwa pemerintah akan mengirim dua pesawat untuk evakuasi."],
     [("pemerintah akan mengirim dua pesawat", "Budi Santoso", False, 0)]),
    ("indirect-comma-pronoun", "id",
     ["Kepala Dinas Perdagangan Yuli Astuti memantau harga di Pasar Kosambi.",
      "Ia mengatakan, harga cabai akan turun setelah panen raya bulan depan."],
     [("harga cabai akan turun", "Yuli Astuti", False, 1)]),
    ("indirect-menurut", "id",
     ["Menurut Yuli Astuti, pasokan beras dari Jawa Tengah sudah kembali normal."],
     [("pasokan beras dari Jawa Tengah", "Yuli Astuti", False, 0)]),
    ("menurut-data-is-not-speech", "id",
     ["Menurut data BPS, inflasi tahunan naik menjadi 3,2 persen pada Mei."], []),
    ("two-speakers-alternating", "id",
     ['Pedagang, Ani Lestari, menyebut pasar sudah sepi sejak pekan lalu. "Pembeli turun separuh," katanya.',
      'Pengelola pasar, Rudi Hartono, membantah. "Pembeli justru naik dibanding bulan lalu," ujarnya.',
      '"Itu tidak benar. Lihat saja kios kami," balas Ani.'],
     [("pasar sudah sepi sejak pekan lalu", "Ani Lestari", False, 0), ("Pembeli turun separuh", "Ani Lestari", True, 0),
      ("Pembeli justru naik", "Rudi Hartono", True, 1), ("Itu tidak benar", "Ani Lestari", True, 2)]),
    ("role-alias", "id",
     ["Menteri Perhubungan Bagus Santoso meninjau Stasiun Gambir, Jumat.",
      '"Saya minta audit perawatan rel dilakukan menyeluruh," kata Menhub.'],
     [("Saya minta audit", "Bagus Santoso", True, 1)]),
    ("curly-marks", "id",
     ["“Kami siap menghadapi gugatan itu,” kata kuasa hukum perusahaan, Yohanes Sitorus."],
     [("Kami siap menghadapi gugatan itu", "Yohanes Sitorus", True, 0)]),
    ("question-and-one-word", "id",
     ['Koordinator warga, Slamet Widodo, mendatangi kantor desa. "Siapa yang mau ganti rugi?" tanya Slamet.',
      '"Tidak," jawab Slamet singkat.'],
     [("Siapa yang mau ganti rugi?", "Slamet Widodo", True, 0), ("Tidak", "Slamet Widodo", True, 1)]),
    ("nested-single-quotes", "id",
     ["""Pedagang sayur, Ani Rahayu, mengeluhkan pungutan liar. "Petugas bilang, 'bayar saja kalau mau aman', padahal kami sudah bayar retribusi," kata Ani."""],
     [("Petugas bilang", "Ani Rahayu", True, 0)]),
    ("sebut-seperti-dikutip", "id",
     ['"Harga minyak goreng naik karena pasokan berkurang," sebut Darmawan Putra seperti dikutip Antara.'],
     [("Harga minyak goreng naik", "Darmawan Putra", True, 0)]),
    ("rank-and-title", "id",
     ['"Kami sudah mengantongi identitas pelaku," kata Kapolres Sleman AKBP Yuswanto Ardi.'],
     [("mengantongi identitas pelaku", "Yuswanto Ardi", True, 0)]),
    ("honorific-post-nominal", "id",
     ['"Vaksin ini aman untuk anak-anak," kata dr. Siti Nadia Tarmizi, M.Epid.'],
     [("Vaksin ini aman", "Siti Nadia Tarmizi", True, 0)]),
    ("colon-intro", "id",
     ["Wakil Ketua DPRD, Hasanuddin Lubis, hadir dalam rapat itu.",
      'Ia berkata: "Anggaran bencana tidak boleh dipotong satu rupiah pun."'],
     [("Anggaran bencana tidak boleh dipotong", "Hasanuddin Lubis", True, 1)]),
    # English
    ("en-said-name-apposition", "en",
     ['"It was complete chaos when the water came," said Jane Morrow, a shop owner in the old town.'],
     [("It was complete chaos", "Jane Morrow", True, 0)]),
    ("en-pronoun", "en",
     ["Survivor Maria Santos, 52, lost her home in the landslide.",
      '"We had nothing left, not even shoes," she said.'],
     [("We had nothing left", "Maria Santos", True, 1)]),
    ("en-told-reporters", "en",
     ['"We are investigating every possibility," police spokesman Adi Nugroho told reporters in Jakarta.'],
     [("We are investigating every possibility", "Adi Nugroho", True, 0)]),
    # Indirect speech by the real-news guidelines (v1.1): a speech verb with its content, with or without
    # 'bahwa' or a comma; not a verb whose object only names a topic; 'Menurut X' with or without a comma.
    ("indirect-bare-clause", "id",
     ["Menteri Keuangan Purbaya Yudhi mengatakan inflasi di daerah masih dalam tren terkendali."],
     [("inflasi di daerah masih dalam tren terkendali", "Purbaya Yudhi", False, 0)]),
    ("indirect-agar", "id",
     ["Selain itu, Purbaya Yudhi meminta agar tim daerah terus bersinergi menekan harga."],
     [("tim daerah terus bersinergi", "Purbaya Yudhi", False, 0)]),
    ("indirect-sebagai", "id",
     ['Kapten tim, Yohanes Wenda, menyebut kemenangan ini sebagai "modal penting" menuju final.'],
     [('kemenangan ini sebagai "modal penting"', "Yohanes Wenda", False, 0)]),
    ("indirect-topic-object-is-not-speech", "id",
     ["Dalam arahannya, Supomo Hadi menekankan dimensi kemanusiaan dalam profesi caregiver.",
      "Bimo Wijayanto menyampaikan berbagai insentif pajak yang telah diberikan pemerintah.",
      "Rina Kartika menyampaikan hal itu di Stasiun Cirebon pada Senin pagi."], []),
    ("indirect-purpose-verb-has-no-speaker", "id",
     ["Pemerintah menyiapkan program magang melalui Kemnaker untuk mendorong penyerapan tenaga kerja muda."], []),
    ("indirect-menurut-without-comma", "id",
     ["Presiden Prabowo Subianto meninjau tanggul di Pantura.",
      "Menurut Prabowo keberadaan tanggul laut dapat menyelamatkan 50 juta penduduk.",
      "Menurutnya inflasi yang terkendali dapat menjaga stabilitas, ia lalu memberi contoh."],
     [("keberadaan tanggul laut", "Prabowo Subianto", False, 1), ("inflasi yang terkendali", "Prabowo Subianto", False, 2)]),
    ("indirect-place-opens-the-content", "id",
     ["Presiden Prabowo Subianto meninjau tanggul.",
      "Menurut Prabowo Indonesia tidak punya pilihan lain untuk menyelamatkan pantai utara.",
      "Supomo Hadi juga berharap seluruh ilmu yang diperoleh peserta dapat diterapkan di rumah.",
      "Bimo Wijayanto menyampaikan berbagai insentif pajak yang telah diberikan selama pemerintahan ini."],
     [("Indonesia tidak punya pilihan", "Prabowo Subianto", False, 1),
      ("seluruh ilmu yang diperoleh", "Supomo Hadi", False, 2)]),
    ("indirect-continues-the-speaker", "id",
     ['"Sekolah harus dibuka lagi," kata Adnan Abu Hasna, seraya menambahkan bahwa 8.000 guru akan ikut program itu.',
      "Dan menambahkan bahwa jumlah tersebut kemungkinan akan meningkat tahun depan."],
     [("Sekolah harus dibuka lagi", "Adnan Abu Hasna", True, 0), ("8.000 guru akan ikut", "Adnan Abu Hasna", False, 0),
      ("jumlah tersebut kemungkinan", "Adnan Abu Hasna", False, 1)]),
    ("indirect-unnamed-source", "id",
     ["Di Pasar Induk Beras Cipinang, pedagang mengaku pasokan dari sentra produksi berkurang sejak Januari.",
      "Setelah olah Tempat Kejadian Perkara (TKP) polisi menyatakan korban jatuh dari lantai empat."],
     [("pasokan dari sentra produksi", None, False, 0), ("korban jatuh dari lantai empat", None, False, 1)]),
    ("indirect-speaker-apposition-degree-relative", "id",
     ["Sulastri (47), pedagang kain, mengaku kehilangan seluruh barang dagangan menjelang musim pernikahan.",
      "Kepala PVMBG, Dr. Irwan Setiadi, M.T., menjelaskan kenaikan status dipicu lonjakan gempa vulkanik.",
      "Anggota DPRD, Ratih Kumalasari, yang ikut menemui warga, meminta LN tidak sekadar meminta maaf."],
     [("kehilangan seluruh barang", "Sulastri", False, 0), ("kenaikan status dipicu", "Irwan Setiadi", False, 1),
      ("LN tidak sekadar", "Ratih Kumalasari", False, 2)]),
    # Speaker classes seen on real news (issue 13): each would hold on other days.
    # Currency words are never names: 'ujarnya' after 'Rp 651,46 triliun' is still the last person.
    ("speaker-currency-is-no-name", "id",
     ["Direktur Utama PT Sarana Jaya, Wilan Oktavian, membuka forum investasi di Jakarta.",
      "Total kebutuhan dana proyek itu Rp 651,46 triliun hingga 2029.",
      '"Saat ini kami menawarkan 55 proyek yang siap dijalankan," ujarnya.'],
     [("Saat ini kami menawarkan", "Wilan Oktavian", True, 2)]),
    # 'katanya dalam acara X': the verb carries the speaker; a place or event after it is no speaker.
    ("speaker-katanya-then-place", "id",
     ["Menteri ESDM Bahlil Lahadalia bicara soal kuota impor BBM.",
      '"Ini negara hukum, ada aturan," katanya dalam acara Business Forum 2025 di Jakarta.'],
     [("Ini negara hukum", "Bahlil Lahadalia", True, 1)]),
    # A whole role title (or its short form) names the person who holds it; a weekday ends the mention.
    ("speaker-role-title", "id",
     ["Kasi Intel Kejaksaan Negeri Kuantan Singingi, Soenardi, menjelaskan penahanan itu.",
      '"MS ditahan saat penyerahan tersangka," kata Kasi Intel, Senin (20/10/2025).',
      '"Berkasnya segera kami limpahkan," ujar Kasintel.'],
     [("MS ditahan", "Soenardi", True, 1), ("Berkasnya segera", "Soenardi", True, 2)]),
    # A title's field glued to the name ('Direktur Jenderal Pajak Bimo Wijayanto'); a run spelled out by the
    # acronym after it is a term, and mixed-case acronyms ('PPh') are no names: 'lanjutnya' stays with Bimo.
    ("speaker-title-field-and-acronym-terms", "id",
     ["Direktur Jenderal Pajak Bimo Wijayanto memaparkan insentif pajak tahun ini.",
      '"Insentif sudah digulirkan untuk membantu masyarakat," kata dia.',
      "Lebih lanjut, terdapat insentif Pajak Penambahan Nilai (PPN) untuk pembelian rumah.",
      "Insentif itu berlaku bagi UMKM yang bebas PPh sampai akhir tahun.",
      '"Kemudian juga ada diskon untuk terus mendorong konsumsi," lanjutnya.'],
     [("Insentif sudah digulirkan", "Bimo Wijayanto", True, 1), ("Kemudian juga ada diskon", "Bimo Wijayanto", True, 4)]),
    # A person merely mentioned two paragraphs back does not take the pronoun from the current speaker ...
    ("speaker-pronoun-keeps-the-speaker", "id",
     ["Direktur Jenderal Pajak Bimo Wijayanto memaparkan insentif pajak tahun ini.",
      '"Insentif sudah digulirkan untuk membantu masyarakat," kata dia.',
      "Lebih rinci, Prabowo Subianto telah memberikan insentif kepada karyawan sektor tekstil.",
      "Insentif ini diberikan sampai akhir 2025 bagi semua sektor.",
      '"Kami juga memperluas pengawasan," lanjutnya.'],
     [("Insentif sudah digulirkan", "Bimo Wijayanto", True, 1), ("Kami juga memperluas", "Bimo Wijayanto", True, 4)]),
    # ... but one introduced in the paragraph right before does.
    ("speaker-pronoun-takes-a-new-topic", "id",
     ["Direktur Jenderal Pajak Bimo Wijayanto memaparkan insentif pajak tahun ini.",
      '"Insentif sudah digulirkan untuk membantu masyarakat," kata dia.',
      "Menteri Keuangan Purbaya Yudhi kemudian membuka sesi tanya jawab.",
      '"Kami juga memperluas pengawasan," lanjutnya.'],
     [("Insentif sudah digulirkan", "Bimo Wijayanto", True, 1), ("Kami juga memperluas", "Purbaya Yudhi", True, 3)]),
    # An organisation a sentence is about does not speak an unattributed quote; the speaker goes on.
    ("speaker-org-mentioned-is-no-speaker", "id",
     ["Direktur Jenderal Pajak Bimo Wijayanto memaparkan capaian tahun ini.",
      '"Kami fokus pada penegakan hukum," lanjutnya.',
      "Selain itu, DJP juga berkolaborasi dengan KPK terkait tata kelola tambang.",
      '"Lalu kolaborasi dengan OJK di Satgas Pasti."'],
     [("Kami fokus", "Bimo Wijayanto", True, 1), ("Lalu kolaborasi", "Bimo Wijayanto", True, 3)]),
    # 'Salah satu <thing>' is no unnamed speaker.
    ("speaker-salah-satu-thing", "id",
     [("Kasi Humas Polresta Denpasar, Kompol I Ketut Sukadi, mengunjungi lokasi. Salah satu tindak lanjutnya "
       "yakni memeriksa sejumlah saksi."),
      '"Polisi telah memeriksa beberapa saksi," katanya.'],
     [("Polisi telah memeriksa", "I Ketut Sukadi", True, 1)]),
    # A sentence-initial common word before an adjective ('Langkah tegas ...') is no name: 'tegas' is an
    # after-quote verb ('tegasnya'), not a verb that follows its subject.
    ("speaker-sentence-initial-word", "id",
     ["Direktur Jenderal Kesehatan Azhar Jaya menyesalkan tindakan tersebut.",
      "Langkah tegas ini dilakukan sebagai kepastian dari pemerintah.",
      '"Sudah ada kesepakatan antara rumah sakit dan fakultas."'],
     [("Sudah ada kesepakatan", "Azhar Jaya", True, 2)]),
    # 'Kementerian tersebut' opening a sentence refers back to the ministry, it is not one named 'Kementerian'.
    ("speaker-capitalised-org-anaphor", "id",
     ["Menurut Kementerian Pendidikan Palestina, Israel telah menghancurkan 172 sekolah negeri di Gaza.",
      "Kementerian tersebut menyatakan 17.711 siswa tewas dan 25.897 terluka sejak perang dimulai."],
     [("Israel telah menghancurkan", "Kementerian Pendidikan Palestina", False, 0),
      ("17.711 siswa tewas", "Kementerian Pendidikan Palestina", False, 1)]),
    # A speech verb coordinated with an earlier verb shares its subject; a description opening a sentence
    # ('Politikus Partai Golkar ini') refers back to a person; a degree after the name is no speaker;
    # 'tanpa menyebut' reports nothing.
    ("speaker-coordinated-verb-and-descriptions", "id",
     [("Ayah TAS, Lukas Diana Putra, mendatangi Kepolisian Resor Kota (Polresta) Denpasar dan meminta kejelasan "
       "terkait kronologi tewasnya TAS."),
      "Misbakhun Anwar hadir di acara itu.",
      "Politikus Partai Golkar ini menyebut ekonomi nasional bergantung pada soliditas pemerintah.",
      "Direktur Kemenkes dr Siti Nadia Tarmizi, M.Epid, mengatakan pemerintah kini memperkuat pendekatan promotif.",
      "Adapun laman Healthline, tanpa menyebut varietasnya, menuliskan kandungan gizi ubi jalar."],
     [("kejelasan terkait kronologi", "Lukas Diana Putra", False, 0),
      ("ekonomi nasional bergantung", "Misbakhun Anwar", False, 2),
      ("pemerintah kini memperkuat", "Siti Nadia Tarmizi", False, 3)]),
    ("en-said-then-report", "en",
     ['Jakarta Raya FC did not disclose the fee, but club president Hendro Wibisono said the deal was fair to all.'],
     [("the deal was fair to all", "Hendro Wibisono", False, 0)]),
    ("en-scare-quote-then-but", "en",
     ['The provincial health office called the situation "manageable," but warned of more cases.'],
     []),  # a conjunction is no subject: 'but' never speaks
    ("en-last-name-link", "en",
     ["President Joe Biden spoke to reporters on Monday.", '"We will act quickly," Biden said.'],
     [("We will act quickly", "Joe Biden", True, 1)]),
    ("en-indirect-said", "en",
     ["Jane Morrow said the bridge had collapsed shortly after midnight."],
     [("the bridge had collapsed shortly after midnight", "Jane Morrow", False, 0)]),
    ("en-according-to", "en",
     ["According to the health ministry, 12 people died in the outbreak last week."],
     [("12 people died in the outbreak", "health ministry", False, 0)]),
    ("en-scare-quote", "en",
     ['He called the plan "a disaster" and promised to fight it in court.'], []),
    ("en-colon-intro", "en",
     ['Farmer Ketut Arya told the BBC: "We lost everything in one night."'],
     [("We lost everything in one night", "Ketut Arya", True, 0)]),
    ("en-anonymous", "en",
     ["Police chief Adi Nugroho visited the site.",
      'One resident, who asked not to be named, said: "We are scared to go out at night."'],
     [("We are scared to go out at night", None, True, 1)]),
]


def _check(quotes: list[Quote], expected: list[tuple[str, str | None, bool, int]]) -> None:
    assert len(quotes) == len(expected), [(q.text, q.speaker, q.direct) for q in quotes]
    for q, (sub, speaker, direct, para) in zip(quotes, expected, strict=True):
        assert sub in q.text, (q.text, sub)
        assert q.speaker == speaker, (q.text, q.speaker, speaker)
        assert q.direct is direct, q
        assert q.paragraph == para, q


@pytest.mark.parametrize(("language", "paragraphs", "expected"), [c[1:] for c in CASES], ids=[c[0] for c in CASES])
def test_shapes(language: str, paragraphs: list[str], expected: list[tuple[str, str | None, bool, int]]) -> None:
    _check(extract_quotes(paragraphs, language), expected)


def test_quote_text_is_a_substring_of_its_paragraph() -> None:
    for _id, language, paragraphs, _exp in CASES:
        for q in extract_quotes(paragraphs, language):
            assert q.text in paragraphs[q.paragraph]


def test_stage_is_registered_and_fills_article() -> None:
    st = REGISTRY["quotes"]
    assert st.requires == ("paragraphs", "language") and st.uses == ("entities",) and st.assigns == ("quotes",)
    assert [s.name for s in check_order(["quotes"])] == ["quotes"]
    art = Article(id="x", source="t.txt", format="text", language="id",
                  paragraphs=['"Kami siap," kata Budi Santoso di Jakarta.'])
    out = annotate_quotes(art)
    assert out.quotes == [Quote(text="Kami siap", speaker="Budi Santoso", speaker_text="Budi Santoso", paragraph=0, direct=True)]


def test_entity_canonical_names_win() -> None:
    paras = ["Menteri Keuangan Sri Wahyuni membuka rapat.", '"Defisit tetap aman," kata Sri.']
    ents = [Entity(text="Sri Wahyuni", label="PER", canonical="Sri Wahyuni Indrawati", paragraph=0, start=16, end=27),
            Entity(text="Sri", label="PER", canonical="Sri Wahyuni Indrawati", paragraph=1, start=28, end=31)]
    assert extract_quotes(paras, "id", ents)[0].speaker == "Sri Wahyuni Indrawati"
    # A pronoun resolves to the entity its referent is.
    paras2 = ["Menteri Keuangan Sri Wahyuni membuka rapat.", '"Defisit tetap aman," ujarnya.']
    assert extract_quotes(paras2, "id", ents[:1])[0].speaker == "Sri Wahyuni Indrawati"


def test_unknown_language_falls_back_and_empty_input() -> None:
    assert extract_quotes([], "id") == []
    assert extract_quotes(['"Kami siap," kata Budi Santoso.'], "xx")[0].speaker == "Budi Santoso"


def test_an_affixed_common_word_opening_a_sentence_is_never_a_speaker() -> None:
    paras = ["Menteri Keuangan Rudi Hartawan menilai inflasi daerah masih terkendali pada bulan ini.",
             "Tuntutan itu disampaikan dalam rapat di Jakarta. \"Kami akan memeriksa semua laporan,\" ujarnya.",
             "Awalnya Hartawan menjelaskan kondisi fiskal. \"Defisit masih aman,\" kata Hartawan."]
    speakers = [q.speaker for q in extract_quotes(paras, "id")]
    assert "Tuntutan" not in speakers and not any(s and s.startswith("Awalnya") for s in speakers)
    assert speakers[-1] == "Rudi Hartawan"


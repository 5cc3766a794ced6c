"""Entities on real-news patterns: the classes of errors of issue 13, each on sentences written for the test
(not the real-news annotations, which only measure)."""

from __future__ import annotations

import pytest

from kronik.annotate.entities import find_entities


def ents(*paras: str) -> list[tuple[str, str, str]]:
    return [(e.text, e.label, e.canonical) for e in find_entities(list(paras), "id")]


def labels_of(found: list[tuple[str, str, str]], text: str) -> set[str]:
    return {lab for t, lab, _ in found if t == text}


def test_initials_after_berinisial_are_persons_everywhere_in_the_article():
    found = ents("Kejaksaan menahan empat tersangka berinisial AB, CDE, dan FG di Surabaya.",
                 "Sementara itu, CDE dan FG tidak ditahan karena sakit.")
    assert [t for t, lab, _ in found if lab == "PER"].count("CDE") == 2
    assert labels_of(found, "AB") == labels_of(found, "FG") == {"PER"}


def test_initials_before_an_age_are_a_person():
    assert labels_of(ents("Polisi menangkap RZ (34) di rumahnya pada Senin malam."), "RZ") == {"PER"}


def test_outlet_names_are_organisations_even_glued_to_a_word():
    found = ents("Hal itu terlihat dari pantauandetikcom di lokasi, seperti dikutip daridetikNews.")
    assert ("detikcom", "ORG", "detikcom") in found
    assert any(t == "detikNews" and lab == "ORG" for t, lab, _ in found)
    assert not any("pantauan" in t or "dari" in t for t, _, _ in found)


def test_products_are_not_names_but_their_maker_is():
    found = ents("Penyidik menyita sebuah Toyota Alphard dan sebuah Honda Jazz milik tersangka.")
    assert not any(t in ("Toyota Alphard", "Honda Jazz") for t, _, _ in found)


def test_generic_acronyms_and_their_long_forms_are_not_names():
    found = ents("Antrean panjang terjadi di SPBU dekat Tempat Kejadian Perkara (TKP) pada Minggu.")
    assert not any(t in ("SPBU", "TKP", "Tempat Kejadian Perkara") for t, _, _ in found)


def test_context_checked_alias_kl_is_kuala_lumpur_only_about_malaysia():
    assert not any(c == "Kuala Lumpur" for _, _, c in ents("Setiap KL wajib melaporkan realisasi anggaran."))
    found = ents("Delegasi Malaysia tiba di KL pada Senin untuk perundingan.")
    assert any(c == "Kuala Lumpur" for _, _, c in found)


def test_an_acronym_the_article_defines_beats_the_alias_table():
    found = ents("Proyek memakai skema Public Private Partnership (PPP) yang baru. Skema PPP itu dipuji investor.")
    assert all(c != "Partai Persatuan Pembangunan" for t, _, c in found if t == "PPP")


def test_acronym_inside_a_name_and_its_short_form_share_one_canonical():
    found = ents("Kejaksaan Negeri (Kejari) Bantul menahan seorang tersangka. Kejari Bantul juga menyita uang.")
    canon = {c for t, _, c in found if t.startswith("Kejaksaan") or t.startswith("Kejari")}
    assert canon == {"Kejaksaan Negeri Bantul"}


@pytest.mark.parametrize(("para", "name", "label"), [
    ("Berkas perkara dilimpahkan ke Pengadilan Tipikor Semarang pekan depan.", "Pengadilan Tipikor Semarang", "ORG"),
    ("Korban dibawa ke Rumah Sakit Umum Daerah Wonosari oleh warga.", "Rumah Sakit Umum Daerah Wonosari", "ORG"),
    ("Massa berkumpul di depan Gedung Sate sejak pagi.", "Gedung Sate", "LOC"),
])
def test_a_names_head_decides_its_type(para, name, label):
    assert labels_of(ents(para), name) == {label}


def test_a_run_of_village_and_district_is_two_places():
    found = ents("Kebakaran terjadi di Desa Sukamaju Kecamatan Cibeber pada Selasa.")
    assert labels_of(found, "Desa Sukamaju") == {"LOC"} and labels_of(found, "Kecamatan Cibeber") == {"LOC"}


def test_ri_after_an_organisation_is_part_of_its_name():
    found = ents("Temuan itu berasal dari audit BPK RI tahun lalu.")
    assert any(t == "BPK RI" and lab == "ORG" for t, lab, _ in found)
    assert not any(t == "RI" for t, _, _ in found)


def test_organisation_suffix_run_into_the_next_name_leaves_the_person():
    found = ents("Direktur Jenderal Kesehatan Lanjutan Kementerian Kesehatan RI Budi Santoso Hartono menyesalkan hal itu.")
    assert labels_of(found, "Budi Santoso Hartono") == {"PER"}
    assert labels_of(found, "Kementerian Kesehatan RI") == {"ORG"}


def test_two_word_short_form_joins_the_full_name_and_king_is_a_title():
    found = ents("Kepala Seksi Bambang Sri Hartono Wibowo memimpin sidang. Bambang Sri menegaskan sikapnya.",
                 "Presiden AS Donald Trump tidak hadir. Para demonstran menjulukinya King Trump.")
    assert {c for t, _, c in found if t.startswith("Bambang")} == {"Bambang Sri Hartono Wibowo"}
    assert {c for t, _, c in found if "Trump" in t} == {"Donald Trump"}


def test_nickname_after_a_cue_is_the_person_named_before():
    found = ents("Dirut PT Maju Jaya Andreas Kurniawan Saputra, yang akrab disapa Andre, membantah tuduhan itu.",
                 "Andre mengatakan perusahaannya patuh hukum.")
    assert {c for t, _, c in found if t == "Andre"} == {"Andreas Kurniawan Saputra"}


def test_country_tagged_as_a_person_is_a_place():
    found = ents("Timnas Indonesia akan melawan Costa Rica di Jakarta pekan depan.")
    assert labels_of(found, "Costa Rica") == {"LOC"}


def test_field_list_inside_an_organisations_name_is_one_name():
    found = ents("Pejabat Dinas Perumahan, Permukiman, Cipta Karya dan Tata Ruang Gresik diperiksa jaksa.")
    assert labels_of(found, "Dinas Perumahan, Permukiman, Cipta Karya dan Tata Ruang Gresik") == {"ORG"}


def test_platform_word_before_an_account_is_not_part_of_its_owners_name():
    found = ents("Rapat itu disiarkan di YouTube Kemendagri pada Senin.")
    assert ("Kemendagri", "ORG", "Kementerian Dalam Negeri") in found

"""Near-duplicates: exact and near copies, the earliest copy as original, windows, late arrivals."""

from __future__ import annotations

import numpy as np

from kronik.corpus import CorpusSettings, CorpusState, load_state, run_corpus, save_state
from kronik.corpus.dedup import DedupState, band_keys, candidate_pairs, deduplicate, verify
from kronik.corpus.features import features_from_parts
from kronik.model import Article

WIRE = [
    ("Washington (KBN) - Pemerintah Amerika Serikat menjatuhkan sanksi terhadap sepuluh pejabat dan tiga perusahaan "
     "Rusia, hanya beberapa jam setelah kedua menteri luar negeri berbicara melalui telepon."),
    "Kementerian Keuangan mengumumkan sanksi itu pada Senin sore waktu setempat atau Selasa dini hari waktu Jakarta.",
    "Sanksi berupa pembekuan aset dan larangan transaksi dengan warga serta perusahaan Amerika Serikat.",
    "Tiga perusahaan yang dikenai sanksi disebut menyediakan infrastruktur server bagi kelompok peretas.",
    "Dalam percakapan telepon sekitar empat puluh menit itu rencana sanksi disebut sudah disampaikan langsung.",
    "Pihak Moskwa belum memberikan tanggapan resmi, tetapi duta besarnya menyebut langkah itu tidak bersahabat.",
]
OTHER = [
    "Gempa bermagnitudo 6,2 mengguncang Halmahera Barat pada Minggu pagi dan merusak ratusan rumah warga di pesisir.",
    "Badan penanggulangan bencana mengirim tim reaksi cepat serta bantuan logistik ke lokasi terdampak.",
    "Warga di sejumlah desa memilih mengungsi ke perbukitan karena khawatir gempa susulan dan tsunami.",
]


def art(aid: str, paras: list[str], published: str | None, outlet: str = "A", title: str = "Sanksi") -> Article:
    return Article(id=aid, source=f"{aid}.txt", format="text", outlet=outlet, title=title, published=published,
                   paragraphs=paras)


def near(paras: list[str]) -> list[str]:
    """A syndicated copy: another lead, a paragraph dropped, a verb changed, a closing line added."""
    out = [paras[0].replace("Washington (KBN) -", "WASHINGTON, KABARKITA.COM -"), *paras[1:3], *paras[4:]]
    out[1] = out[1].replace("mengumumkan", "menyampaikan")
    return [*out, "(KBN/red)"]


def test_exact_and_near_copies_point_to_the_earliest() -> None:
    arts = [
        art("copy2", near(WIRE), "2021-04-20T14:30:00+07:00", "C"),
        art("orig", WIRE, "2021-04-20T10:00:00+07:00", "A"),
        art("copy1", list(WIRE), "2021-04-20T11:00:00+07:00", "B"),
        art("quake", OTHER, "2021-04-20T12:00:00+07:00", "B", "Gempa"),
    ]
    out, events, _, _ = run_corpus(arts)
    by = {a.id: a for a in out}
    assert by["orig"].duplicate_of is None
    assert by["copy1"].duplicate_of == "orig"
    assert by["copy2"].duplicate_of == "orig"
    assert by["quake"].duplicate_of is None
    # every copy stays listed under its original's event
    assert by["copy1"].event == by["copy2"].event == by["orig"].event != by["quake"].event
    ev = next(e for e in events if e.id == by["orig"].event)
    assert set(ev.articles) == {"orig", "copy1", "copy2"}


def test_near_copies_far_apart_are_not_duplicates_but_exact_ones_are() -> None:
    arts = [
        art("orig", WIRE, "2021-04-20T10:00:00+07:00"),
        art("near-late", near(WIRE), "2021-09-20T10:00:00+07:00"),
        art("exact-late", list(WIRE), "2021-09-21T10:00:00+07:00"),
    ]
    out, _, _, _ = run_corpus(arts)
    by = {a.id: a for a in out}
    assert by["near-late"].duplicate_of is None  # outside dup_window_days
    assert by["exact-late"].duplicate_of == "orig"


def test_late_arrival_becomes_the_original_of_its_group() -> None:
    _, _, _, state = run_corpus([art("copy", near(WIRE), "2021-04-20T14:30:00+07:00", "C"),
                                 art("copy2", list(WIRE), "2021-04-20T15:30:00+07:00", "D")])
    state = load_state(save_state(state))
    out, _, _, state = run_corpus([art("orig", WIRE, "2021-04-20T10:00:00+07:00", "A")], state)
    assert out[0].duplicate_of is None
    assert state.changed == {"copy": "orig", "copy2": "orig"}
    assert state.dedup.root["copy"] == "orig"


def test_vectorised_lsh_pairs_and_verification() -> None:
    s = CorpusSettings()
    f = [features_from_parts(f"d{i}", None, p, published=f"2021-04-2{i}T10:00:00+07:00")
         for i, p in enumerate([WIRE, near(WIRE), OTHER, list(WIRE)])]
    sigs = np.stack([x.minhash for x in f])
    sizes = np.array([x.n_shingles for x in f])
    times = np.arange(4, dtype=np.float64) * 3600
    pairs = candidate_pairs(band_keys(sigs, s.lsh_bands, s.lsh_rows), times, np.ones(4, bool), 86400.0)
    ok = verify(sigs, sizes, pairs, s)
    found = {tuple(p) for p, k in zip(pairs.tolist(), ok, strict=True) if k}
    assert (0, 1) in found and (0, 3) in found
    assert not any(2 in p for p in found)


def test_dedup_state_keeps_only_the_window() -> None:
    s = CorpusSettings(dup_window_days=10)
    st = DedupState()
    old = features_from_parts("old", None, WIRE, published="2021-01-01T10:00:00+07:00", settings=s)
    new = features_from_parts("new", None, OTHER, published="2021-03-01T10:00:00+07:00", settings=s)
    deduplicate([old, new], st, s)
    assert st.ids == ["new"] and st.sigs is not None and st.sigs.shape == (1, s.num_perm)
    assert st.exact and st.root == {"old": "old", "new": "new"}


def test_rerunning_the_same_articles_changes_nothing() -> None:
    arts = [art("orig", WIRE, "2021-04-20T10:00:00+07:00"), art("copy", near(WIRE), "2021-04-20T11:00:00+07:00")]
    out1, _, _, state = run_corpus([a.model_copy() for a in arts])
    n_events = len(state.clusters.events)
    out2, _, _, state = run_corpus([a.model_copy() for a in arts], state)
    assert [(a.duplicate_of, a.event, a.story) for a in out1] == [(a.duplicate_of, a.event, a.story) for a in out2]
    assert len(state.clusters.events) == n_events
    assert isinstance(state, CorpusState)

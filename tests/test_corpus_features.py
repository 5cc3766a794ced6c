"""Corpus features: stable hashing, MinHash, hashed term vectors, entities, dates."""

from __future__ import annotations

import hashlib
import pickle

import numpy as np

from kronik.corpus import CorpusSettings, article_features
from kronik.corpus.features import features_from_parts, parse_time, token_hash
from kronik.model import Article, Entity, TimeExpr

BODY = [
    "JAKARTA (KBN) - Pemerintah menaikkan harga solar bersubsidi menjadi Rp6.900 per liter mulai 1 November 2021.",
    "Menteri Energi Sutrisno Wibowo mengatakan kenaikan itu diperlukan karena anggaran subsidi membengkak.",
    "Organisasi angkutan darat menilai kenaikan tersebut akan memukul para sopir truk di seluruh daerah.",
    "Pemerintah berjanji menyalurkan bantuan langsung kepada nelayan dan petani kecil yang terdampak.",
    "Dewan Perwakilan Rakyat akan memanggil menteri untuk menjelaskan perhitungan harga baru pekan depan.",
    "Ekonom memperkirakan inflasi bulan depan naik sekitar 0,3 poin persentase akibat kebijakan tersebut.",
]
OTHER = [
    "SURABAYA - Tim futsal Kuda Laut Batam menjuarai liga nasional setelah menang adu penalti di final.",
    "Pelatih tim memuji kiper muda yang menepis dua tendangan penalti lawan pada babak tambahan waktu.",
]


def feats(paras, title="Harga Solar Naik", published="2021-10-05T13:10:00+07:00", **kw):
    return features_from_parts("a1", title, paras, published=published, language="id", **kw)


def jaccard(a, b):
    return float((a.minhash == b.minhash).mean())


def test_token_hash_is_stable_across_processes() -> None:
    expected = int.from_bytes(hashlib.blake2b(b"solar", digest_size=8).digest(), "little")
    assert token_hash("solar") == expected


def test_body_hash_normalises_case_spacing_and_punctuation() -> None:
    a = feats(BODY)
    b = feats([p.upper().replace(" ", "  ") for p in BODY])
    assert a.body_hash == b.body_hash
    assert np.array_equal(a.minhash, b.minhash)


def test_minhash_separates_near_copies_from_unrelated_text() -> None:
    a = feats(BODY)
    near = feats(BODY[:3] + BODY[4:])  # a paragraph dropped
    edited = feats([BODY[0].replace("mengatakan", "menyatakan"), *BODY[1:]])
    other = feats(OTHER)
    assert jaccard(a, near) > 0.6
    assert jaccard(a, edited) > 0.8
    assert jaccard(a, other) < 0.1
    assert a.n_shingles > near.n_shingles > 0


def test_terms_are_hashed_without_stop_words_and_sorted() -> None:
    f = feats(BODY)
    mask = (1 << CorpusSettings().hash_bits) - 1
    assert (token_hash("solar") & mask) in set(f.terms.tolist())
    assert (token_hash("yang") & mask) not in set(f.terms.tolist())  # Indonesian stop word
    assert list(f.terms) == sorted(f.terms)
    assert len(f.terms) == len(f.weights) and (f.weights >= 1.0).all()
    assert (token_hash("solar") & mask) in set(f.title_terms.tolist())


def test_entities_and_mentioned_days_from_annotations() -> None:
    art = Article(id="x1", source="x.txt", format="text", title="Harga Solar Naik", paragraphs=BODY,
                  published="2021-10-05T13:10:00+07:00",
                  entities=[Entity(text="Sutrisno Wibowo", label="PER", canonical="Sutrisno Wibowo", paragraph=1,
                                   start=15, end=30)] * 2,
                  times=[TimeExpr(text="1 November 2021", value="2021-11-01", type="DATE", paragraph=0, start=0, end=1)])
    f = article_features(art)
    assert f.entities == {"Sutrisno Wibowo": 2}
    assert len(f.entity_terms) == 1
    assert f.days and f.dated and f.time == parse_time("2021-10-05T13:10:00+07:00")


def test_undated_article_takes_the_day_its_body_points_at() -> None:
    art = Article(id="x2", source="x.txt", format="text", paragraphs=BODY,
                  times=[TimeExpr(text="Selasa (5/10/2021)", value="2021-10-05", type="DATE", paragraph=0, start=0, end=1)])
    f = article_features(art)
    assert not f.dated
    assert f.time == parse_time("2021-10-05")
    assert features_from_parts("x3", None, BODY).time is None


def test_parse_time_variants() -> None:
    assert parse_time("2021-10-05") == parse_time("2021-10-05T12:00:00+00:00")
    assert parse_time("2021-10-05T13:10:00+07:00") == parse_time("2021-10-05T06:10:00+00:00")
    assert parse_time("not a date") is None and parse_time(None) is None


def test_features_pickle() -> None:
    f = feats(BODY, entities=["Sutrisno Wibowo"])
    g = pickle.loads(pickle.dumps(f))
    assert g.id == f.id and np.array_equal(g.minhash, f.minhash) and g.entities == f.entities

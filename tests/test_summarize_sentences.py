"""Sentence splitting for Indonesian and English news paragraphs."""

from __future__ import annotations

import pytest

from kronik.lang.sentences import sentence_spans, split_sentences


@pytest.mark.parametrize(("lang", "text", "expected"), [
    ("id", "Prof. Dr. H. Ahmad Yani, S.H. menyatakan itu. Dia lalu pergi.",
     ["Prof. Dr. H. Ahmad Yani, S.H. menyatakan itu.", "Dia lalu pergi."]),
    ("id", '"Kami siap." Dia lalu pergi.', ['"Kami siap."', "Dia lalu pergi."]),
    ("id", '"Siap?" tanya dia. Semua setuju.', ['"Siap?" tanya dia.', "Semua setuju."]),
    ("id", '"Kami siap. Semua sudah final," kata dia. Acara dimulai.',
     ['"Kami siap. Semua sudah final," kata dia.', "Acara dimulai."]),
    ("id", "Harga naik menjadi Rp 1.500 per liter. Acara itu dihadiri 3.000 orang.",
     ["Harga naik menjadi Rp 1.500 per liter.", "Acara itu dihadiri 3.000 orang."]),
    ("id", "Dia tinggal di Jl. Sudirman No. 5 bersama keluarga. Rumahnya besar.",
     ["Dia tinggal di Jl. Sudirman No. 5 bersama keluarga.", "Rumahnya besar."]),
    ("id", "Ada buah, sayur, dll. Semua dijual murah.", ["Ada buah, sayur, dll.", "Semua dijual murah."]),
    ("en", "Mr. Smith went to the U.S. Army base on Jan. 3. He left.",
     ["Mr. Smith went to the U.S. Army base on Jan. 3.", "He left."]),
    ("en", "He said: “It is over. We won.” Then J. Doe left! Was it 3.5 p.m.? Yes.",
     ["He said: “It is over. We won.”", "Then J. Doe left!", "Was it 3.5 p.m.?", "Yes."]),
])
def test_summarize_sentences_split(lang: str, text: str, expected: list[str]) -> None:
    assert split_sentences(text, lang) == expected


def test_summarize_sentences_spans_index_the_paragraph() -> None:
    text = "  Gempa terjadi pagi tadi.  Warga panik. "
    spans = sentence_spans(text, "id")
    assert [text[s:e] for s, e in spans] == ["Gempa terjadi pagi tadi.", "Warga panik."]


def test_summarize_sentences_unknown_language_still_splits() -> None:
    assert split_sentences("One thing. Another thing.", "fr") == ["One thing.", "Another thing."]

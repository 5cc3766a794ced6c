"""The synthetic dump generator: deterministic, labelled near-duplicates, realistic shape; and a tiny bench run."""

from __future__ import annotations

import itertools
import json
from datetime import datetime
from pathlib import Path

import pytest

from kronik.bench.synth import detokenize, generate, load_bases
from kronik.extract.boilerplate import normalize_line

SHARED = Path(__file__).parents[1] / ".." / "shared" / "data"

_SENTENCES = [
    "Pemerintah kota mulai membagikan bantuan beras kepada warga yang terdampak banjir sejak Senin pagi .",
    "Kepala dinas sosial mengatakan pembagian dilakukan bertahap di setiap kelurahan .",
    "\" Kami ingin semua warga mendapat bantuan tanpa harus berdesakan , \" ujarnya .",
    "Sebanyak 1.200 keluarga tercatat sebagai penerima bantuan tahap pertama ( 4 / 1 ) .",
    "Warga menyambut baik langkah tersebut meski berharap jumlah bantuan ditambah .",
    "Polisi ikut berjaga di lokasi pembagian untuk memastikan antrean tetap tertib .",
]


def _fake_indosum(root: Path, records: int = 12) -> Path:
    """A few IndoSum-shaped records (tokenised paragraphs) in root/indosum/dev.01.jsonl."""
    folder = root / "indosum"
    folder.mkdir(parents=True)
    lines = []
    for i in range(records):
        paras = []
        for j in range(4):
            sents = [(_SENTENCES[(i + j + k) % len(_SENTENCES)] + f" Nomor {i} {j} {k} .").split() for k in range(2)]
            paras.append(sents)
        paras.append([["Baca", "juga", ":", "Judul", "Lain", "Yang", "Bukan", "Isi"]])  # scraper noise in IndoSum
        stamp = 1490000000 + i * 86400 * 7
        lines.append(json.dumps({"id": f"{stamp}-berita-nomor-{i}-tentang-bantuan-beras", "source": "suara",
                                 "source_url": f"https://www.suara.com/{i}", "category": "news",
                                 "paragraphs": paras, "summary": [], "gold_labels": []}))
    lines.append(lines[0])  # IndoSum repeats records across folds
    (folder / "dev.01.jsonl").write_text("\n".join(lines) + "\n", "utf-8")
    return root


def test_detokenize() -> None:
    toks = 'Jakarta , CNN Indonesia - - Raisa tampil di Jakarta , Minggu ( 3 / 9 ) malam . " Saya senang , " katanya .'
    assert detokenize(toks.split()) == 'Jakarta, CNN Indonesia -- Raisa tampil di Jakarta, Minggu (3/9) malam. "Saya senang," katanya.'
    assert detokenize("Rimanews - Dinas Sosial disebut - sebut siaga di H - 7 .".split()) == \
        "Rimanews - Dinas Sosial disebut-sebut siaga di H-7."


def test_bases_are_deduplicated_and_cleaned(tmp_path: Path) -> None:
    bases = load_bases(_fake_indosum(tmp_path))
    assert len(bases) == 12
    for b in bases:
        assert not any(p.lower().startswith("baca juga") for p in b.body)
        assert b.title.startswith("Berita Nomor")
        assert b.published is not None


def test_generator_is_deterministic(tmp_path: Path) -> None:
    data = _fake_indosum(tmp_path)
    a = [(d.doc_id, d.text, d.kind, d.duplicate_of) for d in generate(data, n=40, seed=7)]
    b = [(d.doc_id, d.text, d.kind, d.duplicate_of) for d in generate(data, n=40, seed=7)]
    c = [d.text for d in generate(data, n=40, seed=8)]
    assert a == b
    assert [x[1] for x in a] != c


def test_near_and_exact_duplicates_are_labelled(tmp_path: Path) -> None:
    data = _fake_indosum(tmp_path)
    docs = list(generate(data, n=60, seed=3, near_rate=0.25, exact_rate=0.1))
    by_id = {d.doc_id: d for d in docs}
    kinds = {d.kind for d in docs}
    assert {"original", "near", "exact"} <= kinds
    originals_per_base: dict[str, str] = {}
    for d in docs:
        if d.kind == "original":
            assert d.duplicate_of is None
            assert d.base not in originals_per_base  # one original per base
            originals_per_base[d.base] = d.doc_id
        elif d.kind == "near":
            src = by_id[d.duplicate_of]  # points back to an earlier document ...
            assert src.kind == "original" and src.base == d.base  # ... the original of the same story
            assert docs.index(src) < docs.index(d)
            assert d.text != src.text
            assert datetime.fromisoformat(d.published) > datetime.fromisoformat(src.published)
        else:
            src = by_id[d.duplicate_of]
            assert d.text == src.text and d.base == src.base
    # 12 bases, 60 documents: every base used, the rest are labelled copies.
    assert len(originals_per_base) == 12


def test_gold_body_is_in_the_dump_and_streaming_is_endless(tmp_path: Path) -> None:
    data = _fake_indosum(tmp_path)
    for d in generate(data, n=20, seed=1):
        lines = {normalize_line(x) for x in d.text.splitlines()}
        assert all(normalize_line(b) in lines for b in d.body)
        assert d.title in lines
        assert d.published.endswith("+07:00")
        raw = d.raw()
        assert raw.format == "text" and raw.source.endswith(".txt")
    stream = generate(data, seed=1)  # n=None: as many as asked for
    assert len(list(itertools.islice(stream, 100))) == 100


def test_real_data_dates_spread_over_months() -> None:
    if not (SHARED / "indosum").is_dir():
        pytest.skip("shared data not present")
    docs = list(generate(SHARED, n=300, seed=5))
    dates = sorted(datetime.fromisoformat(d.published) for d in docs)
    assert (dates[-1] - dates[0]).days > 90
    assert any(d.kind == "near" for d in docs)


def test_bench_extract_small_run(tmp_path: Path) -> None:
    from kronik.bench.extract import bench_extract

    data = _fake_indosum(tmp_path / "data")
    res = bench_extract(n=25, html_pages=3, data_dir=data, corpus_dir=None, line_sizes=(100, 1000))
    assert res["n"] == 25
    assert [row["lines"] for row in res["cleaning_per_line"]] == [100, 1000]
    assert all(row["us_per_line"] > 0 and row["kept"] > 0 for row in res["cleaning_per_line"])
    assert res["articles_per_second"] > 0
    assert res["html_pages_per_second"] is None  # no benchmark pages in the fake data folder
    assert res["peak_rss_mb"] > 0
    assert set(res["seconds"]) == {"generate", "text", "html"}
    json.dumps(res)

"""Fuzz: mutated real files in a folder beside good ones: 0 crashes, 0 lost good files.

A seeded random loop (the same cases on every run, in CI in well under a minute) mutates seed files
(small files made here, plus a few real ones from ``../shared/data`` and ``examples/corpus`` when they
are present) with byte flips, truncation, inserted junk, re-encodings, line-ending changes, gzip
(whole or cut short) and odd names, and puts them in one folder beside the unmutated seeds and a few
special entries.  One ``ingest`` of that folder must

* raise nothing, and report no problem that is our own failure (``extraction-failed``,
  ``stage-failed``): a mutated file is an article or an input problem, never a crash;
* give every unmutated good file (one that is an article when read alone) as an article again, stored;
* produce only strictly valid UTF-8 in every source, detail and article field (JSON and the store).
"""

from __future__ import annotations

import csv
import gzip
import io
import json
import os
import random
from collections.abc import Callable
from pathlib import Path

import pytest

from kronik.errors import RUN_FAILURES
from kronik.ingest import ingest
from kronik.io.document import RawDocument
from kronik.model import Article, Problem
from kronik.pipeline import analyze
from kronik.store.db import Store

SEED = int(os.environ.get("KRONIK_FUZZ_SEED", "20251020"))
MUTANTS = int(os.environ.get("KRONIK_FUZZ_MUTANTS", "300"))
"""CI runs 300 mutants of the fixed seed; KRONIK_FUZZ_MUTANTS / KRONIK_FUZZ_SEED run a longer or another search."""

ARTICLE = """Banjir Rendam {n} Desa di Kabupaten Lebak
Selasa, 9 Maret 2021 10:00 WIB
LEBAK, WARTANUSANTARA.COM - Banjir merendam {n} desa di Kabupaten Lebak setelah hujan deras mengguyur sejak Senin malam.
"Kami sudah mengirim perahu karet ke desa yang terendam," kata Kepala BPBD Lebak, Agus Salim, di Rangkasbitung.
Warga di bantaran sungai Ciujung mengungsi ke balai desa dan masjid terdekat; sekolah diliburkan dua hari.
Baca juga: Harga Cabai Melonjak Jelang Lebaran
© 2021 WartaNusantara.com
"""

HTML = """<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Gempa Guncang Halmahera - Kabar Timur</title>
<meta property="og:site_name" content="Kabar Timur"><meta property="article:published_time" content="2021-03-10T08:15:00+09:00">
</head><body><nav><a href="/">Beranda</a> | <a href="/nasional">Nasional</a></nav>
<article><h1>Gempa Guncang Halmahera</h1><p class="date">Rabu, 10 Maret 2021 08:15 WIT</p>
<p>TERNATE, KABARTIMUR.COM - Gempa bermagnitudo 5,8 mengguncang Halmahera Barat pada Rabu pagi, warga berhamburan keluar rumah.</p>
<p>"Guncangannya terasa kuat sekitar lima detik," kata Kepala BPBD Halmahera Barat, Rudi Hartono, kepada wartawan.</p>
<p>BMKG menyatakan gempa tidak berpotensi tsunami, namun warga diminta mewaspadai gempa susulan di pesisir.</p>
</article><footer>© 2021 Kabar Timur</footer></body></html>
"""

RECORDS = [
    {"title": f"Harga Beras Naik di Pasar {n}", "url": f"https://kabartimur.com/ekonomi/{n}", "date": "2021-03-11",
     "text": f"Harga beras medium di pasar tradisional nomor {n} naik Rp 500 per kilogram sejak awal pekan.\n\n"
             "\"Pasokan dari sentra produksi berkurang,\" kata seorang pedagang, Wati, di pasar itu."}
    for n in range(1, 4)
]

JUNK = (b"\x00", b"\x85", b"\xc2\x85", b"\xe2\x80\xa8", b"\xff\xfe", b"\xef\xbb\xbf", b"\r", b"\x1b[31m", b"\x0b",
        b"\x0c", b'"', b",", b"{", b"}", b"[", b"<", b"</p>", b"\n\n", b"\t", b"\\u0000", b"\\ud800", b"9" * 5000)
ENCODINGS = ("utf-16", "utf-16-le", "utf-16-be", "utf-32", "cp1252", "latin-1", "utf-8-sig", "mixed")
ODD_NAMES = (b"caf\xe9", b"\xff\xfe", b"baris\nbaru", b"[bold]x[red]", b"-dash", b"# hash", b"a\\x41", b"x" * 180,
             b"spasi  ", b"titik.", b"\xe2\x80\xae-rtl")
EXTENSIONS = (b".txt", b".html", b".jsonl", b".json", b".csv", b".tsv", b".gz", b"", b".md", b".txt.gz")


def _csv(rows: list[dict[str, str]]) -> bytes:
    buf = io.StringIO()
    w = csv.DictWriter(buf, fieldnames=list(rows[0]))
    w.writeheader()
    w.writerows(rows)
    return buf.getvalue().encode()


def _seeds(root: Path) -> dict[str, bytes]:
    """name -> bytes of each seed file: made here, plus real files when present."""
    seeds = {
        "artikel.txt": ARTICLE.format(n=7).encode(),
        "halaman.html": HTML.encode(),
        "ekspor.jsonl": "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in RECORDS).encode(),
        "ekspor.csv": _csv(RECORDS),
        "arsip.txt.gz": gzip.compress(ARTICLE.format(n=8).encode()),
        "cp1252.txt": ARTICLE.format(n=9).replace('"', "\u201c", 1).encode("cp1252"),
    }
    shared = root.parent / "shared" / "data"
    detik = shared / "real-news" / "detik-2025-10-20.csv"
    if detik.is_file():
        with detik.open(encoding="utf-8", newline="") as fh:
            rows = [r for _, r in zip(range(5), csv.DictReader(fh), strict=False)]
        seeds["detik.csv"] = _csv(rows)
        seeds["detik.jsonl"] = "".join(json.dumps({"title": r["judul"], "url": r["tautan"], "text": r["isi_berita"]},
                                                  ensure_ascii=False) + "\n" for r in rows).encode()
    html_real = shared / "html-real" / "detik-2022"
    for name in ("4.html", "inet.html"):
        if (html_real / name).is_file():
            seeds[f"detik-{name}"] = (html_real / name).read_bytes()
    corpus = root / "examples" / "corpus"
    if corpus.is_dir():
        picks = sorted((corpus / "text").rglob("*.txt"))[:3] + sorted((corpus / "html").glob("*.html"))[:1]
        picks += [corpus / "exports" / "feed.jsonl"]
        for p in picks:
            if p.is_file():
                seeds[f"corpus-{p.name}"] = p.read_bytes()
    return seeds


def _flip(rng: random.Random, name: bytes, data: bytes) -> tuple[bytes, bytes]:
    b = bytearray(data)
    for _ in range(rng.randint(1, 8)):
        if b:
            b[rng.randrange(len(b))] ^= 1 << rng.randrange(8)
    return name, bytes(b)


def _truncate(rng: random.Random, name: bytes, data: bytes) -> tuple[bytes, bytes]:
    return name, data[:rng.randrange(len(data) + 1)]


def _insert(rng: random.Random, name: bytes, data: bytes) -> tuple[bytes, bytes]:
    for _ in range(rng.randint(1, 4)):
        at = rng.randrange(len(data) + 1)
        data = data[:at] + rng.choice(JUNK) + data[at:]
    return name, data


def _reencode(rng: random.Random, name: bytes, data: bytes) -> tuple[bytes, bytes]:
    if data[:2] == b"\x1f\x8b":
        return name, data
    text = data.decode("utf-8", "replace")
    enc = rng.choice(ENCODINGS)
    if enc == "mixed":
        lines = text.split("\n")
        return name, b"\n".join(ln.encode("cp1252", "replace") if i % 2 else ln.encode() for i, ln in enumerate(lines))
    return name, text.encode(enc, "replace")


def _line_ends(rng: random.Random, name: bytes, data: bytes) -> tuple[bytes, bytes]:
    return name, data.replace(b"\n", rng.choice((b"\r\n", b"\r", b"\n\n", b"\x85", b"\xe2\x80\xa8")))


def _gzip(rng: random.Random, name: bytes, data: bytes) -> tuple[bytes, bytes]:
    packed = gzip.compress(data)
    if rng.random() < 0.4:
        packed = packed[:rng.randrange(len(packed) + 1)]
    return name + b".gz", packed


def _rename(rng: random.Random, name: bytes, data: bytes) -> tuple[bytes, bytes]:
    stem, _, _ = name.partition(b".")
    return stem + rng.choice(ODD_NAMES), data


def _extension(rng: random.Random, name: bytes, data: bytes) -> tuple[bytes, bytes]:
    stem, _, _ = name.partition(b".")
    return stem + rng.choice(EXTENSIONS), data


def _lines(rng: random.Random, name: bytes, data: bytes) -> tuple[bytes, bytes]:
    lines = data.split(b"\n")
    if rng.random() < 0.5:
        rng.shuffle(lines)
    else:
        lines = lines + lines[: rng.randint(1, max(1, len(lines)))]
    return name, b"\n".join(lines)


MUTATIONS: tuple[Callable[[random.Random, bytes, bytes], tuple[bytes, bytes]], ...] = (
    _flip, _truncate, _insert, _reencode, _line_ends, _gzip, _rename, _extension, _lines)


def _mutants(seeds: dict[str, bytes]) -> list[tuple[bytes, bytes]]:
    rng = random.Random(SEED)
    names = sorted(seeds)
    out = []
    for i in range(MUTANTS):
        seed = rng.choice(names)
        name, data = seed.encode(), seeds[seed]
        for mutate in rng.sample(MUTATIONS, rng.randint(1, 3)):
            name, data = mutate(rng, name, data)
        out.append((f"m{i:03d}-".encode() + name, data))
    return out


def _utf8(value: object) -> None:
    """Every string in a result is strictly valid UTF-8 (JSON, the database, the UI)."""
    json.dumps(value, ensure_ascii=False).encode("utf-8")


@pytest.fixture(scope="module")
def fuzz_root(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("fuzz")
    repo = Path(__file__).resolve().parents[1]
    seeds = _seeds(repo)
    (root / "good").mkdir()
    for name, data in seeds.items():
        (root / "good" / name).write_bytes(data)
    mutated = os.fsencode(root / "mutants")
    os.mkdir(mutated)
    for name, data in _mutants(seeds):
        with open(mutated + b"/" + name, "wb") as fh:
            fh.write(data)
    odd = root / "odd"
    odd.mkdir()
    os.mkfifo(odd / "pipe.txt")
    (odd / "dangling.txt").symlink_to("nowhere.txt")
    (odd / "loop").symlink_to("loop")
    (odd / "up").symlink_to("..")
    (odd / "zero.txt").symlink_to("/dev/zero")
    (odd / ".kronikignore").write_bytes(b"\xe9\xff*\n")
    return root


def test_fuzz_no_crash_and_no_lost_good_file(fuzz_root: Path, tmp_path: Path) -> None:
    good_alone = {d.source: r for d, r in analyze([fuzz_root / "good"]) if d is not None}
    good_articles = {src for src, r in good_alone.items() if isinstance(r, Article)}
    assert len(good_articles) >= 10  # the seeds themselves are articles (records counted one by one)

    results: list[tuple[RawDocument | None, Article | Problem]] = []
    store = Store(str(tmp_path / "fuzz.db"))
    report = ingest([fuzz_root], store, on_result=lambda d, r: results.append((d, r)))

    crashes = [(r.source, r.detail) for _, r in results if isinstance(r, Problem) and r.reason in RUN_FAILURES]
    assert crashes == []
    for _, r in results:
        _utf8(r.model_dump())
    outcome = {d.source: r for d, r in results if d is not None}
    lost = sorted(src for src in good_articles if not isinstance(outcome.get(src), Article))
    assert lost == []
    stored = {d.content_hash for d, r in results if d is not None and isinstance(r, Article)}
    assert {d.content_hash for d, r in results if d is not None and d.source in good_articles} <= stored
    reasons = {r.reason for _, r in results if isinstance(r, Problem)}
    assert {"special-file", "dangling-link", "symlink-loop"} <= reasons
    assert report.articles > len(good_articles)  # many mutants are still articles
    assert store.counts()["articles"] == report.articles

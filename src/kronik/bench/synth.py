"""A seeded stream of realistic Indonesian plain-text news dumps with known labels.

Real article bodies (IndoSum ``dev.0*.jsonl``, plus the text articles of our
labelled example corpus when present) are wrapped in the web furniture a
scraper's text dump really contains: navigation, title, date lines in several
formats, bylines, datelines in the lead, inline "Baca juga" links, ads,
"Terkini Lainnya" blocks (each headline twice plus a teaser), share and
subscribe prompts, tags, comment sections and copyright footers.

Every document carries its gold labels (body lines, title, outlet, published,
authors, dateline) and its duplicate structure:

* ``base`` names the source body; every document made from the same base is
  the same story, so ``base`` is a ground-truth cluster label;
* ``kind`` is ``original`` (first use of a base), ``near`` (same body with
  different furniture, possibly another outlet, and light edits: a dropped or
  split paragraph, a changed reporting verb, a typo) or ``exact`` (a byte-equal
  re-scrape of an earlier document);
* ``duplicate_of`` is the ``doc_id`` of the base's original (or, for ``exact``,
  of the copied document).

When more documents are asked for than there are bases, later uses of a base
are ``near`` copies of its original, so labels stay true at any ``n``.
Publication dates are the real IndoSum timestamps (Aug 2016 - Feb 2018, in
WIB); copies come minutes to days after their original.  The stream is fully
determined by ``seed``, the data and ``n``; memory stays bounded (a window of
recent documents is kept for copies).
"""

from __future__ import annotations

import json
import random
import re
from collections import deque
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from pathlib import Path

WIB = timezone(timedelta(hours=7))

HARI = ("Senin", "Selasa", "Rabu", "Kamis", "Jumat", "Sabtu", "Minggu")
BULAN = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
         "November", "Desember")
BLN = ("Jan", "Feb", "Mar", "Apr", "Mei", "Jun", "Jul", "Agu", "Sep", "Okt", "Nov", "Des")

INDOSUM_OUTLETS = {
    "cnn indonesia": ("CNN Indonesia", "cnnindonesia.com"),
    "kumparan": ("Kumparan", "kumparan.com"),
    "dailysocial.id": ("DailySocial.id", "dailysocial.id"),
    "antaranews": ("Antara", "antaranews.com"),
    "merdeka": ("Merdeka.com", "merdeka.com"),
    "juara.net": ("Juara.net", "juara.net"),
    "suara": ("Suara.com", "suara.com"),
    "poskotanews": ("Poskota News", "poskotanews.com"),
    "rimanews": ("Rimanews", "rimanews.com"),
    "goal indonesia": ("Goal Indonesia", "goal.com"),
}
OTHER_OUTLETS = (
    ("Kompas.com", "kompas.com"), ("Detik.com", "detik.com"), ("Tempo.co", "tempo.co"),
    ("Liputan6.com", "liputan6.com"), ("Okezone", "okezone.com"), ("Tribunnews.com", "tribunnews.com"),
    ("Republika", "republika.co.id"), ("SINDOnews", "sindonews.com"), ("JawaPos.com", "jawapos.com"),
    ("IDN Times", "idntimes.com"),
)
FIRST_NAMES = ("Andi", "Budi", "Citra", "Dewi", "Eko", "Fajar", "Gita", "Hendra", "Indah", "Joko", "Kurnia", "Lestari",
               "Muhammad", "Nurul", "Oktaviani", "Putri", "Rizky", "Sari", "Teguh", "Wahyu", "Yulia", "Zainal",
               "Ahmad", "Bayu", "Dian", "Fitri", "Galih", "Ika", "Maria", "Reza")
LAST_NAMES = ("Pratama", "Saputra", "Wijaya", "Hidayat", "Santoso", "Kusuma", "Nugroho", "Siregar", "Lubis",
              "Setiawan", "Permana", "Rahmawati", "Hakim", "Purnomo", "Harahap", "Situmorang", "Wibowo", "Anggraini",
              "Firmansyah", "Ramadhan", "Maulana", "Susanti", "Gunawan", "Hasibuan")
PLACES = ("JAKARTA", "BANDUNG", "SURABAYA", "MEDAN", "YOGYAKARTA", "SEMARANG", "MAKASSAR", "DENPASAR", "PALEMBANG",
          "MALANG", "BOGOR", "PADANG")
SECTIONS = ("Nasional", "Regional", "Ekonomi", "Bisnis", "Olahraga", "Hiburan", "Tekno", "Internasional", "Megapolitan",
            "Otomotif", "Gaya Hidup", "Kesehatan")
COMMENTS = (
    "Semoga cepat selesai masalahnya, kasihan rakyat kecil yang jadi korban.",
    "Beritanya kurang lengkap, mohon ditambahkan sumbernya min.",
    "Mantap, lanjutkan terus pak!",
    "Dari dulu begitu terus tidak ada perubahan sama sekali.",
    "Yang penting jangan sampai terulang lagi ke depannya.",
    "Setuju sekali dengan pendapat bapak ini, memang harus tegas.",
    "Kapan ya daerah kami juga diperhatikan seperti ini?",
    "Hoaks atau bukan nih? Mohon klarifikasinya.",
    "Pemerintah harus segera turun tangan, jangan cuma janji.",
    "Terima kasih infonya, sangat bermanfaat.",
    "Kok bisa ya kejadian seperti ini dibiarkan bertahun-tahun.",
    "Saya warga sana, memang benar kondisinya parah sekali.",
)
VERB_SWAPS = (("mengatakan", "menyatakan"), ("ujarnya", "katanya"), ("menjelaskan", "menerangkan"),
              ("tuturnya", "ucapnya"), ("menurutnya", "kata dia"), ("sebelumnya", "sebelum ini"))

_NO_SPACE_BEFORE = {",", ".", ";", ":", "!", "?", ")", "]", "}", "%", "”", "’", "…", "'s"}
_NO_SPACE_AFTER = {"(", "[", "{", "“", "‘"}
_BODY_NOISE = re.compile(
    r"^\(?\s*(baca|simak|lihat|tonton)([ _]juga)?\s*[:)]|^baca_juga$|^\(\s*[\w.]{2,6}(\s*/\s*[\w.]{2,6})*\s*\)$|^foto\s*:",
    re.IGNORECASE)
_LEAD_DATELINE = re.compile(r"^(?P<place>[A-Z][A-Za-z ]{1,30}?)\s*,\s*[\w.]+(?: [\w.]+)?\s*(?:--|-|–|—)\s")
_LEAD_DATELINE_AFTER = re.compile(r"^[\w.]+\.(?i:com|net|id|co)\w*,\s*(?P<place>[A-Z][A-Z ]{1,30}?)\s*(?:--|-|–|—)\s")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[\"“A-Z0-9])")


# Penn Treebank escapes in Timeline17's tokens (and CoNLL's), back to the characters they stand for.
PTB_ESCAPES = {"-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}", "``": '"', "''": '"'}


def ptb_text(line: str) -> str:
    """One Penn-Treebank-tokenised line (Timeline17) as running text: escapes undone, tokens joined."""
    return detokenize([PTB_ESCAPES.get(t, t) for t in line.split()]).replace("\\/", "/")


def detokenize(tokens: list[str]) -> str:
    """IndoSum tokens back to running text: ``Minggu ( 3 / 9 ) ,`` -> ``Minggu (3/9),``."""
    out: list[str] = []
    quote_open = False
    no_space_next = True
    n = len(tokens)
    for i, tok in enumerate(tokens):
        space = not no_space_next
        no_space_next = False
        if tok == '"':
            if quote_open:
                space = False
            else:
                no_space_next = True
            quote_open = not quote_open
        elif tok in _NO_SPACE_BEFORE:
            space = False
        elif tok in _NO_SPACE_AFTER:
            no_space_next = True
        elif tok == "/" and 0 < i < n - 1 and len(tokens[i - 1]) <= 4 and len(tokens[i + 1]) <= 4:
            space = False
            no_space_next = True
        elif tok == "-" and 0 < i < n - 1:
            if out and out[-1].endswith("-"):
                space = False  # "- -" -> "--"
            elif tokens[i - 1][-1:].isalnum() and tokens[i + 1][:1].isalnum() and (i > 4 or not tokens[i + 1][:1].isupper()):
                space = False  # "disebut - sebut" -> "disebut-sebut", "H - 7" -> "H-7"
                no_space_next = True
        if space and out:
            out.append(" ")
        out.append(tok)
    return " ".join("".join(out).split())


@dataclass(frozen=True)
class Base:
    """One real article body to build documents from."""

    key: str
    body: tuple[str, ...]
    title: str
    outlet: str
    domain: str
    published: datetime | None
    dateline: str | None
    origin: str  # "indosum" or "corpus"


@dataclass
class SynthDoc:
    doc_id: str
    text: str
    body: list[str]
    title: str
    outlet: str
    published: str
    authors: list[str]
    dateline: str | None
    base: str
    kind: str  # original | near | exact
    duplicate_of: str | None
    origin: str
    boilerplate: list[str] = field(default_factory=list)  # which furniture was added

    @property
    def source(self) -> str:
        return f"synth/{self.doc_id}.txt"

    def raw(self):  # -> RawDocument (imported lazily: the generator needs no kronik internals)
        from kronik.io.readers import RawDocument

        return RawDocument(source=self.source, format="text", text=self.text)


def _title_from_slug(key: str) -> str:
    slug = key.split("-", 1)[1] if "-" in key else key
    words = [w for w in slug.split("-") if w]
    if len(slug) >= 48 and len(words) > 3:
        words = words[:-1]  # IndoSum cut the slug mid-word
    return " ".join(w.upper() if len(w) <= 3 and w.isalpha() and w in {"kpk", "dpr", "tni", "ri", "pln", "bi", "ojk"}
                    else w.capitalize() for w in words)


def _clean_body(paragraphs: list[str]) -> list[str]:
    return [p for p in paragraphs if p and not _BODY_NOISE.search(p)]


@lru_cache(maxsize=4)
def _load_bases_cached(data_dir: str, corpus_dir: str | None) -> tuple[Base, ...]:
    bases: list[Base] = []
    seen: set[str] = set()
    for path in sorted(Path(data_dir, "indosum").glob("dev.0*.jsonl")):
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if not line.strip():
                    continue
                rec = json.loads(line)
                key = rec["id"]
                if key in seen:
                    continue  # IndoSum repeats some records across folds
                seen.add(key)
                body = _clean_body([detokenize([t for sent in para for t in sent]) for para in rec["paragraphs"]])
                if len(body) < 2:
                    continue
                stamp = key.split("-", 1)[0]
                published = datetime.fromtimestamp(int(stamp), WIB) if stamp.isdigit() else None
                outlet, domain = INDOSUM_OUTLETS.get(rec.get("source", ""), (rec.get("source", "") or "Redaksi", "example.id"))
                m = _LEAD_DATELINE.match(body[0]) or _LEAD_DATELINE_AFTER.match(body[0])
                bases.append(Base(key, tuple(body), _title_from_slug(key), outlet, domain, published,
                                  m.group("place").strip().title() if m else None, "indosum"))
    if corpus_dir:
        labels = Path(corpus_dir, "labels.jsonl")
        if labels.is_file():
            for line in labels.read_text("utf-8").splitlines():
                try:
                    lab = json.loads(line)
                except json.JSONDecodeError:
                    continue
                if lab.get("format") != "text" or not lab.get("body") or not lab.get("title"):
                    continue
                published = None
                if lab.get("published") and "T" in str(lab["published"]):
                    try:
                        published = datetime.fromisoformat(lab["published"]).astimezone(WIB)
                    except ValueError:
                        published = None
                outlet = lab.get("outlet") or "Redaksi"
                domain = re.sub(r"[^a-z0-9.]", "", outlet.lower()) or "example"
                bases.append(Base(f"corpus:{lab['source']}", tuple(lab["body"]), lab["title"], outlet,
                                  domain if "." in domain else f"{domain}.com", published,
                                  lab.get("dateline"), "corpus"))
    return tuple(bases)


def load_bases(data_dir: Path, corpus_dir: Path | None = None) -> tuple[Base, ...]:
    """The real bodies the generator draws on (IndoSum dev folds, deduplicated, and corpus text labels)."""
    return _load_bases_cached(str(data_dir), str(corpus_dir) if corpus_dir else None)


# ---- furniture -------------------------------------------------------------------------------------------


def _date_line(rng: random.Random, dt: datetime, outlet: str) -> str:
    h, m = dt.hour, dt.minute
    style = rng.randrange(6)
    if style == 0:
        return f"{outlet} - {dt.day:02d}/{dt.month:02d}/{dt.year}, {h:02d}:{m:02d} WIB"
    if style == 1:
        return f"{HARI[dt.weekday()]}, {dt.day} {BULAN[dt.month - 1]} {dt.year} {h:02d}:{m:02d} WIB"
    if style == 2:
        return f"{HARI[dt.weekday()]} {dt.day:02d} {BLN[dt.month - 1]} {dt.year}, {h:02d}:{m:02d} WIB"
    if style == 3:
        return f"{HARI[dt.weekday()]}, {dt.day:02d}/{dt.month:02d}/{dt.year} | {h:02d}:{m:02d} WIB"
    if style == 4:
        return f"{HARI[dt.weekday()]}, {dt.day} {BULAN[dt.month - 1]} {dt.year} - {h:02d}:{m:02d} WIB"
    return f"Diterbitkan {dt.day} {BULAN[dt.month - 1]} {dt.year}, {h:02d}.{m:02d} WIB"


def _name(rng: random.Random) -> str:
    return f"{rng.choice(FIRST_NAMES)} {rng.choice(LAST_NAMES)}"


def _byline(rng: random.Random, authors: list[str], editor: str) -> list[str]:
    style = rng.randrange(5)
    if style == 0:
        return [authors[0], "Penulis"]
    if style == 1:
        return [f"Penulis: {', '.join(authors)}"]
    if style == 2:
        return [f"Oleh {' dan '.join(authors)}"]
    if style == 3:
        return [f"Reporter: {authors[0]} | Editor: {editor}"]
    return [f"Penulis: {authors[0]}", f"Editor: {editor}"]


def _other(rng: random.Random, bases: tuple[Base, ...], not_key: str) -> Base:
    for _ in range(5):
        b = bases[rng.randrange(len(bases))]
        if b.key != not_key:
            return b
    return b


def _first_sentence(text: str) -> str:
    parts = _SENTENCE.split(text, maxsplit=1)
    s = parts[0]
    s = _LEAD_DATELINE.sub("", s, count=1)
    return s if len(s) < 240 else s[:237].rsplit(" ", 1)[0] + "..."


def _related_block(rng: random.Random, bases: tuple[Base, ...], base: Base) -> list[str]:
    out = [rng.choice(("Terkini Lainnya", "Berita Terkait", "Rekomendasi untuk Anda", "Berita Lainnya"))]
    for _ in range(rng.randint(3, 6)):
        other = _other(rng, bases, base.key)
        out += [other.title, other.title]
        if rng.random() < 0.7:
            out.append(_first_sentence(other.body[0]))
        if rng.random() < 0.5:
            out.append(f"{rng.randint(1, 23)} jam lalu")
    return out


def _comments(rng: random.Random) -> list[str]:
    k = rng.randint(0, 4)
    out = [f"Komentar ({k})" if rng.random() < 0.5 else "Komentar", "Tulis komentar"]
    for _ in range(k):
        out += [_name(rng), f"{rng.randint(1, 12)} jam lalu", rng.choice(COMMENTS)]
    if rng.random() < 0.5:
        out.append("Pedoman Komentar")
    return out


def _light_edits(rng: random.Random, body: list[str]) -> tuple[list[str], list[str]]:
    body = list(body)
    edits: list[str] = []
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(4)
        if op == 0 and len(body) > 3:
            del body[rng.randrange(1, len(body))]
            edits.append("drop-paragraph")
        elif op == 1:
            i = rng.randrange(len(body))
            for a, b in VERB_SWAPS:
                if a in body[i]:
                    body[i] = body[i].replace(a, b, 1)
                    edits.append("verb")
                    break
        elif op == 2:
            i = rng.randrange(len(body))
            words = body[i].split(" ")
            j = rng.randrange(len(words))
            w = words[j]
            if len(w) > 4 and w.isalpha():
                k = rng.randrange(1, len(w) - 2)
                words[j] = w[:k] + w[k + 1] + w[k] + w[k + 2:]
                body[i] = " ".join(words)
                edits.append("typo")
        else:
            i = rng.randrange(len(body))
            parts = _SENTENCE.split(body[i])
            if len(parts) >= 2:
                cut = rng.randrange(1, len(parts))
                body[i:i + 1] = [" ".join(parts[:cut]), " ".join(parts[cut:])]
                edits.append("split-paragraph")
    return body, edits


def _compose(rng: random.Random, bases: tuple[Base, ...], base: Base, body: list[str], title: str, outlet: str,
             domain: str, when: datetime, authors: list[str]) -> tuple[str, list[str], list[str], str | None]:
    """The dump's lines around ``body``; returns (lines, gold body, furniture used, dateline)."""
    used: list[str] = []
    lines: list[str] = []
    if rng.random() < 0.6:
        lines.append(rng.choice((f"Home > {rng.choice(SECTIONS)} > {rng.choice(SECTIONS)}",
                                 " | ".join(rng.sample(SECTIONS, 5)), f"{outlet} | Berita Terkini Hari Ini")))
        used.append("nav")
    if rng.random() < 0.3:
        lines.append(rng.choice(("Masuk / Daftar", "Login", "Advertisement")))
        used.append("top-login-or-ad")
    lines.append(title)
    editor = _name(rng)
    date_first = rng.random() < 0.5
    head: list[str] = [_date_line(rng, when, outlet)]
    byline = _byline(rng, authors, editor)
    head = head + byline if date_first else byline + head
    lines += head
    used += ["date-line", "byline"]
    if rng.random() < 0.3:
        lines.append(rng.choice(("Bagikan", "Facebook Twitter WhatsApp", "Salin Link")))
        used.append("share-top")
    if rng.random() < 0.25:
        lines.append(f"Ilustrasi: {_first_sentence(body[-1])[:80]} (Foto: {outlet})")
        used.append("caption")

    body = list(body)
    dateline = base.dateline
    if dateline is None and base.origin == "indosum" and rng.random() < 0.5:
        place = rng.choice(PLACES)
        tag = outlet.upper() if "." in outlet else f"{outlet}"
        body[0] = f"{place}, {tag} - {body[0]}"
        dateline = place.title()
        used.append("dateline")

    # Inline furniture between body paragraphs.
    inline: dict[int, list[str]] = {}
    for i in range(1, len(body)):
        r = rng.random()
        if r < 0.12:
            other = _other(rng, bases, base.key)
            inline.setdefault(i, []).append(f"Baca juga: {other.title}" if rng.random() < 0.7 else "Baca juga:")
            if inline[i][-1] == "Baca juga:":
                inline[i].append(other.title)
            used.append("read-also")
        elif r < 0.18:
            inline.setdefault(i, []).append(rng.choice(("Advertisement", "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT",
                                                        "Iklan")))
            used.append("advertisement")
    for i, para in enumerate(body):
        lines += inline.get(i, [])
        lines.append(para)

    tail: list[str] = []
    if rng.random() < 0.4:
        tail.append(f"Editor: {editor}")
    if rng.random() < 0.4:
        tail.append("Tag: " + ", ".join(w.lower() for w in title.split()[:3]))
        used.append("tags")
    if rng.random() < 0.4:
        tail += ["Bagikan artikel ini", "Facebook Twitter WhatsApp Telegram", "Salin tautan"]
        used.append("share")
    if rng.random() < 0.35:
        tail.append(f"Dapatkan update berita pilihan dan breaking news setiap hari dari {outlet}. Mari bergabung di "
                    f"Grup Telegram \"{outlet} News Update\", caranya klik link berikut, kemudian join.")
        used.append("subscribe")
    if rng.random() < 0.6:
        tail += _related_block(rng, bases, base)
        used.append("related-block")
    if rng.random() < 0.4:
        tail += _comments(rng)
        used.append("comments")
    if rng.random() < 0.5:
        tail.append(f"Copyright {when.year} {domain}. All rights reserved.")
        used.append("copyright")
    lines += tail
    return "\n".join(lines) + "\n", body, used, dateline


def _iso(dt: datetime) -> str:
    return dt.strftime("%Y-%m-%dT%H:%M:00+07:00")


def generate(data_dir: Path, *, n: int | None = None, seed: int = 0, corpus_dir: Path | None = None,
             near_rate: float = 0.08, exact_rate: float = 0.02, window: int = 2000) -> Iterator[SynthDoc]:
    """Yield ``n`` documents (endlessly when ``n`` is None), deterministically for a seed.

    ``near_rate`` / ``exact_rate``: share of documents that are near / exact
    copies of a recent document; further near copies appear once the bases are
    used up.  Raises FileNotFoundError when no base body can be loaded.
    """
    bases = load_bases(data_dir, corpus_dir)
    if not bases:
        raise FileNotFoundError(f"no article bodies under {Path(data_dir) / 'indosum'} (dev.0*.jsonl)")
    rng = random.Random(seed)
    order = list(range(len(bases)))
    rng.shuffle(order)
    cursor = 0
    first_of: dict[int, tuple[str, datetime]] = {}
    recent: deque[tuple[int, str]] = deque(maxlen=window)  # (base index, doc id) of recent originals
    recent_docs: deque[SynthDoc] = deque(maxlen=200)
    fallback_start = datetime(2017, 1, 1, 8, 0, tzinfo=WIB)
    i = 0
    while n is None or i < n:
        doc_id = f"s{seed}-{i:07d}"
        r = rng.random()
        if r < exact_rate and recent_docs:
            src = rng.choice(recent_docs)
            doc = SynthDoc(doc_id, src.text, list(src.body), src.title, src.outlet, src.published, list(src.authors),
                           src.dateline, src.base, "exact", src.doc_id, src.origin, list(src.boilerplate))
            yield doc
            i += 1
            continue
        if r < exact_rate + near_rate and recent:
            b_idx, _ = rng.choice(recent)
        elif cursor < len(order):
            b_idx = order[cursor]
            cursor += 1
        else:
            b_idx = order[rng.randrange(len(order))]
        base = bases[b_idx]
        if b_idx in first_of:
            kind = "near"
            dup_of, first_when = first_of[b_idx]
            when = first_when + timedelta(minutes=rng.randint(5, 60 * 48))
            body, edits = _light_edits(rng, list(base.body))
            if rng.random() < 0.5:
                outlet, domain = rng.choice(OTHER_OUTLETS)
            else:
                outlet, domain = base.outlet, base.domain
            title = base.title if rng.random() < 0.6 else (base.title.upper() if rng.random() < 0.3
                                                            else " ".join(base.title.split()[:-1]) or base.title)
        else:
            kind, dup_of, edits = "original", None, []
            when = base.published or (fallback_start + timedelta(minutes=rng.randint(0, 60 * 24 * 180)))
            when = when.replace(second=0, microsecond=0)
            first_of[b_idx] = (doc_id, when)
            recent.append((b_idx, doc_id))
            body = list(base.body)
            outlet, domain, title = base.outlet, base.domain, base.title
        authors = [_name(rng) for _ in range(1 if rng.random() < 0.85 else 2)]
        text, gold_body, used, dateline = _compose(rng, bases, base, body, title, outlet, domain, when, authors)
        doc = SynthDoc(doc_id, text, gold_body, title, outlet, _iso(when), authors, dateline, base.key, kind, dup_of,
                       base.origin, used + edits)
        recent_docs.append(doc)
        yield doc
        i += 1

"""A bilingual Indonesian -> English word lexicon, built by our own code from public-domain dictionaries.

Why: an Indonesian outlet's rewrite of an English wire shares names and
numbers with it but hardly a word; to compare the two we carry the Indonesian
words into English (:mod:`kronik.corpus.crosslingual`).  Nothing is fetched at
run time: ``kronik train lexicon`` reads gKamus (public domain) from
``../shared/data/crosslingual/gkamus`` and writes the small table shipped with
the Indonesian pack (``kronik/lang/id/models/lexicon-en.zip``: one line per
Indonesian word, its English words by rank).

Both directions of gKamus are used, since each is noisy in its own way:

* ``gkamus-id.dict`` (Indonesian -> English): a gloss has numbered senses,
  parenthesised notes and expansions ("(Anggaran Belanja) budget"), derived
  forms written with hyphens ("mem-bunuh"), and cross references ("see
  SANGSI"), which are followed one step;
* ``gkamus-en.dict`` (English -> Indonesian): part-of-speech tags ("kb.",
  "kkt."), numbered senses, each sense's translations up to the first full
  stop (usage examples follow it); read backwards, it adds the English word as
  a translation of each Indonesian one.

A word both directions give ranks first; otherwise the first sense's words
first.  Glosses longer than :data:`MAX_GLOSS_WORDS` content words are
definitions, not translations, and are dropped.
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import defaultdict
from collections.abc import Iterable
from functools import cache
from importlib import resources
from pathlib import Path

MAX_GLOSS_WORDS = 3
"""A gloss alternative with more content words than this is a definition ("o. who does not adhere ...")."""
MAX_TRANSLATIONS = 5
"""English words kept per Indonesian word (the later senses of a long entry are rare readings)."""
LEXICON_FILE = "lexicon-en.zip"
_MEMBER = "lexicon-en.tsv"

_WORD = re.compile(r"[a-z]+(?:'[a-z]+)?")
_PARENS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]")
_SENSE = re.compile(r"(?:^|\s)\d+\)?\.?\s")
_SEE = re.compile(r"\bsee\s+([A-Za-z][A-Za-z-]*)", re.IGNORECASE)
_POS = re.compile(r"(?:^|\s)-?k[a-z]{0,4}\.[,\s]*")
_EN_GLOSS_STOP = frozenset(
    "a an the to of be o s t s.o s.t o's one's k.o sth and or in on at for by with from as is are was "
    "that this it its his her their etc e.g i.e very some any".split())
"""Function words and gKamus's abbreviations (o. = one, s.o. = someone, k.o. = kind of) inside English glosses."""
_ID_GLOSS_STOP = frozenset("yang dan atau di ke dari untuk dengan se ber me per ter nya itu ini sb sst".split())


def _alternatives(sense: str) -> list[str]:
    return [a.strip(" .!?;:") for a in re.split(r"[,;]", sense) if a.strip(" .!?;:")]


def _content(words: Iterable[str], stop: frozenset[str]) -> list[str]:
    return [w for w in words if w not in stop and len(w) > 1]


def parse_id_dict(path: Path) -> dict[str, list[list[str]]]:
    """gkamus-id: Indonesian word -> its English gloss alternatives (each a list of content words), in order;
    ``see X`` references are followed one step."""
    raw: dict[str, str] = {}
    for line in path.read_text("latin-1").splitlines():
        if not line or line.startswith("[") or "\t" not in line:
            continue
        head, gloss = line.split("\t", 1)
        head = head.strip().lower()
        raw[head] = (raw[head] + " " + gloss) if head in raw else gloss
    out: dict[str, list[list[str]]] = {}

    def own(gloss: str) -> list[list[str]]:
        gloss = _SEE.sub(" ", _PARENS.sub(" ", gloss))
        alts = []
        for sense in _SENSE.split(" " + gloss):
            for alt in _alternatives(sense):
                words = [w for w in alt.split() if "-" not in w]  # "mem-bunuh": an Indonesian derived form
                content = _content((m.group() for w in words for m in _WORD.finditer(w.lower())), _EN_GLOSS_STOP)
                if 0 < len(content) <= MAX_GLOSS_WORDS:
                    alts.append(content)
        return alts

    for head, gloss in raw.items():
        alts = own(gloss)
        for m in _SEE.finditer(_PARENS.sub(" ", gloss)):
            ref = re.sub(r"\d+$", "", m.group(1)).lower()
            if ref in raw and ref != head:
                alts += own(raw[ref])
        if alts:
            out[head] = alts
    return out


def parse_en_dict(path: Path) -> dict[str, list[list[str]]]:
    """gkamus-en: English word -> its Indonesian translations (each a list of words), first sense first."""
    out: dict[str, list[list[str]]] = {}
    for line in path.read_text("latin-1").splitlines():
        if not line or line.startswith("[") or "\t" not in line:
            continue
        head, gloss = line.split("\t", 1)
        head = head.strip().lower()
        if not _WORD.fullmatch(head):
            continue
        gloss = _PARENS.sub(" ", gloss)
        alts = []
        for part in _POS.split(" " + gloss):
            for sense in _SENSE.split(" " + part):
                first = re.split(r"\.\s|\.$", sense.strip(), maxsplit=1)[0]  # examples follow the first full stop
                for alt in _alternatives(first):
                    words = _content((w for w in re.findall(r"[a-z]+", alt.lower())), _ID_GLOSS_STOP)
                    if len(words) == 1:
                        alts.append(words)
        if alts:
            out.setdefault(head, []).extend(alts)
    return out


def build_lexicon(gkamus_dir: Path) -> dict[str, list[str]]:
    """Indonesian word -> up to :data:`MAX_TRANSLATIONS` English words, best first (see the module docstring)."""
    id_en = parse_id_dict(gkamus_dir / "gkamus-id.dict")
    en_id = parse_en_dict(gkamus_dir / "gkamus-en.dict")
    score: dict[str, dict[str, float]] = defaultdict(dict)
    for idw, alts in id_en.items():
        for rank, alt in enumerate(alts):
            for w in alt:
                s = 1.0 / (1 + rank) / len(alt)
                score[idw][w] = max(score[idw].get(w, 0.0), s)
    for enw, alts in en_id.items():
        for rank, alt in enumerate(alts):
            idw = alt[0]
            s = 0.25 / (1 + rank)  # one direction only: after the Indonesian entry's own first senses
            cur = score[idw].get(enw)
            score[idw][enw] = s if cur is None else cur + 1.0  # both directions agree: first
    out = {}
    for idw, cands in score.items():
        if not _WORD.fullmatch(idw):
            continue
        best = sorted(cands.items(), key=lambda kv: (-kv[1], kv[0]))[:MAX_TRANSLATIONS]
        out[idw] = [w for w, _ in best]
    return dict(sorted(out.items()))


def write_lexicon(lexicon: dict[str, list[str]], path: Path) -> None:
    """The lexicon as a zip of one TSV (deterministic bytes: fixed member time, sorted lines)."""
    text = "".join(f"{k}\t{' '.join(v)}\n" for k, v in sorted(lexicon.items()))
    path.parent.mkdir(parents=True, exist_ok=True)
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        info = zipfile.ZipInfo(_MEMBER, date_time=(2026, 1, 1, 0, 0, 0))
        info.compress_type = zipfile.ZIP_DEFLATED
        z.writestr(info, text)
    path.write_bytes(buf.getvalue())


def read_lexicon(data: bytes) -> dict[str, tuple[str, ...]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        text = z.read(_MEMBER).decode("utf-8")
    out = {}
    for line in text.splitlines():
        k, _, v = line.partition("\t")
        if k and v:
            out[k] = tuple(v.split())
    return out


@cache
def shipped_lexicon(lang: str = "id") -> dict[str, tuple[str, ...]]:
    """The lexicon shipped with a language pack (``lang`` -> English); empty when the pack has none."""
    try:
        data = resources.files(f"kronik.lang.{lang}").joinpath("models", LEXICON_FILE).read_bytes()
    except (FileNotFoundError, ModuleNotFoundError, OSError):
        return {}
    return read_lexicon(data)


def train_lexicon(gkamus_dir: Path, out: Path, panl: Path | None = None) -> dict[str, object]:
    """``kronik train lexicon``: build, write, and report the lexicon's size and, when PANL-BPPT is given, its
    coverage of Indonesian news words (the PANL file holds the Indonesian side only, so it measures; it
    cannot align).  Coverage counts a word token found as written or by its Sastrawi stem."""
    import csv
    import time
    from collections import Counter

    t0 = time.perf_counter()
    lex = build_lexicon(gkamus_dir)
    write_lexicon(lex, out)
    res: dict[str, object] = {"entries": len(lex), "out": str(out), "bytes": out.stat().st_size,
                              "translations": sum(len(v) for v in lex.values())}
    if panl is not None and panl.is_file():
        from kronik.lang.base import get_pack
        from kronik.lang.id.stemmer import stem_word

        stop = get_pack("id").stop_words
        counts: Counter[str] = Counter()
        with panl.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                if row:
                    counts.update(w for w in re.findall(r"[a-z]+", row[-1].lower()) if w not in stop and len(w) > 2)
        direct = sum(c for w, c in counts.items() if w in lex)
        stemmed = sum(c for w, c in counts.items() if w in lex or stem_word(w) in lex)
        total = sum(counts.values()) or 1
        res |= {"panl_tokens": total, "panl_coverage_direct": round(direct / total, 4),
                "panl_coverage_with_stem": round(stemmed / total, 4)}
    res["seconds"] = round(time.perf_counter() - t0, 1)
    return res

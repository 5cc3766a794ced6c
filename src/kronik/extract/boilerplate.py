"""Tell the body of a scraped news page from its web boilerplate, line by line.

This is our own work, not a library call: on plain-text dumps of Indonesian
news, trafilatura and readability keep everything (they need markup), jusText
drops ledes and keeps related-headline teasers, and C4-style line rules keep
every well-formed sentence, including the teasers of "Terkini Lainnya" blocks
and reader comments.  What separates body from boilerplate here is structure:

* **patterns** from the language packs ("Baca juga:", "Advertisement", "Close Ads", captions);
* **repetition**: related headlines appear twice (link text and heading), so a
  line seen twice in a page is not body;
* **blocks**: a "Berita terkait" / "Terkini Lainnya" header opens a block of
  headlines, labels, timestamps and teasers; a comment header ends the article;
* **position**: the article starts at its lead (after the title and date line)
  and nothing before it is body;
* **announced lists**: a body line ending in a colon or opening with a list word
  ("Berikut ...") is followed by the article's own list, table, lyrics or Q&A,
  whose short and even repeated lines are body up to the next prose line;
* **first copies**: of a passage the scraper captured twice, the first copy is
  body and later copies are 'repeated';
* **attribution**: quote and reporting lines are never captions, prompts or
  copyright notices, whatever they end with;
* **cohesion**: when a block might have ended, body resumes only with a prose
  line that shares vocabulary with the article's title and lead.  Teasers of
  other stories do not.

The thresholds below were set together on the tuning outlets of the example
corpus and checked on the held-out outlets; change them as a set.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from kronik.lang.base import LanguagePack, all_packs

_WS = re.compile(r"[\s\u00a0\u200b\u200c\u200d\u2060\ufeff]+")
_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_URL_LINE = re.compile(r"^(?:https?://|www\.)\S+$|^\S+\.(?:com|co\.id|id|net|org)/\S*$", re.IGNORECASE)
_TERMINAL = tuple('.!?"”’\')…:;')
_MENU_SEPARATORS = re.compile(r"(?:\s[|»›>•·]\s.*){2,}|^(?:\S+\s*[|»›>•·]\s*){2,}\S+$")

# Line patterns still applied to HTML main text (the rest were the page's furniture, which markup removed).
HTML_LINE_REASONS = frozenset({"read-also", "advertisement", "video", "syndication", "tags"})

# Lines at least this long (in words) are prose whatever their last character.
PROSE_MIN_WORDS_UNPUNCTUATED = 22
# A punctuated line needs this many words to count as prose (not a label or headline).
PROSE_MIN_WORDS = 6
# Longest headline we accept as a title or related headline.
HEADLINE_MAX_WORDS = 24
# Cohesion with the article core needed for body to resume after a related block.
RESUME_MIN_SHARED = 2
RESUME_MIN_RATIO = 0.12
# A subscription word on a line this short is a menu item or a prompt ('Berlangganan', 'Newsletter gratis');
# on a longer line it takes a call to action (the packs' CALL_TO_ACTION).
PROMPT_MAX_WORDS_WITHOUT_CALL = 6


def normalize_line(text: str) -> str:
    """Collapse whitespace (incl. NBSP, zero-width) and strip."""
    return _WS.sub(" ", text).strip()


def words(text: str) -> list[str]:
    return _WORD.findall(text)


def is_prose(text: str) -> bool:
    """A sentence-like line: punctuated and long enough, or simply long."""
    n = len(text.split())
    if n >= PROSE_MIN_WORDS_UNPUNCTUATED:
        return True
    return n >= PROSE_MIN_WORDS and text.endswith(_TERMINAL)


def is_headline_like(text: str) -> bool:
    n = len(text.split())
    return 1 <= n <= HEADLINE_MAX_WORDS and not text.endswith((".", ";", ","))


@dataclass(frozen=True)
class _CompiledRules:
    """All rules of some packs, searched in two passes that give the same answer as one by one.

    Rules anchored at the start of the line are joined into one alternation
    (the regex engine then only tries them at position 0); the few that search
    anywhere run separately.  The lowest rule number wins, as in list order.
    """

    rules: tuple[tuple[str, str], ...]
    anchored: re.Pattern[str]
    floating: tuple[tuple[int, re.Pattern[str]], ...]
    any_floating: re.Pattern[str]

    def first_match(self, text: str) -> tuple[str, str] | None:
        best = None
        m = self.anchored.match(text)
        if m and m.lastgroup:
            best = int(m.lastgroup[1:])
        if not self.any_floating.search(text):  # one scan; most lines match no floating rule
            return self.rules[best] if best is not None else None
        for idx, rx in self.floating:
            if best is not None and idx > best:
                break
            if rx.search(text):
                best = idx
                break
        return self.rules[best] if best is not None else None


def _compiled(packs: tuple[LanguagePack, ...]) -> _CompiledRules:
    return _compiled_for(tuple(p.code for p in packs))


@lru_cache(maxsize=8)
def _compiled_for(codes: tuple[str, ...]) -> _CompiledRules:
    from kronik.lang.base import get_pack

    rules = [r for c in codes for r in get_pack(c).boilerplate]
    anchored = [(i, r) for i, r in enumerate(rules) if r.pattern.startswith("^") and "|" not in _top_level(r.pattern)]
    floating = [(i, r.compile()) for i, r in enumerate(rules) if (i, r) not in anchored]
    # Each alternative is tried only at position 0, in rule order; the first that matches wins.
    joined = "|".join(f"(?P<r{i}>(?:{r.pattern[1:]}))" for i, r in anchored)
    return _CompiledRules(
        rules=tuple((r.reason, r.kind) for r in rules),
        anchored=re.compile(joined, re.IGNORECASE),
        floating=tuple(floating),
        any_floating=re.compile("|".join(f"(?:{rx.pattern})" for _, rx in floating) or r"(?!x)x", re.IGNORECASE),
    )


def _top_level(pattern: str) -> str:
    """The pattern with every parenthesised group blanked, to see its top-level alternation."""
    depth, out, escaped = 0, [], False
    for ch in pattern:
        if escaped:
            escaped = False
            if depth == 0:
                out.append("x")
            continue
        if ch == "\\":
            escaped = True
            continue
        if ch == "(":
            depth += 1
        elif ch == ")":
            depth -= 1
        elif depth == 0:
            out.append(ch)
    return "".join(out)


_DECORATION = " -–—*•·[]<>|=_~#»«›‹"


@lru_cache(maxsize=16384)
def _match_default(text: str) -> tuple[str, str] | None:
    return _compiled(all_packs()).first_match(text)


def match_rule(text: str, packs: tuple[LanguagePack, ...] | None = None) -> tuple[str, str] | None:
    """(reason, kind) of the first boilerplate pattern the line matches.

    Decorations around a marker ("- Lanjutkan membaca di bawah iklan -",
    "[ADVERTISEMENT]", "»» Baca juga") are ignored.
    """
    core = text.strip(_DECORATION) or text
    if packs is None:
        return _match_default(core)
    return _compiled(packs).first_match(core)


class LineRules:
    """``match_rule`` (default packs) of the lines of one page, each computed on first use and kept.

    The header reader and the cleaner ask about the same lines; the shared LRU
    cache cannot hold a long page, and lines the cleaner skips (title, date
    line, byline) are never matched at all.
    """

    def __init__(self, lines: list[str]) -> None:
        self._lines = lines
        self._memo: dict[int, tuple[str, str] | None] = {}

    def __getitem__(self, i: int) -> tuple[str, str] | None:
        try:
            return self._memo[i]
        except KeyError:
            rule = self._memo[i] = match_rule(self._lines[i])
            return rule


_ENUMERATOR = re.compile(r"^(?:\(?\d{1,2}[.)]|#\d{1,2}|\d{1,2}\s*[-–—:])\s+")


def is_list_item(text: str) -> bool:
    """A numbered item ('1. Kebijakan DHE', '4) ...', '#3 ...'): article content, never a credit or label."""
    return _ENUMERATOR.match(text) is not None


def repetition_key(text: str) -> str:
    """What makes two lines 'the same' headline: case, list numbers and decoration aside."""
    return _ENUMERATOR.sub("", text.strip(_DECORATION)).strip(_DECORATION + ".:").lower()


@dataclass
class LineVerdict:
    """What the cleaner decided for one non-empty line."""

    text: str
    keep: bool
    reason: str | None = None


@dataclass
class CleanResult:
    verdicts: list[LineVerdict] = field(default_factory=list)

    @property
    def body(self) -> list[str]:
        return [v.text for v in self.verdicts if v.keep]


@lru_cache(maxsize=8)
def _stop_words(codes: tuple[str, ...]) -> frozenset[str]:
    from kronik.lang.base import get_pack

    return frozenset().union(*(get_pack(c).stop_words for c in codes))


def _content_words(text: str, stop: frozenset[str]) -> set[str]:
    return {w for w in (x.lower() for x in words(text)) if len(w) > 2 and w not in stop}


class _Core:
    """The vocabulary of the article itself (title, lead, body so far), for cohesion tests."""

    def __init__(self, stop: frozenset[str]) -> None:
        self.stop = stop
        self.vocab: Counter[str] = Counter()

    def add(self, text: str) -> None:
        self.vocab.update(_content_words(text, self.stop))

    def cohesive(self, text: str) -> bool:
        cw = _content_words(text, self.stop)
        if not cw:
            return False
        shared = sum(1 for w in cw if w in self.vocab)
        return shared >= RESUME_MIN_SHARED and shared / len(cw) >= RESUME_MIN_RATIO


def clean_lines(
    lines: list[str],
    *,
    meta: dict[int, str] | None = None,
    start: int = 0,
    packs: tuple[LanguagePack, ...] | None = None,
    title: str | None = None,
    strict_start: bool = True,
    mode: str = "text",
    patterns: bool = True,
    rules: LineRules | None = None,
) -> CleanResult:
    """Decide, for each (already normalised, non-empty) line, body or not.

    Args:
        lines: the page's non-empty lines, normalised.
        meta: indexes of lines already read as metadata (title, date line, byline) with their reason.
        start: index of the lead paragraph; earlier lines are not body.
        title: the article title, seeding the cohesion vocabulary.
        strict_start: when False (HTML main text), lines before ``start`` are not dropped wholesale.
        mode: ``text`` for dumps (every signal); ``html`` for a main-text extractor's output, where
            the markup has already removed the page furniture and only inline links and
            related-headline lists inside the article container remain.  Repetition, capital
            labels, bare URLs and the tail trim are off there: real articles repeat interview
            questions, use capital subheadings and list links.
        rules: the page's ``LineRules`` when the caller has them (the header reader shares them).
    """
    given_packs = packs
    packs = packs or all_packs()
    meta = meta or {}
    codes = tuple(p.code for p in packs)
    stop = _stop_words(codes)
    keys = [repetition_key(ln) for ln in lines]
    counts = Counter(keys)
    html = mode == "html"
    pulled = set() if html else _pull_quotes(lines)
    first_copies = set() if html else _first_copies(lines, keys)
    core = _Core(stop)
    if title:
        core.add(title)
    out: list[LineVerdict] = []
    listed: set[int] = set()  # lines kept as items of an announced list
    state = "body"
    prev_block_line = ""  # what the previous line inside a block was: 'headline', 'prose', 'other'
    n = len(lines)
    for i, text in enumerate(lines):
        if state == "list" and not out[-1].keep:
            state = "body"  # a list is one run of lines: furniture or metadata ends it
        if i in meta:
            out.append(LineVerdict(text, False, meta[i]))
            continue
        if i < start and strict_start:
            out.append(LineVerdict(text, False, "before-article"))
            continue
        if not patterns:
            rule = None
        elif rules is not None and given_packs is None:
            rule = rules[i]
        else:
            rule = match_rule(text, given_packs)
        if rule is not None and html and rule[1] == "line" and rule[0] not in HTML_LINE_REASONS:
            rule = None
        if rule is not None and html and rule[1] == "comments":
            rule = None
        kind = rule[1] if rule else None
        if kind == "comments" or state == "comments":
            state = "comments"
            out.append(LineVerdict(text, False, rule[0] if rule else "comments"))
            continue
        if kind in ("related", "lead-in"):
            state = "related" if kind == "related" else "lead-in"
            prev_block_line = "other"
            out.append(LineVerdict(text, False, rule[0]))  # type: ignore[index]
            continue
        if rule is not None and not (kind == "line" and _protected(text, rule[0], codes)):
            out.append(LineVerdict(text, False, rule[0]))
            if state in ("related", "lead-in"):
                prev_block_line = "other"
            continue
        if state == "list" and is_prose(text):
            state = "body"  # the body goes on after the list
        if html:
            if state == "body" and i + 1 < n and keys[i + 1] == keys[i] and is_headline_like(text) and len(text.split()) >= 3:
                state = "related"
        elif _URL_LINE.match(text):
            out.append(LineVerdict(text, False, "url"))
            continue
        elif state == "list":
            listed.add(i)
            out.append(LineVerdict(text, True))
            core.add(text)
            continue
        elif _is_label(text):
            out.append(LineVerdict(text, False, "label"))
            continue
        elif _MENU_SEPARATORS.search(text) and not is_prose(text):
            out.append(LineVerdict(text, False, "navigation"))
            continue
        if i in pulled:
            out.append(LineVerdict(text, False, "pull-quote"))
            continue
        if counts[keys[i]] > 1 and (not html or state == "related") and not (state == "body" and i in first_copies):
            # Related headlines come twice (link text, then heading).  A pair in a
            # row outside any block opens one.
            if state in ("body", "lead-in") and i + 1 < n and keys[i + 1] == keys[i] and is_headline_like(text):
                state = "related"
            elif state == "lead-in":
                state = "body"
            if state == "related":
                prev_block_line = "headline"
            out.append(LineVerdict(text, False, "repeated"))
            continue
        if state == "lead-in":
            # "Baca juga:" alone: the next headline-like line is the link.
            if not is_prose(text):
                out.append(LineVerdict(text, False, "read-also"))
                state = "body"
                continue
            state = "body"
        if state == "related":
            prose = is_prose(text)
            if prose and prev_block_line != "headline" and core.cohesive(text):
                state = "body"
            else:
                out.append(LineVerdict(text, False, "related-headlines"))
                prev_block_line = "prose" if prose else "headline"
                continue
        out.append(LineVerdict(text, True))
        core.add(text)
        if not html and _announces_list(text, codes):
            state = "list"
    if not html:
        _trim_tail(out, listed)
    return CleanResult(out)


_QUOTE_CHARS = "\"“”'‘’"


# Up to this many characters scanned (candidates x page length), a direct search is cheaper than
# building the word index; past it, the index keeps the time linear in the number of lines.
DIRECT_SEARCH_BUDGET = 2_000_000


def _pull_quotes(lines: list[str]) -> set[int]:
    """Lines that repeat a piece of a longer line of the page: pull quotes set off from the text.

    A candidate (4+ words, at most 200 characters) is a pull quote when a line
    more than 5 characters longer contains it.  Searching the page for every
    candidate is quadratic (50,000 short lines took 42 s), so past a small page
    (``DIRECT_SEARCH_BUDGET``) the longer lines are found through a word index
    instead; both give the same answer.
    """
    by_core: dict[str, list[int]] = {}
    for i, ln in enumerate(lines):
        if len(ln) > 200 or ln.count(" ") < 3:
            continue
        core = ln.strip(_QUOTE_CHARS + " ").rstrip(".,").lower()
        if len(core.split()) >= 4:
            by_core.setdefault(core, []).append(i)
    if not by_core:
        return set()
    if len(by_core) * sum(len(ln) + 1 for ln in lines) <= DIRECT_SEARCH_BUDGET:
        contained = _contained_direct(lines, by_core)
    else:
        contained = _contained_indexed(lines, by_core)
    found: set[int] = set()
    for core in contained:
        for i in by_core[core]:
            found.add(i)
            # "— Name, Role" under a pull quote credits it
            nxt = lines[i + 1] if i + 1 < len(lines) else ""
            if nxt[:1] in "—–-" and len(nxt.split()) <= 12 and not nxt.endswith((".", "!", "?")):
                found.add(i + 1)
    return found


def _contained_direct(lines: list[str], cores: dict[str, list[int]]) -> set[str]:
    """The cores some longer line contains, by searching the page for each (small pages)."""
    lowered = [ln.lower() for ln in lines]
    joined = "\n".join(lowered)
    out: set[str] = set()
    for core in cores:
        first = joined.find(core)  # its own line holds it once; a longer line would be a second time
        if first < 0 or joined.find(core, first + 1) < 0:
            continue
        if any(len(ln) > len(core) + 5 and core in low for ln, low in zip(lines, lowered, strict=True)):
            out.add(core)
    return out


def _contained_indexed(lines: list[str], cores: dict[str, list[int]]) -> set[str]:
    """The cores some longer line contains, in one pass over the page's distinct lines.

    A core's inner words (all but its first and last, which may be parts of
    longer tokens) are whole space-delimited tokens, in order, wherever it
    occurs.  Each line's token windows that start with the first two inner
    words of some core are looked up among the cores' inner word sequences, and
    only those hits are checked as substrings.
    """
    inner: dict[tuple[str, ...], list[str]] = {}
    lengths: dict[tuple[str, ...], set[int]] = {}
    for core in cores:
        words_in = tuple(core.split()[1:-1])
        inner.setdefault(words_in, []).append(core)
        lengths.setdefault(words_in[:2], set()).add(len(words_in))
    out: set[str] = set()
    seen: set[str] = set()
    for ln in lines:
        low = ln.lower()
        if low in seen:
            continue
        seen.add(low)
        toks = low.split()
        for p in range(len(toks) - 1):
            for m in lengths.get((toks[p], toks[p + 1]), ()):
                for core in inner.get(tuple(toks[p:p + m]), ()):
                    if core not in out and len(ln) > len(core) + 5 and core in low:
                        out.add(core)
    return out


def _announces_list(text: str, codes: tuple[str, ...]) -> bool:
    """A body sentence ending in a colon ('Tarif barunya:') or opening with a list word of the
    language ('Berikut daftar tarifnya.') announces a list, table, lyrics or Q&A: the short lines
    that follow are its content, not headlines."""
    if text.endswith((":", "：")):
        return True
    body = text.rstrip(".!?")
    last = text[max(body.rfind(". "), body.rfind("! "), body.rfind("? ")) + 1:].lstrip()  # the last sentence
    return _pack_words_re(codes, "LIST_OPENERS", r"(?:{})\b").match(last) is not None


@lru_cache(maxsize=16)
def _pack_words_re(codes: tuple[str, ...], name: str, template: str = r"\b(?:{})\b") -> re.Pattern[str]:
    """A case-insensitive pattern of the word list ``name`` of the packs' boilerplate modules, put into ``template``."""
    from kronik.lang.base import pack_words

    words = {w for code in codes for w in pack_words(code, "boilerplate", name)}
    return re.compile(template.format(_alternation(words)), re.IGNORECASE)


def _alternation(words: set[str]) -> str:
    """Words as a regex alternation, longest first; one that never matches when there are none."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)) or r"(?!x)x"


def _first_copies(lines: list[str], keys: list[str]) -> set[int]:
    """First copies of blocks the page repeats (a scraper captured a passage twice): they stay body.

    A block is a maximal run of lines whose next copies also follow one another.
    Only blocks holding a prose line (or a line announcing a list) count: a headline listed twice (link text,
    then heading) is a related-story teaser, not article text, and two copies in
    a row are such a pair.  Linear: each line is visited once.
    """
    nxt: dict[int, int] = {}  # first occurrence -> its next copy, for lines the page repeats
    later: dict[str, int] = {}
    for i in range(len(keys) - 1, -1, -1):
        if keys[i] in later:
            nxt[i] = later[keys[i]]
        later[keys[i]] = i
    seen: set[str] = set()
    firsts: list[int] = []
    for i, k in enumerate(keys):
        if k not in seen:
            seen.add(k)
            if i in nxt and nxt[i] != i + 1:
                firsts.append(i)
    found: set[int] = set()
    run: list[int] = []
    for i in [*firsts, -1]:
        if run and (i != run[-1] + 1 or nxt.get(i) != nxt[run[-1]] + 1):
            if any(is_prose(lines[j]) or lines[j].endswith((":", "：")) for j in run):
                found.update(run)
            run = []
        if i >= 0:
            run.append(i)
    return found


def _is_label(text: str) -> bool:
    """A section label or kicker in capitals ('DUNIA', 'EKONOMI BISNIS'): never a paragraph of the article."""
    n = len(text.split())
    return n <= 4 and text.isupper() and not text.endswith(_TERMINAL) and any(ch.isalpha() for ch in text)


_SOFT_REASONS = frozenset({"subscription", "copyright", "caption", "timestamp"})
# Soft patterns that never remove a quote or a reported statement: a caption describes a photo,
# a prompt addresses the reader, a copyright notice speaks for the site; none quotes anyone.
_NOT_FOR_REPORTING = frozenset({"subscription", "copyright", "caption"})


def _protected(text: str, reason: str, codes: tuple[str, ...]) -> bool:
    """Soft patterns (captions, subscription prompts, copyright) never remove a long prose
    paragraph, nor a quote or reporting line ('"...," ujar Budi kepada wartawan, Jumat (17/10).')."""
    if reason not in _SOFT_REASONS:
        return False
    if len(text.split()) > 45 and is_prose(text):
        return True
    if reason == "subscription" and len(text.split()) > PROMPT_MAX_WORDS_WITHOUT_CALL and not _pack_words_re(codes, "CALL_TO_ACTION").search(text):
        return True  # names an app store or a notification without asking the reader to do anything
    return reason in _NOT_FOR_REPORTING and is_reporting(text, codes)


_OPEN_QUOTE = "\"“‘'"
_CLOSE_QUOTE = "\"”’'"


@lru_cache(maxsize=8)
def _reporting_re(codes: tuple[str, ...]) -> re.Pattern[str]:
    """Speech attribution in the languages' own words (``quote_verbs`` of each pack):
    '," kata X' / ', ujarnya' after a quote or statement, 'X mengatakan, ...' / 'mengatakan bahwa'
    before one, 'dikutip dari X' for a quoted source."""
    from kronik.lang.base import pack_data

    after: set[str] = set()
    before: set[str] = set()
    comp: set[str] = set()
    sources: set[str] = set()
    clitics: set[str] = set()
    for code in codes:
        try:
            qv: Any = pack_data(code, "quote_verbs")
        except KeyError:
            continue
        after.update(qv.SAY_AFTER)
        before.update(qv.SAY_BEFORE)
        before.update(qv.INDIRECT_VERBS)
        comp.add(qv.COMPLEMENTIZER)
        sources.update(qv.QUOTED_SOURCE)
        if qv.CLITIC:
            clitics.add(qv.CLITIC)

    clitic = f"(?:{_alternation(clitics)})?" if clitics else ""
    return re.compile(
        rf"[,{re.escape(_CLOSE_QUOTE)}]\s*(?:\w+\s+){{0,2}}?(?:{_alternation(after)}){clitic}\b"
        rf"|\b(?:{_alternation(before)})\s*(?:[,:]|(?:{_alternation(comp)})\b)"
        rf"|\b(?:{_alternation(sources)})\b",
        re.IGNORECASE,
    )


def is_reporting(text: str, codes: tuple[str, ...] | None = None) -> bool:
    """A quote or reporting line: speech is attributed in it, or it opens with a quotation of
    three words or more that closes within the line."""
    codes = codes or tuple(p.code for p in all_packs())
    if text[:1] in _OPEN_QUOTE:
        close = max(text.rfind(q) for q in _CLOSE_QUOTE)
        if close > 0 and len(text[1:close].split()) >= 3:
            return True
    return _reporting_re(codes).search(text) is not None


def _trim_tail(out: list[LineVerdict], listed: set[int]) -> None:
    """After the last prose body line, short unpunctuated leftovers are page furniture.

    Items of a list the article announced ('Berikut daftarnya:') are not leftovers.
    """
    last_prose = max((k for k, v in enumerate(out) if v.keep and is_prose(v.text)), default=-1)
    for k in range(last_prose + 1, len(out)):
        v = out[k]
        if v.keep and k not in listed and not is_prose(v.text) and len(v.text.split()) <= 3 and not v.text.endswith(":"):
            v.keep, v.reason = False, "after-article"

"""Line-keeping baselines for ``kronik eval lines``: each maps a dump's lines to keep/drop.

Every function takes the page's non-empty, whitespace-normalised lines and
returns one bool per line (True = body).  They are measured on exactly the
lines our cleaner sees.
"""

from __future__ import annotations

import html as html_lib
import re
from collections import Counter
from functools import lru_cache

JUSTEXT_LANGUAGE = "Indonesian"
JUSTEXT_SETTINGS = (
    'justext.justext(html, justext.get_stoplist("Indonesian")) with its defaults: length_low=70, '
    "length_high=200, stopwords_low=0.30, stopwords_high=0.32, max_link_density=0.2, "
    "max_heading_distance=200, no_headings=False; each line one <p>, kept = not is_boilerplate"
)

# C4 (Raffel et al. 2020), as in tensorflow_datasets c4_utils.clean_page.
C4_MIN_WORDS_PER_LINE = 5
C4_MIN_NUM_SENTENCES = 3
C4_END_MARKS = (".", "?", "!", '"')
C4_ELLIPSIS = "..."
C4_POLICY_SUBSTRINGS = ("terms of use", "privacy policy", "cookie policy", "uses cookies", "use of cookies", "use cookies")
C4_CITATION = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s|$)")
C4_SETTINGS = (
    f"C4 clean_page rules: line ends in one of {''.join(C4_END_MARKS)} and not '...', >= {C4_MIN_WORDS_PER_LINE} words, "
    "no 'javascript', no policy strings (cookie/privacy/terms); a kept line with 'lorem ipsum' or '{' drops the page; "
    f"page dropped if < {C4_MIN_NUM_SENTENCES} sentences (regex sentence count instead of NLTK punkt); "
    "plus in-document repetition: every line occurring more than once in the page is dropped"
)


def keep_all(lines: list[str]) -> list[bool]:
    """Everything is body: the recall ceiling and the precision floor."""
    return [True] * len(lines)


@lru_cache(maxsize=1)
def _stoplist() -> frozenset[str]:
    import justext

    return frozenset(justext.get_stoplist(JUSTEXT_LANGUAGE))


def justext_lines(lines: list[str]) -> list[bool]:
    """jusText with the Indonesian stoplist, each line wrapped as one ``<p>``."""
    import justext

    if not lines:
        return []
    body = "".join(f"<p>{html_lib.escape(ln, quote=False)}</p>\n" for ln in lines)
    page = f'<!DOCTYPE html><html><head><meta charset="utf-8"><title></title></head><body>\n{body}</body></html>'
    paragraphs = justext.justext(page.encode("utf-8"), _stoplist(), encoding="utf-8")
    keep = [False] * len(lines)
    if len(paragraphs) == len(lines):
        for i, p in enumerate(paragraphs):
            keep[i] = not p.is_boilerplate
        return keep
    # jusText skipped or merged something: align by text, in order.
    j = 0
    for p in paragraphs:
        text = " ".join(p.text.split())
        k = j
        while k < len(lines) and " ".join(lines[k].split()) != text:
            k += 1
        if k < len(lines):
            keep[k] = not p.is_boilerplate
            j = k + 1
    return keep


def _c4_sentences(line: str) -> int:
    return max(1, len(_SENTENCE_END.findall(line)))


def c4_lines(lines: list[str]) -> list[bool]:
    """C4's line rules plus in-document repetition removal."""
    counts = Counter(lines)
    keep = [False] * len(lines)
    sentences = 0
    for i, raw in enumerate(lines):
        if counts[raw] > 1:
            continue
        line = C4_CITATION.sub("", raw.strip())
        if not line.endswith(C4_END_MARKS) or line.endswith(C4_ELLIPSIS):
            continue
        if len(line.split()) < C4_MIN_WORDS_PER_LINE:
            continue
        low = line.lower()
        if "lorem ipsum" in low:
            return [False] * len(lines)
        if "javascript" in low:
            continue
        if "{" in line:
            return [False] * len(lines)
        if any(p in low for p in C4_POLICY_SUBSTRINGS):
            continue
        sentences += _c4_sentences(line)
        keep[i] = True
    if sentences < C4_MIN_NUM_SENTENCES:
        return [False] * len(lines)
    return keep


BASELINES = {"keep_all": keep_all, "justext": justext_lines, "c4": c4_lines}
SETTINGS = {
    "keep_all": "every line is body",
    "justext": JUSTEXT_SETTINGS,
    "c4": C4_SETTINGS,
}

"""A small, transparent language guess for evaluation subsets (not used by the pipeline).

Script first (Cyrillic, Hangul, kana, Han, Arabic, Thai ...), then, for Latin
text, the language whose most frequent function words cover most tokens.  It
only has to tell English from the rest and find Indonesian pages in the HTML
benchmark; ``evaluate_extraction`` reports the resulting counts per language so
the split can be checked.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

_FUNCTION_WORDS: dict[str, frozenset[str]] = {
    "en": frozenset("the and of to is that with for was are this it have from which you be not by they".split()),
    "id": frozenset("yang dan di itu dengan untuk tidak ini dari dalam akan pada juga ke karena ada bisa atau oleh sudah".split()),
    "de": frozenset("der die und das ist nicht mit sich auch ein eine für auf den dem sind wir bei werden zu".split()),
    "pt": frozenset("não uma para com que os mais como mas foi ao das dos pelo pela são está também ele isso".split()),
    "es": frozenset("el los las del que una por con para es más pero como está son también fue sus lo se".split()),
    "it": frozenset("il della che di è per non una sono con gli del le nel alla anche più questo come ma".split()),
    "fr": frozenset("le la les des et est une dans pour que qui pas sur du au avec ce sont mais il".split()),
    "nl": frozenset("het een van en is niet dat op voor met zijn er maar ook te aan bij om wordt".split()),
}

_SCRIPTS = (
    ("HANGUL", "ko"), ("HIRAGANA", "ja"), ("KATAKANA", "ja"), ("CJK", "zh"), ("CYRILLIC", "cyrillic"),
    ("ARABIC", "ar"), ("THAI", "th"), ("HEBREW", "he"), ("GREEK", "el"), ("DEVANAGARI", "hi"),
)
_WORD = re.compile(r"\w+", re.UNICODE)


def _script_language(text: str) -> str | None:
    counts: Counter[str] = Counter()
    letters = 0
    for ch in text[:20000]:
        if not ch.isalpha():
            continue
        letters += 1
        if ord(ch) < 0x250:
            continue
        name = unicodedata.name(ch, "")
        for key, lang in _SCRIPTS:
            if name.startswith(key):
                counts[lang] += 1
                break
    if not letters or not counts:
        return None
    # Japanese mixes kana with Han: any real share of kana makes it Japanese.
    if counts["ja"] >= 0.05 * letters:
        return "ja"
    lang, n = counts.most_common(1)[0]
    return lang if n >= 0.3 * letters else None


def guess_language(text: str) -> str | None:
    """ISO-ish code of the text's language, ``None`` when there is too little to tell."""
    script = _script_language(text)
    if script:
        return script
    words = [w.lower() for w in _WORD.findall(text[:50000])]
    if len(words) < 5:
        return None
    scores = {lang: sum(w in fw for w in words) for lang, fw in _FUNCTION_WORDS.items()}
    best = max(scores, key=lambda k: scores[k])
    return best if scores[best] > 0 else None

"""The web UI's message catalogue (static/messages.json) covers every key the UI's code uses, in English and
in Indonesian (issue 16: the UI in both languages).  i18n.js falls back to English and then to the key
itself, so a missing key never breaks a page: it shows English or "search.foo" to an Indonesian reader.
This test is what makes a missing key fail.  No browser needed: the keys are read from the sources.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

STATIC = Path(__file__).resolve().parents[1] / "src" / "kronik" / "api" / "static"
LANGS = ("en", "id")
# t("key") / t('key', {...}) / tr("key"): the literal keys of every lookup.
CALL = re.compile(r"""(?<![\w.$])(?:t|tr|has)\(\s*["']([^"'$`]+)["']""")
# Message keys kept in tables and looked up later (SEARCH_SORTS, the upload preview's date orders and
# columns): any string literal "namespace.word" whose namespace is one of the catalogue's.
LITERAL = re.compile(r"""["']([a-z]+(?:\.[a-z_0-9]+)+)["']""")
# The static chrome in index.html: data-i18n, data-i18n-placeholder, data-i18n-label.
ATTR = re.compile(r"""data-i18n(?:-placeholder|-label)?="([^"]+)\"""")


def _catalogue() -> dict[str, dict]:
    return json.loads((STATIC / "messages.json").read_text(encoding="utf-8"))


def _used_keys() -> dict[str, set[str]]:
    """Each key the UI uses -> the files that use it."""
    cat = _catalogue()
    spaces = {k.split(".", 1)[0] for k in cat["en"] if "." in k}
    used: dict[str, set[str]] = {}
    for js in sorted(STATIC.glob("*.js")):
        if js.name == "i18n.js":  # the lookup itself: its comments show t("key") as an example
            continue
        src = js.read_text(encoding="utf-8")
        keys = set(CALL.findall(src)) | {k for k in LITERAL.findall(src) if k.split(".", 1)[0] in spaces}
        for k in keys:
            used.setdefault(k, set()).add(js.name)
    for k in ATTR.findall((STATIC / "index.html").read_text(encoding="utf-8")):
        used.setdefault(k, set()).add("index.html")
    return used


def test_the_scan_finds_the_keys_of_the_pages() -> None:
    """The scan itself works (a broken pattern would pass everything): keys of each translated page are found."""
    used = _used_keys()
    for key, where in [("home.title", "views.js"), ("search.sort_relevance", "views.js"), ("quotes.title", "quotes.js"),
                       ("fix.undo", "corrections.js"), ("upload.order_auto", "views.js"), ("nav.skip", "index.html")]:
        assert where in used.get(key, set()), f"{key} not found in {where}"
    assert len(used) > 150


@pytest.mark.parametrize("lang", LANGS)
def test_every_key_the_ui_uses_is_in_the_catalogue(lang: str) -> None:
    cat = _catalogue()[lang]
    missing = {k: sorted(files) for k, files in _used_keys().items() if k not in cat}
    assert not missing, f"keys missing from messages.json[{lang!r}]: {missing}"


def test_both_languages_have_the_same_messages_with_the_same_placeholders() -> None:
    """Indonesian has every English message and fills the same {placeholders}; only the plural nouns
    ("n.<word>") are Indonesian-only (English shows the word itself)."""
    cat = _catalogue()
    en, idn = cat["en"], cat["id"]
    assert sorted(set(en) - set(idn)) == []
    assert sorted(k for k in set(idn) - set(en) if not k.startswith("n.")) == []
    holes = re.compile(r"\{(\w+)\}")
    differ = {k: (en[k], idn[k]) for k in en if isinstance(en[k], str)
              and set(holes.findall(en[k])) != set(holes.findall(idn[k]))}
    assert not differ, differ

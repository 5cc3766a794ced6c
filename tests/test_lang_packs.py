"""Language packs: every table stated for every language, typed, and no language branches in the annotators."""

from __future__ import annotations

import dataclasses
import re
import types
from pathlib import Path

import pytest

from kronik.lang.base import LANGUAGES, LanguagePack, get_pack
from kronik.lang.words import NameWords, QuoteWords, SpeakerWords, TimeWords, TitleWords, load

SRC = Path(__file__).resolve().parents[1] / "src" / "kronik"
WORD_TABLES = {TimeWords: "time_words", QuoteWords: "quote_verbs", SpeakerWords: "speakers", TitleWords: "titles"}


def _walk(obj: object, path: str):
    """(path, value) of every field of a pack, nested word dataclasses included."""
    for f in dataclasses.fields(obj):  # type: ignore[arg-type]
        value = getattr(obj, f.name)
        if dataclasses.is_dataclass(value):
            yield from _walk(value, f"{path}.{f.name}")
        else:
            yield f"{path}.{f.name}", value


@pytest.mark.parametrize("code", LANGUAGES)
def test_every_field_is_filled_and_typed(code: str) -> None:
    pack = get_pack(code)
    assert isinstance(pack, LanguagePack) and pack.code == code
    assert isinstance(pack.time, TimeWords) and isinstance(pack.quote, QuoteWords)
    assert isinstance(pack.names, NameWords)
    for path, value in _walk(pack, code):
        assert value is not None or path.endswith((".teen_word", ".anaphoric_fallback")), path
        assert not isinstance(value, (list, set)), f"{path}: use tuples and frozensets (packs are shared, read-only)"
    # the tables every language has words for
    assert pack.stop_words and pack.months and pack.weekdays and pack.abbreviations and pack.aliases
    assert pack.time.units and pack.quote.say_after and pack.names.titles.titles and pack.names.speakers.role_words


@pytest.mark.parametrize("code", LANGUAGES)
@pytest.mark.parametrize("cls", list(WORD_TABLES), ids=lambda c: c.__name__)
def test_data_modules_state_every_table(code: str, cls: type) -> None:
    """Each word table is an explicit constant of the pack's data module (empty where the language has none)."""
    module = __import__(f"kronik.lang.{code}.{WORD_TABLES[cls]}", fromlist=["_"])
    missing = [f.name.upper() for f in dataclasses.fields(cls) if not hasattr(module, f.name.upper())]
    assert not missing


def test_a_missing_table_is_refused() -> None:
    module = types.ModuleType("kronik.lang.xx.titles")
    with pytest.raises(AttributeError, match="TITLES"):
        load(TitleWords, module)


LANG_BRANCH = re.compile(r"""\b(?:lang|code|language|lang\.code)\s*(?:==|!=|\bin\b|\bnot in\b)\s*[("']""")


@pytest.mark.parametrize("package", ["annotate", "pipeline.py", "extract", "summarize", "corpus", "io", "store", "api"])
def test_no_language_branches_outside_the_packs(package: str) -> None:
    """Language knowledge is pack data: code asks the pack, never ``if lang == "en"``."""
    root = SRC / package
    files = [root] if root.is_file() else sorted(root.rglob("*.py"))
    hits = [f"{p.relative_to(SRC)}:{i}: {line.strip()}" for p in files
            for i, line in enumerate(p.read_text("utf-8").splitlines(), 1)
            if LANG_BRANCH.search(line) and not line.lstrip().startswith("#")]
    assert not hits, "\n".join(hits)

"""Shared fixtures: the example corpus, the shared data folder (skipped when absent)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "examples" / "corpus"
SHARED = ROOT.parent / "shared" / "data"


@pytest.fixture(autouse=True)
def _no_ambient_env(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never depend on a user's proxy or locale settings."""
    for var in ("HTTP_PROXY", "HTTPS_PROXY", "http_proxy", "https_proxy"):
        monkeypatch.delenv(var, raising=False)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    if not (CORPUS / "labels.jsonl").is_file():
        pytest.skip("example corpus not present")
    return CORPUS


@pytest.fixture(scope="session")
def shared_data() -> Path:
    if not SHARED.is_dir():
        pytest.skip("../shared/data is absent")
    return SHARED


def pytest_configure(config: pytest.Config) -> None:
    os.environ.setdefault("KRONIK_TESTING", "1")


from conftest_pg import pg_server, pg_url  # noqa: E402,F401  (a throwaway PostgreSQL server: tests/conftest_pg.py)
from ui_helpers import driver, example_db, ui  # noqa: E402,F401  (headless Chromium, the example store, a watched UI: tests/ui_helpers.py)

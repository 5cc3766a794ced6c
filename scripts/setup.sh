#!/usr/bin/env bash
# Create .venv (if needed) and install Kronik with its test tools into it.
# Everything the project needs is installed here: Python packages from PyPI,
# and optional Debian packages (scripts/system-packages.sh) when we are root.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/system-packages.sh
PY="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[dev]" 2>&1 | grep -v "^WARNING: Location" || true
.venv/bin/python -c "import kronik, trafilatura, sqlalchemy, typer" # fail loudly if the install did not work
# Browser-test tools from npm (axe-core for the accessibility check): install time only, never at run time.
# Without npm the accessibility tests skip with the reason.
if command -v npm >/dev/null 2>&1; then
  npm ci --no-audit --no-fund --silent || echo "npm ci failed: the accessibility tests will skip" >&2
fi

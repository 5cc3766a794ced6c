#!/usr/bin/env bash
# Debian packages Kronik uses beyond PyPI, installed when missing and when we can
# (root with apt-get). None is needed for the main job; each only widens what the
# tests and evaluations can do, and they skip cleanly without it:
#   postgresql                          the server option, for the API tests against PostgreSQL
#   chromium chromium-driver            headless browser tests of the web UI
# KRONIK_SKIP_SYSTEM=1 skips this step.
set -uo pipefail
PACKAGES=(postgresql chromium chromium-driver)
[ "${KRONIK_SKIP_SYSTEM:-0}" = "1" ] && exit 0
command -v dpkg-query >/dev/null 2>&1 || exit 0
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
SUDO=""
if [ "$(id -u)" != "0" ]; then
  if command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo -n"; else
    echo "note: cannot install Debian packages (${missing[*]}) without root; the tests that need them will skip" >&2
    exit 0
  fi
fi
echo "installing Debian packages: ${missing[*]}" >&2
export DEBIAN_FRONTEND=noninteractive
if ! $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1; then
  $SUDO apt-get update -qq >/dev/null 2>&1 || true
  $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null 2>&1 \
    || echo "note: could not install ${missing[*]}; the tests that need them will skip" >&2
fi
exit 0

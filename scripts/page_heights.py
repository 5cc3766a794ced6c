"""Page heights (CSS px) of the web UI on a store, as a person scrolls them: the home page, the story with the
most articles, a search, on a desktop (1280 px) and a phone (390 px) window, measured in headless Chromium.

    python scripts/page_heights.py --db kronik.db [--query gempa] [--json]

It starts ``kronik serve`` from the ``kronik`` package first on ``PYTHONPATH`` on a free loopback port, so
running it twice with two checkouts gives a before/after comparison on the same store."""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from ui_helpers import UI, chrome, get_json, quit_chrome, serve


def measure(db: Path, query: str) -> dict[str, dict[str, int]]:
    data = Path(tempfile.mkdtemp(prefix="kronik-heights-")) / "data"
    data.mkdir()
    out: dict[str, dict[str, int]] = {}
    with serve(db, data) as base:
        stories = get_json(f"{base}/api/stories?limit=200")["results"]
        biggest = max(stories, key=lambda s: s["n_articles"])
        pages = {"home": "#/", f"story ({biggest['n_articles']} articles)": f"#/story/{biggest['id']}",
                 f"search '{query}'": f"#/search?q={query}"}
        for device, (w, h) in {"desktop": (1280, 900), "phone": (390, 844)}.items():
            driver = chrome(w, h)
            try:
                ui = UI(driver, base)
                for name, route in pages.items():
                    ui.open(route)
                    out.setdefault(name, {})[device] = int(driver.execute_script(
                        "return Math.max(document.documentElement.scrollHeight, document.body.scrollHeight);"))
            finally:
                quit_chrome(driver)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--db", type=Path, required=True)
    ap.add_argument("--query", default="gempa")
    ap.add_argument("--json", action="store_true", help="one JSON object instead of the table")
    args = ap.parse_args()
    heights = measure(args.db, args.query)
    if args.json:
        print(json.dumps(heights))
    else:
        print(f"{'page':32} {'desktop px':>11} {'phone px':>9}")
        for name, h in heights.items():
            print(f"{name:32} {h['desktop']:>11} {h['phone']:>9}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""WCAG 2.x contrast ratios of the UI's text colours on its backgrounds, read from app.css (light and dark
themes): ``python scripts/contrast.py [CSS]`` prints one line per pair and exits 1 if a pair is below 4.5:1."""

from __future__ import annotations

import re
import sys
from pathlib import Path

CSS = Path(__file__).resolve().parents[1] / "src" / "kronik" / "api" / "static" / "app.css"
TEXT = ("--ink", "--ink-2", "--muted")
BACKGROUNDS = ("--bg", "--surface", "--band")


def luminance(hex_colour: str) -> float:
    rgb = [int(hex_colour[i:i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def ratio(fg: str, bg: str) -> float:
    hi, lo = sorted((luminance(fg), luminance(bg)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


def themes(css: str) -> dict[str, dict[str, str]]:
    """The custom properties of the first ``:root`` block (light) and of the dark-scheme block."""
    out = {}
    light = re.search(r":root\s*{(.*?)}", css, re.S)
    dark = re.search(r"prefers-color-scheme:\s*dark\)\s*{\s*:root\s*{(.*?)}", css, re.S)
    for name, m in (("light", light), ("dark", dark)):
        if m:
            out[name] = dict(re.findall(r"(--[\w-]+):\s*(#[0-9a-fA-F]{6})\s*;", m.group(1)))
    return out


def main(argv: list[str]) -> int:
    css = Path(argv[0]).read_text() if argv else CSS.read_text()
    worst = 99.0
    for theme, props in themes(css).items():
        for fg in TEXT:
            for bg in BACKGROUNDS:
                if fg in props and bg in props:
                    r = ratio(props[fg], props[bg])
                    worst = min(worst, r)
                    print(f"{theme:5} {fg:8} {props[fg]} on {bg:9} {props[bg]}: {r:.2f}:1{'' if r >= 4.5 else '  BELOW AA'}")
    return 0 if worst >= 4.5 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

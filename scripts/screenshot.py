"""Render the shipped catalogue's standalone page in Chromium and save docs/case-reviews.png.

Run: .venv/bin/python scripts/screenshot.py   (needs Debian's chromium and the test extras)
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from mkcat.cli import main  # noqa: E402

from browser import page  # noqa: E402 - the tests' own Chromium launcher


def run() -> None:
    with tempfile.TemporaryDirectory() as folder:
        html = Path(folder) / "case-reviews.html"
        code = main(["export", "-c", str(ROOT / "catalogue.toml"), "-f", "html", "--standalone", "-o", str(html)])
        if code:
            sys.exit(code)
        with page() as tab:
            tab.goto(html.as_uri())
            tab.screenshot(path=ROOT / "docs" / "case-reviews.png", full_page=True)


if __name__ == "__main__":
    run()

"""The exported page in a real browser: Debian's Chromium, checked by axe-core for WCAG 2.1 AA."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from browser import page
from conftest import DATA, SHIPPED, Result

Mkcat = Callable[..., Result]
pytestmark = pytest.mark.browser
WCAG_21_AA = {
    "runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]},
    "resultTypes": ["violations"],
}


def standalone(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> Path:
    output = tmp_path / "case-reviews.html"
    result = mkcat("export", "-c", catalogue, "-f", "html", "--standalone", "--as-of", "2026-11-26", "-o", output)
    assert result.code == 0, result.err
    return output


def test_the_shipped_page_passes_axe_in_chromium(mkcat: Mkcat, tmp_path: Path) -> None:
    from axe_playwright_python.sync_playwright import Axe

    output = standalone(mkcat, SHIPPED, tmp_path)
    with page() as tab:
        tab.goto(output.as_uri())
        assert tab.title() == "Case Reviews – MK Together Partnership"
        assert tab.evaluate("document.documentElement.lang") == "en-GB"
        assert tab.evaluate("document.characterSet") == "UTF-8"
        results = Axe().run(tab, options=WCAG_21_AA)
        assert results.violations_count == 0, results.generate_report()
        links = tab.locator("main a").all_inner_texts()
        assert "Child K CSPR report (PDF)" in links and len(links) == 13
        assert tab.locator("h3").count() == 11
        tab.screenshot(path=tmp_path / "page.png", full_page=True)
    assert (tmp_path / "page.png").stat().st_size > 10_000


def test_hostile_text_stays_text_in_the_browser(mkcat: Mkcat, tmp_path: Path) -> None:
    output = standalone(mkcat, DATA / "golden" / "catalogue.toml", tmp_path)
    dialogs: list[str] = []
    with page() as tab:
        tab.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
        tab.goto(output.as_uri())
        assert tab.evaluate("document.querySelectorAll('script').length") == 0
        heading = tab.locator("#mkcat-review-child-x-cspr h3").inner_text()
        assert heading.startswith("Child X <script>alert(\"x\")</script> & 'quotes'")
    assert dialogs == []

"""`mkcat export`: only public reviews, in page order, escaped, the same bytes every time."""

from __future__ import annotations

import csv
import html.parser
import io
import json
import re
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from conftest import DATA, SEED_PAGE, SHIPPED, Result, assert_one_line_error

Mkcat = Callable[..., Result]
GOLDEN = DATA / "golden"
AS_OF = "2026-11-26"
SECRETS = (
    "SECRET",
    "DRAFT-REVIEW-TITLE",
    "WITHDRAWN-REVIEW-TITLE",
    "EMBARGOED-REVIEW-TITLE",
    "child-z-draft",
    "adult-w-sar",
)

PAGE = [(title, iso, shown) for _, title, iso, shown in SEED_PAGE]


def export(mkcat: Mkcat, catalogue: Path, fmt: str, *args: str) -> str:
    result = mkcat("export", "-c", catalogue, "--format", fmt, *args)
    assert result.code == 0, result.err
    return result.out


# --- the golden files: reviewed by eye once, then kept ---------------------------------------


@pytest.mark.parametrize(
    ("fmt", "args", "golden"),
    [
        ("html", [], "expected.html"),
        ("html", ["--standalone"], "expected-standalone.html"),
        ("csv", [], "expected.csv"),
        ("json", [], "expected.json"),
    ],
)
def test_golden(mkcat: Mkcat, tmp_path: Path, fmt: str, args: list[str], golden: str) -> None:
    output = tmp_path / golden
    result = mkcat("export", "-c", GOLDEN / "catalogue.toml", "--format", fmt, "--as-of", AS_OF, "-o", output, *args)
    assert result.code == 0, result.err
    assert output.read_bytes() == (GOLDEN / golden).read_bytes()


@pytest.mark.parametrize("fmt", ["html", "csv", "json"])
def test_drafts_withdrawn_embargoed_and_notes_never_appear(mkcat: Mkcat, fmt: str) -> None:
    text = export(mkcat, GOLDEN / "catalogue.toml", fmt, "--as-of", AS_OF)
    for secret in SECRETS:
        assert secret not in text
    assert "Adult V SAR report" in text


@pytest.mark.parametrize("fmt", ["html", "csv", "json"])
def test_an_embargoed_review_appears_on_its_day(mkcat: Mkcat, fmt: str) -> None:
    catalogue = GOLDEN / "catalogue.toml"
    assert "EMBARGOED-REVIEW-TITLE" not in export(mkcat, catalogue, fmt, "--as-of", "2027-02-28")
    assert "EMBARGOED-REVIEW-TITLE" in export(mkcat, catalogue, fmt, "--as-of", "2027-03-01")


def test_the_same_catalogue_gives_the_same_bytes(mkcat: Mkcat) -> None:
    for fmt in ("html", "csv", "json"):
        assert export(mkcat, SHIPPED, fmt, "--as-of", AS_OF) == export(mkcat, SHIPPED, fmt, "--as-of", AS_OF)


# --- the shipped catalogue reproduces the seed page ---------------------------------------------


class _Listing(html.parser.HTMLParser):
    """The page as a reader meets it: headings, review titles, dates and links, in order."""

    def __init__(self) -> None:
        super().__init__()
        self.items: list[tuple[str, str]] = []
        self._tag: str | None = None
        self._attrs: dict[str, str | None] = {}
        self._text = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("h1", "h2", "h3", "time", "a", "figcaption"):
            self._tag, self._attrs, self._text = tag, dict(attrs), ""

    def handle_data(self, data: str) -> None:
        self._text += data

    def handle_endtag(self, tag: str) -> None:
        if tag == self._tag:
            value = f"{self._attrs.get('datetime')}|{self._text}" if tag == "time" else self._text
            self.items.append((tag, value))
            self._tag = None


def test_html_reproduces_the_seed_page(mkcat: Mkcat) -> None:
    parser = _Listing()
    parser.feed(export(mkcat, SHIPPED, "html", "--as-of", AS_OF))
    items = parser.items
    assert [text for tag, text in items if tag in ("h1", "h2")] == [
        "Case Reviews",
        "Child Safeguarding Practice Review/Serious Case Review Reports",
        "MK DHR reports published:",
        "MK SAR reports published:",
        "NSPCC National SCR/CSPR Repository",
    ]
    titles = [text for tag, text in items if tag == "h3"]
    times = [text.split("|") for tag, text in items if tag == "time"]
    assert list(zip(titles, [iso for iso, _ in times], [shown for _, shown in times], strict=True)) == PAGE
    assert (
        "figcaption",
        "Publication Statement, February 2022 on behalf of the MK Together Safeguarding Partners",
    ) in items
    assert ("a", "Child K CSPR report (PDF)") in items
    assert ("a", "nspcc serious case review repository") in items


def test_csv_and_json_list_the_page_in_order(mkcat: Mkcat) -> None:
    rows = list(csv.DictReader(io.StringIO(export(mkcat, SHIPPED, "csv", "--as-of", AS_OF), newline="")))
    assert [(r["title"], r["published"], r["published_display"]) for r in rows] == PAGE
    document = json.loads(export(mkcat, SHIPPED, "json", "--as-of", AS_OF))
    assert [(r["title"], r["published"], r["published_display"]) for r in document["reviews"]] == PAGE
    assert list(document) == ["schema_version", "as_of", "site", "sections", "reviews"]


def test_json_export_matches_its_schema(mkcat: Mkcat) -> None:
    schema = json.loads(mkcat("schema", "--export").out)
    jsonschema.Draft7Validator.check_schema(schema)
    for catalogue in (SHIPPED, GOLDEN / "catalogue.toml"):
        jsonschema.validate(json.loads(export(mkcat, catalogue, "json", "--as-of", AS_OF)), schema)


# --- hostile text ----------------------------------------------------------------------------


def test_markup_is_escaped_in_html(mkcat: Mkcat) -> None:
    page = export(mkcat, GOLDEN / "catalogue.toml", "html", "--as-of", AS_OF)
    assert "<script>" not in page and "&lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt;" in page
    assert "&amp; &#39;quotes&#39;" in page
    assert "Use the &lt;contact&gt; form" in page


def test_formulas_are_neutralised_in_csv(mkcat: Mkcat) -> None:
    rows = list(csv.reader(io.StringIO(export(mkcat, GOLDEN / "catalogue.toml", "csv", "--as-of", AS_OF), newline="")))
    for row in rows:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    header = rows[0]
    first = dict(zip(header, rows[1], strict=True))
    assert first["summary"].startswith("'-2 agencies")
    assert first["title"].startswith("Child X <script>")  # text kept as written, only guarded where it starts
    assert dict(zip(header, rows[2], strict=True))["summary"] == "'+44 is not a formula"


def test_a_title_that_is_a_formula_is_guarded(mkcat: Mkcat, catalogue: Path) -> None:
    assert (
        mkcat("edit", "child-g-cspr", "-c", catalogue, "--title", '=HYPERLINK("http://evil.example","Click")').code == 0
    )
    rows = list(csv.DictReader(io.StringIO(export(mkcat, catalogue, "csv", "--as-of", AS_OF), newline="")))
    assert rows[1]["title"] == '\'=HYPERLINK("http://evil.example","Click")'


def test_csv_is_rfc4180_and_excel_gets_a_bom(mkcat: Mkcat, tmp_path: Path) -> None:
    output = tmp_path / "reviews.csv"
    assert mkcat("export", "-c", SHIPPED, "-f", "csv", "--excel", "-o", output, "--as-of", AS_OF).code == 0
    raw = output.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfid,section,kind,kind_name,title,")
    assert raw.endswith(b"\r\n") and b'"Child K, Multi-Agency' in raw


# --- refusals and output --------------------------------------------------------------------


def test_a_catalogue_with_errors_is_not_exported(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    catalogue.write_text(
        catalogue.read_text().replace('url = "/case-reviews/child-g-cspr-report.pdf"', 'url = "javascript:alert(1)"')
    )
    output = tmp_path / "out.html"
    result = mkcat("export", "-c", catalogue, "-f", "html", "-o", output)
    assert result.code == 1
    assert "error E011 child-g-cspr" in result.err
    assert result.out == "" and not output.exists()


def test_output_replaces_the_file_atomically(mkcat: Mkcat, tmp_path: Path) -> None:
    output = tmp_path / "reviews.json"
    output.write_text("old")
    assert mkcat("export", "-c", SHIPPED, "-f", "json", "-o", output).code == 0
    assert json.loads(output.read_text())["reviews"][0]["id"] == "child-k-cspr"
    assert [p.name for p in tmp_path.iterdir()] == ["reviews.json"]


def test_output_into_a_missing_folder_is_one_clear_line(mkcat: Mkcat, tmp_path: Path) -> None:
    assert_one_line_error(
        mkcat("export", "-c", SHIPPED, "-f", "json", "-o", tmp_path / "no" / "x.json"), 1, "cannot write"
    )


# --- the web team's own template ------------------------------------------------------------


def test_own_template_is_autoescaped_and_sees_no_notes(mkcat: Mkcat, tmp_path: Path) -> None:
    template = tmp_path / "mine.html"
    template.write_text(
        "{% for r in reviews %}<p data-notes='{{ r.notes | default(\"none\") }}'>{{ r.title }}</p>\n{% endfor %}"
    )
    page = export(mkcat, GOLDEN / "catalogue.toml", "html", "--as-of", AS_OF, "--template", str(template))
    assert page.count("<p ") == 3
    assert "data-notes='none'" in page and "SECRET" not in page
    assert "&lt;script&gt;" in page


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("{{ ''.__class__.__mro__ }}", "unsafe"),
        ("{% for r in reviews %}", "line 1"),
        ("{{ nothing.here }}", "undefined"),
    ],
)
def test_own_template_is_sandboxed(mkcat: Mkcat, tmp_path: Path, source: str, message: str) -> None:
    template = tmp_path / "mine.html"
    template.write_text(source)
    result = mkcat("export", "-c", SHIPPED, "-f", "html", "--template", template)
    assert result.code == 2 and re.search(message, result.err, re.I), result.err
    assert "Traceback" not in result.err


@pytest.mark.parametrize("name", ["catalogue.toml", "catalogue.toml.bak", "catalogue.toml.lock"])
def test_export_never_overwrites_the_catalogue(mkcat: Mkcat, catalogue: Path, name: str) -> None:
    before = catalogue.read_bytes()
    result = mkcat("export", "-c", catalogue, "-f", "csv", "-o", catalogue.parent / name)
    assert_one_line_error(result, 2, "is the catalogue's own file")
    assert catalogue.read_bytes() == before


def test_own_template_cannot_include_the_catalogue(mkcat: Mkcat, catalogue: Path) -> None:
    template = catalogue.parent / "mine.html"
    template.write_text('{% include "catalogue.toml" %}')
    result = mkcat("export", "-c", catalogue, "-f", "html", "--template", template)
    assert_one_line_error(result, 2, "a template may not include other files")
    assert "notes" not in result.out


@pytest.mark.parametrize(
    ("source", "message"),
    [
        ("line one\n{{ 1 / 0 }}", "line 2: ZeroDivisionError"),
        ('{{ "javascript:alert(1)" | href }}', "refusing to link"),
        ("{{ reviews[0].title | wordwrap(-1) }}", "ValueError"),
    ],
)
def test_own_template_failures_are_one_line(mkcat: Mkcat, tmp_path: Path, source: str, message: str) -> None:
    template = tmp_path / "mine.html"
    template.write_text(source)
    assert_one_line_error(mkcat("export", "-c", SHIPPED, "-f", "html", "--template", template), 2, message)

"""The checks behind `validate`: every code, where it is reported, and how the command reports it."""

from __future__ import annotations

import copy
import datetime as dt
import json
import re
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings

from mkcat.checks import CHECKS, Problem, Severity, run_checks, url_problem
from mkcat.store import render

from conftest import DATA, SHIPPED, Result, assert_one_line_error, run_mkcat
from strategies import catalogues

Mkcat = Callable[..., Result]
AS_OF = dt.date(2026, 11, 26)
PLANTED = DATA / "planted-errors.toml"


def shipped() -> dict[str, Any]:
    return tomllib.loads(SHIPPED.read_text())


def codes(problems: list[Problem], severity: Severity | None = None) -> list[str]:
    return [p.code for p in problems if severity is None or p.severity is severity]


def test_the_shipped_catalogue_has_no_errors() -> None:
    problems = run_checks(shipped(), as_of=AS_OF, today=AS_OF)
    assert codes(problems, Severity.ERROR) == []
    assert codes(problems) == ["W002"] * 11  # the page gives no file sizes


def test_planted_errors_are_all_reported_each_at_its_line(mkcat: Mkcat) -> None:
    expected = set()
    for number, line in enumerate(PLANTED.read_text().splitlines(), start=1):
        if marker := re.search(r"# expect: (.*)$", line):
            expected.update((number, code) for code in marker.group(1).split())
    assert len(expected) >= 10
    result = mkcat("validate", "-c", PLANTED, "--as-of", "2026-11-26", "--format", "json")
    assert result.code == 1
    report = json.loads(result.out)
    found = {(p["line"], p["code"]) for p in report["problems"] if p["severity"] == "error"}
    assert found == expected
    assert report["valid"] is False and report["errors"] == len(expected)


def test_json_report_shape(mkcat: Mkcat) -> None:
    report = json.loads(mkcat("validate", "-c", SHIPPED, "--format", "json").out)
    assert list(report) == ["valid", "errors", "warnings", "problems"]
    assert report["valid"] is True and report["errors"] == 0 and report["warnings"] == 11
    first = report["problems"][0]
    assert list(first) == ["severity", "code", "review", "field", "line", "message"]
    assert first == {
        "severity": "warning",
        "code": "W002",
        "review": "child-k-cspr",
        "field": "documents[0]",
        "line": 77,
        "message": 'no size_bytes: readers should see the size ("PDF, 1.2 MB") before they download',
    }


def test_text_report_lines_and_summary(mkcat: Mkcat, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(DATA)
    result = mkcat("validate", "-c", PLANTED.name, "--as-of", "2026-11-26")
    lines = result.out.splitlines()
    assert lines[0] == (
        "planted-errors.toml:11: error E013 kinds.DHR: kind `DHR` is in no section, so its reviews would appear nowhere"
    )
    assert lines[-1] == "planted-errors.toml: 15 errors, 0 warnings; fails"
    assert "\x1b[" not in result.out


def test_warnings_alone_pass_unless_strict(mkcat: Mkcat) -> None:
    assert mkcat("validate", "-c", SHIPPED).code == 0
    strict = mkcat("validate", "-c", SHIPPED, "--strict")
    assert strict.code == 1
    assert strict.out.splitlines()[-1].endswith("0 errors, 11 warnings; fails")


@pytest.mark.parametrize("content", [b"schema_version = 1\n[site\n", b'title = "\xff"\n'])
def test_an_unreadable_file_exits_2_with_one_line(tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "catalogue.toml"
    path.write_bytes(content)
    assert_one_line_error(run_mkcat("validate", "-c", path, "--format", "json"), 2, str(path))


# --- each check, from one change to the shipped catalogue -----------------------------------


def _review(data: dict[str, Any], index: int = 0) -> dict[str, Any]:
    review: dict[str, Any] = data["reviews"][index]
    return review


def _set(path: str, value: Any) -> Callable[[dict[str, Any]], None]:
    """A change: set a dotted path (numbers index lists) to `value`, or delete it when value is ..."""

    def change(data: dict[str, Any]) -> None:
        *parents, last = [int(p) if p.isdigit() else p for p in path.split(".")]
        target: Any = data
        for part in parents:
            target = target[part]
        if value is ...:
            del target[last]
        elif isinstance(target, list) and last == len(target):
            target.append(value)
        else:
            target[last] = value

    return change


def _both(*changes: Callable[[dict[str, Any]], None]) -> Callable[[dict[str, Any]], None]:
    def change(data: dict[str, Any]) -> None:
        for each in changes:
            each(data)

    return change


CASES: list[tuple[str, Callable[[dict[str, Any]], None], str | None, str]] = [
    ("E001", _set("schema_version", 2), "schema_version", "schema_version 2 is not one mkcat reads"),
    ("E002", _set("reviews.0.titel", "x"), "titel", "did you mean `title`?"),
    ("E002", _set("site.colour", "red"), "site.colour", "known fields: title, publisher"),
    ("E003", _set("reviews.0.title", ...), "title", "`title` is missing"),
    ("E003", _set("reviews.0.title", "   "), "title", "`title` is empty"),
    ("E003", _set("site", {}), "site.title", "`title` is missing"),
    (
        "E004",
        _set("reviews.0.documents.0.size_bytes", "1.2 MB"),
        "documents[0].size_bytes",
        "must be a whole number, not text",
    ),
    ("E004", _set("reviews.0.published", 2022), "published", "must be a date in quotes"),
    ("E004", _set("reviews.0.tags", ["ok", 3]), "tags[1]", "must be text in quotes, not a number"),
    ("E004", _set("mkcat.commit", "yes"), "mkcat.commit", "must be true or false"),
    ("E005", _set("reviews.0.id", "child k"), "id", "must be lowercase letters"),
    ("E005", _set("reviews.0.id", "a--b"), "id", "single hyphens"),
    ("E005", _set("sections.0.key", "Children"), "sections[0].key", "section key"),
    ("E006", _set("reviews.1.id", "child-k-cspr"), "id", "review #1 has this id too"),
    ("E006", _set("sections.1.key", "children"), "sections[1].key", "two sections have the key `children`"),
    ("E007", _set("reviews.0.kind", "CPSR"), "kind", "did you mean `CSPR`?"),
    ("E008", _set("reviews.0.published", "2021-13"), "published", "month 13 does not exist"),
    ("E008", _set("reviews.0.published", "28/02/2022"), "published", "write YYYY, YYYY-MM or YYYY-MM-DD"),
    ("E008", _set("reviews.0.withdrawn_on", "2022-02-30"), "withdrawn_on", "does not exist"),
    ("E009", _set("reviews.0.published", "2027"), "published", "an embargo needs the full day"),
    ("E010", _set("reviews.0.documents", []), "documents", "published, but has no document"),
    ("E011", _set("reviews.0.documents.0.url", "file:///C:/reports/k.pdf"), "documents[0].url", "`file:` link"),
    ("E011", _set("site.links.0.url", "data:text/html,<b>x</b>"), "site.links[0].url", "`data:` link"),
    ("E011", _set("reviews.0.documents.0.url", "https://"), "documents[0].url", "no host name"),
    (
        "E012",
        _both(_set("reviews.0.status", "withdrawn"), _set("reviews.0.withdrawn_reason", "superseded")),
        "withdrawn_on",
        "withdrawn, but has no withdrawn_on",
    ),
    (
        "E012",
        _both(
            _set("reviews.0.status", "withdrawn"),
            _set("reviews.0.withdrawn_on", "2023-01-01"),
            _set("reviews.0.withdrawn_reason", "  "),
        ),
        "withdrawn_reason",
        "withdrawn, but has no withdrawn_reason",
    ),
    ("E013", _set("kinds.TRAINING", "Training pack"), "kinds.TRAINING", "kind `TRAINING` is in no section"),
    (
        "E014",
        _set("sections.1.kinds", ["DHR", "SAR"]),
        "sections[2].kinds[0]",
        "kind `SAR` is in sections `dhr` and `sar`",
    ),
    ("E015", _set("sections.1.kinds", ["DHR", "HOMICIDE"]), "sections[1].kinds[1]", "lists kind `HOMICIDE`"),
    ("E016", _set("reviews.0.status", "Published"), "status", "status `Published` is not draft"),
    ("E017", _set("reviews.0.title", "Child K\nCSPR"), "title", "holds a line break at character 8"),
    ("E017", _set("reviews.0.summary", "bell \x07"), "summary", "control character U+0007"),
    ("E017", _set("reviews.0.tags", ["ok", "\u2028"]), "tags[1]", "a line break"),
    ("E018", _set("reviews.0.title", "x" * 501), "title", "501 characters long; the limit is 500"),
    ("E018", _set("reviews.0.statement", "x" * 100_000), "statement", "100,000 characters long"),
    ("E018", _set("reviews.0.documents.0.size_bytes", -5), "documents[0].size_bytes", "not a plausible file size"),
    ("W001", _set("reviews.0.documents.0.url", "http://example.org/k.pdf"), "documents[0].url", "is not secure"),
    (
        "W002",
        _set("reviews.0.documents.1", {"title": "Easy read", "url": "/k-easy-read.pdf"}),
        "documents[1]",
        "no size_bytes",
    ),
    (
        "W003",
        _set("reviews.1.documents.0.url", "/case-reviews/child-k-cspr-report.pdf"),
        "documents[0].url",
        "also a document of `child-k-cspr`",
    ),
    ("W004", _set("reviews.1.title", "child k  CSPR report"), "title", "also the title of `child-k-cspr`"),
    ("W005", _set("reviews.0.published", "2027-01-15"), "published", "goes live on 15 January 2027, in 50 days"),
    (
        "W006",
        _set("site.retention_months", 100),
        "published",
        "published 2018, more than site.retention_months (100) ago",
    ),
    ("W007", _set("reviews.0.summary", "Lived near MK9 3EJ"), "summary", "looks like a UK postcode ('MK9 3EJ')"),
    ("W007", _set("reviews.0.statement", "Contact j.smith@example.org"), "statement", "an email address"),
    ("W007", _set("reviews.0.tags", ["born 3 March 2009"]), "tags[0]", "a date of birth"),
    ("W007", _set("reviews.0.subject", "Child K (DOB 01/02/2009)"), "subject", "a date of birth"),
    (
        "W008",
        _set("reviews.0.documents.0.url", "/case-reviews/child-k"),
        "documents[0].format",
        "cannot tell the format",
    ),
]


@pytest.mark.parametrize(
    ("code", "change", "field", "message"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)]
)
def test_each_check(code: str, change: Callable[[dict[str, Any]], None], field: str | None, message: str) -> None:
    data = shipped()
    before = {(p.code, p.review, p.field) for p in run_checks(data, as_of=AS_OF, today=AS_OF)}
    change(data)
    new = [p for p in run_checks(data, as_of=AS_OF, today=AS_OF) if (p.code, p.review, p.field) not in before]
    assert [(p.code, p.field) for p in new if p.code == code] == [(code, field)], new
    assert message in next(p.message for p in new if p.code == code)
    assert CHECKS[code].severity is (Severity.ERROR if code.startswith("E") else Severity.WARNING)


def test_every_code_is_tested() -> None:
    tested = {case[0] for case in CASES} | {"E019", "W009"}  # the last two: tests/test_links.py
    assert tested == set(CHECKS)


def test_a_review_without_an_id_is_named_by_its_position() -> None:
    data = shipped()
    del _review(data, 2)["id"]
    problems = run_checks(data, as_of=AS_OF, today=AS_OF)
    assert [(p.code, p.review, p.message) for p in problems if p.code == "E003"] == [
        ("E003", None, "review #3: `id` is missing: unique, [a-z0-9-]; never changes once published")
    ]


def test_withdrawn_reviews_are_not_checked_for_identifying_text() -> None:
    data = shipped()
    review = _review(data)
    review.update(status="withdrawn", withdrawn_on="2023-01-01", withdrawn_reason="superseded", summary="MK9 3EJ")
    assert "W007" not in codes(run_checks(data, as_of=AS_OF, today=AS_OF))


def test_drafts_need_no_documents() -> None:
    data = shipped()
    _review(data).update(status="draft", documents=[])
    assert codes(run_checks(data, as_of=AS_OF, today=AS_OF), Severity.ERROR) == []


def test_an_embargo_ends_on_its_day() -> None:
    data = shipped()
    _review(data)["published"] = "2026-12-01"
    assert "W005" in codes(run_checks(data, as_of=dt.date(2026, 11, 30)))
    assert "W005" not in codes(run_checks(data, as_of=dt.date(2026, 12, 1)))


@pytest.mark.parametrize(
    "text",
    ["Child K", "MK Together Safeguarding Partners", "born in Milton Keynes", "a 2021 review of 12 cases", "SE1"],
)
def test_ordinary_text_is_not_taken_for_identifying(text: str) -> None:
    data = shipped()
    _review(data)["summary"] = text
    assert "W007" not in codes(run_checks(data, as_of=AS_OF, today=AS_OF))


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "\x01javascript:alert(1)",
        "java\u200bscript:alert(1)",
        "jav&#x09;ascript:alert(1)",
        "data:text/html;base64,PHNjcmlwdD4=",
        "DATA:text/html,x",
        "file:///etc/passwd",
        "vbscript:msgbox(1)",
        "VBScript:msgbox(1)",
        "//evil.example/x.pdf",
        "/\\evil.example/x.pdf",
        "https://exa mple.org/x.pdf",
        "reports/k.pdf",
        "ftp://example.org/k.pdf",
        "https://[oops/a.pdf",  # a malformed IPv6 host: urlsplit raises
        "",
    ],
)
def test_unsafe_urls_are_refused(url: str) -> None:
    assert url_problem(url) is not None


@pytest.mark.parametrize(
    "url", ["https://example.org/a.pdf", "http://example.org/a.pdf", "HTTPS://EXAMPLE.ORG/A.PDF", "/case-reviews/k.pdf"]
)
def test_safe_urls_pass(url: str) -> None:
    assert url_problem(url) is None


def test_validate_reads_the_file_mkcat_wrote(tmp_path: Path, mkcat: Mkcat) -> None:
    data = copy.deepcopy(shipped())
    _review(data)["title"] = 'Child K <script>alert(1)</script> =HYPERLINK("x")'
    path = tmp_path / "catalogue.toml"
    path.write_text(render(data))
    assert mkcat("validate", "-c", path).code == 0


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ('title = """\nChild K\nCSPR report"""', "E017"),  # a line break with no escape to give it away
        ('title = "Child K\\u0007"', "E017"),
        ('title = "Child K\\r"', "E017"),
        ('title = "Child G CSPR report"\nsummary = "tab\\there is fine"', None),
        ('title = "Child G CSPR report"\nsummary = "C:\\\\users\\\\k"', None),  # an escaped backslash, then u
    ],
)
def test_control_characters_are_found_however_the_file_writes_them(
    tmp_path: Path, mkcat: Mkcat, written: str, code: str | None
) -> None:
    text = SHIPPED.read_text().replace('title = "Child G CSPR report"', written, 1)
    path = tmp_path / "catalogue.toml"
    path.write_text(text.replace("\n", "\r\n"))  # CRLF line ends, as Windows editors write them
    report = json.loads(mkcat("validate", "-c", path, "--format", "json").out)
    found = [p["code"] for p in report["problems"] if p["severity"] == "error"]
    assert found == ([code] if code else [])


@settings(max_examples=80, deadline=None)
@given(data=catalogues())
def test_errors_only_mode_finds_the_same_errors(data: dict[str, Any]) -> None:
    """list, show and export skip the checks that only warn; they must not miss an error."""
    full = run_checks(data, as_of=AS_OF, today=AS_OF)
    quick = run_checks(data, as_of=AS_OF, warnings=False, today=AS_OF)
    assert [p for p in quick if p.severity is Severity.WARNING] == []
    assert quick == [p for p in full if p.severity is Severity.ERROR]


def test_errors_only_mode_on_the_planted_file() -> None:
    data = tomllib.loads(PLANTED.read_text())
    full = run_checks(data, as_of=AS_OF, today=AS_OF)
    assert run_checks(data, as_of=AS_OF, warnings=False, today=AS_OF) == [
        p for p in full if p.severity is Severity.ERROR
    ]


def test_a_listing_as_of_an_earlier_day_holds_later_reviews_back(mkcat: Mkcat) -> None:
    """E009 asks whether a date is in the future today; --as-of only moves the embargo line."""
    data = shipped()
    earlier = dt.date(2020, 6, 1)
    assert codes(run_checks(data, as_of=earlier, today=AS_OF), Severity.ERROR) == []
    result = mkcat("export", "-c", SHIPPED, "-f", "json", "--as-of", "2020-06-01")
    assert result.code == 0, result.err
    assert [r["id"] for r in json.loads(result.out)["reviews"]] == ["child-j-scr", "debra-dhr", "adult-b-sar"]
    assert "8 embargoed reviews held back" in result.err

"""add, edit, withdraw, remove: what they write, what they refuse, and that refusing writes nothing."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from conftest import SHIPPED, Result, assert_one_line_error, run_mkcat

Mkcat = Callable[..., Result]


def reviews(path: Path) -> dict[str, dict[str, Any]]:
    return {review["id"]: review for review in tomllib.loads(path.read_text())["reviews"]}


def add(mkcat: Mkcat, catalogue: Path, *args: str) -> Result:
    return mkcat("add", "-c", catalogue, "--kind", "CSPR", "--document", "/case-reviews/new.pdf", *args)


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("28/02/2022", "2022-02-28"),
        ("January 2021", "2021-01"),
        ("2018", "2018"),
        ("23 Nov 2020", "2020-11-23"),
        ("06/2019", "2019-06"),
    ],
)
def test_add_stores_typed_dates_as_iso(mkcat: Mkcat, catalogue: Path, typed: str, stored: str) -> None:
    result = add(mkcat, catalogue, "--title", "Child L CSPR report", "--published", typed)
    assert result.code == 0, result.err
    assert result.out == "child-l-cspr-report\n"
    assert reviews(catalogue)["child-l-cspr-report"]["published"] == stored


def test_an_impossible_date_says_why_and_writes_nothing(mkcat: Mkcat, catalogue: Path) -> None:
    before = catalogue.read_bytes()
    result = add(mkcat, catalogue, "--title", "Child L", "--published", "30/02/2021")
    assert_one_line_error(result, 2, "30 February 2021 does not exist: February 2021 has 28 days")
    assert catalogue.read_bytes() == before


def test_the_new_review_is_written_as_given(mkcat: Mkcat, catalogue: Path) -> None:
    result = mkcat(
        "add", "-c", catalogue, "--kind", "SAR", "--title", "Adult F SAR report", "--subject", "Adult F",
        "--published", "3 March 2023", "--summary", "Two paragraphs.\n\nSecond.", "--tag", "self-neglect",
        "--tag", "hoarding", "--notes", "Chair: ask before sharing", "--document", "Adult F SAR report|/f.pdf|1250000",
        "--document", "Easy read|https://example.org/f-easy.docx",
    )  # fmt: skip
    assert result.code == 0, result.err
    review = reviews(catalogue)["adult-f-sar-report"]
    assert review == {
        "id": "adult-f-sar-report",
        "kind": "SAR",
        "title": "Adult F SAR report",
        "subject": "Adult F",
        "published": "2023-03-03",
        "status": "published",
        "summary": "Two paragraphs.\n\nSecond.",
        "tags": ["self-neglect", "hoarding"],
        "notes": "Chair: ask before sharing",
        "documents": [
            {"title": "Adult F SAR report", "url": "/f.pdf", "size_bytes": 1250000},
            {"title": "Easy read", "url": "https://example.org/f-easy.docx"},
        ],
    }
    assert "W002 adult-f-sar-report documents[1]" in result.err  # warned, not blocked


def test_adding_changes_only_the_new_reviews_lines(mkcat: Mkcat, catalogue: Path) -> None:
    before = catalogue.read_text()
    assert add(mkcat, catalogue, "--title", "Child L", "--published", "2023").code == 0
    after = catalogue.read_text()
    assert after.startswith(before)
    assert after[len(before) :].startswith('\n[[reviews]]\nid = "child-l"\n')
    assert (catalogue.parent / "catalogue.toml.bak").read_text() == before


def test_ids_are_slugs_made_unique(mkcat: Mkcat, catalogue: Path) -> None:
    first = add(mkcat, catalogue, "--title", "‘Zoë’ — Child Review!", "--published", "2023")
    second = add(mkcat, catalogue, "--title", "Zoe child review", "--published", "2023")
    assert (first.out, second.out) == ("zoe-child-review\n", "zoe-child-review-2\n")


def test_a_given_id_that_exists_is_refused(mkcat: Mkcat, catalogue: Path) -> None:
    before = catalogue.read_bytes()
    result = add(mkcat, catalogue, "--id", "child-k-cspr", "--title", "Again", "--published", "2023")
    assert_one_line_error(result, 1, "a review with the id `child-k-cspr` exists already")
    assert catalogue.read_bytes() == before


@pytest.mark.parametrize("no_input", [True, False])
def test_missing_fields_without_a_terminal_are_named(catalogue: Path, no_input: bool) -> None:
    before = catalogue.read_bytes()
    args = ["add", "-c", catalogue, "--title", "Child L"] + (["--no-input"] if no_input else [])
    result = run_mkcat(*args, stdin=subprocess.DEVNULL)
    why = "--no-input was given" if no_input else "this is not a terminal"
    assert_one_line_error(result, 2, "missing --kind, --published, --document", why, "nothing was written")
    assert catalogue.read_bytes() == before


def test_a_draft_needs_no_document(mkcat: Mkcat, catalogue: Path) -> None:
    result = mkcat(
        "add", "-c", catalogue, "--kind", "DHR", "--title", "DHR 2024", "--published", "2024", "--status", "draft"
    )
    assert result.code == 0, result.err
    assert reviews(catalogue)["dhr-2024"]["status"] == "draft"


def test_dry_run_prints_and_writes_nothing(mkcat: Mkcat, catalogue: Path) -> None:
    before = catalogue.read_bytes()
    result = add(mkcat, catalogue, "--title", "Child L", "--published", "2023", "--dry-run")
    assert result.code == 0
    assert tomllib.loads(result.out)["reviews"][0]["id"] == "child-l"
    assert "dry run: nothing was written" in result.err
    assert catalogue.read_bytes() == before


@pytest.mark.parametrize(
    ("args", "code"),
    [
        (["--document", "javascript:alert(document.cookie)"], "E011"),
        (["--document", "/x.pdf", "--published", "2099"], "E009"),
        (["--document", "/x.pdf", "--kind", "CPSR"], "E007"),
        (["--document", "/x.pdf", "--summary", "bell\x07"], "E017"),
        (["--document", "/x.pdf", "--title", "x" * 100_000], "E018"),
    ],
)
def test_a_change_that_adds_an_error_is_refused(mkcat: Mkcat, catalogue: Path, args: list[str], code: str) -> None:
    before = catalogue.read_bytes()
    base = {"--kind": "CSPR", "--title": "Child L", "--published": "2023"}
    for option, value in zip(args[::2], args[1::2], strict=True):
        base[option] = value
    result = mkcat("add", "-c", catalogue, *[item for pair in base.items() for item in pair])
    assert result.code == 1
    assert f"error {code}" in result.err
    assert re.fullmatch(
        r"mkcat: the change would add \d+ errors?; nothing was written", result.err.strip().splitlines()[-1]
    )
    assert catalogue.read_bytes() == before
    assert not (catalogue.parent / "catalogue.toml.bak").exists()


def test_markup_and_formulas_are_text_stored_as_written(mkcat: Mkcat, catalogue: Path) -> None:
    title = '<script>alert("x")</script> & =HYPERLINK("http://evil.example","Click")'
    result = add(mkcat, catalogue, "--title", title, "--published", "2023")
    assert result.code == 0, result.err
    assert reviews(catalogue)[result.out.strip()]["title"] == title


def test_an_existing_error_elsewhere_does_not_block_a_good_change(mkcat: Mkcat, catalogue: Path) -> None:
    catalogue.write_text(catalogue.read_text().replace('published = "2018"', 'published = "2018-13"'))
    result = add(mkcat, catalogue, "--title", "Child L", "--published", "2023")
    assert result.code == 0, result.err
    assert "child-l" in reviews(catalogue)


def test_comments_stop_a_change_unless_dropped(mkcat: Mkcat, catalogue: Path) -> None:
    text = catalogue.read_text().replace("[mkcat]\n", "# kept by the business unit\n[mkcat]\n")
    catalogue.write_text(text)
    result = add(mkcat, catalogue, "--title", "Child L", "--published", "2023")
    assert_one_line_error(result, 1, "a comment on line 21", "--drop-comments")
    assert catalogue.read_text() == text
    assert add(mkcat, catalogue, "--title", "Child L", "--published", "2023", "--drop-comments").code == 0


# --- edit ---------------------------------------------------------------------------------


def test_edit_by_options(mkcat: Mkcat, catalogue: Path) -> None:
    result = mkcat(
        "edit", "child-k-cspr", "-c", catalogue, "--title", "Child K CSPR report (2022)", "--remove-tag", "lockdown",
        "--tag", "mental health", "--document", "Easy read|/k-easy.pdf|182000", "--remove-document", "1",
        "--clear", "media_contact", "--published", "February 2022",
    )  # fmt: skip
    assert result.code == 0, result.err
    review = reviews(catalogue)["child-k-cspr"]
    assert review["title"] == "Child K CSPR report (2022)"
    assert review["tags"] == ["autism", "mental health"]
    assert review["documents"] == [{"title": "Easy read", "url": "/k-easy.pdf", "size_bytes": 182000}]
    assert "media_contact" not in review and review["published"] == "2022-02"
    assert review["statement"].startswith("Child K was")  # untouched fields stay


def test_edit_removes_a_document_by_url(mkcat: Mkcat, catalogue: Path) -> None:
    mkcat("edit", "child-g-cspr", "-c", catalogue, "--document", "/g2.pdf")
    assert (
        mkcat(
            "edit", "child-g-cspr", "-c", catalogue, "--remove-document", "/case-reviews/child-g-cspr-report.pdf"
        ).code
        == 0
    )
    assert [d["url"] for d in reviews(catalogue)["child-g-cspr"]["documents"]] == ["/g2.pdf"]


def test_edit_refuses_what_would_break_the_review(mkcat: Mkcat, catalogue: Path) -> None:
    before = catalogue.read_bytes()
    assert mkcat("edit", "child-g-cspr", "-c", catalogue, "--remove-document", "1").code == 1  # E010
    assert_one_line_error(mkcat("edit", "child-g-cspr", "-c", catalogue, "--clear", "title"), 2, "only optional fields")
    assert_one_line_error(
        mkcat("edit", "child-g-cspr", "-c", catalogue, "--remove-document", "/nope.pdf"), 2, "no document"
    )
    assert catalogue.read_bytes() == before


def test_the_id_of_a_published_review_cannot_change(mkcat: Mkcat, catalogue: Path) -> None:
    before = catalogue.read_bytes()
    result = mkcat("edit", "child-k-cspr", "-c", catalogue, "--id", "child-k")
    assert_one_line_error(result, 1, "the id of `child-k-cspr` cannot change: it is published")
    assert catalogue.read_bytes() == before


def test_a_drafts_id_can_change(mkcat: Mkcat, catalogue: Path) -> None:
    mkcat("add", "-c", catalogue, "--kind", "DHR", "--title", "DHR 2024", "--published", "2024", "--status", "draft")
    assert mkcat("edit", "dhr-2024", "-c", catalogue, "--id", "dhr-2024-06").code == 0
    assert "dhr-2024-06" in reviews(catalogue)


def test_edit_with_nothing_to_change_and_no_terminal(catalogue: Path) -> None:
    result = run_mkcat("edit", "child-k-cspr", "-c", catalogue, stdin=subprocess.DEVNULL)
    assert_one_line_error(result, 2, "nothing to change")


def test_edit_unknown_id(mkcat: Mkcat, catalogue: Path) -> None:
    assert_one_line_error(
        mkcat("edit", "child-z", "-c", catalogue, "--title", "x"), 2, "no review has the id `child-z`"
    )


# --- withdraw and remove ------------------------------------------------------------------


def test_withdraw_keeps_the_review_on_record(mkcat: Mkcat, catalogue: Path) -> None:
    result = mkcat("withdraw", "child-j-scr", "-c", catalogue, "--reason", "Superseded")
    assert result.code == 0, result.err
    review = reviews(catalogue)["child-j-scr"]
    assert (review["status"], review["withdrawn_on"], review["withdrawn_reason"]) == (
        "withdrawn",
        dt.date.today().isoformat(),
        "Superseded",
    )
    assert_one_line_error(mkcat("withdraw", "child-j-scr", "-c", catalogue, "--reason", "x"), 1, "withdrawn already")


def test_withdraw_on_a_given_day(mkcat: Mkcat, catalogue: Path) -> None:
    assert mkcat("withdraw", "child-j-scr", "-c", catalogue, "--reason", "x", "--on", "1/5/2023").code == 0
    assert reviews(catalogue)["child-j-scr"]["withdrawn_on"] == "2023-05-01"


def test_remove_needs_yes_without_a_terminal(catalogue: Path) -> None:
    before = catalogue.read_bytes()
    result = run_mkcat("remove", "child-j-scr", "-c", catalogue, stdin=subprocess.DEVNULL)
    assert_one_line_error(result, 2, "pass --yes")
    assert catalogue.read_bytes() == before
    assert run_mkcat("remove", "child-j-scr", "-c", catalogue, "--yes").code == 0
    assert "child-j-scr" not in reviews(catalogue)
    assert len(reviews(catalogue)) == 10


# --- many writers at once -----------------------------------------------------------------

WRITER = """
import sys
from mkcat.cli import main
catalogue, writer = sys.argv[1], sys.argv[2]
for number in range(4):
    code = main(["add", "-c", catalogue, "--kind", "SAR", "--title", f"Writer {writer} review {number}",
                 "--published", "2023", "--document", f"/w{writer}-{number}.pdf", "--no-input"])
    if code:
        sys.exit(code)
"""


def test_six_processes_adding_at_once_lose_nothing(catalogue: Path) -> None:
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(catalogue), str(n)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
            text=True,
            env={**os.environ, "MKCAT_LOCK_TIMEOUT": "120"},  # waiting is right here; a loaded CI machine is slow
        )
        for n in range(6)
    ]
    for writer in writers:
        _, err = writer.communicate(timeout=300)
        assert writer.returncode == 0, err
    found = reviews(catalogue)
    assert len(found) == 11 + 24
    assert {f"writer-{w}-review-{n}" for w in range(6) for n in range(4)} <= set(found)
    assert run_mkcat("validate", "-c", catalogue).code == 0


@pytest.mark.parametrize("size", ["²", "1.2 MB", "-5", "١٢"])
def test_a_document_size_must_be_plain_digits(mkcat: Mkcat, catalogue: Path, size: str) -> None:
    before = catalogue.read_bytes()
    result = add(mkcat, catalogue, "--title", "Child L", "--published", "2023", "--document", f"Child L|/l.pdf|{size}")
    assert_one_line_error(result, 2, "the size must be a whole number of bytes")
    assert catalogue.read_bytes() == before


def test_withdraw_refuses_a_day_to_come(mkcat: Mkcat, catalogue: Path) -> None:
    result = mkcat("withdraw", "child-j-scr", "-c", catalogue, "--reason", "x", "--on", "2099-01-01")
    assert_one_line_error(result, 2, "cannot be withdrawn on a day still to come")
    assert catalogue.read_bytes() == SHIPPED.read_bytes()


def test_withdraw_needs_a_real_reason(mkcat: Mkcat, catalogue: Path) -> None:
    result = mkcat("withdraw", "child-j-scr", "-c", catalogue, "--reason", "   ")
    assert result.code == 1 and "E012 child-j-scr withdrawn_reason" in result.err
    assert catalogue.read_bytes() == SHIPPED.read_bytes()


def test_an_edit_that_changes_nothing_says_so(mkcat: Mkcat, catalogue: Path) -> None:
    result = mkcat("edit", "child-k-cspr", "-c", catalogue, "--title", "Child K CSPR report")
    assert result.code == 0 and "nothing changed" in result.err and "saved" not in result.err
    assert not (catalogue.parent / "catalogue.toml.bak").exists()


def test_two_refused_edit_sessions_keep_both_texts(catalogue: Path) -> None:
    from mkcat.actions import _keep_recovery

    first, second = _keep_recovery(catalogue, "one"), _keep_recovery(catalogue, "two")
    assert first != second and (first.read_text(), second.read_text()) == ("one", "two")

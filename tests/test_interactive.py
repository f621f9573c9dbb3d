"""The terminal conversations, driven through a real pseudo-terminal with pexpect."""

from __future__ import annotations

import os
import sys
import tomllib
from pathlib import Path
from typing import Any

import pexpect
import pytest

from conftest import SHIPPED

TIMEOUT = 30


def spawn(
    catalogue: Path, *args: str, editor: Path | None = None, extra_env: dict[str, str] | None = None
) -> pexpect.spawn:
    env = {**os.environ, "NO_COLOR": "1", "TERM": "xterm", "COLUMNS": "120", "MKCAT_CATALOGUE": str(catalogue)}
    env.pop("VISUAL", None)
    if editor is not None:
        env["EDITOR"] = f"{sys.executable} {editor}"
    env.update(extra_env or {})
    return pexpect.spawn(
        sys.executable, ["-m", "mkcat", *args], cwd=str(catalogue.parent), env=env, encoding="utf-8", timeout=TIMEOUT
    )


def finish(child: pexpect.spawn) -> int:
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus is not None
    return child.exitstatus


def reviews(path: Path) -> dict[str, dict[str, Any]]:
    return {review["id"]: review for review in tomllib.loads(path.read_text())["reviews"]}


# --- add at a terminal --------------------------------------------------------------------


def test_add_asks_for_what_is_missing(catalogue: Path) -> None:
    child = spawn(catalogue, "add", "--title", "Child L CSPR report")
    child.expect("Child Safeguarding Practice Review")  # the kinds are offered
    child.expect("Kind")
    child.sendline("CPSR")
    child.expect("'CPSR' is not a kind")
    child.expect("Kind")
    child.sendline("cspr")
    child.expect("Published")
    child.sendline("30/02/2021")
    child.expect("30 February 2021 does not exist")
    child.expect("Published")
    child.sendline("12 March 2023")
    child.expect("Document 1")
    child.sendline("")
    child.expect("a published review needs a document")
    child.expect("Document 1")
    child.sendline("Child L CSPR report|/case-reviews/child-l.pdf|1200000")
    child.expect("Document 2")
    child.sendline("")
    child.expect('published = "2023-03-12"')  # the summary of the new entry
    child.expect(r"Add this review\?")
    child.sendline("y")
    child.expect("child-l-cspr-report")
    assert finish(child) == 0
    review = reviews(catalogue)["child-l-cspr-report"]
    assert (review["kind"], review["published"], review["documents"][0]["size_bytes"]) == (
        "CSPR",
        "2023-03-12",
        1200000,
    )


def test_declining_writes_nothing(catalogue: Path) -> None:
    child = spawn(catalogue, "add", "--kind", "SAR", "--title", "Adult F", "--status", "draft")
    child.expect("Published")
    child.sendline("2023")
    child.expect("empty to finish")  # a draft may have no document yet
    child.sendline("")
    child.expect(r"Add this review\?")
    child.sendline("n")
    child.expect("not added; nothing was written")
    assert finish(child) == 1
    assert catalogue.read_bytes() == SHIPPED.read_bytes()


def test_remove_asks_first(catalogue: Path) -> None:
    child = spawn(catalogue, "remove", "child-j-scr")
    child.expect(r"Remove child-j-scr \('Child J serious case review report', published\) for good\?")
    child.sendline("n")
    assert finish(child) == 1
    assert catalogue.read_bytes() == SHIPPED.read_bytes()
    child = spawn(catalogue, "remove", "child-j-scr")
    child.expect("for good")
    child.sendline("y")
    assert finish(child) == 0
    assert "child-j-scr" not in reviews(catalogue)


# --- edit in $EDITOR ----------------------------------------------------------------------

RETITLE = """
import sys, pathlib
path = pathlib.Path(sys.argv[1])
path.write_text(path.read_text().replace('title = "Child G CSPR report"\\n', 'title = "Child G CSPR report (revised)"\\n', 1))
"""

BREAK_THEN_FIX = """
import sys, pathlib
path = pathlib.Path(sys.argv[1])
text = path.read_text()
if '"2021-02-30"' in text:   # the second time round: mend it
    text = text.replace('"2021-02-30"', '"2021-02-28"')
else:                        # the first time: a date that does not exist
    text = text.replace('published = "2021-11-24"', 'published = "2021-02-30"')
path.write_text(text)
"""

MEANWHILE = """
import os, sys, pathlib
path = pathlib.Path(sys.argv[1])
path.write_text(path.read_text().replace('Child G CSPR report"', 'Child G (mine)"', 1))
catalogue = pathlib.Path(os.environ["MKCAT_CATALOGUE"])   # a colleague saves meanwhile
catalogue.write_text(catalogue.read_text().replace('title = "Case Reviews"', 'title = "Case reviews"'))
"""


@pytest.fixture
def script(tmp_path: Path) -> Any:
    def write(source: str) -> Path:
        path = tmp_path / "editor.py"
        path.write_text(source)
        return path

    return write


def test_edit_opens_the_review_in_the_editor(catalogue: Path, script: Any) -> None:
    child = spawn(catalogue, "edit", "child-g-cspr", editor=script(RETITLE))
    child.expect("saved child-g-cspr")
    assert finish(child) == 0
    assert reviews(catalogue)["child-g-cspr"]["title"] == "Child G CSPR report (revised)"


def test_an_invalid_edit_is_shown_and_offered_again(catalogue: Path, script: Any) -> None:
    child = spawn(catalogue, "edit", "child-g-cspr", editor=script(BREAK_THEN_FIX))
    child.expect("E008 child-g-cspr published: 30 February 2021 does not exist")
    child.expect(r"Edit it again\?")
    child.sendline("y")
    child.expect("saved child-g-cspr")
    assert finish(child) == 0
    assert reviews(catalogue)["child-g-cspr"]["published"] == "2021-02-28"


def test_an_invalid_edit_can_be_abandoned_and_is_never_saved(catalogue: Path, script: Any) -> None:
    child = spawn(catalogue, "edit", "child-g-cspr", editor=script(BREAK_THEN_FIX))
    child.expect(r"Edit it again\?")
    child.sendline("n")
    child.expect("abandoned; nothing was saved")
    assert finish(child) == 1
    assert catalogue.read_bytes() == SHIPPED.read_bytes()


def test_a_catalogue_changed_meanwhile_is_not_overwritten(catalogue: Path, script: Any) -> None:
    child = spawn(catalogue, "edit", "child-g-cspr", editor=script(MEANWHILE))
    child.expect(r"changed while you were editing, so nothing was saved; your text is in (\S+)")
    kept = Path(child.match.group(1).strip())
    assert finish(child) == 1
    assert 'title = "Child G (mine)"' in kept.read_text()
    assert 'title = "Case reviews"' in catalogue.read_text()  # the colleague's change stands
    assert reviews(catalogue)["child-g-cspr"]["title"] == "Child G CSPR report"

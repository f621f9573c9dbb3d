"""The audit trail: one git commit per change, in a real repository made for the test."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import SHIPPED, Result, assert_one_line_error

Mkcat = Callable[..., Result]

if shutil.which("git") is None:
    pytest.skip("git is not installed, and the audit trail is made with git", allow_module_level=True)


def git(folder: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=True).stdout


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.name", "Business Unit")
    git(tmp_path, "config", "user.email", "unit@example.org")
    shutil.copyfile(SHIPPED, tmp_path / "catalogue.toml")
    (tmp_path / "notes.txt").write_text("unrelated work in progress\n")
    git(tmp_path, "add", "catalogue.toml")
    git(tmp_path, "commit", "-q", "-m", "The catalogue as shipped")
    return tmp_path


def test_each_change_is_one_commit_naming_action_and_review(mkcat: Mkcat, repo: Path) -> None:
    catalogue = repo / "catalogue.toml"
    git(repo, "add", "notes.txt")  # staged by the user: must not be swept into mkcat's commits
    steps = [
        ("add", "--kind", "CSPR", "--title", "Child L CSPR report", "--published", "2023", "--document", "/l.pdf"),
        ("edit", "child-l-cspr-report", "--tag", "neglect"),
        ("withdraw", "child-l-cspr-report", "--reason", "Replaced by an updated report"),
        ("remove", "child-l-cspr-report", "--yes"),
    ]
    for step in steps:
        result = mkcat(*step, "-c", catalogue, "--commit")
        assert result.code == 0, result.err
    log = git(repo, "log", "--format=%an|%s").splitlines()
    assert log == [
        "Business Unit|mkcat remove: child-l-cspr-report (Child L CSPR report)",
        "Business Unit|mkcat withdraw: child-l-cspr-report (Replaced by an updated report)",
        "Business Unit|mkcat edit: child-l-cspr-report (tags)",
        "Business Unit|mkcat add: child-l-cspr-report (Child L CSPR report)",
        "Business Unit|The catalogue as shipped",
    ]
    assert git(repo, "show", "--stat", "--format=", "HEAD~3").split()[0] == "catalogue.toml"
    assert git(repo, "diff", "--cached", "--name-only").split() == ["notes.txt"]


def test_the_catalogue_setting_turns_commits_on(mkcat: Mkcat, repo: Path) -> None:
    catalogue = repo / "catalogue.toml"
    catalogue.write_text(catalogue.read_text().replace("commit = false", "commit = true"))
    git(repo, "commit", "-q", "-am", "Turn on the audit trail")
    assert mkcat("withdraw", "child-j-scr", "--reason", "Superseded", "-c", catalogue).code == 0
    assert git(repo, "log", "-1", "--format=%s").strip() == "mkcat withdraw: child-j-scr (Superseded)"
    assert mkcat("edit", "child-g-cspr", "--tag", "x", "-c", catalogue, "--no-commit").code == 0
    assert git(repo, "log", "-1", "--format=%s").strip() == "mkcat withdraw: child-j-scr (Superseded)"


def test_commit_outside_a_work_tree_refuses_before_writing(mkcat: Mkcat, tmp_path: Path) -> None:
    catalogue = tmp_path / "outside" / "catalogue.toml"
    catalogue.parent.mkdir()
    shutil.copyfile(SHIPPED, catalogue)
    if subprocess.run(["git", "-C", str(catalogue.parent), "rev-parse"], capture_output=True).returncode == 0:
        pytest.skip("the temporary folder is inside a git work tree")
    result = mkcat("withdraw", "child-j-scr", "--reason", "x", "-c", catalogue, "--commit")
    assert_one_line_error(result, 1, "is not in a git work tree", "--no-commit")
    assert catalogue.read_bytes() == SHIPPED.read_bytes()


def test_a_change_that_changes_nothing_makes_no_commit(mkcat: Mkcat, repo: Path) -> None:
    catalogue = repo / "catalogue.toml"
    result = mkcat("edit", "child-k-cspr", "--title", "Child K CSPR report", "-c", catalogue, "--commit")
    assert result.code == 0, result.err
    assert git(repo, "log", "-1", "--format=%s").strip() == "The catalogue as shipped"


def test_fmt_commits_too(mkcat: Mkcat, repo: Path) -> None:
    catalogue = repo / "catalogue.toml"
    catalogue.write_text(catalogue.read_text().replace('title = "Case Reviews"', 'title  =  "Case Reviews"'))
    git(repo, "commit", "-q", "-am", "A hand edit")
    assert mkcat("fmt", "-c", catalogue, "--commit").code == 0
    assert git(repo, "log", "-1", "--format=%s").strip() == "mkcat fmt: canonical layout"

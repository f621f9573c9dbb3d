"""The README stays true: its quick start is what CI runs, and it names every command and check."""

from __future__ import annotations

import re
import sys

from mkcat.checks import CHECKS
from mkcat.cli import app

from conftest import ROOT

README = (ROOT / "README.md").read_text()


def _code_blocks(text: str) -> list[str]:
    return [block.strip() for block in re.findall(r"```sh\n(.*?)```", text, re.S)]


def test_quick_start_is_two_lines_and_ci_runs_the_second_as_written() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    setup_and_run, setup_and_test = _code_blocks(quick_start)
    assert "\n" not in setup_and_run and "\n" not in setup_and_test
    assert "mkcat list" in setup_and_run and "mkcat validate" in setup_and_run
    assert "pytest" in setup_and_test
    ci = (ROOT / ".ci" / "run").read_text().splitlines()
    assert setup_and_test in ci


def test_every_command_is_in_the_readme_with_an_example() -> None:
    for command in app.registered_commands:
        name = command.name or command.callback.__name__  # type: ignore[union-attr]
        assert f"`mkcat {name}" in README, name


def test_every_check_code_is_in_the_readme() -> None:
    for check in CHECKS.values():
        row = f"| {check.code} | {check.severity} | {check.what} | {check.fix} |"
        assert row in README, row


def test_the_command_reference_is_generated_from_help() -> None:
    sys.path.insert(0, str(ROOT / "scripts"))
    from commands_doc import TARGET, generate

    assert TARGET.read_text() == generate(), "docs/commands.md is stale: run scripts/commands_doc.py"

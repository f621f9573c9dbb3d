"""Shared fixtures: the shipped catalogue, copies of it to change, and ways to run mkcat."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from mkcat.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHIPPED = ROOT / "catalogue.toml"
DATA = Path(__file__).resolve().parent / "data"

# The listing of ../shared/seed/case-reviews-page.txt, in page order: id, title, date as stored, date as shown.
SEED_PAGE = [
    ("child-k-cspr", "Child K CSPR report", "2022-02-28", "28 February 2022"),
    ("child-g-cspr", "Child G CSPR report", "2021-11-24", "24 November 2021"),
    ("child-d-learning", "Child D Learning", "2021-01", "January 2021"),
    ("child-f-cspr", "Child F CSPR report", "2021-01", "January 2021"),
    ("child-j-scr", "Child J serious case review report", "2020-06", "June 2020"),
    ("dhr-2021-11", "Domestic Homicide Review Overview Report", "2021-11", "November 2021"),
    ("debra-dhr", "Debra Domestic Homicide Review Overview Report", "2018", "2018"),
    ("thematic-sar-2021", "Thematic Safeguarding Adult Review Report", "2021-01", "January 2021"),
    ("denise-sar", "‘Denise’ Safeguarding Adult Review Report", "2021-01", "January 2021"),
    ("adult-d-sar", "Adult D Safeguarding Adult Review report", "2020-11-23", "23 November 2020"),
    ("adult-b-sar", "Adult B SAR report", "2019-06", "June 2019"),
]


@dataclass
class Result:
    code: int
    out: str
    err: str


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """Tests never see the developer's catalogue setting, colours or editor."""
    for name in ("MKCAT_CATALOGUE", "NO_COLOR", "VISUAL", "EDITOR"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("MKCAT_LOCK_TIMEOUT", "5")


@pytest.fixture
def catalogue(tmp_path: Path) -> Path:
    """A copy of the shipped catalogue that a test may change."""
    path = tmp_path / "catalogue.toml"
    shutil.copyfile(SHIPPED, path)
    return path


@pytest.fixture
def mkcat(capsys: pytest.CaptureFixture[str]) -> Callable[..., Result]:
    """Run mkcat in this process, as `main(argv)`, and capture what it prints."""

    def run(*args: str | os.PathLike[str]) -> Result:
        capsys.readouterr()
        code = main([str(arg) for arg in args])
        captured = capsys.readouterr()
        return Result(code, captured.out, captured.err)

    return run


def run_mkcat(*args: str | os.PathLike[str], cwd: Path | None = None, **kwargs: object) -> Result:
    """Run mkcat as a user does: a separate process, its real stdout and stderr."""
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    env.update(kwargs.pop("env", {}))  # type: ignore[arg-type]
    done = subprocess.run(
        [sys.executable, "-m", "mkcat", *map(str, args)],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=env,
        timeout=120,
        check=False,
        **kwargs,  # type: ignore[arg-type]
    )
    return Result(done.returncode, done.stdout, done.stderr)


def assert_one_line_error(result: Result, code: int, *fragments: str) -> None:
    """An expected failure: the exit code, one line on stderr naming the problem, no traceback."""
    assert result.code == code, (result.code, result.err)
    assert "Traceback" not in result.err
    lines = result.err.strip().splitlines()
    assert len(lines) == 1, result.err
    for fragment in fragments:
        assert fragment in lines[0], (fragment, lines[0])


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.chdir(tmp_path)
    yield tmp_path

"""The errors mkcat's core raises; the CLI turns each into one line and an exit code."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mkcat.checks import Problem

DATA_PROBLEM = 1  # the data has problems or the action was refused
USAGE = 2  # usage error or unreadable file
INTERRUPTED = 130


class MkcatError(Exception):
    """Base of every expected failure: its text is the whole message for the user."""

    exit_code = DATA_PROBLEM


class UsageProblem(MkcatError):
    """The command was asked for something it cannot do as asked."""

    exit_code = USAGE


class InvalidDate(UsageProblem, ValueError):
    """A date that is malformed or does not exist; the message says why."""


class CatalogueNotFound(UsageProblem):
    """No catalogue where the user pointed, or none found by searching."""


class CatalogueUnreadable(MkcatError):
    """The catalogue is not UTF-8 or not TOML."""

    exit_code = USAGE


class ReviewNotFound(UsageProblem):
    """No review with the id the user gave."""


class CatalogueLocked(MkcatError):
    """Another mkcat held the lock for longer than we wait."""


class CommentsWouldBeLost(MkcatError):
    """Rewriting the file would drop comments the user wrote."""


class WriteFailed(MkcatError):
    """The new file could not be written; the old one is untouched."""


class Refused(MkcatError):
    """An action mkcat will not take, for a reason given in the message."""


class CatalogueChanged(Refused):
    """The file changed under a long edit; the user's text was kept elsewhere."""


class CatalogueInvalid(MkcatError):
    """The checks found errors; the problems travel with the exception."""

    def __init__(self, message: str, problems: Sequence[Problem], path: Path) -> None:
        super().__init__(message)
        self.problems = list(problems)
        self.path = path


def nearest(word: str, choices: Iterable[str], /, *, cutoff: float = 0.6) -> str | None:
    """The choice closest to `word`, for a "did you mean" in a message; None if none is close."""
    import difflib  # only a message with a suggestion needs it

    found = difflib.get_close_matches(word, sorted(choices), n=1, cutoff=cutoff)
    return found[0] if found else None

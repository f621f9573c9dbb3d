"""Plain text for the terminal: a review described, a problem on one line."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, TextIO

from mkcat.checks import Problem, Severity

if TYPE_CHECKING:
    from mkcat.model import Catalogue, Review

_LABEL_WIDTH = 15


def colour_for(stream: TextIO) -> bool:
    """Colour only at a terminal, never with NO_COLOR or TERM=dumb."""
    return stream.isatty() and "NO_COLOR" not in os.environ and os.environ.get("TERM") != "dumb"


def shown(path: Path) -> str:
    """A path as the user would write it: relative when it is under the current folder."""
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def count(number: int, noun: str) -> str:
    return f"{number} {noun}{'' if number == 1 else 's'}"


def problem_line(problem: Problem, path: Path, *, colour: bool = False) -> str:
    """`catalogue.toml:42: error E012 child-k published: message`."""
    where = f"{shown(path)}:{problem.line}" if problem.line else shown(path)
    severity = str(problem.severity)
    if colour:
        code = "31" if problem.severity is Severity.ERROR else "33"
        severity = f"\x1b[1;{code}m{severity}\x1b[0m"
    subject = " ".join(part for part in (problem.review, problem.field) if part)
    return f"{where}: {severity} {problem.code}{' ' + subject if subject else ''}: {problem.message}"


def describe(catalogue: Catalogue, review: Review) -> str:
    """Every field of one review, for `mkcat show`."""
    rows: list[tuple[str, str | None]] = [
        ("status", str(review.status)),
        ("kind", f"{review.kind} ({catalogue.kinds[review.kind]})"),
        ("section", catalogue.section_of(review).heading),
        ("subject", review.subject),
        ("published", f"{review.published.display()} ({review.published.iso()})"),
        ("tags", ", ".join(review.tags) or None),
        ("summary", review.summary),
        ("statement", review.statement),
        ("statement by", review.statement_attribution),
        ("media contact", review.media_contact),
        ("withdrawn on", review.withdrawn_on.display() if review.withdrawn_on else None),
        ("withdrawn why", review.withdrawn_reason),
        ("notes", f"(internal) {review.notes}" if review.notes else None),
    ]
    lines = [f"{review.id}: {review.title}"]
    for label, value in rows:
        if value is not None:
            lines.append(_row(label, value))
    for number, document in enumerate(review.documents, start=1):
        lines.append(_row(f"document {number}", f"{document.title} ({document.label})\n{document.url}"))
    return "\n".join(lines) + "\n"


def _row(label: str, value: str) -> str:
    indent = " " * (_LABEL_WIDTH + 2)
    body = "\n".join(indent + line if line else "" for line in value.splitlines())
    return f"  {label.ljust(_LABEL_WIDTH)}{body[len(indent) :]}" if body else f"  {label}"

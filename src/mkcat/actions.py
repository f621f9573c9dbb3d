"""What each command does to the catalogue, without the terminal: the CLI calls these."""

from __future__ import annotations

import datetime as dt
import difflib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkcat import store
from mkcat.checks import Problem, errors, run_checks
from mkcat.errors import CatalogueInvalid, ReviewNotFound
from mkcat.fields import SCHEMA_VERSION, Status
from mkcat.model import DEFAULT_KINDS, DEFAULT_SECTIONS, Catalogue, Review


@dataclass(frozen=True, slots=True)
class Checked:
    """A catalogue read and checked: its records exist only when it has no errors."""

    loaded: store.Loaded
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)


def check(path: Path, /, *, as_of: dt.date) -> Checked:
    loaded = store.read(path)
    return Checked(loaded, run_checks(loaded.data, as_of=as_of, text=loaded.text))


def open_catalogue(path: Path, /, *, as_of: dt.date) -> Catalogue:
    """The catalogue's records, refusing a catalogue with errors (`validate` shows them)."""
    checked = check(path, as_of=as_of)
    if found := checked.errors:
        plural = "s" if len(found) > 1 else ""
        raise CatalogueInvalid(f"{path} has {len(found)} error{plural}; fix them first", found, path)
    return Catalogue.from_data(checked.loaded.data)


def find_review(catalogue: Catalogue, review_id: str, /) -> Review:
    review = catalogue.find(review_id)
    if review is None:
        raise ReviewNotFound(_not_found(review_id, [r.id for r in catalogue.reviews]))
    return review


def _not_found(review_id: str, known: list[str]) -> str:
    guess = difflib.get_close_matches(review_id, known, n=1, cutoff=0.5)
    hint = f"; did you mean `{guess[0]}`?" if guess else "; `mkcat list` shows the ids"
    return f"no review has the id `{review_id}`{hint}"


def new_catalogue_data(title: str = "Case Reviews") -> dict[str, Any]:
    return {
        "schema_version": SCHEMA_VERSION,
        "site": {"title": title},
        "kinds": dict(DEFAULT_KINDS),
        "sections": [dict(section) for section in DEFAULT_SECTIONS],
    }


def init(path: Path, /) -> Path:
    """Write a new catalogue with the default kinds and sections; never overwrite."""
    if path.is_dir():
        path = path / store.FILE_NAME
    store.replace_file(path, store.render(new_catalogue_data()).encode("utf-8"), exclusive=True)
    return path


def fmt(path: Path, /, *, drop_comments: bool) -> bool:
    """Rewrite the catalogue in canonical layout; False when it already was."""
    with store.locked(path) as current:
        return store.save(current, current.data, drop_comments=drop_comments)


def is_canonical(path: Path, /) -> bool:
    loaded = store.read(path)
    return store.render(loaded.data).encode("utf-8") == loaded.raw


def select(
    catalogue: Catalogue,
    /,
    *,
    kinds: list[str] | None = None,
    status: Status | None = None,
    year: int | None = None,
    tag: str | None = None,
    search: str | None = None,
) -> list[Review]:
    """The reviews `mkcat list` shows, in page order."""
    wanted_tag = tag.casefold() if tag else None
    needle = search.casefold() if search else None

    def matches(review: Review) -> bool:
        if kinds and review.kind not in kinds:
            return False
        if status is not None and review.status is not status:
            return False
        if year is not None and review.published.year != year:
            return False
        if wanted_tag is not None and wanted_tag not in (t.casefold() for t in review.tags):
            return False
        if needle is not None:
            haystack = " ".join(t for t in (review.title, review.subject, review.summary) if t)
            return needle in haystack.casefold()
        return True

    return [review for review in catalogue.in_page_order() if matches(review)]


def review_data(data: dict[str, Any], review_id: str, /) -> dict[str, Any]:
    """The review's table as stored, every field kept."""
    for review in data.get("reviews", []):
        if review.get("id") == review_id:
            return dict(review)
    raise ReviewNotFound(_not_found(review_id, [r.get("id", "") for r in data.get("reviews", [])]))

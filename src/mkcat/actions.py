"""What each command does to the catalogue, without the terminal: the CLI calls these."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkcat import store
from mkcat.checks import Problem, Severity, errors, new_errors, run_checks
from mkcat.errors import CatalogueChanged, CatalogueInvalid, Refused, ReviewNotFound, nearest
from mkcat.fields import SCHEMA_VERSION, Status
from mkcat.report import count

if TYPE_CHECKING:
    from mkcat import importer
    from mkcat.changes import Edits, ReviewInput
    from mkcat.model import Catalogue, Review

# Imported where used, not here: `validate` and `list` start faster without them.
# mkcat.audit (git), mkcat.importer (csv, json), mkcat.changes (slugs, edits), mkcat.model (records)


@dataclass(frozen=True, slots=True)
class Checked:
    """A catalogue read and checked: its records exist only when it has no errors."""

    loaded: store.Loaded
    problems: list[Problem]

    @property
    def errors(self) -> list[Problem]:
        return errors(self.problems)


def check(path: Path, /, *, as_of: dt.date, warnings: bool = True) -> Checked:
    loaded = store.read(path)
    return Checked(loaded, run_checks(loaded.data, as_of=as_of, text=loaded.text, warnings=warnings))


def open_catalogue(path: Path, /, *, as_of: dt.date) -> Catalogue:
    """The catalogue's records, refusing a catalogue with errors (`validate` shows them)."""
    checked = check(path, as_of=as_of, warnings=False)
    if found := checked.errors:
        raise CatalogueInvalid(f"{path} has {count(len(found), 'error')}; fix them first", found, path)
    from mkcat.model import Catalogue

    return Catalogue.from_data(checked.loaded.data)


def find_review(catalogue: Catalogue, review_id: str, /) -> Review:
    review = catalogue.find(review_id)
    if review is None:
        raise ReviewNotFound(_not_found(review_id, [r.id for r in catalogue.reviews]))
    return review


def _not_found(review_id: str, known: list[str]) -> str:
    guess = nearest(review_id, known, cutoff=0.5)
    hint = f"; did you mean `{guess}`?" if guess else "; `mkcat list` shows the ids"
    return f"no review has the id `{review_id}`{hint}"


def new_catalogue_data(title: str = "Case Reviews") -> dict[str, Any]:
    from mkcat import model

    return {
        "schema_version": SCHEMA_VERSION,
        "site": {"title": title},
        "kinds": dict(model.DEFAULT_KINDS),
        "sections": [dict(section) for section in model.DEFAULT_SECTIONS],
    }


def init(path: Path, /) -> Path:
    """Write a new catalogue with the default kinds and sections; never overwrite."""
    if path.is_dir():
        path = path / store.FILE_NAME
    store.replace_file(path, store.render(new_catalogue_data()).encode("utf-8"), exclusive=True)
    return path


def fmt(path: Path, write: Write, /) -> Outcome:
    """Rewrite the catalogue in canonical layout, reading all of it back; not written when it already was."""
    return change_catalogue(path, lambda data: ("mkcat fmt: canonical layout", []), replace(write, verify_all=True))


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


# --- changing the catalogue -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Outcome:
    """What a change did: the review ids it touched, the warnings about them, the new data."""

    ids: list[str]
    warnings: list[Problem]
    data: dict[str, Any]
    written: bool


@dataclass(frozen=True, slots=True)
class Write:
    """How a change is written: checked as of a day, with or without comments, git, or not at all."""

    as_of: dt.date = field(default_factory=dt.date.today)
    drop_comments: bool = False
    commit: bool | None = None  # None: as `commit` under [mkcat] says
    dry_run: bool = False
    verify_all: bool = False  # read the whole new text back, not only what changed (fmt)
    expected: bytes | None = None  # the file as a long edit session began
    recovery: str | None = None  # the user's text, kept if the file changed meanwhile


Apply = Callable[[dict[str, Any]], tuple[str, list[str]]]


def change_catalogue(path: Path, apply: Apply, write: Write, /) -> Outcome:
    """Make a change under the lock, refuse it if it adds an error, write it, and commit it.

    `apply` gets a copy of the data whose `reviews` list it may change; it must
    replace a review's table rather than change it in place, and returns the
    commit message and the ids it touched.
    """
    with store.locked(path) as current:
        if write.expected is not None and current.raw != write.expected:
            kept = _keep_recovery(path, write.recovery or "")
            raise CatalogueChanged(
                f"{path} changed while you were editing, so nothing was saved; your text is in {kept}"
            )
        settings = current.data.get("mkcat")
        configured = bool(settings.get("commit", False)) if isinstance(settings, dict) else False
        wants_commit = write.commit if write.commit is not None else configured
        if wants_commit and not write.dry_run:
            from mkcat import audit

            audit.require_work_tree(path)
        reviews = current.data.get("reviews", [])
        if not isinstance(reviews, list):
            raise Refused(f"{path}: `reviews` must be a list of tables; fix the file first (`mkcat validate`)")
        data = {**current.data, "reviews": list(reviews)}
        message, touched = apply(data)
        after = run_checks(data, as_of=write.as_of)
        if errors(after):
            added = new_errors(run_checks(current.data, as_of=write.as_of), after)
            if added:
                raise CatalogueInvalid(
                    f"the change would add {count(len(added), 'error')}; nothing was written", added, path
                )
        warnings = [p for p in after if p.severity is Severity.WARNING and p.review in touched]
        if write.dry_run:
            return Outcome(touched, warnings, data, written=False)
        changed = store.save(current, data, drop_comments=write.drop_comments, verify_all=write.verify_all)
    if wants_commit and changed:
        from mkcat import audit

        audit.commit(path, message)
    return Outcome(touched, warnings, data, written=changed)


def _keep_recovery(path: Path, text: str) -> Path:
    stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    kept = path.with_name(f"{path.name}.edit-{stamp}.toml")
    number = 1
    while kept.exists():  # two sessions refused in the same second keep both texts
        number += 1
        kept = path.with_name(f"{path.name}.edit-{stamp}-{number}.toml")
    store.replace_file(kept, text.encode("utf-8"), exclusive=True)
    return kept


def _index_of(data: dict[str, Any], review_id: str) -> int:
    reviews = data.get("reviews", [])
    for index, review in enumerate(reviews):
        if review.get("id") == review_id:
            return index
    raise ReviewNotFound(_not_found(review_id, [r.get("id", "") for r in reviews if isinstance(r.get("id"), str)]))


def add(path: Path, given: ReviewInput, write: Write, /) -> Outcome:
    from mkcat.changes import new_review

    def apply(data: dict[str, Any]) -> tuple[str, list[str]]:
        reviews = data.setdefault("reviews", [])
        taken = [r.get("id") for r in reviews if isinstance(r.get("id"), str)]
        if given.id is not None and given.id in taken:
            raise Refused(f"a review with the id `{given.id}` exists already; choose another --id")
        review = new_review(given, taken)
        reviews.append(review)
        return f"mkcat add: {review['id']} ({review['title']})", [review["id"]]

    return change_catalogue(path, apply, write)


def edit(path: Path, review_id: str, edits: Edits, write: Write, /) -> Outcome:
    from mkcat.changes import apply_edits

    def apply(data: dict[str, Any]) -> tuple[str, list[str]]:
        index = _index_of(data, review_id)
        old = data["reviews"][index]
        new = apply_edits(old, edits)
        _refuse_published_id_change(old, new)
        data["reviews"][index] = new
        return _edit_message(old, new), [new.get("id", review_id)]

    return change_catalogue(path, apply, write)


def replace_review(path: Path, review_id: str, new: dict[str, Any], write: Write, /) -> Outcome:
    """Put an edited review table in place of the one with `review_id` (the $EDITOR session)."""

    def apply(data: dict[str, Any]) -> tuple[str, list[str]]:
        index = _index_of(data, review_id)
        old = data["reviews"][index]
        _refuse_published_id_change(old, new)
        data["reviews"][index] = new
        return _edit_message(old, new), [str(new.get("id", review_id))]

    return change_catalogue(path, apply, write)


def _refuse_published_id_change(old: dict[str, Any], new: dict[str, Any]) -> None:
    if old.get("id") != new.get("id") and old.get("status") != Status.DRAFT:
        raise Refused(
            f"the id of `{old.get('id')}` cannot change: it is {old.get('status')}, so links and records use it"
        )


def _edit_message(old: dict[str, Any], new: dict[str, Any]) -> str:
    changed = sorted(name for name in old.keys() | new.keys() if old.get(name) != new.get(name))
    return f"mkcat edit: {new.get('id')} ({', '.join(changed) or 'no change'})"


def withdraw(path: Path, review_id: str, write: Write, /, *, reason: str, on: str) -> Outcome:
    def apply(data: dict[str, Any]) -> tuple[str, list[str]]:
        index = _index_of(data, review_id)
        review = data["reviews"][index]
        if review.get("status") == Status.WITHDRAWN:
            raise Refused(f"`{review_id}` was withdrawn already, on {review.get('withdrawn_on')}")
        data["reviews"][index] = {
            **review,
            "status": str(Status.WITHDRAWN),
            "withdrawn_on": on,
            "withdrawn_reason": reason,
        }
        return f"mkcat withdraw: {review_id} ({reason})", [review_id]

    return change_catalogue(path, apply, write)


def remove(path: Path, review_id: str, write: Write, /) -> Outcome:
    def apply(data: dict[str, Any]) -> tuple[str, list[str]]:
        review = data["reviews"].pop(_index_of(data, review_id))
        return f"mkcat remove: {review_id} ({review.get('title')})", []

    return change_catalogue(path, apply, write)


def import_reviews(path: Path, source: Path, write: Write, /) -> Outcome:
    """Add every review in `source`, or none: each bad row is reported by its number.

    A first pass under the lock writes nothing and gathers every row's problems,
    from reading the file and from the checks; only a clean file is then added,
    in a second pass that refuses if anything changed meanwhile.
    """
    from mkcat import importer
    from mkcat.changes import slugify, unique_id

    rows = importer.read(source)
    row_of: dict[str, importer.Row] = {}
    strict = False

    def apply(data: dict[str, Any]) -> tuple[str, list[str]]:
        row_of.clear()
        reviews = data.setdefault("reviews", [])
        taken = {r.get("id") for r in reviews if isinstance(r.get("id"), str)}
        for row in rows:
            review, rid = row.review, row.review.get("id")
            if isinstance(rid, str) and rid in taken:
                row.problem("E006", "id", f"the id `{rid}` is taken, by the catalogue or an earlier row")
            if row.problems:
                continue
            if not rid:
                rid = unique_id(slugify(str(review.get("title") or "review")), taken)
                review = {**review, "id": rid}
            taken.add(rid)
            row_of[rid] = row
            reviews.append(review)
        if strict:
            _reject(source, rows, [])  # raised under the lock: nothing is written
        return f"mkcat import: {count(len(row_of), 'review')} from {source.name}", list(row_of)

    def attempt(*, dry: bool) -> Outcome:
        try:
            return change_catalogue(path, apply, replace(write, dry_run=dry))
        except CatalogueInvalid as invalid:
            if invalid.path != source:
                _reject(source, rows, [_on_row(problem, row_of) for problem in invalid.problems])
            raise

    outcome = attempt(dry=True)
    _reject(source, rows, [])
    if write.dry_run:
        return outcome
    strict = True
    return attempt(dry=False)


def _reject(source: Path, rows: list[importer.Row], refused: list[Problem]) -> None:
    """Raise with every problem of every row, in row order, if there are any."""
    problems = [p for row in rows for p in row.problems] + refused
    if not problems:
        return
    problems.sort(key=lambda p: int(p.review.split()[-1]) if p.review and p.review[-1].isdigit() else 0)
    bad = len({p.review for p in problems})
    raise CatalogueInvalid(
        f"{bad} of {count(len(rows), 'row')} in {source} have errors; nothing was imported", problems, source
    )


def _on_row(problem: Problem, row_of: dict[str, importer.Row]) -> Problem:
    row = row_of.get(problem.review or "")
    if row is None:
        return problem
    return Problem(problem.severity, problem.code, row.label, problem.field, None, problem.message)

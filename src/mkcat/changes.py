"""Turning what the user typed into review data: ids, dates, documents, field edits."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from mkcat.dates import PartialDate
from mkcat.errors import InvalidDate, UsageProblem
from mkcat.fields import ID_MAX, TABLES, Status, whole_number

REQUIRED = ("kind", "title", "published")
# Fields an option may set directly, as text.
TEXT_FIELDS = ("title", "subject", "summary", "statement", "statement_attribution", "media_contact", "notes")
# Fields `edit --clear` may remove: the optional ones.
CLEARABLE = tuple(name for name, spec in TABLES["review"].items() if not spec.required and name != "documents")


def slugify(text: str, /) -> str:
    """ASCII, lowercase, hyphens: "‘Denise’ Safeguarding Adult Review" -> "denise-safeguarding-adult-review"."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug[:60].rstrip("-") or "review"


def unique_id(base: str, taken: Iterable[str], /) -> str:
    """`base`, or `base-2`, `base-3`... whichever is free."""
    used = set(taken)
    base = base[: ID_MAX - 4].rstrip("-")
    if base not in used:
        return base
    number = 2
    while f"{base}-{number}" in used:
        number += 1
    return f"{base}-{number}"


def parse_date(text: str, /, *, option: str = "--published") -> str:
    """A typed date as stored ISO text; a date that cannot be says why."""
    try:
        return PartialDate.parse_any(text).iso()
    except InvalidDate as error:
        raise InvalidDate(f"{option}: {error}") from None


def parse_document(text: str, /, *, default_title: str | None) -> dict[str, Any]:
    """`URL`, `TITLE|URL` or `TITLE|URL|SIZE_BYTES` as a document table."""
    parts = [part.strip() for part in text.split("|")]
    if len(parts) == 1:
        title, url, size = default_title, parts[0], None
    elif len(parts) == 2:
        title, url, size = parts[0], parts[1], None
    elif len(parts) == 3:
        title, url, size = parts
    else:
        raise UsageProblem(f'--document {text!r}: write URL, "TITLE|URL" or "TITLE|URL|SIZE_BYTES"')
    if not url:
        raise UsageProblem(f"--document {text!r} has no URL")
    document: dict[str, Any] = {"title": title or default_title or "", "url": url}
    if size:
        if (number := whole_number(size)) is None:
            raise UsageProblem(f"--document {text!r}: the size must be a whole number of bytes, not {size!r}")
        document["size_bytes"] = number
    return document


@dataclass
class ReviewInput:
    """The fields given on the command line (or at the prompts) for one review."""

    id: str | None = None
    kind: str | None = None
    title: str | None = None
    subject: str | None = None
    published: str | None = None  # ISO text, already parsed
    status: Status | None = None
    summary: str | None = None
    statement: str | None = None
    statement_attribution: str | None = None
    media_contact: str | None = None
    notes: str | None = None
    tags: list[str] = field(default_factory=list)
    documents: list[str] = field(default_factory=list)  # as typed: URL or TITLE|URL[|SIZE]

    def missing(self) -> list[str]:
        needed = [name for name in REQUIRED if getattr(self, name) is None]
        if (self.status or Status.PUBLISHED) is Status.PUBLISHED and not self.documents:
            needed.append("document")
        return needed


def new_review(given: ReviewInput, taken_ids: Iterable[str], /) -> dict[str, Any]:
    """The review table for `mkcat add`, fields in the file's order."""
    assert given.title is not None and given.kind is not None and given.published is not None
    review: dict[str, Any] = {
        "id": given.id or unique_id(slugify(given.title), taken_ids),
        "kind": given.kind,
        "title": given.title,
        "published": given.published,
        "status": str(given.status or Status.PUBLISHED),
    }
    for name in TEXT_FIELDS:
        value = getattr(given, name)
        if value is not None and name not in review:
            review[name] = value
    if given.tags:
        review["tags"] = list(given.tags)
    review["documents"] = [parse_document(text, default_title=given.title) for text in given.documents]
    return review


@dataclass
class Edits:
    """What `mkcat edit ID` was asked to change."""

    values: ReviewInput = field(default_factory=ReviewInput)
    remove_tags: list[str] = field(default_factory=list)
    remove_documents: list[str] = field(default_factory=list)  # URLs, or 1-based positions
    clear: list[str] = field(default_factory=list)

    def any(self) -> bool:
        values = self.values
        return bool(
            self.remove_tags
            or self.remove_documents
            or self.clear
            or values.tags
            or values.documents
            or any(getattr(values, name) is not None for name in (*REQUIRED, *TEXT_FIELDS, "id", "status"))
        )


def apply_edits(review: dict[str, Any], edits: Edits, /) -> dict[str, Any]:
    """The review with the edits made; the original is not changed."""
    changed = dict(review)
    values = edits.values
    for name in ("id", "kind", "published", *TEXT_FIELDS):
        value = getattr(values, name)
        if value is not None:
            changed[name] = value
    if values.status is not None:
        changed["status"] = str(values.status)
    tags = [tag for tag in changed.get("tags", []) if tag not in edits.remove_tags]
    tags += [tag for tag in values.tags if tag not in tags]
    if tags or "tags" in changed:
        changed["tags"] = tags
    documents = list(changed.get("documents", []))
    for which in edits.remove_documents:
        documents = _without_document(documents, which)
    title = changed.get("title") if isinstance(changed.get("title"), str) else None
    documents += [parse_document(text, default_title=title) for text in values.documents]
    if documents or "documents" in changed:
        changed["documents"] = documents
    for name in edits.clear:
        if name not in CLEARABLE:
            raise UsageProblem(f"--clear {name}: only optional fields can be cleared ({', '.join(CLEARABLE)})")
        changed.pop(name, None)
    return changed


def _without_document(documents: Sequence[Mapping[str, Any]], which: str) -> list[Mapping[str, Any]]:
    position = whole_number(which)
    if position is not None and 1 <= position <= len(documents):
        return [d for number, d in enumerate(documents, start=1) if number != position]
    kept = [d for d in documents if d.get("url") != which]
    if len(kept) == len(documents):
        raise UsageProblem(f"--remove-document {which!r}: the review has no document with that URL or number")
    return kept

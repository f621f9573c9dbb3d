"""`mkcat import`: reviews from the export's CSV or JSON, each traced to its row."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from mkcat.changes import parse_date
from mkcat.checks import CHECKS, Problem
from mkcat.errors import CatalogueUnreadable, InvalidDate, nearest
from mkcat.exporters import to_csv
from mkcat.exporters.to_csv import DOCUMENT_FIELDS, FORMULA_STARTS, document_columns
from mkcat.fields import Status, whole_number
from mkcat.store import read_text

# Columns the CSV export writes that are worked out from others: accepted and ignored.
DERIVED = frozenset({"section", "kind_name", "published_display"})
# The export's own columns, and two the business unit may add: status and internal notes.
REVIEW_COLUMNS = (*(name for name in to_csv.REVIEW_COLUMNS if name not in DERIVED), "status", "notes")
REQUIRED_COLUMNS = ("title", "kind", "published", "document_url")
JSON_FIELDS = frozenset({*REVIEW_COLUMNS, *DERIVED, "documents"})
JSON_DOCUMENT_FIELDS = frozenset(DOCUMENT_FIELDS)


@dataclass
class Row:
    """One review read from the file, and where it came from ("row 3", "review 2")."""

    label: str
    review: dict[str, Any]
    problems: list[Problem] = field(default_factory=list)

    def problem(self, code: str, field_name: str | None, message: str) -> None:
        check = CHECKS[code]
        self.problems.append(Problem(check.severity, code, self.label, field_name, None, message))

    def unknown(self, name: str, known: Iterable[str], what: str, *, where: str | None = None) -> None:
        guess = nearest(name, known)
        hint = f"; did you mean `{guess}`?" if guess else ""
        self.problem("E002", where or name, f"unknown {what} `{name}`{hint}")


def read(path: Path, /) -> list[Row]:
    """Every review in an import file, with the problems found reading each."""
    _, text = read_text(path)
    if path.suffix.lower() == ".json" or (path.suffix.lower() != ".csv" and text.lstrip()[:1] in "[{"):
        return list(_json_rows(path, text))
    return list(_csv_rows(path, text))


# --- CSV ----------------------------------------------------------------------------------


def _csv_rows(path: Path, text: str) -> Iterator[Row]:
    reader = csv.reader(io.StringIO(text, newline=""))
    header = [name.strip().lower() for name in next(reader, [])]
    known = _csv_columns(header)
    head = Row("row 1", {})
    for name in header:
        if name not in known:
            head.unknown(name, known, "column")
    for name in REQUIRED_COLUMNS:
        if name not in header:
            head.problem("E003", name, f"the header has no `{name}` column")
    if head.problems:
        yield head
        return
    number = 1
    try:
        for number, cells in enumerate(reader, start=2):
            if not any(cell.strip() for cell in cells):
                continue  # a blank line at the end of a spreadsheet
            row = Row(f"row {number}", {})
            if len(cells) > len(header):
                row.problem("E002", None, f"{len(cells)} cells but the header names {len(header)} columns")
            values = {name: _cell(cell) for name, cell in zip(header, cells, strict=False)}
            _fill(row, values)
            yield row
    except csv.Error as error:
        raise CatalogueUnreadable(f"{path}, row {number + 1}: not readable as CSV: {error}") from None


def _csv_columns(header: list[str]) -> set[str]:
    columns = set(REVIEW_COLUMNS) | DERIVED | set(document_columns(1))
    for number in range(2, len(header) + 2):
        columns.update(document_columns(number))
    return columns


def _cell(cell: str) -> str | None:
    """A cell's text, the export's formula guard undone; None when empty."""
    if cell.startswith("'") and cell[1:].startswith(FORMULA_STARTS):
        cell = cell[1:]
    return cell if cell.strip() else None


def _fill(row: Row, values: Mapping[str, str | None]) -> None:
    review = row.review
    for name in REVIEW_COLUMNS:
        value = values.get(name)
        if value is None:
            continue
        if name == "tags":
            review["tags"] = [tag.strip() for tag in value.split(";") if tag.strip()]
        elif name in ("id", "kind", "status"):
            review[name] = value.strip()
        else:
            review[name] = value
    _finish(row)
    documents = []
    number = 1
    while number == 1 or any(column in values for column in document_columns(number)):
        columns = document_columns(number)
        group = {name: values.get(column) for name, column in zip(DOCUMENT_FIELDS, columns, strict=True)}
        if group["url"]:
            documents.append(_document(row, group, columns[-1]))
        number += 1
    review["documents"] = documents


# --- JSON ---------------------------------------------------------------------------------


def _json_rows(path: Path, text: str) -> Iterator[Row]:
    try:
        loaded = json.loads(text)
    except json.JSONDecodeError as error:
        raise CatalogueUnreadable(
            f"{path}, line {error.lineno}, column {error.colno}: not valid JSON: {error.msg}"
        ) from None
    except RecursionError:
        raise CatalogueUnreadable(f"{path}: not the export's JSON: it is nested too deeply to read") from None
    reviews = loaded.get("reviews") if isinstance(loaded, dict) else loaded
    if not isinstance(reviews, list):
        raise CatalogueUnreadable(f'{path}: expected the export\'s JSON, with a "reviews" list')
    for number, item in enumerate(reviews, start=1):
        row = Row(f"review {number}", {})
        if not isinstance(item, dict):
            row.problem("E004", None, "must be an object with the review's fields")
            yield row
            continue
        for name, value in item.items():
            if name not in JSON_FIELDS:
                row.unknown(name, JSON_FIELDS, "field")
            elif name not in DERIVED and name != "documents" and value is not None:
                row.review[name] = value
        _finish(row)
        documents = item.get("documents") or []
        if not isinstance(documents, list):
            row.problem("E004", "documents", "`documents` must be a list")
            documents = []
        for index, document in enumerate(documents):
            if isinstance(document, dict):
                for name in document.keys() - JSON_DOCUMENT_FIELDS:
                    row.unknown(name, JSON_DOCUMENT_FIELDS, "field", where=f"documents[{index}].{name}")
        row.review["documents"] = [_document(row, d, "size_bytes") if isinstance(d, dict) else d for d in documents]
        yield row


# --- both ---------------------------------------------------------------------------------


def _finish(row: Row) -> None:
    """Dates as people type them become ISO text; status defaults to published."""
    review = row.review
    if "id" in review and not (isinstance(review["id"], str) and review["id"].strip()):
        row.problem("E004", "id", f"`id` must be text such as child-k-cspr, not {review['id']!r}")
    published = review.get("published")
    if isinstance(published, str):
        try:
            review["published"] = parse_date(published, option="published")
        except InvalidDate as error:
            row.problem("E008", "published", str(error).removeprefix("published: "))
    review.setdefault("status", str(Status.PUBLISHED))


def _document(row: Row, values: Mapping[str, Any], size_name: str) -> dict[str, Any]:
    document = {name: values[name] for name in DOCUMENT_FIELDS if values.get(name) is not None}
    document.setdefault("title", row.review.get("title", ""))
    size = document.get("size_bytes")
    if isinstance(size, str):
        if (number := whole_number(size)) is not None:
            document["size_bytes"] = number
        else:
            row.problem("E004", size_name, f"`{size_name}` must be a whole number of bytes, not {size!r}")
    return document

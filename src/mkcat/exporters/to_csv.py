"""CSV for spreadsheets: one row per public review, quoted as RFC 4180 says, formula-safe."""

from __future__ import annotations

import csv
import io
from typing import Any

from mkcat.exporters import Listing, Options
from mkcat.exporters.public import public_review

REVIEW_COLUMNS = (
    "id", "section", "kind", "kind_name", "title", "subject", "published", "published_display",
    "summary", "statement", "statement_attribution", "media_contact", "tags",
)  # fmt: skip
DOCUMENT_FIELDS = ("title", "url", "format", "size_bytes")
# A cell starting with one of these is run as a formula by Excel, LibreOffice and Google Sheets.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BOM = "\ufeff"


def document_columns(number: int) -> list[str]:
    """`document_title`... for the first document, `document_2_title`... for the next."""
    prefix = "document_" if number == 1 else f"document_{number}_"
    return [prefix + name for name in DOCUMENT_FIELDS]


def neutralise(value: Any) -> str:
    """The cell's text, with a leading ' where a spreadsheet would otherwise run it as a formula."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def render(listing: Listing, options: Options, /) -> str:
    records = [public_review(listing.catalogue, review) for review in listing.reviews]
    most = max((len(record.documents) for record in records), default=1)
    header = [*REVIEW_COLUMNS, *(column for n in range(1, most + 1) for column in document_columns(n))]
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    for record in records:
        row: list[Any] = [getattr(record, name) for name in REVIEW_COLUMNS]
        row[REVIEW_COLUMNS.index("tags")] = "; ".join(record.tags)
        for document in record.documents:
            row += [getattr(document, name) for name in DOCUMENT_FIELDS]
        row += [None] * (len(header) - len(row))
        writer.writerow([neutralise(value) for value in row])
    return (BOM if options.excel else "") + buffer.getvalue()

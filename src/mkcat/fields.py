"""The catalogue file's shape, written once: its tables, their fields, types and limits.

The store orders keys by it, the checks test against it, and `mkcat schema`
turns it into JSON Schema, so a new field is added here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

SCHEMA_VERSION = 1
LINE_MAX = 500  # characters in a one-line field: a title, a URL, a tag
TEXT_MAX = 20_000  # characters in a free-text field: a summary, a statement
SIZE_MAX = 10 * 1024**3  # bytes: a "document" larger than 10 GiB is a typing slip
ID_PATTERN = r"^[a-z0-9]+(-[a-z0-9]+)*$"  # review ids and section keys
ID_MAX = 80


class Type(StrEnum):
    INT = "integer"
    BOOL = "boolean"
    LINE = "one line of text"
    TEXT = "text"
    ID = "id"
    DATE = "date"
    URL = "URL"
    STATUS = "status"
    LINES = "list of one-line texts"
    NAMES = "table of names"  # [kinds]: code = "full name"
    TABLE = "table"
    TABLES = "list of tables"


class Status(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    WITHDRAWN = "withdrawn"


@dataclass(frozen=True, slots=True)
class Field:
    name: str
    type: Type
    help: str
    required: bool = False
    table: str | None = None  # for TABLE and TABLES: the name of the table's shape


def _fields(*fields: Field) -> dict[str, Field]:
    return {field.name: field for field in fields}


TABLES: dict[str, dict[str, Field]] = {
    "catalogue": _fields(
        Field("schema_version", Type.INT, "version of this file format; mkcat reads 1", True),
        Field("site", Type.TABLE, "the page the reviews are published on", True, "site"),
        Field("mkcat", Type.TABLE, "settings for the mkcat tool", table="mkcat"),
        Field("kinds", Type.NAMES, 'kind code = full name, e.g. CSPR = "Child Safeguarding Practice Review"', True),
        Field("sections", Type.TABLES, "the page's sections, in page order", True, "section"),
        Field("reviews", Type.TABLES, "the reviews", table="review"),
    ),
    "site": _fields(
        Field("title", Type.LINE, "the page title", True),
        Field("publisher", Type.LINE, "who publishes the reviews"),
        Field("intro", Type.TEXT, "the paragraph under the page title"),
        Field("retention_months", Type.INT, "how long a review stays online; older reviews get a warning"),
        Field("links", Type.TABLES, "further links at the foot of the page", table="link"),
    ),
    "link": _fields(
        Field("heading", Type.LINE, "a heading above the link"),
        Field("text", Type.TEXT, "text before the link"),
        Field("link_text", Type.LINE, "the words people click", True),
        Field("url", Type.URL, "https/http address or a site path starting with /", True),
    ),
    "mkcat": _fields(
        Field("commit", Type.BOOL, "commit each change to git when the file is in a work tree"),
    ),
    "section": _fields(
        Field("key", Type.ID, "short unique name, [a-z0-9-]", True),
        Field("heading", Type.LINE, "the section heading readers see", True),
        Field("kinds", Type.LINES, "the kind codes listed in this section", True),
        Field("intro", Type.TEXT, "a paragraph under the heading"),
    ),
    "review": _fields(
        Field("id", Type.ID, "unique, [a-z0-9-]; never changes once published", True),
        Field("kind", Type.LINE, "a code from [kinds]", True),
        Field("title", Type.LINE, "the text people click", True),
        Field("subject", Type.LINE, "the pseudonym, e.g. Child K; absent for thematic reviews"),
        Field("published", Type.DATE, "YYYY, YYYY-MM or YYYY-MM-DD, at the precision known", True),
        Field("status", Type.STATUS, "draft, published or withdrawn", True),
        Field("summary", Type.TEXT, "public summary"),
        Field("statement", Type.TEXT, "public publication statement, shown as a quotation"),
        Field("statement_attribution", Type.LINE, "who made the statement, and when"),
        Field("media_contact", Type.LINE, "public contact for media enquiries"),
        Field("tags", Type.LINES, "public themes"),
        Field("notes", Type.TEXT, "INTERNAL notes: never exported"),
        Field("withdrawn_on", Type.DATE, "the day the review was withdrawn"),
        Field("withdrawn_reason", Type.TEXT, "why the review was withdrawn (internal)"),
        Field("documents", Type.TABLES, "the downloads; a published review needs one", table="document"),
    ),
    "document": _fields(
        Field("title", Type.LINE, "the link text", True),
        Field("url", Type.URL, "https/http address or a site path starting with /", True),
        Field("format", Type.LINE, "PDF, DOCX...; inferred from the URL when absent"),
        Field("size_bytes", Type.INT, 'file size, shown to readers as "PDF, 1.2 MB"'),
    ),
}

# Public text a reader sees, searched for details that could identify someone.
IDENTIFYING_TEXT_FIELDS = ("title", "subject", "summary", "statement", "tags")

# Formats readers know by name, from the URL's extension.
FORMATS = {
    "pdf": "PDF",
    "doc": "Word",
    "docx": "Word",
    "odt": "ODT",
    "rtf": "RTF",
    "txt": "Text",
    "html": "HTML",
    "htm": "HTML",
    "xlsx": "Excel",
    "csv": "CSV",
    "pptx": "PowerPoint",
    "zip": "ZIP",
    "mp3": "MP3",
    "mp4": "MP4",
}


def infer_format(url: str) -> str | None:
    """The format a reader should be told, from the URL's file extension."""
    path = url.partition("#")[0].partition("?")[0]
    name = path.rsplit("/", 1)[-1]
    if "." not in name:
        return None
    return FORMATS.get(name.rsplit(".", 1)[-1].lower())


def whole_number(text: str) -> int | None:
    """`text` as a whole number of ASCII digits ("1200000"), else None ("1.2 MB", "²", "-5")."""
    text = text.strip()
    return int(text) if text.isascii() and text.isdigit() else None

"""The catalogue as typed records: site, kinds, sections, reviews, documents.

Records are built from data the checks have passed (`Catalogue.from_data`);
the raw TOML data stays the thing the store writes, so nothing a user put in
the file is lost by going through these types.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from mkcat.dates import PartialDate
from mkcat.fields import Status, infer_format

DEFAULT_KINDS = {
    "CSPR": "Child Safeguarding Practice Review",
    "SCR": "Serious Case Review",
    "LEARNING": "Learning summary",
    "DHR": "Domestic Homicide Review",
    "SAR": "Safeguarding Adult Review",
}

DEFAULT_SECTIONS = (
    {
        "key": "children",
        "heading": "Child Safeguarding Practice Review/Serious Case Review Reports",
        "kinds": ["CSPR", "SCR", "LEARNING"],
    },
    {"key": "dhr", "heading": "Domestic Homicide Review Reports", "kinds": ["DHR"]},
    {"key": "sar", "heading": "Safeguarding Adult Review Reports", "kinds": ["SAR"]},
)


def human_size(size_bytes: int) -> str:
    """A size as readers expect it: "880 KB", "1.2 MB" (decimal units, as GOV.UK writes them)."""
    if size_bytes < 1000:
        return f"{size_bytes} bytes"
    value = float(size_bytes)
    for unit in ("KB", "MB", "GB"):
        value /= 1000
        if value < 999.95 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "KB" else f"{value:.1f} {unit}"
    raise AssertionError("unreachable")


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    url: str
    format: str | None = None
    size_bytes: int | None = None

    @property
    def shown_format(self) -> str | None:
        return self.format or infer_format(self.url)

    @property
    def label(self) -> str:
        """What a reader needs before clicking: "PDF, 1.2 MB"."""
        parts = [self.shown_format or "file"]
        if self.size_bytes is not None:
            parts.append(human_size(self.size_bytes))
        return ", ".join(parts)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Document:
        return cls(data["title"], data["url"], data.get("format"), data.get("size_bytes"))


@dataclass(frozen=True, slots=True)
class Review:
    id: str
    kind: str
    title: str
    published: PartialDate
    status: Status
    subject: str | None = None
    summary: str | None = None
    statement: str | None = None
    statement_attribution: str | None = None
    media_contact: str | None = None
    tags: tuple[str, ...] = ()
    notes: str | None = None
    withdrawn_on: PartialDate | None = None
    withdrawn_reason: str | None = None
    documents: tuple[Document, ...] = ()

    def is_public(self, as_of: dt.date) -> bool:
        """Published, and not under embargo on `as_of`."""
        return self.status is Status.PUBLISHED and self.published.first_day <= as_of

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Review:
        withdrawn_on = data.get("withdrawn_on")
        return cls(
            id=data["id"],
            kind=data["kind"],
            title=data["title"],
            published=PartialDate.from_value(data["published"]),
            status=Status(data["status"]),
            subject=data.get("subject"),
            summary=data.get("summary"),
            statement=data.get("statement"),
            statement_attribution=data.get("statement_attribution"),
            media_contact=data.get("media_contact"),
            tags=tuple(data.get("tags", ())),
            notes=data.get("notes"),
            withdrawn_on=None if withdrawn_on is None else PartialDate.from_value(withdrawn_on),
            withdrawn_reason=data.get("withdrawn_reason"),
            documents=tuple(Document.from_data(d) for d in data.get("documents", ())),
        )


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    heading: str
    kinds: tuple[str, ...]
    intro: str | None = None


@dataclass(frozen=True, slots=True)
class Link:
    link_text: str
    url: str
    heading: str | None = None
    text: str | None = None


@dataclass(frozen=True, slots=True)
class Site:
    title: str
    publisher: str | None = None
    intro: str | None = None
    retention_months: int | None = None
    links: tuple[Link, ...] = ()


@dataclass(frozen=True, slots=True)
class Catalogue:
    schema_version: int
    site: Site
    kinds: Mapping[str, str]
    sections: tuple[Section, ...]
    reviews: tuple[Review, ...]
    commit: bool = False
    _section_of_kind: dict[str, Section] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        for section in self.sections:
            for kind in section.kinds:
                self._section_of_kind.setdefault(kind, section)

    @classmethod
    def from_data(cls, data: Mapping[str, Any]) -> Catalogue:
        """Build the records from data that has passed the checks without errors."""
        site = data["site"]
        return cls(
            schema_version=data["schema_version"],
            site=Site(
                title=site["title"],
                publisher=site.get("publisher"),
                intro=site.get("intro"),
                retention_months=site.get("retention_months"),
                links=tuple(
                    Link(link["link_text"], link["url"], link.get("heading"), link.get("text"))
                    for link in site.get("links", ())
                ),
            ),
            kinds=dict(data["kinds"]),
            sections=tuple(
                Section(s["key"], s["heading"], tuple(s["kinds"]), s.get("intro")) for s in data["sections"]
            ),
            reviews=tuple(Review.from_data(r) for r in data.get("reviews", ())),
            commit=bool(data.get("mkcat", {}).get("commit", False)),
        )

    def section_of(self, review: Review) -> Section:
        return self._section_of_kind[review.kind]

    def in_page_order(self, reviews: tuple[Review, ...] | list[Review] | None = None) -> list[Review]:
        """Sections in file order; newest first within each; ties in file order."""
        chosen = self.reviews if reviews is None else reviews
        position = {section.key: index for index, section in enumerate(self.sections)}
        # sorted() is stable, so equal keys keep file order
        return sorted(
            chosen,
            key=lambda r: (position[self.section_of(r).key], -r.published.first_day.toordinal()),
        )

    def public_reviews(self, as_of: dt.date) -> list[Review]:
        """What may go on the website on `as_of`, in page order."""
        return self.in_page_order([r for r in self.reviews if r.is_public(as_of)])

    def find(self, review_id: str) -> Review | None:
        return next((r for r in self.reviews if r.id == review_id), None)

"""What may be published about a review: the one allow-list every export is built from.

A field reaches the website only by being named here, so a new internal field
(like `notes`) can never leak by default.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from mkcat.model import Catalogue, Review, Section


@dataclass(frozen=True, slots=True)
class PublicDocument:
    title: str
    url: str
    format: str | None
    size_bytes: int | None
    label: str  # "PDF, 1.2 MB": what a reader is told before clicking

    def as_dict(self) -> dict[str, Any]:
        return {"title": self.title, "url": self.url, "format": self.format, "size_bytes": self.size_bytes}


@dataclass(frozen=True, slots=True)
class PublicReview:
    id: str
    kind: str
    kind_name: str
    section: str
    title: str
    subject: str | None
    published: str
    published_display: str
    summary: str | None
    statement: str | None
    statement_attribution: str | None
    media_contact: str | None
    tags: tuple[str, ...]
    documents: tuple[PublicDocument, ...]

    def as_dict(self) -> dict[str, Any]:
        """The JSON export's review object, keys in the order SPEC.md lists them."""
        return {
            "id": self.id,
            "kind": self.kind,
            "kind_name": self.kind_name,
            "section": self.section,
            "title": self.title,
            "subject": self.subject,
            "published": self.published,
            "published_display": self.published_display,
            "summary": self.summary,
            "statement": self.statement,
            "statement_attribution": self.statement_attribution,
            "media_contact": self.media_contact,
            "tags": list(self.tags),
            "documents": [document.as_dict() for document in self.documents],
        }


def public_review(catalogue: Catalogue, review: Review, /) -> PublicReview:
    return PublicReview(
        id=review.id,
        kind=review.kind,
        kind_name=catalogue.kinds[review.kind],
        section=catalogue.section_of(review).key,
        title=review.title,
        subject=review.subject,
        published=review.published.iso(),
        published_display=review.published.display(),
        summary=review.summary,
        statement=review.statement,
        statement_attribution=review.statement_attribution,
        media_contact=review.media_contact,
        tags=review.tags,
        documents=tuple(
            PublicDocument(document.title, document.url, document.shown_format, document.size_bytes, document.label)
            for document in review.documents
        ),
    )


def site_record(catalogue: Catalogue, /) -> dict[str, Any]:
    site = catalogue.site
    return {
        "title": site.title,
        "publisher": site.publisher,
        "intro": site.intro,
        "links": [
            {"heading": link.heading, "text": link.text, "link_text": link.link_text, "url": link.url}
            for link in site.links
        ],
    }


def section_record(section: Section, /) -> dict[str, Any]:
    return {"key": section.key, "heading": section.heading, "intro": section.intro, "kinds": list(section.kinds)}

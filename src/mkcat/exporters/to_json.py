"""JSON for the web team's own tooling: site, sections and public reviews in page order."""

from __future__ import annotations

import json
from typing import Any

from mkcat.exporters import Listing, Options
from mkcat.exporters.public import public_review, section_record, site_record
from mkcat.fields import ID_PATTERN, SCHEMA_VERSION


def render(listing: Listing, options: Options, /) -> str:
    catalogue = listing.catalogue
    document = {
        "schema_version": SCHEMA_VERSION,
        "as_of": listing.as_of.isoformat(),
        "site": site_record(catalogue),
        "sections": [section_record(section) for section in catalogue.sections],
        "reviews": [public_review(catalogue, review).as_dict() for review in listing.reviews],
    }
    return dumps(document)


def dumps(value: Any, /) -> str:
    """mkcat's one JSON style: UTF-8 as written, the top level spread over lines, each item of a list on one line.

    One line per review keeps a diff of two exports to the reviews that changed, and
    compact items keep json's C encoder at work (`indent=` turns it off).
    """

    def compact(item: Any) -> str:
        return json.dumps(item, ensure_ascii=False, separators=(", ", ": "))

    def listed(items: list[Any], indent: str) -> str:
        if not items:
            return "[]"
        return "[\n" + ",\n".join(indent + "  " + compact(item) for item in items) + "\n" + indent + "]"

    if isinstance(value, dict):
        lines = [
            f"  {compact(key)}: {listed(item, '  ') if isinstance(item, list) else compact(item)}"
            for key, item in value.items()
        ]
        return "{\n" + ",\n".join(lines) + "\n}\n"
    if isinstance(value, list):
        return listed(value, "") + "\n"
    return compact(value) + "\n"


def schema() -> dict[str, Any]:
    """JSON Schema of what `render` writes, for the web team's tooling (`mkcat schema --export`)."""
    text = {"type": "string"}
    maybe_text = {"type": ["string", "null"]}
    document = _object(
        title=text,
        url=text,
        format=maybe_text,
        size_bytes={"type": ["integer", "null"], "minimum": 1},
    )
    review = _object(
        id={"type": "string", "pattern": ID_PATTERN},
        kind=text,
        kind_name=text,
        section=text,
        title=text,
        subject=maybe_text,
        published={"type": "string", "pattern": r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"},
        published_display=text,
        summary=maybe_text,
        statement=maybe_text,
        statement_attribution=maybe_text,
        media_contact=maybe_text,
        tags={"type": "array", "items": text},
        documents={"type": "array", "items": document, "minItems": 1},
    )
    link = _object(heading=maybe_text, text=maybe_text, link_text=text, url=text)
    section = _object(key=text, heading=text, intro=maybe_text, kinds={"type": "array", "items": text})
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "title": "mkcat export",
        "description": "The public case reviews, in page order, as `mkcat export --format json` writes them.",
        **_object(
            schema_version={"const": SCHEMA_VERSION},
            as_of={"type": "string", "format": "date"},
            site=_object(title=text, publisher=maybe_text, intro=maybe_text, links={"type": "array", "items": link}),
            sections={"type": "array", "items": section},
            reviews={"type": "array", "items": review},
        ),
    }


def _object(**properties: dict[str, Any]) -> dict[str, Any]:
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties),
        "additionalProperties": False,
    }

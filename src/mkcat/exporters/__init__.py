"""The web team's listings: one module per format, each with the same `render(listing, options)`.

Adding a format is adding a module and a line to FORMATS.
"""

from __future__ import annotations

import datetime as dt
import importlib
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:
    from mkcat.model import Catalogue, Review


class Format(StrEnum):
    HTML = "html"
    CSV = "csv"
    JSON = "json"


FORMATS = {
    Format.HTML: "mkcat.exporters.to_html",
    Format.CSV: "mkcat.exporters.to_csv",
    Format.JSON: "mkcat.exporters.to_json",
}


@dataclass(frozen=True, slots=True)
class Listing:
    """What may be published: the catalogue, its public reviews in page order, and the day."""

    catalogue: Catalogue
    reviews: list[Review]
    as_of: dt.date


@dataclass(frozen=True, slots=True)
class Options:
    standalone: bool = False  # html: a whole page rather than a fragment
    template: Path | None = None  # html: the web team's own Jinja2 template
    excel: bool = False  # csv: start with a byte order mark so Excel reads UTF-8


class Exporter(Protocol):
    def render(self, listing: Listing, options: Options, /) -> str: ...


def exporter(name: Format) -> Exporter:
    """The module for a format, imported only when asked for (Jinja2 costs start-up time)."""
    module: Exporter = importlib.import_module(FORMATS[name])
    return module

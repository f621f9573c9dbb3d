"""HTML for the website: a fragment for the CMS, or a whole page, from Jinja2 templates.

Autoescaping is on for mkcat's templates and the web team's own alike, and the
templates see only the public fields the JSON export allows (never `notes`).
"""

from __future__ import annotations

import re
import traceback
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import jinja2
from jinja2.sandbox import SandboxedEnvironment

from mkcat.checks import url_problem
from mkcat.dates import PartialDate
from mkcat.errors import UsageProblem
from mkcat.exporters import Listing, Options
from mkcat.exporters.public import public_review, section_record, site_record
from mkcat.store import read_text

_BLANK_LINE = re.compile(r"\n\s*\n")


def paragraphs(text: str) -> list[str]:
    """Text split at blank lines, each paragraph's own line breaks folded to spaces."""
    return [" ".join(part.split()) for part in _BLANK_LINE.split(text.strip()) if part.strip()]


def href(url: str) -> str:
    """A URL fit for href: the checks vetted it; a template can never be handed another."""
    if (reason := url_problem(url)) is not None:
        raise ValueError(f"refusing to link to {url!r}: it {reason}")
    return url


def context(listing: Listing) -> dict[str, Any]:
    """What templates see: the site, and the public reviews by section (`PublicReview`s, never `notes`)."""
    catalogue = listing.catalogue
    reviews = [public_review(catalogue, review) for review in listing.reviews]
    sections = [
        SimpleNamespace(**section_record(section), reviews=[r for r in reviews if r.section == section.key])
        for section in catalogue.sections
    ]
    site = site_record(catalogue)
    day = listing.as_of
    return {
        "site": SimpleNamespace(**{**site, "links": [SimpleNamespace(**link) for link in site["links"]]}),
        "as_of": day.isoformat(),
        "as_of_display": PartialDate(day.year, day.month, day.day).display(),
        "sections": sections,
        "reviews": reviews,
    }


def _environment(environment: jinja2.Environment) -> jinja2.Environment:
    environment.filters["paragraphs"] = paragraphs
    environment.filters["href"] = href
    return environment


def render(listing: Listing, options: Options, /) -> str:
    if options.template is not None:
        return _render_own(options.template, context(listing))
    environment = _environment(
        jinja2.Environment(
            loader=jinja2.PackageLoader("mkcat", "templates"),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            trim_blocks=True,
            lstrip_blocks=True,
            keep_trailing_newline=True,
        )
    )
    name = "page.html.j2" if options.standalone else "fragment.html.j2"
    return environment.get_template(name).render(context(listing))


def _render_own(template: Path, values: dict[str, Any]) -> str:
    """The web team's template: sandboxed (no reaching into Python), autoescaped, and alone.

    Only the named file is loaded: an `{% include %}` of anything else (the
    catalogue beside it, with its internal notes) finds nothing.
    """
    _, source = read_text(template)
    name = str(template)

    def load(wanted: str) -> tuple[str, str, Callable[[], bool]] | None:
        return (source, name, lambda: True) if wanted == name else None

    environment = _environment(
        SandboxedEnvironment(
            loader=jinja2.FunctionLoader(load),
            autoescape=True,
            undefined=jinja2.StrictUndefined,
            keep_trailing_newline=True,
        )
    )
    try:
        return environment.get_template(name).render(values)
    except jinja2.TemplateSyntaxError as error:
        raise UsageProblem(f"--template {template}, line {error.lineno}: {error.message}") from None
    except jinja2.TemplateNotFound as error:
        raise UsageProblem(f"--template {template}: a template may not include other files ({error.name})") from None
    except Exception as error:  # the web team's own code: whatever fails in it is reported as theirs
        line = next((f.lineno for f in reversed(traceback.extract_tb(error.__traceback__)) if f.filename == name), None)
        where = f", line {line}" if line else ""
        raise UsageProblem(f"--template {template}{where}: {type(error).__name__}: {error}") from None

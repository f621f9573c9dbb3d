"""`validate --check-links`: ask every document URL whether it is there, and how big it is."""

from __future__ import annotations

import urllib.error
import urllib.request
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from mkcat import __version__
from mkcat.checks import Problem, located, url_problem
from mkcat.fields import whole_number
from mkcat.store import Loaded
from mkcat.tomlscan import Path, key_lines

TIMEOUT = 10.0  # seconds for one request: a slow server costs one worker this long, no more
WORKERS = 8  # requests at once: enough to be quick, few enough to be polite to one server
_USER_AGENT = f"mkcat/{__version__} (link check)"


@dataclass(frozen=True, slots=True)
class Link:
    review: str | None
    path: Path
    url: str  # as written in the catalogue
    target: str  # what is requested: the URL, or a site path joined to the base URL
    size_bytes: int | None


@dataclass(frozen=True, slots=True)
class Answer:
    status: int | None = None
    length: int | None = None
    failure: str | None = None


def document_links(data: dict[str, Any], base_url: str | None) -> tuple[list[Link], int]:
    """The document URLs worth requesting, and how many site paths had no base URL to go on."""
    links, skipped = [], 0
    reviews = data.get("reviews")
    for index, review in enumerate(reviews if isinstance(reviews, list) else []):
        documents = review.get("documents") if isinstance(review, dict) else None
        for doc_index, document in enumerate(documents if isinstance(documents, list) else []):
            url = document.get("url") if isinstance(document, dict) else None
            if not isinstance(url, str) or url_problem(url) is not None:
                continue  # validate already reports it; never request an unsafe URL
            if url.startswith("/"):
                if base_url is None:
                    skipped += 1
                    continue
                target = urljoin(base_url, url)
            else:
                target = url
            size = document.get("size_bytes")
            links.append(
                Link(
                    review.get("id"),
                    ("reviews", index, "documents", doc_index, "url"),
                    url,
                    target,
                    size if type(size) is int else None,
                )
            )
    return links, skipped


def request(url: str, timeout: float) -> Answer:
    """HEAD the URL (GET where HEAD is refused), following redirects; never read the body."""
    for method in ("HEAD", "GET"):
        req = urllib.request.Request(url, method=method, headers={"User-Agent": _USER_AGENT})  # noqa: S310
        try:
            with urllib.request.urlopen(req, timeout=timeout) as response:  # noqa: S310 - scheme checked
                length = response.headers.get("Content-Length")
                return Answer(response.status, whole_number(length) if length else None)
        except urllib.error.HTTPError as error:
            if method == "HEAD" and error.code in (403, 405, 501):
                continue  # some servers refuse HEAD but serve GET
            return Answer(error.code, failure=f"the server answered {error.code} {error.reason}")
        except (TimeoutError, OSError, ValueError) as error:
            reason = getattr(error, "reason", error)
            if isinstance(reason, TimeoutError) or "timed out" in str(reason):
                return Answer(failure=f"no answer within {timeout:g} s")
            return Answer(failure=f"could not connect: {reason}")
    raise AssertionError("unreachable: GET always returns")


def check_links(
    loaded: Loaded, /, *, timeout: float = TIMEOUT, base_url: str | None = None
) -> tuple[list[Problem], int]:
    """Problems with the documents' links, and the number of site paths left unchecked."""
    links, skipped = document_links(loaded.data, base_url)
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        answers = list(pool.map(lambda link: request(link.target, timeout), links))
    lines = key_lines(loaded.text)
    return list(_problems(links, answers, lines)), skipped


def _problems(links: list[Link], answers: list[Answer], lines: dict[Path, int]) -> Iterator[Problem]:
    for link, answer in zip(links, answers, strict=True):
        if answer.failure is not None:
            yield located("E019", link.review, link.path, f"{link.url}: {answer.failure}", lines)
        elif answer.length is not None and answer.length != link.size_bytes:
            said = "has no size_bytes" if link.size_bytes is None else f"has size_bytes = {link.size_bytes}"
            message = (
                f"{link.url} is {answer.length:,} bytes on the server but {said}; set size_bytes = {answer.length}"
            )
            yield located("W009", link.review, link.path, message, lines)

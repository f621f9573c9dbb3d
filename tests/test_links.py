"""`validate --check-links` against a real HTTP server on 127.0.0.1 (never the internet)."""

from __future__ import annotations

import json
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from mkcat.store import render

from conftest import SHIPPED, Result

Mkcat = Callable[..., Result]
SIZE = 1234
release_slow = threading.Event()


class Handler(BaseHTTPRequestHandler):
    def do_HEAD(self) -> None:
        self.answer(with_body=False)

    def do_GET(self) -> None:
        self.answer(with_body=True)

    def answer(self, *, with_body: bool) -> None:
        path = self.path.split("?", 1)[0]
        if path == "/slow.pdf":
            release_slow.wait(30)
        if path == "/moved.pdf":
            self.send_response(301)
            self.send_header("Location", "/ok.pdf")
            self.end_headers()
        elif path == "/no-head.pdf" and not with_body:
            self.send_response(405)
            self.end_headers()
        elif path in ("/ok.pdf", "/no-head.pdf", "/slow.pdf", "/site/report.pdf"):
            self.send_response(200)
            self.send_header("Content-Type", "application/pdf")
            self.send_header("Content-Length", str(SIZE))
            self.end_headers()
            if with_body:
                self.wfile.write(b"%" * SIZE)
        else:
            self.send_error(404, "Not Found")

    def log_message(self, format: str, *args: Any) -> None:
        pass  # keep the test output clean


@pytest.fixture
def server() -> Iterator[str]:
    release_slow.clear()
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        release_slow.set()
        httpd.shutdown()
        httpd.server_close()


def _catalogue(tmp_path: Path, documents: dict[str, tuple[str, int | None]]) -> Path:
    data = tomllib.loads(SHIPPED.read_text())
    data["reviews"] = [review for review in data["reviews"] if review["id"] in documents]
    for review in data["reviews"]:
        url, size = documents[review["id"]]
        review["documents"] = [{"title": review["title"], "url": url} | ({"size_bytes": size} if size else {})]
    path = tmp_path / "catalogue.toml"
    path.write_text(render(data))
    return path


def test_check_links(mkcat: Mkcat, server: str, tmp_path: Path) -> None:
    path = _catalogue(
        tmp_path,
        {
            "child-k-cspr": (f"{server}/ok.pdf", SIZE),
            "child-g-cspr": (f"{server}/missing.pdf", SIZE),
            "child-d-learning": (f"{server}/moved.pdf", SIZE),
            "child-f-cspr": (f"{server}/slow.pdf", SIZE),
            "child-j-scr": (f"{server}/ok.pdf?v=2", 999),
            "dhr-2021-11": (f"{server}/no-head.pdf", SIZE),
            "debra-dhr": ("/site/report.pdf", SIZE),
            "denise-sar": (f"{server}/ok.pdf?v=3", None),
        },
    )
    started = time.monotonic()
    result = mkcat(
        "validate", "-c", path, "--check-links", "--timeout", "4", "--base-url", server + "/", "--format", "json"
    )
    elapsed = time.monotonic() - started
    report = json.loads(result.out)
    found = {(p["review"], p["code"]): p["message"] for p in report["problems"] if p["code"] in ("E019", "W009")}
    assert set(found) == {
        ("child-g-cspr", "E019"),
        ("child-f-cspr", "E019"),
        ("child-j-scr", "W009"),
        ("denise-sar", "W009"),
    }, report["problems"]
    assert found[("child-g-cspr", "E019")].endswith("missing.pdf: the server answered 404 Not Found")
    assert found[("child-f-cspr", "E019")].endswith("slow.pdf: no answer within 4 s")
    assert (
        "is 1,234 bytes on the server but has size_bytes = 999; set size_bytes = 1234" in found[("child-j-scr", "W009")]
    )
    assert "has no size_bytes; set size_bytes = 1234" in found[("denise-sar", "W009")]
    assert result.code == 1
    # the slow server holds its answer for 30 s; one request's timeout is all it may cost
    assert elapsed < 20
    problem = next(p for p in report["problems"] if p["code"] == "E019" and p["review"] == "child-g-cspr")
    assert "missing.pdf" in path.read_text().splitlines()[problem["line"] - 1]


def test_site_paths_need_a_base_url(mkcat: Mkcat, server: str) -> None:
    result = mkcat("validate", "-c", SHIPPED, "--check-links")
    assert result.code == 0
    assert "11 site paths not checked: give --base-url" in result.err


def test_unsafe_urls_are_never_requested(mkcat: Mkcat, tmp_path: Path) -> None:
    path = _catalogue(tmp_path, {"child-k-cspr": ("file:///etc/passwd", None)})
    result = mkcat("validate", "-c", path, "--check-links", "--timeout", "1", "--format", "json")
    codes = {p["code"] for p in json.loads(result.out)["problems"]}
    assert "E011" in codes and "E019" not in codes


@pytest.mark.parametrize("broken", ["reviews = [1]", '[[reviews]]\ndocuments = "abc"', "[[reviews]]\ndocuments = [1]"])
def test_check_links_on_a_malformed_file_reports_instead_of_crashing(mkcat: Mkcat, tmp_path: Path, broken: str) -> None:
    path = tmp_path / "catalogue.toml"
    path.write_text("schema_version = 1\n" + broken + "\n")
    result = mkcat("validate", "-c", path, "--check-links", "--timeout", "1")
    assert result.code == 1 and "error E" in result.out

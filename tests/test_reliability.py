"""Tests that try to lose data: killed writers, failing disks, hostile and random input."""

from __future__ import annotations

import csv
import datetime as dt
import errno
import html.parser
import os
import random
import shutil
import signal
import subprocess
import sys
import time
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from mkcat.checks import Severity, run_checks, url_problem
from mkcat.cli import main
from mkcat.store import render

from conftest import SHIPPED, Result, assert_one_line_error, run_mkcat
from strategies import catalogues, hostile_text, publishable_catalogues

Mkcat = Callable[..., Result]
FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture]
)


def reviews_of(path: Path) -> list[dict[str, Any]]:
    return list(tomllib.loads(path.read_text())["reviews"])


# --- a writer killed at any moment ---------------------------------------------------------------


def big_catalogue(path: Path, reviews: int) -> None:
    data = tomllib.loads(SHIPPED.read_text())
    template = data["reviews"][1]
    data["reviews"] = [
        {
            **template,
            "id": f"review-{n}",
            "title": f"Review {n}",
            "documents": [{"title": f"R{n}", "url": f"/r{n}.pdf", "size_bytes": 1000 + n}],
        }
        for n in range(reviews)
    ]
    path.write_text(render(data))


def test_a_writer_killed_at_random_points_leaves_the_old_file_or_the_new(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue.toml"
    big_catalogue(catalogue, 3000)
    chooser = random.Random(20261126)  # noqa: S311 - kill times, not secrets; fixed, so every run is alike
    env = {**os.environ, "MKCAT_LOCK_TIMEOUT": "5"}
    outcomes = set()
    for attempt in range(12):
        before = reviews_of(catalogue)
        with subprocess.Popen(
            [sys.executable, "-m", "mkcat", "add", "-c", str(catalogue), "--kind", "SAR", "--title", f"Killed {attempt}",
             "--published", "2024", "--document", f"/k{attempt}.pdf", "--no-input"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
        ) as writer:  # fmt: skip
            time.sleep(chooser.uniform(0.05, 1.2))
            writer.send_signal(signal.SIGKILL)
            writer.wait()
        after = reviews_of(catalogue)  # it parses: never a mix
        if after == before:
            outcomes.add("old")
        else:
            assert after[:-1] == before and after[-1]["title"] == f"Killed {attempt}", (
                "neither the old file nor the new"
            )
            outcomes.add("new")
        # no stale lock: the next writer gets in at once
        result = run_mkcat(
            "edit", "review-0", "--summary", f"probe {attempt}", "-c", catalogue, env={"MKCAT_LOCK_TIMEOUT": "2"}
        )
        assert result.code == 0, result.err
    assert run_mkcat("validate", "-c", catalogue).code == 0
    assert outcomes, "the writer was never killed"
    assert not list(tmp_path.glob(".catalogue.toml.*.tmp")), "the next write clears what a killed writer left"


def test_mixed_writers_at_once_lose_nothing(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue.toml"
    shutil.copyfile(SHIPPED, catalogue)
    adder = "import sys; from mkcat.cli import main\n" + "\n".join(
        f"assert main(['add', '-c', sys.argv[1], '--kind', 'DHR', '--title', f'Added {{sys.argv[2]}}-{n}', '--published', '2024', '--document', '/a.pdf', '--no-input']) == 0"
        for n in range(3)
    )
    editor = "import sys; from mkcat.cli import main\n" + "\n".join(
        f"assert main(['edit', sys.argv[2], '-c', sys.argv[1], '--tag', 'theme-{n}']) == 0" for n in range(3)
    )
    jobs = [[sys.executable, "-c", adder, str(catalogue), str(n)] for n in range(4)]
    jobs += [[sys.executable, "-c", editor, str(catalogue), rid] for rid in ("child-g-cspr", "adult-b-sar")]
    env = {**os.environ, "MKCAT_LOCK_TIMEOUT": "120"}  # waiting is right here; a loaded CI machine is slow
    workers = [subprocess.Popen(job, stderr=subprocess.PIPE, text=True, env=env) for job in jobs]
    for worker in workers:
        _, err = worker.communicate(timeout=300)
        assert worker.returncode == 0, err
    found = {review["id"]: review for review in reviews_of(catalogue)}
    assert len(found) == 11 + 12
    assert found["child-g-cspr"]["tags"] == ["theme-0", "theme-1", "theme-2"]
    assert found["adult-b-sar"]["tags"] == ["theme-0", "theme-1", "theme-2"]


# --- a disk that fails ----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("target", "error"),
    [
        ("os.replace", OSError(errno.ENOSPC, "No space left on device")),
        ("os.fsync", OSError(errno.EIO, "Input/output error")),
        ("tempfile.mkstemp", PermissionError(errno.EACCES, "Permission denied")),
        ("tempfile.mkstemp", OSError(errno.EROFS, "Read-only file system")),
    ],
)
def test_a_failing_disk_gives_one_line_and_keeps_the_file(
    mkcat: Mkcat, catalogue: Path, monkeypatch: pytest.MonkeyPatch, target: str, error: OSError
) -> None:
    before = catalogue.read_bytes()

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(target, fail)
    result = mkcat(
        "add", "-c", catalogue, "--kind", "SAR", "--title", "Adult Z", "--published", "2024", "--document", "/z.pdf"
    )
    assert_one_line_error(result, 1, "cannot write", error.strerror or "")
    assert catalogue.read_bytes() == before


# --- random and hostile input --------------------------------------------------------------------

toml_fragments = st.sampled_from(
    ["schema_version = 1\n", "[site]\ntitle = \"x\"\n", "[[reviews]]\n", 'id = "a"\n', "published = 2022-02-30\n",
     "kinds = 3\n", "[kinds]\nCSPR = \"C\"\n", '"\n', "[[sections]]\nkey = \"k\"\nkinds = [\"CSPR\"]\n", "\x00", "\ufeff",
     "title = '''\n", "[reviews]\n", "documents = [{url = \"javascript:x\"}]\n", "= =\n", "\udcff"]
)  # fmt: skip
catalogue_texts = st.one_of(
    st.lists(toml_fragments | st.text(max_size=30), max_size=12).map("".join),
    catalogues().map(render),
)


@FUZZ
@given(text=catalogue_texts)
def test_any_file_gives_a_verdict_never_a_traceback(text: str, tmp_path_factory: pytest.TempPathFactory) -> None:
    path = tmp_path_factory.mktemp("fuzz") / "catalogue.toml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))
    before = path.read_bytes()
    for command in (["validate"], ["validate", "--format", "json"], ["list", "--format", "json"], ["fmt", "--check"],
                    ["export", "-f", "html"], ["show", "a"]):  # fmt: skip
        code = main([*command, "-c", str(path)])
        assert code in (0, 1, 2)
    assert path.read_bytes() == before  # reading never writes


@FUZZ
@given(title=hostile_text | st.just("x" * 100_000), summary=hostile_text, tag=hostile_text, url=hostile_text)
def test_add_takes_hostile_values_or_refuses_cleanly(
    title: str, summary: str, tag: str, url: str, tmp_path_factory: pytest.TempPathFactory
) -> None:
    assume("\x00" not in title + summary + tag + url)  # a NUL cannot pass through a command line
    folder = tmp_path_factory.mktemp("hostile")
    catalogue = folder / "catalogue.toml"
    shutil.copyfile(SHIPPED, catalogue)
    before = catalogue.read_bytes()
    code = main(
        ["add", "-c", str(catalogue), "--kind", "CSPR", "--title", title, "--summary", summary, "--tag", tag,
         "--published", "2024", "--document", url.replace("|", "/") or "/x.pdf", "--no-input"]
    )  # fmt: skip
    if code == 0:
        added = reviews_of(catalogue)[-1]  # it reads back, with the values exactly as given
        assert (added["title"], added["summary"], added["tags"]) == (title, summary.replace("\r\n", "\n"), [tag])
        assert main(["validate", "-c", str(catalogue)]) == 0
    else:
        assert code in (1, 2)
        assert catalogue.read_bytes() == before


ALLOWED_TAGS = {"div", "h1", "h2", "h3", "p", "section", "ul", "li", "a", "time", "figure", "blockquote", "figcaption"}


class _Tags(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: set[str] = set()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.add(tag)
        self.hrefs += [value or "" for name, value in attrs if name == "href"]


@FUZZ
@given(data=publishable_catalogues())
def test_exports_never_carry_unescaped_markup_or_formulas(
    data: dict[str, Any], tmp_path_factory: pytest.TempPathFactory
) -> None:
    problems = run_checks(data, as_of=dt.date(2026, 11, 26))
    assert [p for p in problems if p.severity is Severity.ERROR] == []  # the strategy makes only valid catalogues
    path = tmp_path_factory.mktemp("export") / "catalogue.toml"
    path.write_text(render(data))
    out = path.parent / "out"
    assert main(["export", "-c", str(path), "-f", "html", "--as-of", "2026-11-26", "-o", str(out)]) == 0
    parser = _Tags()
    parser.feed(out.read_text())
    assert parser.tags <= ALLOWED_TAGS
    assert all(url_problem(href) is None for href in parser.hrefs)
    assert main(["export", "-c", str(path), "-f", "csv", "--as-of", "2026-11-26", "-o", str(out)]) == 0
    with out.open(newline="", encoding="utf-8") as file:
        for row in csv.reader(file):
            assert not any(cell.startswith(("=", "+", "-", "@", "\t", "\r")) for cell in row)

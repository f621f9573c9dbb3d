"""The store: finding the catalogue, reading it with clear errors, and writing it without loss."""

from __future__ import annotations

import os
import subprocess
import sys
import textwrap
import time
import tomllib
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from mkcat import store
from mkcat.errors import (
    CatalogueLocked,
    CatalogueNotFound,
    CatalogueUnreadable,
    CommentsWouldBeLost,
    UsageProblem,
    WriteFailed,
)

from conftest import SHIPPED
from strategies import catalogues

# --- finding ----------------------------------------------------------------------------


def test_explicit_path_wins_over_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MKCAT_CATALOGUE", str(tmp_path / "from-env.toml"))
    assert store.find_catalogue(tmp_path / "given.toml") == tmp_path / "given.toml"
    assert store.find_catalogue() == tmp_path / "from-env.toml"


def test_a_folder_means_the_catalogue_inside_it(tmp_path: Path) -> None:
    assert store.find_catalogue(tmp_path) == tmp_path / "catalogue.toml"


def test_found_in_the_nearest_parent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "catalogue.toml").write_text("schema_version = 1\n")
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    monkeypatch.chdir(deep)
    assert store.find_catalogue() == tmp_path / "catalogue.toml"


def test_none_found_suggests_init(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    if any((folder / "catalogue.toml").is_file() for folder in tmp_path.parents):
        pytest.skip("a catalogue.toml above the temporary folder would be found")
    with pytest.raises(CatalogueNotFound, match="mkcat init"):
        store.find_catalogue()


# --- reading ----------------------------------------------------------------------------


def test_missing_file_suggests_init(tmp_path: Path) -> None:
    with pytest.raises(CatalogueNotFound, match="no such file; run `mkcat init"):
        store.read(tmp_path / "catalogue.toml")


def test_toml_syntax_error_gives_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.toml"
    path.write_text('schema_version = 1\n\n[site]\ntitle = "unclosed\n')
    with pytest.raises(CatalogueUnreadable, match=r"line 4, column 18: not valid TOML: Illegal character"):
        store.read(path)


def test_non_utf8_gives_line_and_byte(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.toml"
    path.write_bytes(b'schema_version = 1\ntitle = "Caf\xe9"\n')
    with pytest.raises(CatalogueUnreadable, match=r"line 2, column 13: not UTF-8 text \(byte 0xe9\)"):
        store.read(path)


def test_a_byte_order_mark_is_accepted(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.toml"
    path.write_bytes(b"\xef\xbb\xbfschema_version = 1\n")
    assert store.read(path).data == {"schema_version": 1}


# --- the canonical layout ---------------------------------------------------------------


def test_the_shipped_catalogue_is_in_canonical_layout() -> None:
    loaded = store.read(SHIPPED)
    assert store.render(loaded.data).encode() == loaded.raw


def test_known_fields_are_ordered_and_unknown_ones_kept() -> None:
    data = {
        "reviews": [{"zzz": 1, "title": "T", "id": "a", "documents": [{"url": "/a", "title": "A"}]}],
        "schema_version": 1,
        "extra": "kept",
    }
    ordered = store.canonical(data)
    assert list(ordered) == ["schema_version", "reviews", "extra"]
    assert list(ordered["reviews"][0]) == ["id", "title", "documents", "zzz"]
    assert list(ordered["reviews"][0]["documents"][0]) == ["title", "url"]


def test_toml_dates_become_iso_text() -> None:
    data = tomllib.loads("[[reviews]]\npublished = 2022-02-28\n")
    assert store.canonical(data)["reviews"][0]["published"] == "2022-02-28"


@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
@given(catalogues())
def test_write_then_read_gives_the_same_data_and_rewriting_the_same_bytes(data: dict[str, Any]) -> None:
    text = store.render(data)
    assert tomllib.loads(text) == store.canonical(data)
    assert store.render(tomllib.loads(text)) == text


# --- writing ----------------------------------------------------------------------------


def _write(path: Path, data: dict[str, Any], **options: Any) -> bool:
    with store.locked(path) as current:
        return store.save(current, data, **options)


def test_a_write_keeps_the_previous_version_and_the_mode(catalogue: Path) -> None:
    before = catalogue.read_bytes()
    catalogue.chmod(0o640)
    data = store.read(catalogue).data
    data["site"]["title"] = "Case reviews (new)"
    assert _write(catalogue, data) is True
    assert (catalogue.parent / "catalogue.toml.bak").read_bytes() == before
    assert store.read(catalogue).data["site"]["title"] == "Case reviews (new)"
    assert catalogue.stat().st_mode & 0o777 == 0o640
    assert not list(catalogue.parent.glob(".catalogue.toml.*.tmp"))


def test_writing_the_same_data_changes_nothing(catalogue: Path) -> None:
    mtime = catalogue.stat().st_mtime_ns
    assert _write(catalogue, store.read(catalogue).data) is False
    assert catalogue.stat().st_mtime_ns == mtime
    assert not (catalogue.parent / "catalogue.toml.bak").exists()


COMMENTED = textwrap.dedent(
    """\
    schema_version = 1  # keep at 1

    [site]
    # the title the web team asked for
    title = "Case Reviews #1"
    """
)


def test_comments_are_never_dropped_silently(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.toml"
    path.write_text(COMMENTED)
    with pytest.raises(
        CommentsWouldBeLost, match=r"comments on lines 1, 4 .* notes, or run again with --drop-comments"
    ):
        _write(path, {**store.read(path).data, "site": {"title": "changed"}})
    assert path.read_text() == COMMENTED


def test_drop_comments_overrides_the_guard(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.toml"
    path.write_text(COMMENTED)
    assert _write(path, store.read(path).data, drop_comments=True)
    assert store.user_comments(path.read_text()) == []
    assert (tmp_path / "catalogue.toml.bak").read_text() == COMMENTED


def test_mkcats_own_header_is_not_a_user_comment() -> None:
    assert store.user_comments(SHIPPED.read_text()) == []


DISK_FULL = OSError(28, "No space left on device")
READ_ONLY = PermissionError(13, "Permission denied")


@pytest.mark.parametrize(
    ("failing", "error"),
    [
        ("os.replace", DISK_FULL),
        ("os.fsync", DISK_FULL),
        ("write", DISK_FULL),
        ("tempfile.mkstemp", READ_ONLY),  # what a read-only folder does, even where root could write
    ],
)
def test_a_write_that_fails_before_the_rename_leaves_the_old_file(
    catalogue: Path, monkeypatch: pytest.MonkeyPatch, failing: str, error: OSError
) -> None:
    before = catalogue.read_bytes()
    data = store.read(catalogue).data
    data["reviews"].pop()

    def fail(*args: object, **kwargs: object) -> None:
        raise error

    if failing == "write":
        monkeypatch.setattr(os, "fdopen", lambda *a, **k: _FullDisk())
    else:
        monkeypatch.setattr(failing, fail)
    with pytest.raises(WriteFailed, match=error.strerror or ""):
        _write(catalogue, data)
    assert catalogue.read_bytes() == before
    assert not list(catalogue.parent.glob(".catalogue.toml.*.tmp"))


class _FullDisk:
    def __enter__(self) -> _FullDisk:
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def write(self, content: bytes) -> int:
        raise DISK_FULL


def test_a_read_only_folder_gives_a_clear_error(catalogue: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root writes to read-only folders, so this cannot fail as root")
    data = store.read(catalogue).data
    data["reviews"].pop()
    catalogue.parent.chmod(0o500)
    try:
        with pytest.raises(WriteFailed):
            _write(catalogue, data)
    finally:
        catalogue.parent.chmod(0o700)


# --- the lock ---------------------------------------------------------------------------

HOLD_LOCK = """
import sys, time
from filelock import FileLock
with FileLock(sys.argv[1]):
    print("held", flush=True)
    time.sleep(float(sys.argv[2]))
"""


@contextmanager
def _lock_held(catalogue: Path, seconds: float) -> Iterator[subprocess.Popen[str]]:
    """Another process holding the catalogue's lock for `seconds`."""
    with subprocess.Popen(
        [sys.executable, "-c", HOLD_LOCK, f"{catalogue}.lock", str(seconds)], stdout=subprocess.PIPE, text=True
    ) as holder:
        assert holder.stdout is not None and holder.stdout.readline() == "held\n"
        try:
            yield holder
        finally:
            holder.kill()


def test_a_second_writer_waits_for_the_lock(catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MKCAT_LOCK_TIMEOUT", "20")
    data = store.read(catalogue).data
    data["site"]["title"] = "after the wait"
    with _lock_held(catalogue, 1.0):
        started = time.monotonic()
        assert _write(catalogue, data)
        assert time.monotonic() - started >= 0.5
    assert store.read(catalogue).data["site"]["title"] == "after the wait"


def test_a_lock_held_too_long_fails_clearly(catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MKCAT_LOCK_TIMEOUT", "0.3")
    before = catalogue.read_bytes()
    with (
        _lock_held(catalogue, 30),
        pytest.raises(CatalogueLocked, match=r"being changed by another mkcat \(waited 0.3 s"),
    ):
        _write(catalogue, {})
    assert catalogue.read_bytes() == before


def test_a_syntax_error_at_the_end_still_has_a_line_and_column(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.toml"
    path.write_text('schema_version = 1\ntitle = """never closed\nmore')
    with pytest.raises(CatalogueUnreadable, match=r"line 3, column 5: not valid TOML"):
        store.read(path)


def test_a_lock_timeout_that_is_not_a_number(catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("MKCAT_LOCK_TIMEOUT", "soon")
    with (
        pytest.raises(UsageProblem, match="MKCAT_LOCK_TIMEOUT='soon' is not a number of seconds"),
        store.locked(catalogue),
    ):
        pass

"""The catalogue file: find it, read it, and write it without ever losing it.

Every write holds `catalogue.toml.lock` across read-modify-write, writes a
temporary file in the same folder, fsyncs it, keeps the previous version as
`catalogue.toml.bak` and renames the new file over the catalogue, so a crash
leaves the old file or the new one, never a mix.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import tomllib
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkcat.dates import PartialDate
from mkcat.errors import (
    CatalogueLocked,
    CatalogueNotFound,
    CatalogueUnreadable,
    CommentsWouldBeLost,
    UsageProblem,
    WriteFailed,
)
from mkcat.fields import TABLES, Type
from mkcat.tomlscan import comment_lines

FILE_NAME = "catalogue.toml"
ENV_CATALOGUE = "MKCAT_CATALOGUE"
ENV_LOCK_TIMEOUT = "MKCAT_LOCK_TIMEOUT"
LOCK_TIMEOUT = 10.0  # seconds a writer waits for another mkcat to finish

HEADER = (
    "# A catalogue of case reviews, kept by mkcat. Change it with mkcat add/edit/withdraw or by hand,\n"
    "# then run `mkcat validate`. Comments are not kept: put remarks in a review's notes.\n"
)
_HEADER_LINES = {(number, line) for number, line in enumerate(HEADER.splitlines(), start=1)}
_TOML_POSITION = re.compile(r"\s*\(at (?:line (\d+), column (\d+)|end of document)\)$")


@dataclass(frozen=True, slots=True)
class Loaded:
    """A catalogue as read: where it came from, its exact bytes and text, and its data."""

    path: Path
    raw: bytes
    text: str
    data: dict[str, Any]


def find_catalogue(explicit: str | os.PathLike[str] | None = None, /) -> Path:
    """`--catalogue`, else $MKCAT_CATALOGUE, else catalogue.toml here or in the nearest parent."""
    chosen = explicit or os.environ.get(ENV_CATALOGUE)
    if chosen:
        path = Path(chosen)
        return path / FILE_NAME if path.is_dir() else path
    here = Path.cwd()
    for folder in (here, *here.parents):
        if (folder / FILE_NAME).is_file():
            return folder / FILE_NAME
    raise CatalogueNotFound(
        f"no {FILE_NAME} in {here} or any folder above it; "
        "run `mkcat init` to create one, or name it with --catalogue PATH"
    )


def own_files(path: Path, /) -> set[Path]:
    """The catalogue and the files mkcat keeps beside it, resolved."""
    path = path.resolve()
    return {path, *(path.with_name(path.name + suffix) for suffix in (".bak", ".lock"))}


def read(path: Path, /) -> Loaded:
    """Read and parse the catalogue, turning every way that can fail into one clear error."""
    raw, text = read_text(path, missing=CatalogueNotFound, hint=f"; run `mkcat init {path}` to create a catalogue")
    return Loaded(path, raw, text, parse(path, text))


def read_text(path: Path, /, *, missing: type[UsageProblem] = UsageProblem, hint: str = "") -> tuple[bytes, str]:
    """A file's bytes and its UTF-8 text (a byte order mark allowed), or one clear error."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise missing(f"{path}: no such file{hint}") from None
    except IsADirectoryError:
        raise CatalogueUnreadable(f"{path}: is a folder, not a file") from None
    except OSError as error:
        raise CatalogueUnreadable(f"{path}: cannot read: {error.strerror}") from None
    try:
        return raw, raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw.count(b"\n", 0, error.start) + 1
        column = error.start - (raw.rfind(b"\n", 0, error.start) + 1) + 1
        raise CatalogueUnreadable(
            f"{path}, line {line}, column {column}: not UTF-8 text "
            f"(byte 0x{raw[error.start]:02x}); save the file as UTF-8"
        ) from None


def parse(path: Path, text: str, /) -> dict[str, Any]:
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        message = str(error)
        if match := _TOML_POSITION.search(message):
            if match.group(1):
                line, column = int(match.group(1)), int(match.group(2))
            else:  # "at end of document": the end is a place too
                line = text.count("\n") + 1
                column = len(text) - (text.rfind("\n") + 1) + 1
            where = f"line {line}, column {column}"
            message = message[: match.start()]
            raise CatalogueUnreadable(f"{path}, {where}: not valid TOML: {message}") from None
        raise CatalogueUnreadable(f"{path}: not valid TOML: {message}") from None


def canonical(data: Mapping[str, Any], /) -> dict[str, Any]:
    """The data in mkcat's order: known fields as fields.py lists them, unknown ones after.

    Unknown fields are kept, not dropped: the checks report them, and the
    user decides. TOML dates in date fields become ISO text.
    """
    return _ordered(data, "catalogue")


def _ordered(table: Mapping[str, Any], shape: str) -> dict[str, Any]:
    fields = TABLES[shape]
    ordered = {name: _value(table[name], field.type, field.table) for name, field in fields.items() if name in table}
    ordered.update((name, _plain(value)) for name, value in table.items() if name not in fields)
    return ordered


def _value(value: Any, kind: Type, shape: str | None) -> Any:
    if shape is not None and kind is Type.TABLE and isinstance(value, Mapping):
        return _ordered(value, shape)
    if shape is not None and kind is Type.TABLES and isinstance(value, list):
        return [_ordered(item, shape) if isinstance(item, Mapping) else _plain(item) for item in value]
    if kind is Type.DATE and isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return PartialDate.from_value(value).iso()
    return _plain(value)


def _plain(value: Any) -> Any:
    """A value as the writer stores it: line breaks in text as LF.

    TOML readers turn a multi-line string's CRLF into LF, so keeping CRLF would
    make a written file read back different.
    """
    if isinstance(value, str):
        return value.replace("\r\n", "\n") if "\r\n" in value else value
    if isinstance(value, list):
        return [_plain(item) for item in value]
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    return value


def _dumps(table: Mapping[str, Any]) -> str:
    """TOML as mkcat writes it: tomli-w, line breaks in text kept as multi-line strings."""
    import tomli_w

    return tomli_w.dumps(table, multiline_strings=True)


def _with_header(ordered: Mapping[str, Any]) -> str:
    return HEADER + "\n" + _dumps(ordered)


def render(data: Mapping[str, Any], /) -> str:
    """The catalogue's text in canonical layout: same data, same bytes."""
    return _with_header(canonical(data))


def render_review(review: Mapping[str, Any], /) -> str:
    """One review as a TOML document of its own, in canonical order (for show and edit)."""
    return _dumps(_ordered(review, "review"))


def user_comments(text: str, /) -> list[int]:
    """Lines holding comments other than mkcat's own header."""
    if text.startswith(HEADER) and "#" not in text[len(HEADER) :]:
        return []  # the usual case, found without reading every string
    return [number for number, comment in comment_lines(text) if (number, comment) not in _HEADER_LINES]


@contextmanager
def locked(path: Path, /) -> Iterator[Loaded]:
    """Hold the catalogue's lock and yield it as read under the lock."""
    from filelock import FileLock, Timeout

    setting = os.environ.get(ENV_LOCK_TIMEOUT) or str(LOCK_TIMEOUT)
    try:
        timeout = float(setting)
    except ValueError:
        raise UsageProblem(f"{ENV_LOCK_TIMEOUT}={setting!r} is not a number of seconds") from None
    lock_path = path.with_name(path.name + ".lock")
    lock = FileLock(lock_path, timeout=timeout)
    try:
        lock.acquire()
    except Timeout:
        raise CatalogueLocked(
            f"{path} is being changed by another mkcat (waited {timeout:g} s for {lock_path.name}); "
            "try again when it has finished"
        ) from None
    except OSError as error:
        raise WriteFailed(f"cannot lock {path}: {error.strerror}; nothing was changed") from None
    try:
        yield read(path)
    finally:
        lock.release()


def save(current: Loaded, data: Mapping[str, Any], /, *, drop_comments: bool = False, verify_all: bool = False) -> bool:
    """Write `data` over the catalogue read as `current`; call it holding the lock.

    Before writing, what changed is written and read back, and must come back
    the same: the reviews added or replaced, and any other table replaced.
    With `verify_all` (for `fmt`), the whole new text is read back instead.
    Returns False when the file already holds exactly these bytes.
    """
    ordered = canonical(data)
    text = _with_header(ordered)
    content = text.encode("utf-8")
    if content == current.raw:
        return False
    if not drop_comments and (lines := user_comments(current.text)):
        where = ", ".join(map(str, lines[:10])) + (" ..." if len(lines) > 10 else "")
        which = f"comments on lines {where}" if len(lines) > 1 else f"a comment on line {where}"
        raise CommentsWouldBeLost(
            f"{current.path} has {which} that rewriting it would drop; "
            "move them into a review's notes, or run again with --drop-comments"
        )
    changed = [(text, ordered)] if verify_all else _changed(current.data, data, ordered)
    for written, expected in changed:
        if tomllib.loads(written) != expected:
            raise WriteFailed(f"{current.path}: the new text would not read back the same; nothing was written")
    _remove_stale_temporaries(current.path)
    replace_file(current.path.with_name(current.path.name + ".bak"), current.raw)
    replace_file(current.path, content)
    return True


def _remove_stale_temporaries(path: Path) -> None:
    """Temporary files a killed mkcat left behind: only the lock holder writes them, and that is us."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with suppress(OSError):
            stale.unlink()


def _changed(
    before: Mapping[str, Any], after: Mapping[str, Any], ordered: dict[str, Any]
) -> list[tuple[str, dict[str, Any]]]:
    """What a change replaced, each as (its TOML text, the data that text must read back as).

    A change replaces tables rather than altering them, so what is not the same
    object as before is what changed; the rest was read from this very file.
    """
    parts = []
    for key, value in ordered.items():
        if key == "reviews" and isinstance(value, list) and isinstance(before.get(key), list):
            kept = {id(review) for review in before[key]}
            for original, review in zip(after[key], value, strict=True):
                if id(original) not in kept and isinstance(review, dict):
                    parts.append(review)
        elif after[key] is not before.get(key):
            parts.append({key: value})
    return [(_dumps(part), part) for part in parts]


def replace_file(path: Path, content: bytes, /, *, exclusive: bool = False) -> None:
    """Write `content` to a temporary file beside `path`, fsync it, and rename it over `path`.

    With `exclusive`, refuse to replace a file that exists.
    """
    try:
        mode = path.stat().st_mode & 0o777
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    except OSError as error:
        raise WriteFailed(f"cannot write {path}: {error.strerror}; nothing was changed") from None
    temporary: str | None = None
    try:
        import tempfile  # only writers need it

        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
        with os.fdopen(handle, "wb") as file:
            file.write(content)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(temporary, mode)
        if exclusive:
            os.link(temporary, path)  # fails if `path` exists, unlike a rename
        else:
            os.replace(temporary, path)
            temporary = None
        _fsync_folder(path.parent)
    except FileExistsError:
        raise WriteFailed(f"{path} already exists; it was left as it is") from None
    except OSError as error:
        reason = error.strerror or str(error)
        raise WriteFailed(f"cannot write {path}: {reason}; it is unchanged") from None
    finally:
        if temporary is not None:
            with suppress(OSError):
                os.unlink(temporary)


def _fsync_folder(folder: Path) -> None:
    # The rename is durable only once the folder's entry is on disk.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask

"""Where things stand in a TOML text: the line of each key, and the comments.

`tomllib` gives values but no positions, and the writer keeps no comments, so
both are read from the text here. The text has already parsed, so the scanner
may assume it is valid TOML.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping

Path = tuple[str | int, ...]

_STRING_OR_COMMENT = re.compile(
    r'''
      (?P<string>
          """(?:[^"\\]|\\[\s\S]|"(?!""))*"{3,5}
        | \'\'\'[\s\S]*?\'\'\'(?:\'{1,2})?
        | "(?:[^"\\\n]|\\.)*"
        | '[^'\n]*'
      )
    | (?P<comment>\#[^\n]*)
    ''',
    re.VERBOSE,
)
_START = re.compile(r"[\"'#]")
_BARE = r"[A-Za-z0-9_-]+"
_HEADER = re.compile(rf"\s*(\[\[?)\s*({_BARE}(?:\s*\.\s*{_BARE})*)\s*\]\]?\s*$")
_KEY = re.compile(rf"\s*({_BARE}(?:\s*\.\s*{_BARE})*)\s*=\s*(.*)$")


def _tokens(text: str) -> Iterator[re.Match[str]]:
    position = 0
    while (start := _START.search(text, position)) is not None:
        token = _STRING_OR_COMMENT.match(text, start.start())
        if token is None:  # a stray quote cannot happen in valid TOML; step over it
            position = start.end()
            continue
        yield token
        position = token.end()


def comment_lines(text: str, /) -> list[tuple[int, str]]:
    """Every comment as (line number, text), in file order."""
    if "#" not in text:
        return []
    found = []
    for token in _tokens(text):
        if token.lastgroup == "comment":
            found.append((text.count("\n", 0, token.start()) + 1, token.group()))
    return found


def _masked_lines(text: str) -> list[str]:
    """The text's lines with string contents and comments blanked, line count kept."""
    pieces = []
    position = 0
    for token in _tokens(text):
        pieces.append(text[position : token.start()])
        if token.lastgroup == "string":
            pieces.append('""' + "\n" * token.group().count("\n"))
        position = token.end()
    pieces.append(text[position:])
    return "".join(pieces).split("\n")


def _key_path(dotted: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in dotted.split("."))


def key_lines(text: str, /) -> dict[Path, int]:
    """Map each table, key and array element the text spells out to its line (1-based).

    Paths index arrays of tables by position: ("reviews", 2, "title").
    """
    lines: dict[Path, int] = {}
    table: Path = ()
    aot_counts: dict[Path, int] = {}
    array = _OpenArray(lines)

    for number, line in enumerate(_masked_lines(text), start=1):
        if array.open:
            array.feed(line, number)
        elif match := _HEADER.match(line):
            names = _key_path(match.group(2))
            table = _resolve(names, aot_counts, is_array=match.group(1) == "[[")
            lines.setdefault(table, number)
        elif match := _KEY.match(line):
            path = table + _key_path(match.group(1))
            lines.setdefault(path, number)
            value = match.group(2)
            if value.startswith("["):
                array.start(path)
                array.feed(value, number)
    return lines


class _OpenArray:
    """Follows an array value across lines, noting where each element starts."""

    def __init__(self, lines: dict[Path, int]) -> None:
        self.lines = lines
        self.path: Path = ()
        self.open = False
        self.depth = 0
        self.element = 0
        self.started = False

    def start(self, path: Path) -> None:
        self.path, self.open, self.depth, self.element, self.started = path, True, 0, 0, False

    def feed(self, chunk: str, number: int) -> None:
        for char in chunk:
            if self.depth == 1 and not self.started and not char.isspace() and char not in "],":
                self.lines.setdefault(self.path + (self.element,), number)
                self.started = True
            if char in "[{":
                self.depth += 1
            elif char in "]}":
                self.depth -= 1
                if self.depth == 0:
                    self.open = False
                    return
            elif char == "," and self.depth == 1:
                self.element += 1
                self.started = False


def _resolve(names: tuple[str, ...], aot_counts: dict[Path, int], *, is_array: bool) -> Path:
    """Turn a header's dotted names into a path, numbering arrays of tables.

    Counts are keyed by the full path, parent indexes included, so the
    documents of each review are numbered from 0.
    """
    path: Path = ()
    for depth, name in enumerate(names, start=1):
        path = path + (name,)
        if depth == len(names) and is_array:
            index = aot_counts.get(path, 0)
            aot_counts[path] = index + 1
            path = path + (index,)
        elif path in aot_counts:
            path = path + (aot_counts[path] - 1,)
    return path


def line_of(lines: Mapping[Path, int], path: Path) -> int | None:
    """The line of `path`, or of the nearest enclosing thing the text spells out."""
    while path:
        if path in lines:
            return lines[path]
        path = path[:-1]
    return None

"""Lines and comments found in TOML text, which tomllib does not report."""

from __future__ import annotations

import tomllib

from mkcat.tomlscan import comment_lines, key_lines, line_of

TRICKY = '''\
# a comment
schema_version = 1 # trailing

[site]
title = "x # not a comment"
links = [
    { a = 1 },
    { a = 2 },
]

[[reviews]]
id = "a"
statement = """
[[reviews]]
title = "not a key"
# not a comment
"""
tags = ["a", "b",
  "c"]
documents = [
    { title = "t", url = "/x" },
]

[[reviews]]
id = "b"

[[reviews.documents]]
title = 'lit#'
url = "/y"

[[reviews.documents]]
title = \'\'\'multi
#x\'\'\'
url = "/z" # another
'''


def test_the_fixture_is_valid_toml() -> None:
    assert len(tomllib.loads(TRICKY)["reviews"]) == 2


def test_comments_are_found_outside_strings_only() -> None:
    assert comment_lines(TRICKY) == [(1, "# a comment"), (2, "# trailing"), (34, "# another")]


def test_keys_tables_and_array_elements_have_lines() -> None:
    lines = key_lines(TRICKY)
    assert lines[("site", "title")] == 5
    assert lines[("site", "links", 1)] == 8
    assert lines[("reviews", 0)] == 11
    assert lines[("reviews", 0, "statement")] == 13
    assert lines[("reviews", 0, "tags", 2)] == 19
    assert lines[("reviews", 0, "documents", 0)] == 21
    assert lines[("reviews", 1)] == 24
    assert lines[("reviews", 1, "documents", 0, "url")] == 29
    assert lines[("reviews", 1, "documents", 1, "title")] == 32
    # nothing inside the multi-line string counts as a key or a table
    assert ("reviews", 0, "title") not in lines
    assert ("reviews", 2) not in lines


def test_a_missing_key_falls_back_to_its_table() -> None:
    lines = key_lines(TRICKY)
    assert line_of(lines, ("reviews", 1, "published")) == 24
    assert line_of(lines, ("reviews", 0, "documents", 0, "size_bytes")) == 21
    assert line_of(lines, ("nowhere",)) is None

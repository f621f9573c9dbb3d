"""The command line for the core commands: init, list, show, fmt, schema; exit codes and messages."""

from __future__ import annotations

import json
import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import jsonschema
import pytest

from mkcat import __version__
from mkcat.cli import app

from conftest import SEED_PAGE, SHIPPED, Result, assert_one_line_error, run_mkcat

Mkcat = Callable[..., Result]

COMMANDS = sorted(command.name or command.callback.__name__ for command in app.registered_commands)  # type: ignore[union-attr]


def test_version(mkcat: Mkcat) -> None:
    assert mkcat("--version").out == f"mkcat {__version__}\n"


@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_has_help_with_an_example(mkcat: Mkcat, command: str) -> None:
    result = mkcat(command, "--help")
    assert result.code == 0
    assert "Example:" in result.out
    assert "--catalogue" in result.out or command == "schema"


def test_list_json_gives_the_eleven_reviews_in_page_order(mkcat: Mkcat) -> None:
    result = mkcat("list", "--format", "json", "-c", SHIPPED)
    assert result.code == 0
    reviews = json.loads(result.out)
    assert [(r["id"], r["title"], r["published"], r["published_display"]) for r in reviews] == SEED_PAGE
    assert all(r["status"] == "published" for r in reviews)
    assert all("notes" not in r for r in reviews)
    assert reviews[0]["documents"] == [
        {
            "title": "Child K CSPR report",
            "url": "/case-reviews/child-k-cspr-report.pdf",
            "format": "PDF",
            "size_bytes": None,
        }
    ]


def test_list_finds_the_catalogue_in_a_parent_folder(catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    inner = catalogue.parent / "reports" / "2022"
    inner.mkdir(parents=True)
    result = run_mkcat("list", "--format", "tsv", cwd=inner)
    assert result.code == 0
    assert result.out.splitlines()[1].split("\t") == [
        "child-k-cspr",
        "CSPR",
        "published",
        "2022-02-28",
        "Child K CSPR report",
    ]


@pytest.mark.parametrize(
    ("filters", "ids"),
    [
        (["--kind", "CSPR"], ["child-k-cspr", "child-g-cspr", "child-f-cspr"]),
        (["--kind", "DHR", "--kind", "SCR"], ["child-j-scr", "dhr-2021-11", "debra-dhr"]),
        (["--year", "2021", "--kind", "SAR"], ["thematic-sar-2021", "denise-sar"]),
        (["--tag", "AUTISM"], ["child-k-cspr"]),
        (["--search", "denise"], ["denise-sar"]),
        (["--search", "adult review"], ["thematic-sar-2021", "denise-sar", "adult-d-sar"]),
        (["--search", "neglect"], []),
        (["--status", "draft"], []),
    ],
)
def test_list_filters(mkcat: Mkcat, filters: list[str], ids: list[str]) -> None:
    result = mkcat("list", "-c", SHIPPED, "--format", "json", *filters)
    assert [r["id"] for r in json.loads(result.out)] == ids


def test_list_table_shows_dates_as_readers_see_them(mkcat: Mkcat) -> None:
    result = mkcat("list", "-c", SHIPPED)
    assert result.code == 0
    assert "28 February 2022" in result.out and "\x1b[" not in result.out
    assert result.err.strip() == "11 reviews"


def test_show_gives_every_field_including_internal_notes(mkcat: Mkcat) -> None:
    result = mkcat("show", "dhr-2021-11", "-c", SHIPPED)
    assert result.code == 0
    assert result.out.startswith("dhr-2021-11: Domestic Homicide Review Overview Report\n")
    assert "November 2021 (2021-11)" in result.out
    assert "(internal) The page lists this review" in result.out


def test_show_as_toml_reads_back(mkcat: Mkcat) -> None:
    result = mkcat("show", "child-k-cspr", "-c", SHIPPED, "--format", "toml")
    review = tomllib.loads(result.out)
    assert review["id"] == "child-k-cspr" and review["tags"] == ["autism", "lockdown"]
    assert review["statement"].startswith("Child K was a vulnerable young person")


def test_show_unknown_id_suggests_the_nearest(mkcat: Mkcat) -> None:
    assert_one_line_error(mkcat("show", "child-k", "-c", SHIPPED), 2, "no review has the id `child-k`", "child-k-cspr")


def test_fmt_check_passes_and_fmt_changes_no_byte(mkcat: Mkcat, catalogue: Path) -> None:
    before = catalogue.read_bytes()
    assert mkcat("fmt", "--check", "-c", catalogue).code == 0
    result = mkcat("fmt", "-c", catalogue)
    assert result.code == 0 and "already in canonical layout" in result.err
    assert catalogue.read_bytes() == before


def test_fmt_rewrites_a_hand_edited_file(mkcat: Mkcat, catalogue: Path) -> None:
    hand_edited = catalogue.read_text().replace('title = "Case Reviews"', 'title   =   "Case Reviews"')
    catalogue.write_text(hand_edited)
    assert_one_line_error(mkcat("fmt", "--check", "-c", catalogue), 1, "not in mkcat's canonical layout")
    assert catalogue.read_text() == hand_edited
    assert mkcat("fmt", "-c", catalogue).code == 0
    assert catalogue.read_bytes() == SHIPPED.read_bytes()
    assert (catalogue.parent / "catalogue.toml.bak").read_text() == hand_edited


def test_fmt_refuses_to_drop_comments(mkcat: Mkcat, catalogue: Path) -> None:
    text = catalogue.read_text().replace("[kinds]\n", "[kinds]\n# ask before adding kinds\n")
    catalogue.write_text(text)
    assert_one_line_error(mkcat("fmt", "-c", catalogue), 1, "a comment on line 25", "--drop-comments")
    assert catalogue.read_text() == text
    assert mkcat("fmt", "--drop-comments", "-c", catalogue).code == 0
    assert catalogue.read_bytes() == SHIPPED.read_bytes()


def test_init_writes_a_catalogue_that_validates(workdir: Path) -> None:
    result = run_mkcat("init", cwd=workdir)
    assert result.code == 0, result.err
    data = tomllib.loads((workdir / "catalogue.toml").read_text())
    assert list(data["kinds"]) == ["CSPR", "SCR", "LEARNING", "DHR", "SAR"]
    assert [s["key"] for s in data["sections"]] == ["children", "dhr", "sar"]
    checked = run_mkcat("validate", cwd=workdir)
    assert checked.code == 0 and "0 errors, 0 warnings" in checked.out
    assert run_mkcat("fmt", "--check", cwd=workdir).code == 0


def test_init_never_overwrites(mkcat: Mkcat, catalogue: Path) -> None:
    before = catalogue.read_bytes()
    assert_one_line_error(mkcat("init", catalogue), 1, "already exists")
    assert catalogue.read_bytes() == before


def test_init_into_a_folder(mkcat: Mkcat, tmp_path: Path) -> None:
    assert mkcat("init", tmp_path).code == 0
    assert (tmp_path / "catalogue.toml").is_file()


def test_schema_accepts_the_shipped_catalogue_and_rejects_a_typo(mkcat: Mkcat) -> None:
    schema = json.loads(mkcat("schema").out)
    jsonschema.Draft7Validator.check_schema(schema)
    data = tomllib.loads(SHIPPED.read_text())
    jsonschema.validate(data, schema)
    data["reviews"][0]["titel"] = data["reviews"][0].pop("title")
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema)


# --- expected failures: one line on stderr, the SPEC's exit code, no traceback ----------


def test_missing_catalogue(tmp_path: Path) -> None:
    assert_one_line_error(run_mkcat("list", "-c", tmp_path / "nope.toml"), 2, "no such file", "mkcat init")


def test_bad_toml(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.toml"
    path.write_text("schema_version = 1\n[site\n")
    for command in ("list", "validate", "fmt"):
        assert_one_line_error(run_mkcat(command, "-c", path), 2, "line 2, column 6: not valid TOML")


def test_not_utf8(tmp_path: Path) -> None:
    path = tmp_path / "catalogue.toml"
    shutil.copyfile(SHIPPED, path)
    path.write_bytes(path.read_bytes().replace(b"Debra", b"D\xe9bra"))
    assert_one_line_error(run_mkcat("validate", "-c", path), 2, "not UTF-8 text (byte 0xe9)")


def test_unknown_option_is_a_usage_error(mkcat: Mkcat) -> None:
    assert_one_line_error(mkcat("list", "--colour", "-c", SHIPPED), 2, "No such option: --colour", "mkcat list --help")


def test_bad_choice_is_a_usage_error(mkcat: Mkcat) -> None:
    assert_one_line_error(mkcat("list", "--format", "xml", "-c", SHIPPED), 2, "'xml' is not one of")


def test_a_catalogue_with_errors_is_not_listed(mkcat: Mkcat, catalogue: Path) -> None:
    catalogue.write_text(catalogue.read_text().replace('kind = "SCR"\ntitle', 'kind = "SRC"\ntitle'))
    result = mkcat("list", "-c", catalogue)
    assert result.code == 1
    assert "error E007 child-j-scr kind: kind `SRC` is not in [kinds]; did you mean `SCR`?" in result.err
    assert result.err.strip().splitlines()[-1].endswith("has 1 error; fix them first")
    assert result.out == ""


def test_mkcat_alone_shows_the_help(mkcat: Mkcat) -> None:
    result = mkcat()
    assert result.code == 2
    assert result.err.startswith("Usage: mkcat [OPTIONS] COMMAND [ARGS]...") and "validate" in result.err

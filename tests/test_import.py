"""`mkcat import`: all or nothing, and every bad row named by the number a spreadsheet shows."""

from __future__ import annotations

import csv
import io
import json
import tomllib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from conftest import SHIPPED, Result

Mkcat = Callable[..., Result]
HEADER = ["title", "kind", "published", "document_url", "document_size_bytes", "tags", "summary"]


def write_csv(path: Path, rows: list[list[str]], header: list[str] = HEADER) -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def reviews(path: Path) -> dict[str, dict[str, Any]]:
    return {review["id"]: review for review in tomllib.loads(path.read_text())["reviews"]}


GOOD = [
    ["Child L CSPR report", "CSPR", "12/03/2023", "/case-reviews/child-l.pdf", "1200000", "neglect; housing", ""],
    ["Adult G SAR report", "SAR", "June 2023", "/case-reviews/adult-g.pdf", "", "", "Line one\nLine two"],
    ["Learning from DHR 7", "DHR", "2023", "https://example.org/dhr7.pdf", "512000", "", ""],
]


def test_a_good_csv_adds_every_row(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "new.csv", GOOD)
    result = mkcat("import", source, "-c", catalogue)
    assert result.code == 0, result.err
    assert result.out.split() == ["child-l-cspr-report", "adult-g-sar-report", "learning-from-dhr-7"]
    found = reviews(catalogue)
    assert len(found) == 14
    assert found["child-l-cspr-report"]["published"] == "2023-03-12"
    assert found["child-l-cspr-report"]["tags"] == ["neglect", "housing"]
    assert found["child-l-cspr-report"]["documents"] == [
        {"title": "Child L CSPR report", "url": "/case-reviews/child-l.pdf", "size_bytes": 1200000}
    ]
    assert found["adult-g-sar-report"]["published"] == "2023-06"
    assert found["adult-g-sar-report"]["summary"] == "Line one\nLine two"
    assert "imported 3 reviews" in result.err


def test_one_bad_row_writes_nothing_and_is_named(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    before = catalogue.read_bytes()
    rows = [*GOOD[:2], ["Child M", "CSPR", "30/02/2021", "/m.pdf", "", "", ""]]
    result = mkcat("import", write_csv(tmp_path / "new.csv", rows), "-c", catalogue)
    assert result.code == 1
    # row 3's summary spans two lines, so the bad row is row 4 of the spreadsheet, not line 4 of the file
    assert "error E008 row 4 published: 30 February 2021 does not exist" in result.err
    assert "1 of 3 rows" in result.err and "nothing was imported" in result.err
    assert catalogue.read_bytes() == before


def test_every_bad_row_is_reported_at_once(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    before = catalogue.read_bytes()
    rows = [
        ["Child N", "CSPR", "2023", "javascript:alert(1)", "", "", ""],
        GOOD[0],
        ["Child O", "CPSR", "2023", "/o.pdf", "", "", ""],
        ["Child P", "CSPR", "2023", "/p.pdf", "1.2 MB", "", ""],
        ["Child Q", "CSPR", "next week", "/q.pdf", "", "", ""],
    ]
    result = mkcat("import", write_csv(tmp_path / "new.csv", rows), "-c", catalogue)
    assert result.code == 1
    reported = [line for line in result.err.splitlines() if " error " in line]
    assert [line.split(" error ")[1].split(":")[0] for line in reported] == [
        "E011 row 2 documents[0].url",
        "E007 row 4 kind",
        "E004 row 5 document_size_bytes",
        "E008 row 6 published",
    ]
    assert "4 of 5 rows" in result.err
    assert catalogue.read_bytes() == before


def test_unknown_and_missing_columns_are_row_1(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "new.csv", [["x", "CSPR", "2023"]], header=["titel", "kind", "published"])
    result = mkcat("import", source, "-c", catalogue)
    assert result.code == 1
    assert "error E002 row 1 titel: unknown column `titel`; did you mean `title`?" in result.err
    assert "error E003 row 1 document_url: the header has no `document_url` column" in result.err


def test_ids_given_and_taken(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    header = ["id", *HEADER]
    rows = [["child-k-cspr", *GOOD[0]], ["new-one", *GOOD[1]], ["new-one", *GOOD[2]]]
    result = mkcat("import", write_csv(tmp_path / "new.csv", rows, header), "-c", catalogue)
    assert result.code == 1
    assert "E006 row 2 id" in result.err and "E006 row 4 id" in result.err and "row 3" not in result.err


def test_dry_run_writes_nothing(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    before = catalogue.read_bytes()
    result = mkcat("import", write_csv(tmp_path / "new.csv", GOOD), "-c", catalogue, "--dry-run")
    assert result.code == 0
    assert len(result.out.split()) == 3 and "would import 3 reviews" in result.err
    assert catalogue.read_bytes() == before


def test_the_exports_formula_guard_is_undone(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    rows = [['\'=HYPERLINK("http://x")', "CSPR", "2023", "/x.pdf", "", "'-lockdown", ""]]
    assert mkcat("import", write_csv(tmp_path / "new.csv", rows), "-c", catalogue).code == 0
    review = reviews(catalogue)["hyperlink-http-x"]
    assert review["title"] == '=HYPERLINK("http://x")' and review["tags"] == ["-lockdown"]


def test_a_spreadsheet_saved_with_a_bom_and_blank_lines(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "new.csv", [*GOOD, ["", "", "", "", "", "", ""]])
    source.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    assert mkcat("import", source, "-c", catalogue).code == 0
    assert len(reviews(catalogue)) == 14


def test_json_from_list_imports_into_a_new_catalogue(mkcat: Mkcat, tmp_path: Path) -> None:
    exported = tmp_path / "reviews.json"
    exported.write_text(mkcat("list", "-c", SHIPPED, "--format", "json").out)
    fresh = tmp_path / "fresh" / "catalogue.toml"
    fresh.parent.mkdir()
    assert mkcat("init", fresh).code == 0
    fresh.write_text(fresh.read_text().replace('"Domestic Homicide Review Reports"', '"MK DHR reports published:"'))
    result = mkcat("import", exported, "-c", fresh)
    assert result.code == 0, result.err
    assert [r["id"] for r in json.loads(mkcat("list", "-c", fresh, "--format", "json").out)] == [
        r["id"] for r in json.loads(exported.read_text())
    ]
    assert reviews(fresh)["child-k-cspr"]["statement"] == reviews(SHIPPED)["child-k-cspr"]["statement"]


def test_json_with_unknown_fields_is_refused(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    source = tmp_path / "new.json"
    source.write_text(json.dumps({"reviews": [{"title": "x", "kind": "CSPR", "published": "2023", "colour": "red"}]}))
    result = mkcat("import", source, "-c", catalogue)
    assert result.code == 1 and "E002 review 1 colour" in result.err


def test_bad_json_is_unreadable(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    source = tmp_path / "new.json"
    source.write_text('{"reviews": [}')
    result = mkcat("import", source, "-c", catalogue)
    assert result.code == 2 and "line 1, column 14: not valid JSON" in result.err


def test_a_cell_too_large_for_csv_is_one_clear_line(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "new.csv", [GOOD[0], ["x", "CSPR", "2023", "/x.pdf", "", "", "y" * 200_000]])
    result = mkcat("import", source, "-c", catalogue)
    assert result.code == 2 and "row 3: not readable as CSV" in result.err and "Traceback" not in result.err


def test_json_nested_too_deeply_is_one_clear_line(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    source = tmp_path / "new.json"
    source.write_text("[" * 100_000 + "]" * 100_000)
    result = mkcat("import", source, "-c", catalogue)
    assert result.code == 2 and "nested too deeply" in result.err


def test_json_documents_and_ids_are_checked_by_row(mkcat: Mkcat, catalogue: Path, tmp_path: Path) -> None:
    source = tmp_path / "new.json"
    reviews = [
        {"title": "A", "kind": "CSPR", "published": "2023", "documents": [{"url": "/a.pdf", "sizebytes": 5}]},
        {"id": 0, "title": "B", "kind": "CSPR", "published": "2023", "documents": [{"url": "/b.pdf"}]},
    ]
    source.write_text(json.dumps({"reviews": reviews}))
    result = mkcat("import", source, "-c", catalogue)
    assert result.code == 1
    assert "E002 review 1 documents[0].sizebytes: unknown field `sizebytes`; did you mean `size_bytes`?" in result.err
    assert "E004 review 2 id" in result.err

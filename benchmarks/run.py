"""Time mkcat against the floor it cannot go below, and print the ratios.

Not a test: the machines are shared and noisy, so this reports medians and ratios
measured in one run, and writes them to docs/benchmarks.md.

    .venv/bin/python benchmarks/run.py            # 100, 1,000 and 10,000 reviews
    .venv/bin/python benchmarks/run.py --quick    # fewer runs, for a first look
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "src"))

from mkcat import store  # noqa: E402
from mkcat.model import DEFAULT_KINDS, DEFAULT_SECTIONS  # noqa: E402

PYTHON = sys.executable
MKCAT = str(Path(PYTHON).with_name("mkcat"))
SIZES = (100, 1_000, 10_000)
KINDS = list(DEFAULT_KINDS)
STATEMENT = (
    "The partners accept every finding of the review and have agreed an action plan.\n\n"
    "Progress will be reported to the partnership board within twelve months."
)


def catalogue_data(reviews: int) -> dict[str, Any]:
    """A valid catalogue of `reviews` reviews, shaped like the real one: sizes, summaries, some statements."""
    data: dict[str, Any] = {
        "schema_version": 1,
        "site": {"title": "Case Reviews", "publisher": "Benchmark Partnership", "intro": "Reports to download."},
        "kinds": dict(DEFAULT_KINDS),
        "sections": [dict(section) for section in DEFAULT_SECTIONS],
        "reviews": [],
    }
    for number in range(reviews):
        year = 2000 + number % 26
        published = (
            f"{year}-{number % 12 + 1:02d}" if number % 3 else f"{year}-{number % 12 + 1:02d}-{number % 28 + 1:02d}"
        )
        review: dict[str, Any] = {
            "id": f"review-{number}",
            "kind": KINDS[number % len(KINDS)],
            "title": f"Review {number} report",
            "subject": f"Child {number}",
            "published": published,
            "status": "published" if number % 10 else "draft",
            "summary": f"What review {number} found, and what the partners will change.",
            "tags": ["neglect", f"theme-{number % 7}"],
            "documents": [
                {
                    "title": f"Review {number} report",
                    "url": f"/case-reviews/review-{number}.pdf",
                    "size_bytes": 250_000 + number,
                }
            ],
        }
        if number % 5 == 0:
            review["statement"] = STATEMENT
            review["notes"] = "Internal: chair's comments on file."
        data["reviews"].append(review)
    return data


@dataclass
class Timing:
    seconds: float
    peak_kb: int


def run(command: list[str], *, setup: Any = None) -> Timing:
    """Run a command once; its wall time and peak resident memory."""
    if setup is not None:
        setup()
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    stderr = process.stderr.read().decode() if process.stderr else ""
    if process.stderr:
        process.stderr.close()
    if process.returncode not in (0,):
        raise SystemExit(f"{' '.join(command)} failed ({process.returncode}): {stderr}")
    return Timing(elapsed, usage.ru_maxrss)


def paired(command: list[str], floor: list[str], runs: int, *, setup: Any = None) -> tuple[Timing, Timing]:
    """Medians of the command and of its floor, run in turn so that both meet the same machine load."""
    mine, base = [], []
    for _ in range(runs):
        base.append(run(floor, setup=setup))
        mine.append(run(command, setup=setup))
    return _median(mine), _median(base)


def _median(timings: list[Timing]) -> Timing:
    return Timing(statistics.median(t.seconds for t in timings), max(t.peak_kb for t in timings))


@dataclass
class Row:
    what: str
    reviews: int
    seconds: float
    floor: float
    target: float | None
    peak_kb: int

    @property
    def ratio(self) -> float:
        return self.seconds / self.floor


def _copier(source: Path, target: Path) -> Any:
    return lambda: shutil.copyfile(source, target)


def measure(folder: Path, runs: int, sizes: tuple[int, ...]) -> list[Row]:
    rows: list[Row] = []
    shipped = str(ROOT / "catalogue.toml")
    start, floor = paired([MKCAT, "validate", "-c", shipped], [PYTHON, "-c", "import typer, tomllib"], runs)
    rows.append(Row("start-up: validate the shipped catalogue", 11, start.seconds, floor.seconds, 1.8, start.peak_kb))
    for size in sizes:
        path = folder / f"catalogue-{size}.toml"
        path.write_text(store.render(catalogue_data(size)))
        parse = [PYTHON, "-c", f"import tomllib; tomllib.load(open({str(path)!r}, 'rb'))"]
        at_size = size == max(sizes)
        commands = {
            "validate": ([MKCAT, "validate", "-c", str(path)], 1.5),
            "list --format json": ([MKCAT, "list", "-c", str(path), "--format", "json"], None),
            "export html": ([MKCAT, "export", "-c", str(path), "-f", "html"], 2.0),
            "export csv": ([MKCAT, "export", "-c", str(path), "-f", "csv"], 2.0),
            "export json": ([MKCAT, "export", "-c", str(path), "-f", "json"], 2.0),
        }
        for what, (command, target) in commands.items():
            timing, floor = paired(command, parse, runs)
            rows.append(Row(what, size, timing.seconds, floor.seconds, target if at_size else None, timing.peak_kb))
        work = folder / f"add-{size}.toml"
        dump = (
            f"import tomllib, tomli_w; d = tomllib.load(open({str(work)!r}, 'rb')); "
            f"tomli_w.dump(d, open({str(work)!r}, 'wb'))"
        )
        add = [MKCAT, "add", "-c", str(work), "--kind", "SAR", "--title", "Benchmark addition", "--published", "2024",
               "--document", "Benchmark addition|/b.pdf|1000", "--no-input"]  # fmt: skip
        # a fresh copy of the catalogue before each run, not timed
        timing, floor = paired(add, [PYTHON, "-c", dump], runs, setup=_copier(path, work))
        target = 2.0 if at_size else None
        rows.append(
            Row("add (floor: parse + tomli_w.dump)", size, timing.seconds, floor.seconds, target, timing.peak_kb)
        )
    return rows


def growth(rows: list[Row], sizes: tuple[int, ...]) -> list[tuple[str, float]]:
    if 1_000 not in sizes or 10_000 not in sizes:
        return []
    by = {(row.what, row.reviews): row for row in rows}
    return [
        (what, by[(what, 10_000)].seconds / by[(what, 1_000)].seconds)
        for what in dict.fromkeys(row.what for row in rows if row.reviews == 10_000)
    ]


def table(rows: list[Row], grown: list[tuple[str, float]], runs: int) -> str:
    lines = [
        f"Medians of {runs} runs on this machine ({os.cpu_count()} cores), {time.strftime('%Y-%m-%d')}, Python {sys.version.split()[0]}.",
        'Floor: a bare `python -c "import tomllib; tomllib.load(...)"` of the same file (for add: that parse plus one',
        '`tomli_w.dump`); for start-up, `python -c "import typer, tomllib"`.',
        "",
        "| command | reviews | mkcat (s) | floor (s) | ratio | target | peak memory |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows:
        target = "" if row.target is None else f"≤ {row.target:.1f}x {'✓' if row.ratio <= row.target else '✗'}"
        lines.append(
            f"| {row.what} | {row.reviews:,} | {row.seconds:.3f} | {row.floor:.3f} | {row.ratio:.2f}x | {target} | {row.peak_kb / 1024:.0f} MB |"
        )
    if grown:
        lines += ["", "Growth from 1,000 to 10,000 reviews (linear is 10x; the target is at most 12x):", ""]
        lines += ["| command | 10,000 / 1,000 |", "|---|---:|"]
        lines += [f"| {what} | {ratio:.1f}x {'✓' if ratio <= 12 else '✗'} |" for what, ratio in grown]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="3 runs and up to 1,000 reviews")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--no-write", action="store_true", help="print only; leave docs/benchmarks.md alone")
    options = parser.parse_args()
    runs = 3 if options.quick else options.runs
    sizes = SIZES[:2] if options.quick else SIZES
    with tempfile.TemporaryDirectory(prefix="mkcat-bench-") as folder:
        rows = measure(Path(folder), runs, sizes)
    report = table(rows, growth(rows, sizes), runs)
    print(report)
    if not options.no_write and not options.quick:
        (ROOT / "docs" / "benchmarks.md").write_text("# mkcat benchmarks\n\n" + report)
        readme = ROOT / "README.md"
        start, end = "<!-- benchmarks:start -->\n", "<!-- benchmarks:end -->"
        text = readme.read_text()
        before, rest = text.split(start, 1)
        readme.write_text(before + start + report + rest[rest.index(end) :])


if __name__ == "__main__":
    main()

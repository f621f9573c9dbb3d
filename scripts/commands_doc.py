"""Write docs/commands.md, the command reference, from mkcat's own --help texts.

Run: .venv/bin/python scripts/commands_doc.py   (tests/test_readme.py checks it is current)
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TARGET = ROOT / "docs" / "commands.md"


def generate() -> str:
    """Typer's Markdown for the app, without click's no-rewrap markers (a lone \\b line)."""
    done = subprocess.run(
        [sys.executable, "-m", "typer", "mkcat.cli", "utils", "docs", "--name", "mkcat"],
        capture_output=True,
        text=True,
        check=True,
    )
    return "".join(line for line in done.stdout.splitlines(keepends=True) if line.strip("\b\n") or "\b" not in line)


if __name__ == "__main__":
    TARGET.write_text(generate())

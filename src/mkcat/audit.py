"""The audit trail: commit each change to git, so `git log` tells who changed what and when."""

from __future__ import annotations

import subprocess
from pathlib import Path

from mkcat.errors import Refused, WriteFailed


def _git(folder: Path, *args: str) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", "-C", str(folder), *args], capture_output=True, text=True, check=False)
    except FileNotFoundError:
        raise Refused("--commit needs git, which is not installed here") from None


def require_work_tree(catalogue: Path, /) -> None:
    """Refuse before writing anything when the catalogue is not in a git work tree."""
    done = _git(catalogue.resolve().parent, "rev-parse", "--is-inside-work-tree")
    if done.returncode != 0 or done.stdout.strip() != "true":
        raise Refused(
            f"{catalogue} is not in a git work tree, so the change cannot be committed; "
            "run `git init` there, or pass --no-commit"
        )


def commit(catalogue: Path, message: str, /) -> None:
    """Commit the catalogue file alone, whatever else is staged."""
    folder, name = catalogue.resolve().parent, catalogue.name
    for args in (("add", "--", name), ("commit", "--quiet", "--message", message, "--", name)):
        done = _git(folder, *args)
        if done.returncode != 0:
            reason = (done.stderr or done.stdout).strip().splitlines()
            raise WriteFailed(
                f"{catalogue} was written, but `git {args[0]}` failed: {reason[-1] if reason else 'no reason given'}"
            )

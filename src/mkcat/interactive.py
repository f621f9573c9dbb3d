"""The terminal conversations: prompting for a new review, editing one in $EDITOR.

Prompts go to stderr, so stdout carries only data (the new id) even at a terminal.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from mkcat import store
from mkcat.changes import ReviewInput, parse_date, parse_document
from mkcat.errors import CatalogueChanged, CatalogueInvalid, InvalidDate, Refused, UsageProblem
from mkcat.fields import Status

if TYPE_CHECKING:
    from rich.console import Console


def at_terminal() -> bool:
    return sys.stdin.isatty() and sys.stderr.isatty()


def _console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def confirm(question: str, *, default: bool) -> bool:
    from rich.prompt import Confirm

    return Confirm.ask(question, default=default, console=_console())


def complete(given: ReviewInput, kinds: Mapping[str, str]) -> None:
    """Ask for each required field `given` lacks, re-asking until the answer is usable."""
    from rich.prompt import Prompt
    from rich.table import Table
    from rich.text import Text

    console = _console()
    if given.kind is None:
        table = Table(box=None, show_header=False, pad_edge=False)
        for code, name in kinds.items():
            table.add_row(Text(code, style="bold"), Text(name))
        console.print(table)
        by_code = {code.casefold(): code for code in kinds}
        while given.kind is None:
            answer = Prompt.ask("Kind", console=console).strip()
            given.kind = by_code.get(answer.casefold())
            if given.kind is None:
                say(f"{answer!r} is not a kind: type one of {', '.join(kinds)}", style="red")
    while not given.title:
        given.title = Prompt.ask("Title (the text people click)", console=console).strip() or None
    while given.published is None:
        answer = Prompt.ask("Published (e.g. 28/02/2022, February 2022, 2018)", console=console)
        try:
            given.published = parse_date(answer, option="published")
        except InvalidDate as error:
            say(str(error), style="red")
    needs_document = (given.status or Status.PUBLISHED) is Status.PUBLISHED
    while True:
        required = needs_document and not given.documents
        hint = "URL, or TITLE|URL|SIZE_BYTES" + ("" if required else "; empty to finish")
        question = f"Document {len(given.documents) + 1} ({hint})"
        answer = Prompt.ask(question, default="", show_default=False, console=console).strip()
        if not answer:
            if required:
                say("a published review needs a document for readers to download", style="red")
                continue
            break
        try:
            parse_document(answer, default_title=given.title)
        except UsageProblem as error:
            say(str(error).removeprefix("--document "), style="red")
            continue
        given.documents.append(answer)


def show(text: str, *, title: str) -> None:
    from rich.panel import Panel
    from rich.syntax import Syntax

    _console().print(Panel(Syntax(text, "toml", word_wrap=True), title=title, expand=False))


def say(message: str, *, style: str | None = None) -> None:
    """Plain text on stderr: never read as Rich markup, so "[kinds]" stays as written."""
    _console().print(message, style=style, markup=False)


def editor_command() -> list[str]:
    """$VISUAL, else $EDITOR, else nano or vi: whichever this machine has."""
    for name in ("VISUAL", "EDITOR"):
        if value := os.environ.get(name, "").strip():
            return shlex.split(value)
    for fallback in ("nano", "vi"):
        if found := shutil.which(fallback):
            return [found]
    raise UsageProblem("no editor found: set $EDITOR, or change the review with options such as --title")


def run_editor(text: str, *, name: str) -> str:
    """Let the user edit `text` in their editor; return what they saved."""
    command = editor_command()
    with tempfile.TemporaryDirectory(prefix="mkcat-") as folder:
        path = Path(folder) / name
        path.write_text(text, encoding="utf-8")
        try:
            done = subprocess.run([*command, str(path)], check=False)
        except FileNotFoundError:
            raise UsageProblem(f"the editor {command[0]!r} was not found; set $EDITOR to one that is") from None
        if done.returncode != 0:
            raise Refused(f"the editor {command[0]!r} exited with status {done.returncode}; nothing was saved")
        return path.read_text(encoding="utf-8")


def edit_in_editor(
    path: Path, review_id: str, save: Callable[[dict[str, Any], bytes, str], object], /
) -> object | None:
    """Edit one review as TOML until it is valid and saved, or the user gives up.

    `save(new_review, original_bytes, edited_text)` writes it; it raises
    CatalogueInvalid or Refused when the result cannot be saved.
    """
    from mkcat.actions import review_data
    from mkcat.report import problem_line

    loaded = store.read(path)
    original = store.render_review(review_data(loaded.data, review_id))
    text = original
    while True:
        text = run_editor(text, name=f"{review_id}.toml")
        if text == original:
            say("no changes; nothing was saved")
            return None
        try:
            try:
                new = tomllib.loads(text)
            except tomllib.TOMLDecodeError as error:
                raise UsageProblem(f"the edited text is not valid TOML: {error}") from None
            return save(new, loaded.raw, text)
        except CatalogueChanged:
            raise
        except CatalogueInvalid as invalid:
            for problem in invalid.problems:
                say(problem_line(problem, path), style="red")
        except (UsageProblem, Refused) as error:
            say(str(error), style="red")
        if not confirm("Edit it again?", default=True):
            say("abandoned; nothing was saved")
            raise Refused("the edit was abandoned; nothing was saved")

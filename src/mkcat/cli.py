"""The `mkcat` command: parse options, call the core, print. Nothing else lives here.

No `from __future__ import annotations` here: Typer would have to evaluate every
annotation string at start-up, which costs more than defining them does.
"""

import dataclasses
import datetime as dt
import os
import sys
from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from mkcat import __version__, actions, report, store
from mkcat.checks import Severity
from mkcat.dates import PartialDate, parse_as_of
from mkcat.errors import INTERRUPTED, USAGE, CatalogueInvalid, MkcatError, Refused, UsageProblem
from mkcat.exporters import Format
from mkcat.fields import Status

if TYPE_CHECKING:
    from mkcat.changes import ReviewInput
    from mkcat.model import Review

app = typer.Typer(
    name="mkcat",
    no_args_is_help=True,
    rich_markup_mode=None,  # help text is plain: "[kinds]" stays as written
    add_completion=False,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CatalogueOption = Annotated[
    Path | None,
    typer.Option(
        "--catalogue",
        "-c",
        help="The catalogue file. Default: $MKCAT_CATALOGUE, else catalogue.toml here or in a parent folder.",
        show_default=False,
    ),
]
AsOfOption = Annotated[
    str | None,
    typer.Option("--as-of", help="Judge embargoes as on this day (YYYY-MM-DD). Default: today.", show_default=False),
]
DropCommentsOption = Annotated[
    bool,
    typer.Option("--drop-comments", help="Rewrite the file even though its comments will be lost."),
]


class OutputFormat(StrEnum):
    TEXT = "text"
    JSON = "json"


class ListFormat(StrEnum):
    TABLE = "table"
    TSV = "tsv"
    JSON = "json"


class ShowFormat(StrEnum):
    TEXT = "text"
    TOML = "toml"
    JSON = "json"


def _version(value: bool) -> None:
    if value:
        print(f"mkcat {__version__}")
        raise typer.Exit()


@app.callback()
def _root(
    version: Annotated[
        bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")
    ] = False,
) -> None:
    """Keep the catalogue of published case reviews, check it, and export it for the website.

    \b
    Example: mkcat validate && mkcat export --format html --output reviews.html
    """


# --- output helpers ---------------------------------------------------------------------


def _say(message: str) -> None:
    """A message for the user (not data): stderr."""
    print(message, file=sys.stderr)


# --- commands ---------------------------------------------------------------------------


@app.command()
def init(
    path: Annotated[Path | None, typer.Argument(help="Where to create it. Default: ./catalogue.toml")] = None,
    catalogue: CatalogueOption = None,
) -> None:
    """Create a new catalogue with the default kinds and sections. Never overwrites.

    \b
    Example: mkcat init reviews/catalogue.toml
    """
    if path is not None and catalogue is not None and path != catalogue:
        raise UsageProblem("give the new catalogue's path once: as PATH or as --catalogue")
    created = actions.init(path or catalogue or Path(store.FILE_NAME))
    _say(f"created {report.shown(created)}; add a review with `mkcat add`")


@app.command("list")
def list_(
    catalogue: CatalogueOption = None,
    kind: Annotated[list[str] | None, typer.Option("--kind", "-k", help="Only this kind (repeatable).")] = None,
    status: Annotated[Status | None, typer.Option("--status", "-s", help="Only this status.")] = None,
    year: Annotated[int | None, typer.Option("--year", "-y", help="Only reviews published in this year.")] = None,
    tag: Annotated[str | None, typer.Option("--tag", "-t", help="Only reviews with this tag.")] = None,
    search: Annotated[
        str | None, typer.Option("--search", help="Text in the title, subject or summary (any case).")
    ] = None,
    output: Annotated[ListFormat, typer.Option("--format", "-f", help="table, tsv or json.")] = ListFormat.TABLE,
) -> None:
    """List reviews, every status, in the order the website shows them.

    \b
    Example: mkcat list --kind CSPR --year 2021 --format tsv
    """
    path = store.find_catalogue(catalogue)
    records = actions.open_catalogue(path, as_of=parse_as_of(None))
    chosen = actions.select(records, kinds=kind, status=status, year=year, tag=tag, search=search)
    if output is ListFormat.JSON:
        from mkcat.exporters.public import public_review
        from mkcat.exporters.to_json import dumps

        sys.stdout.write(dumps([{**public_review(records, r).as_dict(), "status": str(r.status)} for r in chosen]))
    elif output is ListFormat.TSV:
        print("id\tkind\tstatus\tpublished\ttitle")
        for r in chosen:
            print("\t".join(_tsv(v) for v in (r.id, r.kind, str(r.status), r.published.iso(), r.title)))
    else:
        _table(chosen)


def _tsv(value: str) -> str:
    return value.replace("\t", " ").replace("\n", " ")


def _table(reviews: Sequence["Review"]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table(box=None, header_style="bold", pad_edge=False)
    for name in ("ID", "Kind", "Published", "Status", "Title"):
        table.add_column(name, overflow="fold")
    for r in reviews:
        table.add_row(r.id, r.kind, r.published.display(), str(r.status), r.title)
    console = Console(highlight=False)
    console.print(table)
    Console(stderr=True, highlight=False).print(report.count(len(reviews), "review"))


@app.command()
def show(
    review_id: Annotated[str, typer.Argument(metavar="ID", help="The review's id (see `mkcat list`).")],
    catalogue: CatalogueOption = None,
    output: Annotated[ShowFormat, typer.Option("--format", "-f", help="text, toml or json.")] = ShowFormat.TEXT,
) -> None:
    """Show one review, every field, internal notes included.

    \b
    Example: mkcat show child-k-cspr
    """
    path = store.find_catalogue(catalogue)
    records = actions.open_catalogue(path, as_of=parse_as_of(None))
    review = actions.find_review(records, review_id)
    if output is ShowFormat.TEXT:
        sys.stdout.write(report.describe(records, review))
    else:
        data = actions.review_data(store.read(path).data, review.id)
        if output is ShowFormat.TOML:
            sys.stdout.write(store.render_review(data))
        else:
            from mkcat.exporters.to_json import dumps

            sys.stdout.write(dumps(store.canonical({"reviews": [data]})["reviews"][0]))


@app.command()
def validate(
    catalogue: CatalogueOption = None,
    output: Annotated[OutputFormat, typer.Option("--format", "-f", help="text or json.")] = OutputFormat.TEXT,
    strict: Annotated[bool, typer.Option("--strict", help="Fail on warnings too.")] = False,
    check_links: Annotated[
        bool, typer.Option("--check-links", help="Request every document URL and report failures and wrong sizes.")
    ] = False,
    base_url: Annotated[
        str | None,
        typer.Option("--base-url", help="With --check-links: the site that paths such as /case-reviews/x.pdf are on."),
    ] = None,
    timeout: Annotated[
        float, typer.Option("--timeout", min=0.1, help="With --check-links: seconds to wait for each server.")
    ] = 10.0,
    as_of: AsOfOption = None,
) -> None:
    """Check the catalogue before anything is published: every problem, with its line.

    Exit status: 0 no errors (warnings allowed), 1 errors (or warnings with --strict),
    2 the file cannot be read.

    \b
    Example: mkcat validate --strict
    """
    path = store.find_catalogue(catalogue)
    checked = actions.check(path, as_of=parse_as_of(as_of))
    problems = checked.problems
    if check_links:
        from mkcat.links import check_links as request_all

        link_problems, skipped = request_all(checked.loaded, timeout=timeout, base_url=base_url)
        problems = problems + link_problems
        if skipped:
            _say(f"mkcat: {report.count(skipped, 'site path')} not checked: give --base-url, e.g. https://example.org")
    errors = [p for p in problems if p.severity is Severity.ERROR]
    warnings = [p for p in problems if p.severity is Severity.WARNING]
    failed = bool(errors) or (strict and bool(warnings))
    if output is OutputFormat.JSON:
        from mkcat.exporters.to_json import dumps

        sys.stdout.write(
            dumps(
                {
                    "valid": not failed,
                    "errors": len(errors),
                    "warnings": len(warnings),
                    "problems": [p.as_dict() for p in problems],
                }
            )
        )
    else:
        colour = report.colour_for(sys.stdout)
        for problem in problems:
            print(report.problem_line(problem, path, colour=colour))
        verdict = "fails" if failed else "passes"
        summary = f"{report.count(len(errors), 'error')}, {report.count(len(warnings), 'warning')}"
        print(f"{report.shown(path)}: {summary}; {verdict}")
    if failed:
        raise typer.Exit(1)


CommitOption = Annotated[
    bool | None,
    typer.Option(
        "--commit/--no-commit",
        help="Commit the change to git (default: `commit` under [mkcat] in the catalogue).",
        show_default=False,
    ),
]
DryRunOption = Annotated[bool, typer.Option("--dry-run", help="Show what would be written, and write nothing.")]
NoInputOption = Annotated[bool, typer.Option("--no-input", help="Never prompt: missing fields are an error.")]


def _write(drop_comments: bool, commit: bool | None, dry_run: bool = False) -> actions.Write:
    return actions.Write(drop_comments=drop_comments, commit=commit, dry_run=dry_run)


def _report(outcome: actions.Outcome, path: Path, *, dry_run: bool = False) -> None:
    """Warnings about what changed (they never block), and a word when nothing was written."""
    for problem in outcome.warnings:
        _say(report.problem_line(problem, path))
    if dry_run:
        _say("dry run: nothing was written")
    elif not outcome.written:
        _say("nothing changed: the file already says that")


def _touched(outcome: actions.Outcome) -> list[dict[str, object]]:
    return [review for review in outcome.data.get("reviews", []) if review.get("id") in outcome.ids]


def _show_reviews(outcome: actions.Outcome) -> None:
    for review in _touched(outcome):
        sys.stdout.write("[[reviews]]\n" + store.render_review(review) + "\n")


# The review's fields, as add and edit both take them.
KindOption = Annotated[str | None, typer.Option("--kind", "-k", help="A code from [kinds], e.g. CSPR.")]
TitleOption = Annotated[str | None, typer.Option("--title", help="The text people click.")]
SubjectOption = Annotated[str | None, typer.Option("--subject", help='The pseudonym, e.g. "Child K".')]
PublishedOption = Annotated[
    str | None, typer.Option("--published", help="28/02/2022, 28 February 2022, February 2022, 2022-02, 2018...")
]
SummaryOption = Annotated[str | None, typer.Option("--summary", help="Public summary.")]
StatementOption = Annotated[str | None, typer.Option("--statement", help="Public publication statement.")]
AttributionOption = Annotated[
    str | None, typer.Option("--statement-attribution", help="Who made the statement, and when.")
]
MediaContactOption = Annotated[str | None, typer.Option("--media-contact", help="Public media contact.")]
NotesOption = Annotated[str | None, typer.Option("--notes", help="Internal notes: never exported.")]
TagOption = Annotated[list[str] | None, typer.Option("--tag", "-t", help="A public theme (repeatable).")]
DocumentOption = Annotated[
    list[str] | None,
    typer.Option("--document", "-d", help='URL, or "TITLE|URL", or "TITLE|URL|SIZE_BYTES" (repeatable).'),
]


def _fields(
    *,
    review_id: str | None,
    status: Status | None,
    published: str | None,
    tags: list[str] | None,
    documents: list[str] | None,
    **text: str | None,
) -> "ReviewInput":
    """The review fields given as options, dates read as people type them."""
    from mkcat.changes import ReviewInput, parse_date

    return ReviewInput(
        id=review_id,
        status=status,
        published=parse_date(published) if published is not None else None,
        tags=tags or [],
        documents=documents or [],
        **text,
    )


@app.command()
def add(
    catalogue: CatalogueOption = None,
    review_id: Annotated[str | None, typer.Option("--id", help="Default: a slug of the title, made unique.")] = None,
    kind: KindOption = None,
    title: TitleOption = None,
    subject: SubjectOption = None,
    published: PublishedOption = None,
    status: Annotated[Status, typer.Option("--status", help="draft, published or withdrawn.")] = Status.PUBLISHED,
    summary: SummaryOption = None,
    statement: StatementOption = None,
    statement_attribution: AttributionOption = None,
    media_contact: MediaContactOption = None,
    tag: TagOption = None,
    notes: NotesOption = None,
    document: DocumentOption = None,
    no_input: NoInputOption = False,
    dry_run: DryRunOption = False,
    commit: CommitOption = None,
    drop_comments: DropCommentsOption = False,
) -> None:
    """Add a review, asking at a terminal for whatever is missing. Prints the new id.

    \b
    Example: mkcat add --kind CSPR --title "Child K CSPR report" --published 28/02/2022 --document /case-reviews/child-k.pdf
    """
    from mkcat import interactive

    path = store.find_catalogue(catalogue)
    given = _fields(
        review_id=review_id, status=status, published=published, tags=tag, documents=document,
        kind=kind, title=title, subject=subject, summary=summary, statement=statement,
        statement_attribution=statement_attribution, media_contact=media_contact, notes=notes,
    )  # fmt: skip
    if missing := given.missing():
        if no_input or not interactive.at_terminal():
            where = "--no-input was given" if no_input else "this is not a terminal"
            names = ", ".join(f"--{name}" for name in missing)
            raise UsageProblem(f"missing {names} ({where}, so mkcat cannot ask); nothing was written")
        kinds = store.read(path).data.get("kinds", {})
        interactive.complete(given, kinds if isinstance(kinds, dict) else {})
        preview = actions.add(path, given, _write(drop_comments, commit, dry_run=True))
        interactive.show(_review_text(preview), title="New review")
        if not dry_run and not interactive.confirm("Add this review?", default=True):
            raise Refused("not added; nothing was written")
    outcome = actions.add(path, given, _write(drop_comments, commit, dry_run))
    _report(outcome, path, dry_run=dry_run)
    if dry_run:
        _show_reviews(outcome)
    else:
        print(outcome.ids[0])


def _review_text(outcome: actions.Outcome) -> str:
    return store.render_review(_touched(outcome)[0])


@app.command()
def edit(
    review_id: Annotated[str, typer.Argument(metavar="ID", help="The review's id (see `mkcat list`).")],
    catalogue: CatalogueOption = None,
    new_id: Annotated[str | None, typer.Option("--id", help="A new id (drafts only).")] = None,
    kind: KindOption = None,
    title: TitleOption = None,
    subject: SubjectOption = None,
    published: PublishedOption = None,
    status: Annotated[Status | None, typer.Option("--status", help="draft, published or withdrawn.")] = None,
    summary: SummaryOption = None,
    statement: StatementOption = None,
    statement_attribution: AttributionOption = None,
    media_contact: MediaContactOption = None,
    notes: NotesOption = None,
    tag: TagOption = None,
    remove_tag: Annotated[list[str] | None, typer.Option("--remove-tag", help="Remove a tag (repeatable).")] = None,
    document: DocumentOption = None,
    remove_document: Annotated[
        list[str] | None,
        typer.Option("--remove-document", help="Remove a document, by URL or number (1 = first).", metavar="URL|N"),
    ] = None,
    clear: Annotated[list[str] | None, typer.Option("--clear", help="Remove an optional field (repeatable).")] = None,
    no_input: NoInputOption = False,
    dry_run: DryRunOption = False,
    commit: CommitOption = None,
    drop_comments: DropCommentsOption = False,
) -> None:
    """Change a review by options, or with none at a terminal, as TOML in $EDITOR.

    The id cannot change once a review is published. An edit that adds an error is never saved.

    \b
    Example: mkcat edit child-k-cspr --tag "mental health" --document "Easy read|/case-reviews/k-easy.pdf|182000"
    """
    from mkcat import interactive
    from mkcat.changes import Edits

    path = store.find_catalogue(catalogue)
    values = _fields(
        review_id=new_id, status=status, published=published, tags=tag, documents=document,
        kind=kind, title=title, subject=subject, summary=summary, statement=statement,
        statement_attribution=statement_attribution, media_contact=media_contact, notes=notes,
    )  # fmt: skip
    edits = Edits(values, remove_tags=remove_tag or [], remove_documents=remove_document or [], clear=clear or [])
    write = _write(drop_comments, commit, dry_run)
    if edits.any():
        outcome = actions.edit(path, review_id, edits, write)
    elif no_input or not interactive.at_terminal():
        raise UsageProblem("nothing to change: give options such as --title, or run at a terminal to use $EDITOR")
    else:

        def save(new: dict[str, object], original: bytes, text: str) -> actions.Outcome:
            session = dataclasses.replace(write, expected=original, recovery=text)
            return actions.replace_review(path, review_id, new, session)

        saved = interactive.edit_in_editor(path, review_id, save)
        if not isinstance(saved, actions.Outcome):
            return
        outcome = saved
    _report(outcome, path, dry_run=dry_run)
    if dry_run:
        _show_reviews(outcome)
    elif outcome.written:
        _say(f"saved {outcome.ids[0]}")


@app.command()
def withdraw(
    review_id: Annotated[str, typer.Argument(metavar="ID", help="The review's id.")],
    reason: Annotated[str, typer.Option("--reason", help="Why it is withdrawn (kept internally).")],
    on: Annotated[str | None, typer.Option("--on", help="The day it was withdrawn. Default: today.")] = None,
    catalogue: CatalogueOption = None,
    commit: CommitOption = None,
    drop_comments: DropCommentsOption = False,
) -> None:
    """Mark a review withdrawn: it stays on record and leaves every export.

    \b
    Example: mkcat withdraw child-j-scr --reason "Superseded by the 2023 CSPR" --on 2023-05-01
    """
    from mkcat.changes import parse_date

    path = store.find_catalogue(catalogue)
    day = parse_date(on, option="--on") if on is not None else dt.date.today().isoformat()
    if PartialDate.parse(day).first_day > dt.date.today():
        raise UsageProblem(f"--on {on}: a review cannot be withdrawn on a day still to come")
    outcome = actions.withdraw(path, review_id, _write(drop_comments, commit), reason=reason, on=day)
    _report(outcome, path)
    _say(f"withdrew {review_id} on {day}")


@app.command()
def remove(
    review_id: Annotated[str, typer.Argument(metavar="ID", help="The review's id.")],
    yes: Annotated[bool, typer.Option("--yes", "-y", help="Do not ask first (needed without a terminal).")] = False,
    catalogue: CatalogueOption = None,
    commit: CommitOption = None,
    drop_comments: DropCommentsOption = False,
) -> None:
    """Delete a review from the catalogue for good (asks first). `withdraw` keeps it on record.

    \b
    Example: mkcat remove child-x-draft --yes
    """
    from mkcat import interactive

    path = store.find_catalogue(catalogue)
    if not yes:
        if not interactive.at_terminal():
            raise UsageProblem(f"removing `{review_id}` cannot be undone: pass --yes (this is not a terminal to ask)")
        review = actions.review_data(store.read(path).data, review_id)
        question = f"Remove {review_id} ({review.get('title')!r}, {review.get('status')}) for good?"
        if not interactive.confirm(question, default=False):
            raise Refused("not removed; nothing was written")
    _report(actions.remove(path, review_id, _write(drop_comments, commit)), path)
    _say(f"removed {review_id} (the previous file is kept as {report.shown(path)}.bak)")


@app.command("import")
def import_(
    source: Annotated[Path, typer.Argument(metavar="FILE", help="A CSV or JSON file in the export's format.")],
    catalogue: CatalogueOption = None,
    dry_run: DryRunOption = False,
    commit: CommitOption = None,
    drop_comments: DropCommentsOption = False,
) -> None:
    """Add every review in a CSV or JSON file, or none: each bad row is named by its number.

    CSV needs the columns title, kind, published and document_url (the header is row 1);
    the export's other columns are read too. Dates may be in any form `add` takes.

    \b
    Example: mkcat import new-reviews.csv --dry-run
    """
    path = store.find_catalogue(catalogue)
    outcome = actions.import_reviews(path, source, _write(drop_comments, commit, dry_run))
    _report(outcome, path, dry_run=dry_run)
    for review_id in outcome.ids:
        print(review_id)
    _say(f"{'would import' if dry_run else 'imported'} {report.count(len(outcome.ids), 'review')} from {source}")


@app.command()
def export(
    output_format: Annotated[Format, typer.Option("--format", "-f", help="html, csv or json.")],
    catalogue: CatalogueOption = None,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="Write here (replaced atomically). Default: stdout.")
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option("--as-of", help="Publish as on this day: later reviews stay under embargo. Default: today."),
    ] = None,
    standalone: Annotated[
        bool, typer.Option("--standalone", help="html: a whole page (lang, charset, title, styles), not a fragment.")
    ] = False,
    template: Annotated[
        Path | None, typer.Option("--template", help="html: render with your own Jinja2 template (sandboxed, escaped).")
    ] = None,
    excel: Annotated[
        bool, typer.Option("--excel", help="csv: start with a byte order mark so Excel reads UTF-8.")
    ] = False,
) -> None:
    """Write the public reviews for the website: published, and not under embargo.

    Drafts, withdrawn and embargoed reviews and internal notes never appear. A catalogue
    with errors is refused. The same catalogue and --as-of always give the same bytes.

    \b
    Example: mkcat export --format html --standalone --output case-reviews.html
    """
    from mkcat.exporters import Listing, Options, exporter

    path = store.find_catalogue(catalogue)
    if output is not None and output.resolve() in store.own_files(path):
        raise UsageProblem(f"--output {output} is the catalogue's own file; write the export somewhere else")
    day = parse_as_of(as_of)
    records = actions.open_catalogue(path, as_of=day)
    public = records.public_reviews(day)
    listing = Listing(records, public, day)
    text = exporter(output_format).render(listing, Options(standalone=standalone, template=template, excel=excel))
    content = text.encode("utf-8")
    if output is None:
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        store.replace_file(output, content)
    embargoed = sum(1 for r in records.reviews if r.status is Status.PUBLISHED and not r.is_public(day))
    held = f"; {report.count(embargoed, 'embargoed review')} held back" if embargoed else ""
    where = f" to {report.shown(output)}" if output else ""
    _say(f"exported {report.count(len(public), 'review')} as {output_format}{where}{held}")


@app.command()
def fmt(
    catalogue: CatalogueOption = None,
    check: Annotated[
        bool, typer.Option("--check", help="Only report whether the file is in canonical layout.")
    ] = False,
    commit: CommitOption = None,
    drop_comments: DropCommentsOption = False,
) -> None:
    """Rewrite the catalogue in mkcat's one canonical layout (same data, same bytes).

    \b
    Example: mkcat fmt --check
    """
    path = store.find_catalogue(catalogue)
    if check:
        if not actions.is_canonical(path):
            raise Refused(f"{report.shown(path)} is not in mkcat's canonical layout; run `mkcat fmt`")
        _say(f"{report.shown(path)} is in canonical layout")
    elif actions.fmt(path, _write(drop_comments, commit)).written:
        _say(f"reformatted {report.shown(path)} (the previous version is kept as {report.shown(path)}.bak)")
    else:
        _say(f"{report.shown(path)} was already in canonical layout")


@app.command()
def schema(
    export: Annotated[
        bool, typer.Option("--export", help="The schema of `mkcat export --format json` instead.")
    ] = False,
    catalogue: CatalogueOption = None,
) -> None:
    """Print the JSON Schema of the catalogue file, for editors that check TOML.

    \b
    Example: mkcat schema > catalogue.schema.json
    """
    from mkcat.exporters.to_json import dumps

    if export:
        from mkcat.exporters.to_json import schema as export_schema

        sys.stdout.write(dumps(export_schema()))
    else:
        from mkcat.schema import catalogue_schema

        sys.stdout.write(dumps(catalogue_schema()))


# --- the one place errors become messages and exit codes --------------------------------


def main(argv: Sequence[str] | None = None) -> int:
    """Run mkcat with `argv` (default: the command line) and return its exit status."""
    from typer._click import exceptions as click_exceptions

    command = typer.main.get_command(app)
    try:
        result = command.main(args=list(argv) if argv is not None else None, prog_name="mkcat", standalone_mode=False)
    except CatalogueInvalid as error:
        colour = report.colour_for(sys.stderr)
        for problem in error.problems:
            _say(report.problem_line(problem, error.path, colour=colour))
        _say(f"mkcat: {error}")
        return error.exit_code
    except MkcatError as error:
        _say(f"mkcat: {error}")
        return error.exit_code
    except click_exceptions.NoArgsIsHelpError as error:
        _say(error.format_message())  # `mkcat` alone: the help, which is the clearest answer
        return USAGE
    except click_exceptions.UsageError as error:
        where = error.ctx.command_path if error.ctx else "mkcat"
        _say(f"mkcat: {error.format_message()} (see `{where} --help`)")
        return USAGE
    except click_exceptions.ClickException as error:
        _say(f"mkcat: {error.format_message()}")
        return error.exit_code
    except (typer.Abort, KeyboardInterrupt, EOFError):
        _say("mkcat: interrupted; nothing was written")
        return INTERRUPTED
    except BrokenPipeError:
        # The reader went away (`mkcat list | head`): not an error worth a message.
        sys.stdout = open(os.devnull, "w")  # noqa: SIM115 - stdout must stay open until exit
        return 0
    return result if isinstance(result, int) else 0

"""Every check a catalogue must pass, in one place.

`validate` reports what these find; `add`, `edit`, `import` and `export` run
the same checks before they write or publish anything. Each check has a stable
code, a severity and a fix, listed in CHECKS (and in the README).
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from mkcat.dates import PartialDate
from mkcat.errors import InvalidDate, nearest
from mkcat.fields import (
    ID_MAX,
    ID_PATTERN,
    IDENTIFYING_TEXT_FIELDS,
    LINE_MAX,
    SCHEMA_VERSION,
    SIZE_MAX,
    TABLES,
    TEXT_MAX,
    Field,
    Status,
    Type,
    infer_format,
)
from mkcat.tomlscan import Path, key_lines, line_of


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, slots=True)
class Check:
    code: str
    severity: Severity
    what: str
    fix: str


def _table(*rows: tuple[str, str, str]) -> dict[str, Check]:
    checks = {}
    for code, what, fix in rows:
        severity = Severity.ERROR if code.startswith("E") else Severity.WARNING
        checks[code] = Check(code, severity, what, fix)
    return checks


CHECKS = _table(
    ("E001", "unsupported schema_version", f"set `schema_version = {SCHEMA_VERSION}`, or upgrade mkcat"),
    ("E002", "unknown field", "correct the spelling (mkcat suggests the nearest field) or remove it"),
    ("E003", "missing field", "add the field; `mkcat schema` lists every field"),
    ("E004", "wrong type", "write the value as the type named, e.g. text in quotes, a number without"),
    ("E005", "malformed id", "use lowercase letters, digits and single hyphens, e.g. child-k-cspr"),
    ("E006", "duplicate id", "give each review (and each section) its own id"),
    ("E007", "unknown kind", "use a code from [kinds], or add the kind there and to a section"),
    ("E008", "malformed or impossible date", "write YYYY, YYYY-MM or YYYY-MM-DD, a date that exists"),
    ("E009", "future date that is not a full day", "give the day the embargo lifts, YYYY-MM-DD"),
    ("E010", "published review without documents", 'add a [[reviews.documents]] entry, or set status = "draft"'),
    ("E011", "unsafe or malformed URL", "use an https:// address or a site path starting with /"),
    ("E012", "withdrawn review without date or reason", "set withdrawn_on and withdrawn_reason (`mkcat withdraw`)"),
    ("E013", "kind in no section", "list the kind in one section's kinds, or remove it from [kinds]"),
    ("E014", "kind in two sections", "list the kind in one section only"),
    ("E015", "section names an unknown kind", "add the kind to [kinds], or remove it from the section"),
    ("E016", "unknown status", "use draft, published or withdrawn"),
    ("E017", "control characters or line breaks", "remove them; only summaries and statements may have line breaks"),
    ("E018", "value too large", f"keep one-line fields under {LINE_MAX} and texts under {TEXT_MAX:,} characters"),
    ("E019", "broken link (with --check-links)", "correct the URL, or put the file where it points"),
    ("W001", "insecure http:// link", "use the https:// address if the site has one"),
    (
        "W002",
        "document with no size",
        'add size_bytes so readers see "PDF, 1.2 MB" (`validate --check-links` finds it)',
    ),
    ("W003", "same URL on two reviews", "give each review its own document, or remove the duplicate"),
    ("W004", "same title on two reviews", "make titles distinct so readers can tell the links apart"),
    ("W005", "embargoed review", "nothing to do: exports leave it out until the date"),
    ("W006", "older than the retention period", "withdraw it (`mkcat withdraw`) or extend site.retention_months"),
    ("W007", "public text that may identify someone", "remove the postcode, email address or date of birth"),
    ("W008", "document format unknown", "set format (PDF, Word...) or use a URL ending in the file's extension"),
    (
        "W009",
        "size_bytes missing or not what the server says (with --check-links)",
        "set size_bytes to the size the server gives",
    ),
)


@dataclass(frozen=True, slots=True)
class Problem:
    severity: Severity
    code: str
    review: str | None
    field: str | None
    line: int | None
    message: str

    def as_dict(self) -> dict[str, Any]:
        return {
            "severity": str(self.severity),
            "code": self.code,
            "review": self.review,
            "field": self.field,
            "line": self.line,
            "message": self.message,
        }


def errors(problems: Iterable[Problem]) -> list[Problem]:
    return [p for p in problems if p.severity is Severity.ERROR]


def new_errors(before: Iterable[Problem], after: Iterable[Problem]) -> list[Problem]:
    """Errors `after` has more of than `before` (counted by code, review and field: lines move)."""
    known = Counter((p.code, p.review, p.field) for p in errors(before))
    added = []
    for problem in errors(after):
        key = (problem.code, problem.review, problem.field)
        if known[key] > 0:
            known[key] -= 1
        else:
            added.append(problem)
    return added


def run_checks(
    data: Mapping[str, Any],
    /,
    *,
    as_of: dt.date,
    text: str | None = None,
    warnings: bool = True,
    today: dt.date | None = None,
) -> list[Problem]:
    """Every problem in the catalogue `data`; with its `text`, each gets its line.

    Embargoes are judged as on `as_of`; whether a date is in the future (and so
    must be a full day) as on `today`. `warnings=False` is for commands that need
    only to know the catalogue has no errors (list, show, export): the checks
    that can only warn are skipped.
    """
    plain_text = text is not None and _HIDDEN.search(text) is None
    checker = _Checker(as_of, plain_text=plain_text, warnings=warnings, today=today or dt.date.today())
    checker.catalogue(data)
    found = checker.found
    if text is not None and found:
        lines = key_lines(text)
        located = [(p, line_of(lines, path)) for p, path in found]
        located.sort(key=lambda pair: pair[1] or 0)
        return [_with_line(p, line) for p, line in located]
    return [p for p, _ in found]


def located(code: str, review: str | None, path: Path, message: str, lines: Mapping[Path, int], /) -> Problem:
    """A problem of the given check, at the line where `path` stands."""
    check = CHECKS[code]
    return Problem(check.severity, code, review, _field_name(path), line_of(lines, path), message)


def _with_line(problem: Problem, line: int | None) -> Problem:
    return Problem(problem.severity, problem.code, problem.review, problem.field, line, problem.message)


_ID = re.compile(ID_PATTERN)
_TEXT_TYPES = frozenset({Type.LINE, Type.TEXT, Type.ID, Type.URL, Type.STATUS})
_STATUSES = frozenset(str(status) for status in Status)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
# What in a TOML text could put a control character into a value: the character
# itself (a lone CR; CRLF ends a line), or an escape that makes one. A text
# without any lets the checks skip searching each value for them.
_HIDDEN = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]|\r(?!\n)|\\[bfruU]")
_CONTROL_OR_NEWLINE = re.compile(r"[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def _rules(shape: str) -> dict[str, tuple[Field, int, re.Pattern[str]]]:
    """Each field of a table with, for text fields, its length limit and forbidden characters."""
    rules = {}
    for name, spec in TABLES[shape].items():
        if spec.type not in _TEXT_TYPES:
            rules[name] = (spec, 0, _CONTROL)
        elif spec.type is Type.TEXT:
            rules[name] = (spec, TEXT_MAX, _CONTROL)
        else:
            rules[name] = (spec, LINE_MAX, _CONTROL_OR_NEWLINE)
    return rules


_RULES = {shape: _rules(shape) for shape in TABLES}
_REQUIRED = {shape: [name for name, spec in TABLES[shape].items() if spec.required] for shape in TABLES}
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_UNSAFE_IN_URL = re.compile(r"[\x00-\x20\x7f-\x9f\\\u2028\u2029\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_MONTH_NAMES = (
    "january|february|march|april|may|june|july|august|september|october|november|december"
    "|jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec"
)
# What could identify a person in public text. Each pattern runs only on text that
# holds what it needs (a digit, an @, a word about birth), so most text costs no search.
_POSTCODE = re.compile(r"\b(?:GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?\d[A-Z\d]? ?\d[ABD-HJLNP-UW-Z]{2})\b", re.IGNORECASE)
# the look-behind starts a match only at the start of a word: linear on a 100 kB string
_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_BIRTH = re.compile(
    r"\bD\.?O\.?B\b|\bdate of birth\b"
    rf"|\bborn\s+(?:on\s+|in\s+)?(?:\d{{1,2}}(?:st|nd|rd|th)?\s+)?(?:{_MONTH_NAMES})\.?\s+\d{{4}}"
    r"|\bborn\s+(?:on\s+)?\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}",
    re.IGNORECASE,
)
# Every postcode ends in its inward code, a digit and two letters: a cheap first test.
_INWARD_CODE = re.compile(r"\d[a-z]{2}")


def _identifying(text: str) -> list[tuple[str, str]]:
    """(what, the words) for each kind of identifying detail in `text`."""
    found = []
    lowered = text.lower()
    if _INWARD_CODE.search(lowered) and (match := _POSTCODE.search(text)):
        found.append(("a UK postcode", match.group()))
    if "@" in text and (match := _EMAIL.search(text)):
        found.append(("an email address", match.group()))
    # _BIRTH needs "born", "birth" or D.O.B in some spelling (dob, d.ob, do.b, d.o.b)
    hinted = "born" in lowered or "birth" in lowered or "dob" in lowered or "d.o" in lowered or "o.b" in lowered
    if hinted and (match := _BIRTH.search(text)):
        found.append(("a date of birth", match.group()))
    return found


@dataclass
class _Checker:
    as_of: dt.date
    found: list[tuple[Problem, Path]] = field(default_factory=list)
    kinds: set[str] | None = None
    retention: int | None = None
    review_id: str | None = None  # the review being checked, when it has a usable id
    plain_text: bool = False  # the file's text can hold no control character, so no value does
    warnings: bool = True  # False: only errors are wanted
    today: dt.date = field(default_factory=dt.date.today)

    def add(self, code: str, path: Path, message: str) -> None:
        if self.review_id is None and path[:1] == ("reviews",) and len(path) > 1:
            message = f"review #{int(path[1]) + 1}: {message}"
        self.found.append((located(code, self.review_id, path, message, {}), path))

    # --- shape: fields, types, sizes -------------------------------------------------------

    def shape(self, table: Mapping[str, Any], shape: str, path: Path) -> None:
        """Unknown, missing and wrongly typed fields of one table, in one pass over what it holds."""
        rules = _RULES[shape]
        for name, value in table.items():
            rule = rules.get(name)
            if rule is None:
                guess = nearest(name, rules)
                hint = f"did you mean `{guess}`?" if guess else f"known fields: {', '.join(rules)}"
                self.add("E002", path + (name,), f"unknown field `{name}`; {hint}")
                continue
            spec, limit, control = rule
            if limit and type(value) is str:
                # the usual case inline: a good text costs three cheap tests and no call
                bad = None if self.plain_text and (control is _CONTROL or "\n" not in value) else control.search(value)
                if len(value) > limit or bad is not None or (spec.required and (not value or value.isspace())):
                    self.bad_text(value, path + (name,), limit, bad, required=spec.required)
            else:
                self.value(value, spec, path + (name,))
        for name in _REQUIRED[shape]:
            if name not in table:
                self.add("E003", path + (name,), f"`{name}` is missing: {TABLES[shape][name].help}")

    def value(self, value: Any, spec: Field, path: Path) -> None:
        """Check one value against its field."""
        kind = spec.type
        if kind in _TEXT_TYPES:
            if isinstance(value, str):
                self.text(value, path, one_line=kind is not Type.TEXT, required=spec.required)
            else:
                self.wrong_type(path, "text in quotes", value)
        elif kind is Type.INT:
            if isinstance(value, bool) or not isinstance(value, int):
                self.wrong_type(path, "a whole number", value)
        elif kind is Type.BOOL:
            if not isinstance(value, bool):
                self.wrong_type(path, "true or false", value)
        elif kind is Type.DATE:
            if not isinstance(value, (str, dt.date)) or isinstance(value, dt.datetime):
                self.wrong_type(path, 'a date in quotes, e.g. "2022-02-28"', value)
        elif kind is Type.LINES:
            if not isinstance(value, list):
                self.wrong_type(path, 'a list of texts, e.g. ["a", "b"]', value)
                return
            for index, item in enumerate(value):
                if isinstance(item, str):
                    self.text(item, path + (index,), one_line=True, required=True)
                else:
                    self.wrong_type(path + (index,), "text in quotes", item)
        elif kind is Type.NAMES:
            if not isinstance(value, dict):
                self.wrong_type(path, "a table of names", value)
                return
            for code, full in value.items():
                if isinstance(full, str):
                    self.text(full, path + (code,), one_line=True, required=True)
                else:
                    self.wrong_type(path + (code,), "text in quotes", full)
        elif kind is Type.TABLE:
            if not isinstance(value, dict):
                self.wrong_type(path, f"a table, [{_field_name(path)}]", value)
        elif not isinstance(value, list) or not all(isinstance(item, dict) for item in value):
            self.wrong_type(path, "a list of tables, [[...]]", value)

    def wrong_type(self, path: Path, expected: str, value: Any) -> None:
        self.add("E004", path, f"`{_field_name(path)}` must be {expected}, not {_type_name(value)}")

    def text(self, value: str, path: Path, *, one_line: bool, required: bool) -> None:
        limit = LINE_MAX if one_line else TEXT_MAX
        bad = (_CONTROL_OR_NEWLINE if one_line else _CONTROL).search(value)
        if len(value) > limit or bad is not None or (required and (not value or value.isspace())):
            self.bad_text(value, path, limit, bad, required=required)

    def bad_text(self, value: str, path: Path, limit: int, bad: re.Match[str] | None, *, required: bool) -> None:
        name = _field_name(path)
        if len(value) > limit:
            self.add("E018", path, f"`{name}` is {len(value):,} characters long; the limit is {limit:,}")
        if bad is not None:
            char = bad.group()
            what = "a line break" if char in "\n\r\u2028\u2029" else f"control character U+{ord(char):04X}"
            self.add("E017", path, f"`{name}` holds {what} at character {bad.start() + 1}; remove it")
        if required and not value.strip():
            self.add("E003", path, f"`{name}` is empty")

    # --- the catalogue ---------------------------------------------------------------------

    def catalogue(self, data: Mapping[str, Any]) -> None:
        version = data.get("schema_version")
        if type(version) is int and version != SCHEMA_VERSION:
            self.add(
                "E001",
                ("schema_version",),
                f"schema_version {version} is not one mkcat reads (it reads {SCHEMA_VERSION})",
            )
        self.shape(data, "catalogue", ())
        site = data.get("site")
        if isinstance(site, dict):
            self.site(site)
        if isinstance(data.get("mkcat"), dict):
            self.shape(data["mkcat"], "mkcat", ("mkcat",))
        kinds = data.get("kinds")
        if isinstance(kinds, dict):
            self.kinds = set(kinds)
        sections = data.get("sections")
        if isinstance(sections, list) and all(isinstance(s, dict) for s in sections):
            self.sections(sections)
        reviews = data.get("reviews", [])
        if isinstance(reviews, list) and all(isinstance(r, dict) for r in reviews):
            self.reviews(reviews)

    def site(self, site: Mapping[str, Any]) -> None:
        self.shape(site, "site", ("site",))
        months = site.get("retention_months")
        if type(months) is int:
            if months < 1:
                self.add("E018", ("site", "retention_months"), "`site.retention_months` must be 1 or more")
            else:
                self.retention = months
        links = site.get("links")
        if isinstance(links, list):
            for index, link in enumerate(links):
                if isinstance(link, dict):
                    self.shape(link, "link", ("site", "links", index))
                    if isinstance(link.get("url"), str):
                        self.url(link["url"], ("site", "links", index, "url"))

    def sections(self, sections: list[dict[str, Any]]) -> None:
        home: dict[str, str] = {}
        keys: set[str] = set()
        for index, section in enumerate(sections):
            path: Path = ("sections", index)
            self.shape(section, "section", path)
            key = section.get("key")
            if isinstance(key, str):
                self.identifier(key, path + ("key",), "section key")
                if key in keys:
                    self.add("E006", path + ("key",), f"two sections have the key `{key}`")
                keys.add(key)
            kinds = section.get("kinds")
            if not isinstance(kinds, list):
                continue
            label = key if isinstance(key, str) else f"#{index + 1}"
            for position, kind in enumerate(kinds):
                if not isinstance(kind, str):
                    continue
                where = path + ("kinds", position)
                if self.kinds is not None and kind not in self.kinds:
                    self.add("E015", where, f"section `{label}` lists kind `{kind}`, which [kinds] does not define")
                elif kind in home:
                    self.add(
                        "E014",
                        where,
                        f"kind `{kind}` is in sections `{home[kind]}` and `{label}`; a kind belongs to one",
                    )
                else:
                    home[kind] = label
        for kind in sorted((self.kinds or set()) - set(home)):
            self.add("E013", ("kinds", kind), f"kind `{kind}` is in no section, so its reviews would appear nowhere")

    def reviews(self, reviews: list[dict[str, Any]]) -> None:
        first_with_id: dict[str, int] = {}
        url_owner: dict[str, str] = {}
        title_owner: dict[str, str] = {}
        for index, review in enumerate(reviews):
            path: Path = ("reviews", index)
            rid = review.get("id")
            self.review_id = rid if isinstance(rid, str) and rid else None
            name = self.review_id or f"review #{index + 1}"
            if self.review_id is not None:
                self.identifier(self.review_id, path + ("id",), "id")
                if self.review_id in first_with_id:
                    self.add(
                        "E006",
                        path + ("id",),
                        f"review #{first_with_id[self.review_id] + 1} has this id too; ids must be unique",
                    )
                first_with_id.setdefault(self.review_id, index)
            self.review(review, path)
            if self.warnings:
                self.duplicates(review, path, name, title_owner, url_owner)
        self.review_id = None

    def duplicates(
        self, review: Mapping[str, Any], path: Path, name: str, title_owner: dict[str, str], url_owner: dict[str, str]
    ) -> None:
        """The same title, or the same document, as an earlier review."""
        title = review.get("title")
        if isinstance(title, str) and title.strip():
            folded = " ".join(title.casefold().split())
            if folded in title_owner:
                self.add("W004", path + ("title",), f"{title!r} is also the title of `{title_owner[folded]}`")
            title_owner.setdefault(folded, name)
        urls_here: set[str] = set()
        for doc_index, document in _documents(review):
            url = document.get("url")
            if isinstance(url, str) and url not in urls_here:
                urls_here.add(url)
                if url in url_owner:
                    self.add(
                        "W003",
                        path + ("documents", doc_index, "url"),
                        f"{_excerpt(url)} is also a document of `{url_owner[url]}`",
                    )
                url_owner.setdefault(url, name)

    def review(self, review: Mapping[str, Any], path: Path) -> None:
        self.shape(review, "review", path)
        kind = review.get("kind")
        if isinstance(kind, str) and self.kinds is not None and kind not in self.kinds:
            known = sorted(self.kinds)
            guess = nearest(kind, known, cutoff=0.5)
            hint = f"did you mean `{guess}`?" if guess else f"use one of {', '.join(known)}"
            self.add("E007", path + ("kind",), f"kind `{kind}` is not in [kinds]; {hint}")
        status = review.get("status")
        if isinstance(status, str) and status not in _STATUSES:
            self.add("E016", path + ("status",), f"status `{status}` is not draft, published or withdrawn")
        published = self.date(review, "published", path)
        # judged against today, not --as-of: a listing as of an earlier day holds the review back instead
        if published is not None and published.first_day > self.today and not published.is_full_day:
            self.add(
                "E009",
                path + ("published",),
                f"{published.display()} is in the future: an embargo needs the full day it lifts, e.g. {published.first_day.isoformat()}",
            )
        self.date(review, "withdrawn_on", path)
        if status == Status.PUBLISHED and not review.get("documents"):
            self.add("E010", path + ("documents",), "published, but has no document for readers to download")
        if status == Status.WITHDRAWN:
            for missing in ("withdrawn_on", "withdrawn_reason"):
                value = review.get(missing)
                if value is None or (isinstance(value, str) and not value.strip()):
                    self.add(
                        "E012",
                        path + (missing,),
                        f"withdrawn, but has no {missing}; run `mkcat withdraw {self.review_id or 'ID'} --reason ...`",
                    )
        if status == Status.PUBLISHED and published is not None and self.warnings:
            self.publication(review, published, path)
        for_readers = self.warnings and status != Status.WITHDRAWN
        for doc_index, document in _documents(review):
            self.document(document, path + ("documents", doc_index), for_readers=for_readers)

    def publication(self, review: Mapping[str, Any], published: PartialDate, path: Path) -> None:
        """Warnings for a review the public will see: embargo, age, identifying text."""
        future_partial = published.first_day > self.today and not published.is_full_day  # E009 says it
        if published.first_day > self.as_of and not future_partial:
            days = (published.first_day - self.as_of).days
            self.add(
                "W005",
                path + ("published",),
                f"embargoed: goes live on {published.display()}, in {_days(days)}; exports leave it out until then",
            )
        if self.retention is not None and _add_months(published.first_day, self.retention) < self.as_of:
            self.add(
                "W006",
                path + ("published",),
                f"published {published.display()}, more than site.retention_months ({self.retention}) ago",
            )
        texts = []
        for field_name in IDENTIFYING_TEXT_FIELDS:
            values = review.get(field_name)
            if isinstance(values, str):
                texts.append((path + (field_name,), values))
            elif isinstance(values, list):
                texts += [(path + (field_name, i), item) for i, item in enumerate(values) if isinstance(item, str)]
        # one search over all of them first: most reviews hold nothing identifying
        if _identifying("\n".join(text for _, text in texts)):
            for where, text in texts:
                for what, words in _identifying(text):
                    message = f"looks like {what} ({_excerpt(words)}); public text must not identify anyone"
                    self.add("W007", where, message)

    def document(self, document: Mapping[str, Any], path: Path, *, for_readers: bool) -> None:
        """A download; the warnings about what readers see only when readers may see it."""
        self.shape(document, "document", path)
        url = document.get("url")
        if not isinstance(url, str) or not self.url(url, path + ("url",)):
            pass  # a missing, mistyped or unsafe URL is reported already
        elif for_readers and document.get("format") is None and infer_format(url) is None:
            self.add(
                "W008",
                path + ("format",),
                f"mkcat cannot tell the format of {_excerpt(url)} from its name; set format",
            )
        size = document.get("size_bytes")
        if size is None and for_readers:
            self.add("W002", path, 'no size_bytes: readers should see the size ("PDF, 1.2 MB") before they download')
        elif type(size) is int and not 0 < size <= SIZE_MAX:
            self.add("E018", path + ("size_bytes",), f"size_bytes {size:,} is not a plausible file size")

    def url(self, url: str, path: Path) -> bool:
        """Check a link; True when it may be published."""
        reason = url_problem(url)
        if reason is not None:
            self.add("E011", path, f"{_excerpt(url)} {reason}")
            return False
        if url[:7].lower() == "http://":
            self.add("W001", path, f"{_excerpt(url)} is not secure; use https:// if the site offers it")
        return True

    def identifier(self, value: str, path: Path, what: str) -> None:
        if len(value) > ID_MAX or not _ID.fullmatch(value):
            self.add(
                "E005",
                path,
                f"{what} {_excerpt(value)} must be lowercase letters, digits and single hyphens, at most {ID_MAX} characters",
            )

    def date(self, review: Mapping[str, Any], name: str, path: Path) -> PartialDate | None:
        value = review.get(name)
        if not isinstance(value, (str, dt.date)) or isinstance(value, dt.datetime):
            return None
        try:
            return PartialDate.from_value(value)
        except InvalidDate as error:
            self.add("E008", path + (name,), str(error))
            return None


def _days(days: int) -> str:
    return f"{days} day{'' if days == 1 else 's'}"


def url_problem(url: str, /) -> str | None:
    """Why `url` may not be a link on the public page, or None if it may.

    Browsers ignore spaces and control characters inside a scheme, so
    " JaVa<tab>ScRiPt:" is read as what it hides before anything else is said.
    """
    bad = _UNSAFE_IN_URL.search(url)
    if scheme := _SCHEME.match(_UNSAFE_IN_URL.sub("", url) if bad else url):
        name = scheme.group(1).lower()
        if name not in ("http", "https"):
            return f"is a `{name}:` link, which can run code or reach local files; use https://, http:// or a site path /..."
    if bad:
        return f"has a space, backslash or invisible character (U+{ord(bad.group()):04X}); links may not"
    if url.startswith("//"):
        return "starts with //, which browsers read as another site; write https://..."
    if url.startswith("/"):
        return None
    from urllib.parse import urlsplit  # only absolute URLs need it: most are site paths

    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError as error:  # such as "Invalid IPv6 URL" for https://[x/
        return f"is not a well-formed address ({error})"
    if parts.scheme.lower() not in ("http", "https"):
        return "is not a web address: links must start with https://, http:// or /"
    if not host:
        return "has no host name"
    return None


def _documents(review: Mapping[str, Any]) -> Iterable[tuple[int, Mapping[str, Any]]]:
    documents = review.get("documents")
    if isinstance(documents, list):
        return [(i, d) for i, d in enumerate(documents) if isinstance(d, dict)]
    return []


def _add_months(day: dt.date, months: int) -> dt.date:
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    if year > 9999:
        return dt.date.max
    return dt.date(year, month, 1)


def _field_name(path: Path) -> str | None:
    """`documents[0].url` for ("reviews", 3, "documents", 0, "url"): the field within its review."""
    if path[:1] == ("reviews",):
        path = path[2:]
    if not path:
        return None
    name = ""
    for part in path:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else part)
    return name


def _type_name(value: Any) -> str:
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, str):
        return "text"
    if isinstance(value, int):
        return "a number"
    if isinstance(value, float):
        return "a decimal number"
    if isinstance(value, list):
        return "a list"
    if isinstance(value, dict):
        return "a table"
    if isinstance(value, dt.datetime):
        return "a date with a time"
    if isinstance(value, dt.date):
        return "a date"
    return type(value).__name__


def _excerpt(text: str, limit: int = 60) -> str:
    shown = text if len(text) <= limit else text[: limit - 1] + "…"
    return repr(shown)

"""Partial dates: a year, a month or a day, kept at the precision they were given."""

from __future__ import annotations

import datetime as dt
import functools
import re
from dataclasses import dataclass

from mkcat.errors import InvalidDate

MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip
_MONTH_NUMBER = {name.lower(): number for number, name in enumerate(MONTHS, start=1)}
_MONTH_NUMBER.update({name[:3].lower(): number for name, number in zip(MONTHS, range(1, 13), strict=True)})
_MONTH_NUMBER["sept"] = 9

_ISO = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?", re.ASCII)
_UK_NUMERIC = re.compile(r"(?:(\d{1,2})/)?(\d{1,2})/(\d{4})", re.ASCII)
_WORDS = re.compile(r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?([A-Za-z]+)\.?,?\s+(\d{4})", re.ASCII)

FORMS = "2022-02-28, 2022-02, 2022, 28/02/2022, 02/2022, 28 February 2022, 28 Feb 2022 or February 2022"


@dataclass(frozen=True, slots=True)
class PartialDate:
    """A date known to the year, the month or the day.

    Comparisons use the first day the date covers, so "2021-01" sorts
    with 1 January 2021.
    """

    year: int
    month: int | None = None
    day: int | None = None

    def __post_init__(self) -> None:
        _check(self.year, self.month, self.day)

    @classmethod
    def parse(cls, text: str, /) -> PartialDate:
        """Read the stored form: "YYYY", "YYYY-MM" or "YYYY-MM-DD"."""
        return _parse_stored(text)

    @classmethod
    def parse_any(cls, text: str, /) -> PartialDate:
        """Read a date as a person types it (UK order for numeric dates)."""
        cleaned = " ".join(text.split())
        if match := _ISO.fullmatch(cleaned):
            return cls._from_parts(*match.groups())
        if match := _UK_NUMERIC.fullmatch(cleaned):
            day, month, year = match.groups()
            return cls._from_parts(year, month, day)
        if match := _WORDS.fullmatch(cleaned):
            day, month_name, year = match.groups()
            month = _MONTH_NUMBER.get(month_name.lower())
            if month is None:
                raise InvalidDate(f"{text!r} is not a date: {month_name!r} is not a month name")
            return cls._from_parts(year, str(month), day)
        raise InvalidDate(f"{text!r} is not a date: write it as {FORMS}")

    @classmethod
    def from_value(cls, value: object, /) -> PartialDate:
        """Read a value from the catalogue: ISO text or a TOML date."""
        if isinstance(value, str):
            return cls.parse(value)
        if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
            return cls(value.year, value.month, value.day)
        raise InvalidDate(f"{value!r} is not a date: write it as text, YYYY, YYYY-MM or YYYY-MM-DD")

    @classmethod
    def _from_parts(cls, year: str, month: str | None, day: str | None) -> PartialDate:
        return cls(int(year), int(month) if month else None, int(day) if day else None)

    @property
    def is_full_day(self) -> bool:
        return self.day is not None

    @property
    def first_day(self) -> dt.date:
        return dt.date(self.year, self.month or 1, self.day or 1)

    def iso(self) -> str:
        """The stored form, at this date's precision."""
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"

    def display(self) -> str:
        """The form readers see: "28 February 2022", "January 2021", "2018"."""
        if self.month is None:
            return str(self.year)
        month = MONTHS[self.month - 1]
        if self.day is None:
            return f"{month} {self.year}"
        return f"{self.day} {month} {self.year}"

    def __str__(self) -> str:
        return self.iso()

    def __lt__(self, other: PartialDate) -> bool:
        return self.first_day < other.first_day

    def __le__(self, other: PartialDate) -> bool:
        return self.first_day <= other.first_day

    def __gt__(self, other: PartialDate) -> bool:
        return self.first_day > other.first_day

    def __ge__(self, other: PartialDate) -> bool:
        return self.first_day >= other.first_day


@functools.lru_cache(maxsize=4096)
def _parse_stored(text: str) -> PartialDate:
    # A catalogue repeats its dates ("2021-01" for a whole month's reviews): parse each once.
    # Dates are frozen, so handing out the same one twice is safe.
    match = _ISO.fullmatch(text)
    if match is None:
        raise InvalidDate(f"{text!r} is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    year, month, day = match.groups()
    return PartialDate(int(year), int(month) if month else None, int(day) if day else None)


def _days_in_month(year: int, month: int) -> int:
    if month == 2:
        return 29 if year % 4 == 0 and (year % 100 != 0 or year % 400 == 0) else 28
    return 30 if month in (4, 6, 9, 11) else 31


def _check(year: int, month: int | None, day: int | None) -> None:
    if not 1000 <= year <= 9999:
        raise InvalidDate(f"year {year} is out of range: use four digits")
    if month is None:
        if day is not None:
            raise InvalidDate("a day needs a month")
        return
    if not 1 <= month <= 12:
        raise InvalidDate(f"month {month} does not exist: months run from 01 to 12")
    if day is None:
        return
    last = _days_in_month(year, month)
    if not 1 <= day <= last:
        raise InvalidDate(
            f"{day} {MONTHS[month - 1]} {year} does not exist: {MONTHS[month - 1]} {year} has {last} days"
        )


def parse_as_of(text: str | None) -> dt.date:
    """The day a command judges embargoes by: a full date, or today."""
    if text is None:
        return dt.date.today()
    date = PartialDate.parse_any(text)
    if not date.is_full_day:
        raise InvalidDate(f"--as-of {text!r} needs a full day, such as 2022-02-28")
    return date.first_day

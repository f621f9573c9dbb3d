"""Partial dates: parsed at their precision, compared by their first day, shown as the page shows them."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mkcat.dates import PartialDate, parse_as_of
from mkcat.errors import InvalidDate


@pytest.mark.parametrize(
    ("text", "iso", "shown"),
    [
        ("2022-02-28", "2022-02-28", "28 February 2022"),
        ("2021-01", "2021-01", "January 2021"),
        ("2018", "2018", "2018"),
    ],
)
def test_stored_form_keeps_its_precision(text: str, iso: str, shown: str) -> None:
    date = PartialDate.parse(text)
    assert date.iso() == iso
    assert date.display() == shown


@pytest.mark.parametrize(
    ("typed", "iso"),
    [
        ("28/02/2022", "2022-02-28"),
        ("January 2021", "2021-01"),
        ("2018", "2018"),
        ("23 Nov 2020", "2020-11-23"),
        ("06/2019", "2019-06"),
        ("2022-02-28", "2022-02-28"),
        ("2022-02", "2022-02"),
        ("02/2022", "2022-02"),
        ("28 February 2022", "2022-02-28"),
        ("28 Feb 2022", "2022-02-28"),
        ("February 2022", "2022-02"),
        ("1/2/2022", "2022-02-01"),  # UK order: 1 February
        ("  3rd  march 2021 ", "2021-03-03"),
        ("Sept 2020", "2020-09"),
    ],
)
def test_dates_as_people_type_them(typed: str, iso: str) -> None:
    assert PartialDate.parse_any(typed).iso() == iso


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("2021-02-30", "30 February 2021 does not exist: February 2021 has 28 days"),
        ("2021-13", "month 13 does not exist"),
        ("2024-02-30", "February 2024 has 29 days"),
        ("21-02-03", "is not a date"),
        ("2021-2-3", "is not a date"),
        ("", "is not a date"),
        ("0999", "out of range"),
        ("٢٠٢٢-٠٢-٢٨", "is not a date"),  # digits, but not ASCII ones: the file stores ISO text
    ],
)
def test_impossible_or_malformed_stored_dates_say_why(text: str, why: str) -> None:
    with pytest.raises(InvalidDate, match=why):
        PartialDate.parse(text)


@pytest.mark.parametrize(
    ("typed", "why"),
    [
        ("30/02/2021", "30 February 2021 does not exist"),
        ("31 April 2022", "30 days"),
        ("13/2022", "month 13"),
        ("Smarch 2020", "'Smarch' is not a month name"),
        ("next tuesday", "write it as"),
        ("2/3/22", "write it as"),  # two-digit years are ambiguous
    ],
)
def test_typed_dates_that_cannot_be_say_why(typed: str, why: str) -> None:
    with pytest.raises(InvalidDate, match=why):
        PartialDate.parse_any(typed)


def test_a_partial_date_sorts_as_its_first_day() -> None:
    january = PartialDate.parse("2021-01")
    assert january.first_day == dt.date(2021, 1, 1)
    assert PartialDate.parse("2020-11-23") < january < PartialDate.parse("2021-01-02")
    assert PartialDate.parse("2018") < PartialDate.parse("2018-01-02")
    assert not january < PartialDate.parse("2021-01-01")
    assert january <= PartialDate.parse("2021-01-01") and january >= PartialDate.parse("2021-01-01")
    page = ["2022-02-28", "2021-11-24", "2021-01", "2021-01", "2020-06"]
    assert sorted(map(PartialDate.parse, page), reverse=True) == list(map(PartialDate.parse, page))


def test_toml_date_values_are_accepted() -> None:
    assert PartialDate.from_value(dt.date(2022, 2, 28)).iso() == "2022-02-28"
    with pytest.raises(InvalidDate):
        PartialDate.from_value(dt.datetime(2022, 2, 28, 9, 30))
    with pytest.raises(InvalidDate):
        PartialDate.from_value(2022)


def test_as_of_needs_a_full_day() -> None:
    assert parse_as_of("1/3/2022") == dt.date(2022, 3, 1)
    assert parse_as_of(None) == dt.date.today()
    with pytest.raises(InvalidDate, match="full day"):
        parse_as_of("2022-03")


@given(st.dates(min_value=dt.date(1000, 1, 1)), st.sampled_from(["day", "month", "year"]))
def test_every_form_reads_back(day: dt.date, precision: str) -> None:
    month = None if precision == "year" else day.month
    date = PartialDate(day.year, month, day.day if precision == "day" else None)
    assert PartialDate.parse(date.iso()) == date
    assert PartialDate.parse_any(date.display()) == date

"""Hypothesis strategies for catalogue data, hostile text included."""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import strategies as st

from mkcat.model import DEFAULT_KINDS, DEFAULT_SECTIONS

# Every code point a TOML string can hold: markup, formulas, quotes, control
# characters, RTL overrides, emoji. (Surrogates cannot be encoded as UTF-8.)
any_text = st.text(st.characters(exclude_categories=("Cs",)), max_size=40)
hostile_text = st.one_of(
    any_text,
    st.sampled_from(
        [
            "<script>alert(1)</script>",
            '=HYPERLINK("http://evil.example","click")',
            "+SUM(A1)",
            "-1+1",
            "@cmd",
            '"""',
            "'''",
            "\\",
            "line one\nline two",
            "\r\n",
            "tab\there",
            "\u202eevil\u202c",
            "👩‍👩‍👧 family",
            "Zoë “quoted” — dash",
            "\x00\x07\x1b[31m",
        ]
    ),
)
ids = st.from_regex(r"[a-z0-9]{1,8}(-[a-z0-9]{1,8}){0,3}", fullmatch=True)
iso_dates = st.dates().map(lambda d: d.isoformat()) | st.from_regex(r"(19|20)\d\d(-(0[1-9]|1[0-2]))?", fullmatch=True)


@st.composite
def documents(draw: st.DrawFn) -> dict[str, Any]:
    document: dict[str, Any] = {
        "title": draw(hostile_text),
        "url": draw(st.sampled_from(["/a.pdf", "https://x.example/b.docx"]) | hostile_text),
    }
    if draw(st.booleans()):
        document["size_bytes"] = draw(st.integers(min_value=0, max_value=2**40))
    if draw(st.booleans()):
        document["format"] = draw(hostile_text)
    return document


@st.composite
def reviews(draw: st.DrawFn) -> dict[str, Any]:
    review: dict[str, Any] = {
        "id": draw(ids),
        "kind": draw(st.sampled_from(sorted(DEFAULT_KINDS))),
        "title": draw(hostile_text),
        "published": draw(iso_dates),
        "status": draw(st.sampled_from(["draft", "published", "withdrawn"])),
    }
    for name in ("subject", "summary", "statement", "notes"):
        if draw(st.booleans()):
            review[name] = draw(hostile_text)
    if draw(st.booleans()):
        review["tags"] = draw(st.lists(hostile_text, max_size=3))
    review["documents"] = draw(st.lists(documents(), max_size=3))
    return review


@st.composite
def catalogues(draw: st.DrawFn) -> dict[str, Any]:
    return {
        "schema_version": 1,
        "site": {"title": draw(hostile_text), "intro": draw(hostile_text)},
        "kinds": dict(DEFAULT_KINDS),
        "sections": [dict(section) for section in DEFAULT_SECTIONS],
        "reviews": draw(st.lists(reviews(), max_size=4)),
    }


# --- catalogues that pass the checks, their text as hostile as the checks allow --------------------

_visible = st.characters(exclude_categories=("Cc", "Cs", "Zl", "Zp"), exclude_characters="\x85")
_markup = st.sampled_from(
    [
        "<script>alert(1)</script>",
        '"><img src=x onerror=alert(1)>',
        '=HYPERLINK("http://evil.example","Click")',
        "+SUM(A1)",
        "-2 agencies",
        "@cmd",
        'Tom & Jerry\'s "quote"',
        "\u202eevil\u202c",
        "👩‍👩‍👧",
        "</figure></li></ul><h1>",
    ]
)
one_line = (st.text(_visible, min_size=1, max_size=30) | _markup).filter(lambda text: text.strip() != "")
paragraphs = st.lists(one_line, min_size=1, max_size=3).map("\n\n".join)
safe_urls = st.sampled_from(
    ["/a.pdf", "/reviews/b.docx", "https://example.org/c.pdf", "http://example.org/d", '/e?x=<1>&y="2"']
)
past_dates = st.dates(min_value=dt.date(1990, 1, 1), max_value=dt.date(2026, 11, 1)).flatmap(
    lambda day: st.sampled_from([day.isoformat(), day.isoformat()[:7], day.isoformat()[:4]])
)


@st.composite
def publishable_reviews(draw: st.DrawFn, review_id: str) -> dict[str, Any]:
    status = draw(st.sampled_from(["draft", "published", "withdrawn"]))
    review: dict[str, Any] = {
        "id": review_id,
        "kind": draw(st.sampled_from(sorted(DEFAULT_KINDS))),
        "title": draw(one_line),
        "published": draw(past_dates),
        "status": status,
    }
    for name in ("subject", "statement_attribution", "media_contact"):
        if draw(st.booleans()):
            review[name] = draw(one_line)
    for name in ("summary", "statement", "notes"):
        if draw(st.booleans()):
            review[name] = draw(paragraphs)
    if draw(st.booleans()):
        review["tags"] = draw(st.lists(one_line, max_size=3))
    if status == "withdrawn":
        review["withdrawn_on"] = "2026-01-01"
        review["withdrawn_reason"] = draw(one_line)
    documents = st.fixed_dictionaries(
        {"title": one_line, "url": safe_urls}, optional={"size_bytes": st.integers(1, 10**9), "format": one_line}
    )
    review["documents"] = draw(st.lists(documents, min_size=1 if status == "published" else 0, max_size=3))
    return review


@st.composite
def publishable_catalogues(draw: st.DrawFn) -> dict[str, Any]:
    names = draw(st.lists(ids, max_size=5, unique=True))
    return {
        "schema_version": 1,
        "site": {"title": draw(one_line), "intro": draw(paragraphs)},
        "kinds": dict(DEFAULT_KINDS),
        "sections": [dict(section) for section in DEFAULT_SECTIONS],
        "reviews": [draw(publishable_reviews(name)) for name in names],
    }

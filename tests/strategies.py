"""Hypothesis strategies for catalogue data, hostile text included."""

from __future__ import annotations

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

"""JSON Schema of the catalogue file, made from fields.py, for editors that check TOML."""

from __future__ import annotations

from typing import Any

from mkcat.fields import ID_MAX, ID_PATTERN, LINE_MAX, SCHEMA_VERSION, SIZE_MAX, TABLES, TEXT_MAX, Field, Status, Type

DRAFT = "http://json-schema.org/draft-07/schema#"
_ONE_LINE = r"^[^\n\r]*$"
_DATE = r"^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$"
_URL = r"^(https?://[^\s\\]+|/(?!/)[^\s\\]*)$"

# Bounds that fields.py states in prose, given to the editor as numbers.
_BOUNDS: dict[str, dict[str, Any]] = {
    "schema_version": {"const": SCHEMA_VERSION},
    "size_bytes": {"minimum": 1, "maximum": SIZE_MAX},
    "retention_months": {"minimum": 1},
}


def catalogue_schema() -> dict[str, Any]:
    return {
        "$schema": DRAFT,
        "title": "mkcat catalogue",
        "description": "The catalogue of published case reviews that mkcat keeps (catalogue.toml).",
        **_table("catalogue"),
        "definitions": {name: _table(name) for name in TABLES if name != "catalogue"},
    }


def _table(shape: str) -> dict[str, Any]:
    fields = TABLES[shape]
    return {
        "type": "object",
        "properties": {name: _property(field) for name, field in fields.items()},
        "required": [name for name, field in fields.items() if field.required],
        "additionalProperties": False,
    }


def _property(field: Field) -> dict[str, Any]:
    schema: dict[str, Any] = {"description": field.help, **_type(field), **_BOUNDS.get(field.name, {})}
    return schema


def _type(field: Field) -> dict[str, Any]:
    match field.type:
        case Type.INT:
            return {"type": "integer"}
        case Type.BOOL:
            return {"type": "boolean"}
        case Type.LINE:
            return _line()
        case Type.TEXT:
            return {"type": "string", "maxLength": TEXT_MAX}
        case Type.ID:
            return {"type": "string", "pattern": ID_PATTERN, "maxLength": ID_MAX}
        case Type.DATE:
            return {"type": "string", "pattern": _DATE}
        case Type.URL:
            return {"type": "string", "pattern": _URL, "maxLength": LINE_MAX}
        case Type.STATUS:
            return {"type": "string", "enum": [str(status) for status in Status]}
        case Type.LINES:
            return {"type": "array", "items": _line()}
        case Type.NAMES:
            return {"type": "object", "additionalProperties": _line(), "minProperties": 1}
        case Type.TABLE:
            return {"$ref": f"#/definitions/{field.table}"}
        case Type.TABLES:
            return {"type": "array", "items": {"$ref": f"#/definitions/{field.table}"}}
    raise AssertionError(f"no schema for {field.type}")


def _line() -> dict[str, Any]:
    return {"type": "string", "pattern": _ONE_LINE, "maxLength": LINE_MAX, "minLength": 1}

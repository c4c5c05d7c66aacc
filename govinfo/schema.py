"""The JSON Schema of the JSON form, generated from the model so it cannot drift.

One schema for every edition: ``oneOf`` the editions, each fixing ``edition`` to its id and
requiring that edition's shape of table 二 and of （六）其他处理. Every object forbids extra
keys and requires all of its keys; counts are integers, the amounts decimal strings.
"""

from __future__ import annotations

import json
import typing
from decimal import Decimal
from typing import Any

import attrs

from govinfo.jsonio import DECIMAL
from govinfo.model.report import SHAPES, AnnualReport, edition_class

DECIMAL_PATTERN = f"^{DECIMAL}$"


def _schema(kind: Any, edition_id: str) -> dict[str, Any]:
    kind = edition_class(kind, edition_id)
    if kind is int:
        return {"type": "integer"}
    if kind is str:
        return {"type": "string"}
    if kind is Decimal:
        return {"type": "string", "pattern": DECIMAL_PATTERN}
    hints = typing.get_type_hints(kind)
    fields = [f.name for f in attrs.fields(kind)]
    return {
        "type": "object",
        "title": kind.__name__,
        "properties": {name: _schema(hints[name], edition_id) for name in fields},
        "required": fields,
        "additionalProperties": False,
    }


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) that every ``to_json`` output validates against."""
    variants = []
    for edition_id in SHAPES:
        variant = _schema(AnnualReport, edition_id)
        variant["properties"]["edition"] = {"const": edition_id}
        variant["title"] = f"AnnualReport (edition {edition_id})"
        variants.append(variant)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://govinfo.invalid/schema/annual-report.json",
        "title": "政府信息公开工作年度报告 (govinfo JSON form)",
        "oneOf": variants,
    }


def json_schema_text() -> str:
    """:func:`json_schema` as indented JSON text."""
    return json.dumps(json_schema(), ensure_ascii=False, indent=2)

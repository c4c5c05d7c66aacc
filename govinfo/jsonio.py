"""JSON and dict forms of a report, built on cattrs.

The JSON form has the top-level keys ``edition``, ``organ``, ``year``, ``overview``,
``proactive``, ``requests``, ``appeals``, ``problems``, ``other_matters``; nested keys are
the canonical names; the 万元 amount is a decimal **string** (``"14.4321"``). Reading is
strict and loses nothing: unknown and duplicate keys, ``true`` for a count, ``1.5`` for a
count, a number for the amount are all refused, and one :class:`~govinfo.StructureError`
lists every bad path at once.
"""

from __future__ import annotations

import contextlib
import functools
import json
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs
import cattrs
from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError
from cattrs.gen import make_dict_structure_fn, override

from govinfo.editions import edition, edition_ids
from govinfo.errors import Problem, StructureError, describe
from govinfo.model.cells import attrs_get
from govinfo.model.fields import MAX_COUNT, is_count
from govinfo.model.report import SHAPES, AnnualReport, edition_class, edition_unions, report_argument

DECIMAL = r"-?[0-9]+(\.[0-9]+)?"
"""How an amount is written in JSON: a decimal string, no exponent, no sign but minus."""
_DECIMAL = re.compile(DECIMAL)


class _BadValueError(Exception):
    def __init__(self, expected_zh: str, expected_en: str, found: str) -> None:
        super().__init__(expected_en)
        self.expected_zh = expected_zh
        self.expected_en = expected_en
        self.found = found


class _DuplicateKeyError(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _structure_int(value: object, _: type) -> int:
    if type(value) is not int:
        raise _BadValueError("整数", "an integer", describe(value))
    if not is_count(value):
        bound = MAX_COUNT.bit_length() - 1
        raise _BadValueError(f"绝对值小于 2^{bound} 的整数", f"an integer below 2^{bound}", describe(value))
    return value


def _structure_str(value: object, _: type) -> str:
    if type(value) is str:
        return value
    raise _BadValueError("字符串", "a string", describe(value))


def _structure_decimal(value: object, _: type) -> Decimal:
    if type(value) is str and _DECIMAL.fullmatch(value):
        return Decimal(value)
    raise _BadValueError('小数字符串（如 "14.4321"）', 'a decimal string such as "14.4321"', describe(value))


def _structure_edition(value: object, _: type) -> str:
    if type(value) is str and value in edition_ids():
        return value
    known = "、".join(f'"{e}"' for e in edition_ids())
    raise _BadValueError(f"格式版本 {known}", f"an edition id ({', '.join(edition_ids())})", describe(value))


def _unstructure_decimal(value: Decimal) -> str:
    return format(value, "f")  # finite: to_dict has refused the others at their paths


def _make_converter(detailed: bool, edition_id: str) -> cattrs.Converter:
    """A strict converter that structures the edition-dependent parts as ``edition_id``'s classes."""
    converter = cattrs.Converter(forbid_extra_keys=True, detailed_validation=detailed)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_unstructure_hook(Decimal, _unstructure_decimal)

    def mapping_only(cls: type) -> Callable[[Any, type], Any]:
        overrides = {"edition": override(struct_hook=_structure_edition)} if cls is AnnualReport else {}
        inner: Callable[[Any, type], Any] = make_dict_structure_fn(cls, converter, **overrides)  # type: ignore[arg-type]

        def structure(value: Any, target: type) -> Any:
            if type(value) is not dict:
                raise _BadValueError("JSON 对象", "a JSON object", describe(value))
            return inner(value, target)

        return structure

    converter.register_structure_hook_factory(attrs.has, mapping_only)
    for union in edition_unions(AnnualReport):
        converter.register_structure_hook(union, _as(edition_class(union, edition_id), converter))
    return converter


def _as(cls: type, converter: cattrs.Converter) -> Callable[[Any, type], Any]:
    """A hook that structures a union of the editions' classes as the edition's ``cls``."""

    def structure(value: Any, _: type) -> Any:
        return converter.structure(value, cls)

    return structure


_FAST = {e: _make_converter(detailed=False, edition_id=e) for e in SHAPES}
_DETAILED = {e: _make_converter(detailed=True, edition_id=e) for e in SHAPES}


def _edition_of(data: object) -> str:
    """The edition a dict says it is, or the newest when it says nothing usable (then reported)."""
    if type(data) is dict:
        said = data.get("edition")
        if isinstance(said, str) and said in SHAPES:
            return said
    return edition_ids()[0]


@functools.cache
def _amounts(edition_id: str) -> tuple[str, ...]:
    return tuple(c.path for c in edition(edition_id).cells if c.kind == "amount")


def to_dict(report: AnnualReport) -> dict[str, Any]:
    """The report as plain dicts, lists, ints and strings (the JSON form, not yet encoded).

    An amount that is not a finite number (``NaN``, ``Infinity``) has no JSON form:
    :class:`~govinfo.StructureError` names each at its path.
    """
    report_argument(report, "to_dict")
    bad = [(path, value) for path in _amounts(report.edition) if not (value := attrs_get(report, path)).is_finite()]
    if bad:
        raise StructureError([Problem(p, "有限小数", "a finite decimal", describe(v)) for p, v in bad], source="报告")
    result: dict[str, Any] = _FAST[report.edition].unstructure(report)
    return result


def from_dict(data: object) -> AnnualReport:
    """A report from its dict form; :class:`~govinfo.StructureError` lists every bad path."""
    # The fast converter stops at the first problem; on any, re-run in detailed mode
    # to collect every problem at once.
    kind = _edition_of(data)
    with contextlib.suppress(Exception):
        return _FAST[kind].structure(data, AnnualReport)
    try:
        return _DETAILED[kind].structure(data, AnnualReport)
    except Exception as error:  # noqa: BLE001 — every failure becomes one StructureError
        raise StructureError(_problems(error, "")) from None


def to_json(report: AnnualReport, *, indent: int | None = None) -> str:
    """The report as JSON text (UTF-8 safe, Chinese kept readable).

    >>> import govinfo
    >>> text = govinfo.to_json(govinfo.example())
    >>> '"amount": "14.4321"' in text
    True
    >>> govinfo.from_json(text) == govinfo.example()
    True
    """
    report_argument(report, "to_json")
    return json.dumps(to_dict(report), ensure_ascii=False, indent=indent)


def _pairs(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result = dict(pairs)
    if len(result) != len(pairs):
        keys = [key for key, _ in pairs]
        raise _DuplicateKeyError(next(key for key in keys if keys.count(key) > 1))
    return result


def from_json(text: str | bytes) -> AnnualReport:
    """A report from JSON text; :class:`~govinfo.StructureError` if it is not one.

    Invalid JSON, duplicate keys, unknown or missing keys and values of the wrong type
    are all reported, every bad path at once, in Chinese and English.
    """
    if not isinstance(text, str | bytes | bytearray):
        raise StructureError([Problem("", "JSON 文本（str 或 bytes）", "JSON text (str or bytes)", describe(text))])
    try:
        data = json.loads(text, object_pairs_hook=_pairs)
    except _DuplicateKeyError as error:
        duplicate = Problem(
            error.key, "键重复出现（后一个值会遮住前一个）", "a key given twice (one would hide the other)"
        )
        raise StructureError([duplicate]) from None
    except json.JSONDecodeError as error:
        line, column = error.lineno, error.colno
        invalid = Problem(
            "", f"有效的 JSON（第 {line} 行第 {column} 列）", f"valid JSON (line {line}, column {column})", error.msg
        )
        raise StructureError([invalid]) from None
    except (ValueError, RecursionError) as error:
        raise StructureError([Problem("", "有效的 JSON", "valid JSON", f"{type(error).__name__}: {error}")]) from None
    return from_dict(data)


def _join(path: str, name: str) -> str:
    return f"{path}.{name}" if path else name


def _problems(error: BaseException, path: str) -> list[Problem]:
    if isinstance(error, ClassValidationError):
        noted, other = error.group_exceptions()
        found = [p for sub, note in noted for p in _problems(sub, _join(path, note.name))]
        return found + [p for sub in other for p in _problems(sub, path)]
    if isinstance(error, ForbiddenExtraKeysError):
        return [
            Problem(_join(path, key), "格式中没有此字段", "no such field in the format")
            for key in sorted(error.extra_fields)
        ]
    if isinstance(error, KeyError):
        return [Problem(path, "缺少必填字段", "required field missing")]
    if isinstance(error, _BadValueError):
        return [Problem(path, error.expected_zh, error.expected_en, error.found)]
    return [Problem(path, "有效值", "a valid value", f"{type(error).__name__}: {error}")]

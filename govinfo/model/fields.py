"""Field declarations shared by the model classes: types are checked, values are not.

Value rules (a count is non-negative, totals add up) belong to the rule catalog, so a
report read from a file loads even when it is wrong and every problem can be reported.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from govinfo.errors import FieldTypeError

MAX_COUNT = 2**63
"""Counts lie strictly between ``-MAX_COUNT`` and ``MAX_COUNT`` (a 64-bit integer): far
beyond any real count (the largest seen, 行政处罚 3,985,758), and small enough that no sum
of a report's cells is too long to print. (Excel holds integers exactly only up to
2^53 − 1; the workbook writer refuses larger ones.)"""
MAX_AMOUNT_DIGITS = 100
"""Amounts have at most this many digits before and after the decimal point."""


def _owner(instance: object) -> str:
    return type(instance).__name__


def is_count(value: object) -> bool:
    """Whether ``value`` is an ``int`` (not a ``bool``) within the bounds of a count."""
    if type(value) is int:  # the common case first: this runs for every cell of every report built
        return -MAX_COUNT < value < MAX_COUNT
    return isinstance(value, int) and not isinstance(value, bool) and -MAX_COUNT < value < MAX_COUNT


def is_amount(value: object) -> bool:
    """Whether ``value`` is a :class:`~decimal.Decimal` of at most :data:`MAX_AMOUNT_DIGITS` digits each side.

    ``NaN`` and infinities are amounts here: that they are not finite is a rule's matter (GI002).
    """
    if not isinstance(value, Decimal):
        return False
    if not value.is_finite():
        return True
    exponent = value.as_tuple().exponent
    return isinstance(exponent, int) and exponent >= -MAX_AMOUNT_DIGITS and value.adjusted() < MAX_AMOUNT_DIGITS


def is_text(value: object) -> bool:
    """Whether ``value`` is a ``str`` that can be stored: no lone surrogate (half of a broken character)."""
    if not isinstance(value, str):
        return False
    if value.isascii():
        return True
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


_COUNT_ZH = "整数（绝对值小于 2^63）"
_COUNT_EN = "an int (less than 2^63 in absolute value)"


def _check_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not is_count(value):
        raise FieldTypeError(_owner(instance), attribute.name, _COUNT_ZH, _COUNT_EN, value)


def _check_amount(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not is_amount(value):
        raise FieldTypeError(
            _owner(instance),
            attribute.name,
            f"Decimal 小数（整数部分和小数部分各不超过 {MAX_AMOUNT_DIGITS} 位）",
            f"a Decimal (at most {MAX_AMOUNT_DIGITS} digits each side of the point)",
            value,
        )


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not is_text(value):
        raise FieldTypeError(
            _owner(instance), attribute.name, "字符串（不含残缺字符）", "a str (without lone surrogates)", value
        )


def require_counts(owner: str, values: dict[str, object]) -> None:
    """Raise :class:`~govinfo.FieldTypeError` for the first value that is not a count."""
    for name, value in values.items():
        if not is_count(value):
            raise FieldTypeError(owner, name, _COUNT_ZH, _COUNT_EN, value)


def count() -> Any:
    """A count cell: an ``int`` (``bool`` refused); sign and size are rule matters."""
    return attrs.field(validator=_check_count)


def amount() -> Any:
    """An amount cell: a :class:`~decimal.Decimal`, never a float."""
    return attrs.field(validator=_check_amount)


def text() -> Any:
    """A text field: a ``str`` (may be empty)."""
    return attrs.field(validator=_check_text)


def part(cls: type | tuple[type, ...]) -> Any:
    """A nested part of the report, checked to be an instance of ``cls`` (or one of them)."""
    name = cls.__name__ if isinstance(cls, type) else " | ".join(c.__name__ for c in cls)

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if not isinstance(value, cls):
            raise FieldTypeError(_owner(instance), attribute.name, name, name, value)

    return attrs.field(validator=check)

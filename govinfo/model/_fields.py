"""Field declarations shared by the model classes: types are checked, values are not.

Value rules (a count is non-negative, totals add up) belong to the rule catalog, so a
report read from a file loads even when it is wrong and every problem can be reported.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import attrs

from govinfo.errors import FieldTypeError


def _owner(instance: object) -> str:
    return type(instance).__name__


def _is_count(value: object) -> bool:
    return type(value) is int or (isinstance(value, int) and not isinstance(value, bool))


def _check_count(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not _is_count(value):
        raise FieldTypeError(_owner(instance), attribute.name, "整数", "an int", value)


def _check_amount(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, Decimal):
        raise FieldTypeError(_owner(instance), attribute.name, "Decimal 小数", "a Decimal", value)


def _check_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str):
        raise FieldTypeError(_owner(instance), attribute.name, "字符串", "a str", value)


def require_counts(owner: str, values: dict[str, object]) -> None:
    """Raise :class:`~govinfo.FieldTypeError` for the first value that is not a count."""
    for name, value in values.items():
        if not _is_count(value):
            raise FieldTypeError(owner, name, "整数", "an int", value)


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

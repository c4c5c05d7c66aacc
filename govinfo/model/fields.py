"""Field declarations shared by the model classes: types are checked, values are not.

Value rules (a count is non-negative, totals add up) belong to the rule catalog, so a
report read from a file loads even when it is wrong and every problem can be reported.
"""

from __future__ import annotations

import difflib
import functools
import inspect
import linecache
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import Any, TypeVar

import attrs

from govinfo.errors import ArgumentError, FieldTypeError

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


def check_amount(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """Validator of an amount field (with :func:`to_amount` as its converter): a Decimal of bounded size."""
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


def to_amount(value: Decimal | int | str) -> Any:
    """An amount from what converts to a :class:`~decimal.Decimal` exactly: an ``int`` or a numeral.

    A ``float`` (``14.43`` is not 14.43 in binary), a ``bool`` and a string that is not a
    numeral are left as they are, for the field's validator to refuse.
    """
    if isinstance(value, bool):
        return value
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, str):
        try:
            return Decimal(value.strip())
        except InvalidOperation:
            return value
    return value


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


_Class = TypeVar("_Class", bound=type)


def name_fields(cls: _Class) -> _Class:
    """Make a misspelt or missing keyword of ``cls(...)`` and its builders an :class:`~govinfo.ArgumentError`
    that names the fields the class takes (Python's own ``TypeError`` names only the bad one).

    ``__init__`` is attrs' own, recompiled to take what Python would refuse as parameters it
    checks first (:func:`_checked_init`): every report read builds hundreds of these objects, and
    a wrapper would add a call to each. The ``from_parts``/``from_values`` class methods are
    wrapped; only a ``TypeError`` raised while binding their arguments (no frame below the
    call) is reworded.
    """
    names = [a.name for a in attrs.fields(cls)]
    checked = _checked_init(cls, names)
    cls.__init__ = checked or _reworded(cls.__init__, cls.__name__, names)  # type: ignore[misc]
    for builder in ("from_parts", "from_values"):
        method = cls.__dict__.get(builder)
        if isinstance(method, classmethod):
            function = method.__func__
            accepted = [
                n for n in function.__code__.co_varnames[: function.__code__.co_kwonlyargcount + 1] if n != "cls"
            ]
            setattr(cls, builder, classmethod(_reworded(function, f"{cls.__name__}.{builder}", accepted or names)))
    return cls


_MISSING = object()
"""The default of every parameter of a checked ``__init__``: an argument not given."""


def _checked_init(cls: type, names: list[str]) -> Callable[..., Any] | None:
    """attrs' generated ``__init__`` of ``cls`` with positional, unknown and missing arguments taken as
    parameters and refused first, naming the fields; ``None`` when its source is not as expected (the
    caller wraps it instead). The body is attrs' own, so every other behaviour stays as it was."""
    init = cls.__dict__["__init__"]
    code = getattr(init, "__code__", None)
    if code is None:
        return None
    source = "".join(linecache.getlines(code.co_filename))
    opening = "def __init__(self, *, "
    start = source.find(opening)
    if start < 0:
        return None
    end = source.find("\ndef ", start)
    header, _, body = source[start : None if end < 0 else end + 1].partition("\n")
    parameters = [p.strip() for p in header.removeprefix(opening).removesuffix("):").split(",")]
    if not header.endswith("):") or parameters != names:  # defaults or other shapes: not ours to rewrite
        return None
    given = ", ".join(f"{p}=__govinfo_missing" for p in parameters)
    absent = " or ".join(f"{p} is __govinfo_missing" for p in parameters)
    values = ", ".join(f"{p!r}: {p}" for p in parameters)
    text = (
        f"def __init__(self, *__govinfo_args, {given}, **__govinfo_unknown):\n"
        f"    if __govinfo_args or __govinfo_unknown or {absent}:\n"
        f"        __govinfo_refuse(__govinfo_args, __govinfo_unknown, {{{values}}})\n{body}"
    )
    filename = f"<govinfo checked __init__ of {cls.__module__}.{cls.__qualname__}>"
    namespace = dict(init.__globals__)
    namespace["__govinfo_missing"] = _MISSING

    def refuse(args: tuple[Any, ...], unknown: dict[str, Any], values: dict[str, Any]) -> None:
        passed = {k: v for k, v in values.items() if v is not _MISSING} | unknown
        raise _naming(cls.__name__, names, len(args), passed, TypeError(cls.__name__))

    namespace["__govinfo_refuse"] = refuse
    exec(compile(text, filename, "exec"), namespace)  # noqa: S102 — attrs' own generated source, rearranged
    linecache.cache[filename] = (len(text), None, text.splitlines(keepends=True), filename)  # for tracebacks
    checked: Callable[..., Any] = namespace["__init__"]
    checked.__qualname__ = init.__qualname__
    checked.__doc__ = init.__doc__
    checked.__annotations__ = init.__annotations__
    checked.__signature__ = inspect.signature(init)  # type: ignore[attr-defined]  # the fields, as attrs declares them
    return checked


def _reworded(function: Callable[..., Any], name: str, accepted: list[str]) -> Callable[..., Any]:
    @functools.wraps(function)
    def call(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except TypeError as error:
            traceback = error.__traceback__
            if traceback is None or traceback.tb_next is not None or isinstance(error, ArgumentError):
                raise  # raised inside the call, not while binding its arguments
            raise _naming(name, accepted, len(args) - 1, kwargs, error) from None

    return call


def _naming(name: str, accepted: list[str], positional: int, given: dict[str, Any], error: TypeError) -> ArgumentError:
    if positional:
        return ArgumentError(
            f"{name}() 只接受按名称给出的参数（{'、'.join(accepted)}），不接受按位置给出的 {positional} 个值",
            f"{name}() takes its arguments by name ({', '.join(accepted)}), not {positional} by position",
        )
    unknown = [key for key in given if key not in accepted]
    if unknown:
        hints = []
        for key in unknown:
            near = difflib.get_close_matches(key, accepted, n=1, cutoff=0.6)
            hints.append(f"{key}（{near[0]}？）" if near else key)
        hints_en = [h.replace("（", " (").replace("？）", "?)") for h in hints]
        return ArgumentError(
            f"{name}() 没有参数 {'、'.join(hints)}；可用的参数：{'、'.join(accepted)}",
            f"{name}() has no parameter {', '.join(hints_en)}; it takes {', '.join(accepted)}",
        )
    missing = [key for key in accepted if key not in given]
    return ArgumentError(
        f"{name}() 缺少参数：{'、'.join(missing)}" if missing else f"{name}() 的参数有误（{error}）",
        f"{name}() is missing {', '.join(missing)}" if missing else f"{name}(): {error}",
    )

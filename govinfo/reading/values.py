"""Reading one value cell or token as a count or an amount, saying what was assumed.

A reader never corrects silently: every reading that is not a plain number carries a
:class:`Note`, which the reader turns into a finding at the cell or line it came from.
"""

from __future__ import annotations

import enum
import math
import re
import unicodedata
from decimal import Decimal

import attrs

from govinfo.model.fields import is_amount, is_count

PLACEHOLDERS = frozenset({"/", "-", "—", "——", "–", "--", "无", "×", "\\"})
"""Tokens that stand for "nothing" in real reports; read as 0 and reported."""

_INTEGER = re.compile(r"[+-]?\d+\Z")
_THOUSANDS = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+\Z")
_DECIMAL = re.compile(r"[+-]?\d+(?:\.\d+)?\Z")
PLAIN_NUMBER = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")
"""A number as plain ASCII digits (``\\d`` would also take ``２１２``): use with ``fullmatch``."""
_SPACES = re.compile(r"\s+")
_COUNT_UNITS = ("件", "项", "个", "次", "条")
_LONGEST = 20
"""Characters of the longest count read as digits (counts stay below 2^63, 19 digits)."""


class Note(enum.Enum):
    """What a reading assumed or corrected."""

    BLANK = "blank"
    """An empty cell, read as 0."""
    PLACEHOLDER = "placeholder"
    """``/``, ``-``, ``—``, ``无`` and the like, read as 0."""
    TEXT = "text"
    """A number written as text (full-width digits, thousands separators, a unit), read as that number."""
    CONVERTED = "converted"
    """An amount in 元 converted to 万元."""
    UNREADABLE = "unreadable"
    """Not a number of the expected kind, read as 0."""

    @property
    def rule_id(self) -> str:
        """The reading rule that reports this assumption (GI502–GI505)."""
        return _NOTE_RULES[self]


_NOTE_RULES = {
    Note.BLANK: "GI502",
    Note.PLACEHOLDER: "GI502",
    Note.TEXT: "GI503",
    Note.CONVERTED: "GI505",
    Note.UNREADABLE: "GI504",
}


@attrs.frozen
class Reading:
    """The value read, why it is not simply the cell's number (if so), and what was there."""

    value: int | Decimal
    note: Note | None
    raw: object


def _clean(text: str) -> str:
    return _SPACES.sub("", unicodedata.normalize("NFKC", text))


def _integral(number: float) -> int | None:
    if math.isfinite(number) and number == int(number):
        return int(number)
    return None


def read_count(raw: object) -> Reading:
    """A count from a cell value or text token; a number beyond a count's bounds is unreadable."""
    reading = _count(raw)
    return reading if is_count(reading.value) else Reading(0, Note.UNREADABLE, raw)


def _count(raw: object) -> Reading:
    if raw is None:
        return Reading(0, Note.BLANK, raw)
    if isinstance(raw, bool):
        return Reading(0, Note.UNREADABLE, raw)
    if isinstance(raw, int):
        return Reading(raw, None, raw)
    if isinstance(raw, float):
        whole = _integral(raw)
        return Reading(whole, None, raw) if whole is not None else Reading(0, Note.UNREADABLE, raw)
    if not isinstance(raw, str):
        return Reading(0, Note.UNREADABLE, raw)
    text = _clean(raw)
    if not text:
        return Reading(0, Note.BLANK, raw)
    if text in PLACEHOLDERS:
        return Reading(0, Note.PLACEHOLDER, raw)
    for unit in _COUNT_UNITS:
        text = text.removesuffix(unit)
    if _THOUSANDS.match(text):
        text = text.replace(",", "")
    if _INTEGER.match(text):  # int() of a long enough run of digits would itself refuse
        return Reading(int(text), Note.TEXT, raw) if len(text) <= _LONGEST else Reading(0, Note.UNREADABLE, raw)
    if _DECIMAL.match(text) and (whole := _integral(float(text))) is not None:
        return Reading(whole, Note.TEXT, raw)
    return Reading(0, Note.UNREADABLE, raw)


UNITS = ("亿元", "万元", "元")
"""Units filers write after an amount whose column prints none (2019's 采购总金额)."""


def read_cell(kind: str, raw: object, *, unit: bool = False) -> tuple[Reading, str]:
    """The reading of a cell of ``kind`` (``"count"``, ``"signed"``, ``"amount"``), and the unit
    written after an amount whose column prints none (``unit``), else ``""``."""
    if unit:
        return read_measured(raw)
    return (read_amount(raw) if kind == "amount" else read_count(raw)), ""


def read_written(kind: str, raw: str | None, *, unit: bool = False) -> tuple[Reading, str]:
    """A cell of a published document, where every value is text (:func:`read_cell` otherwise).

    A plain number written as text is simply a number there (not noted); a signed change may
    be written ``减4`` or ``增3``.
    """
    if raw is not None and kind == "signed":
        raw = raw.replace("减", "-").replace("增", "+")
    reading, found_unit = read_cell(kind, raw, unit=unit)
    if reading.note is Note.TEXT and raw is not None and PLAIN_NUMBER.fullmatch(raw):
        reading = attrs.evolve(reading, note=None)
    return reading, found_unit


def read_measured(raw: object) -> tuple[Reading, str]:
    """An amount and the unit written after it, converting nothing: ``"251000元"`` → 251000, ``"元"``.

    A unit written after the number is the expected form of such a cell and is not noted.
    """
    if isinstance(raw, str):
        text = _clean(raw)
        for unit in UNITS:
            if text.endswith(unit) and _DECIMAL.match(number := text[: -len(unit)].replace(",", "")):
                if not is_amount(Decimal(number)):
                    return Reading(Decimal(0), Note.UNREADABLE, raw), ""
                return Reading(Decimal(number), None, raw), unit
    return read_amount(raw), ""


def read_amount(raw: object) -> Reading:
    """An amount in 万元 from a cell value or text token (``251000元`` is converted, and said);
    a number beyond an amount's bounds is unreadable."""
    reading = _amount(raw)
    return reading if is_amount(reading.value) else Reading(Decimal(0), Note.UNREADABLE, raw)


def _amount(raw: object) -> Reading:
    if raw is None:
        return Reading(Decimal(0), Note.BLANK, raw)
    if isinstance(raw, bool):
        return Reading(Decimal(0), Note.UNREADABLE, raw)
    if isinstance(raw, int):
        return Reading(Decimal(raw), None, raw)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            return Reading(Decimal(0), Note.UNREADABLE, raw)
        whole = _integral(raw)
        return Reading(Decimal(whole) if whole is not None else Decimal(repr(raw)), None, raw)
    if not isinstance(raw, str):
        return Reading(Decimal(0), Note.UNREADABLE, raw)
    text = _clean(raw)
    if not text:
        return Reading(Decimal(0), Note.BLANK, raw)
    if text in PLACEHOLDERS:
        return Reading(Decimal(0), Note.PLACEHOLDER, raw)
    scale, note = Decimal(1), Note.TEXT
    if text.endswith("万元"):
        text = text[:-2]
    elif text.endswith("元"):
        text, scale, note = text[:-1], Decimal(10_000), Note.CONVERTED
    text = text.replace(",", "") if _THOUSANDS.match(text.split(".")[0]) else text
    if _DECIMAL.match(text):
        return Reading(Decimal(text) / scale if scale != 1 else Decimal(text), note, raw)
    return Reading(Decimal(0), Note.UNREADABLE, raw)

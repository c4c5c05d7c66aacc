"""The annual report as a whole (政府信息公开工作年度报告).

An :class:`AnnualReport` holds the metadata (机关名称, 报告年度, 格式版本), the three
narrative sections (一, 五, 六) and the three tables (二, 三, 四), under the canonical
names of the format spec.
"""

from __future__ import annotations

import functools
import types
import typing
import unicodedata
from collections.abc import Iterable
from typing import Any

import attrs

from govinfo.editions import edition_ids
from govinfo.errors import ArgumentError, FieldTypeError
from govinfo.model import fields
from govinfo.model.appeals import Appeals
from govinfo.model.proactive import ProactiveDisclosure
from govinfo.model.proactive2019 import ProactiveDisclosure2019
from govinfo.model.requests import ApplicantCounts, OtherHandling, Requests

SHAPES: dict[str, tuple[type, type]] = {
    "2021": (ProactiveDisclosure, OtherHandling),
    "2019": (ProactiveDisclosure2019, ApplicantCounts),
}
"""Per edition: the class of table 二 and of the （六）其他处理 part of table 三.

The model declares these parts as unions of the editions' classes; :func:`edition_class`
is the one place that picks an edition's member, for building, JSON, the schema and the
strategies alike. A new edition whose table differs adds its class to the union and here.
"""


def edition_class(kind: Any, edition_id: str) -> Any:
    """The class a model field declared as ``kind`` has in edition ``edition_id``.

    For a union of the editions' classes, the member the edition uses; else ``kind`` itself.
    """
    if isinstance(kind, types.UnionType):
        return next(member for member in typing.get_args(kind) if member in SHAPES[edition_id])
    return kind


@functools.cache
def edition_unions(cls: type) -> tuple[Any, ...]:
    """Every union of editions' classes among the fields of ``cls`` and of its parts, recursively."""
    found: list[Any] = []
    for kind in typing.get_type_hints(cls).values():
        members = typing.get_args(kind) if isinstance(kind, types.UnionType) else (kind,)
        if isinstance(kind, types.UnionType) and kind not in found:
            found.append(kind)
        for member in members:
            if attrs.has(member):
                found += [u for u in edition_unions(member) if u not in found]
    return tuple(found)


def _check_edition(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if not isinstance(value, str) or value not in edition_ids():
        raise FieldTypeError(
            type(instance).__name__,
            attribute.name,
            f"格式版本（{'、'.join(edition_ids())}）",
            f"an edition id ({', '.join(edition_ids())})",
            value,
        )


MAX_YEAR = 9999


def _check_year(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if type(value) is not int or not 0 <= value <= MAX_YEAR:  # 0: a reader found no year (GI513)
        raise FieldTypeError(
            type(instance).__name__, attribute.name, "整数年份（0–9999）", "an int year (0–9999)", value
        )


@attrs.frozen(kw_only=True)
class AnnualReport:
    """One organ's annual report for one year (政府信息公开工作年度报告).

    Constructing a report checks types only. Whether its numbers are consistent is
    for :func:`govinfo.check`, so that a wrong report still loads and every problem
    in it can be reported at once.
    """

    edition: str = attrs.field(validator=_check_edition)
    organ: str = fields.text()
    year: int = attrs.field(validator=_check_year)
    overview: str = fields.text()
    proactive: ProactiveDisclosure | ProactiveDisclosure2019 = fields.part(
        (ProactiveDisclosure, ProactiveDisclosure2019)
    )
    requests: Requests = fields.part(Requests)
    appeals: Appeals = fields.part(Appeals)
    problems: str = fields.text()
    other_matters: str = fields.text()

    def __attrs_post_init__(self) -> None:
        proactive, other_handling = SHAPES[self.edition]
        for field, value, cls in (
            ("proactive", self.proactive, proactive),
            ("requests", self.requests.outcomes.other_handling, other_handling),
        ):
            if not isinstance(value, cls):
                raise FieldTypeError(
                    type(self).__name__,
                    field,
                    f"{self.edition} 版格式的 {cls.__name__}",
                    f"the {cls.__name__} of edition {self.edition}",
                    value,
                )


def organ_key(organ: str) -> str:
    """The form of an organ name used to pair reports: NFKC, no white space."""
    return "".join(unicodedata.normalize("NFKC", organ).split())


def report_argument(value: object, function: str, parameter: str = "report") -> AnnualReport:
    """``value`` if it is an :class:`AnnualReport`; else :class:`~govinfo.ArgumentError` naming ``function``
    and ``parameter`` (a :class:`~govinfo.ReadResult` is a common slip: take its ``.report``)."""
    if not isinstance(value, AnnualReport):
        hint_zh = "（读取结果请取其 .report）" if hasattr(value, "report") else ""
        hint_en = " (take a read result's .report)" if hasattr(value, "report") else ""
        raise ArgumentError(
            f"{function}() 的参数 {parameter} 应为年度报告（AnnualReport），而不是 {type(value).__name__}{hint_zh}",
            f"{function}() takes an AnnualReport as {parameter}, not {type(value).__name__}{hint_en}",
        )
    return value


def reports_argument(values: object, function: str, parameter: str = "reports") -> list[AnnualReport]:
    """``values`` as a list if it is an iterable of :class:`AnnualReport`; else :class:`~govinfo.ArgumentError`."""
    if isinstance(values, str | bytes | dict | AnnualReport) or not isinstance(values, Iterable):
        raise ArgumentError(
            f"{function}() 的参数 {parameter} 应为若干年度报告（AnnualReport 的列表），而不是 {type(values).__name__}",
            f"{function}() takes AnnualReports (a list, or any iterable) as {parameter}, not {type(values).__name__}",
        )
    return [report_argument(value, function, f"{parameter}[{index}]") for index, value in enumerate(values)]

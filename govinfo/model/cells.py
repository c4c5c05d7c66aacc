"""Cells by canonical path: read every value of a report, or replace some.

The canonical path of a cell is its table field, row path and column field joined with
dots (``requests.outcomes.withheld.internal_affairs.natural_person``); the layout of the
report's edition lists them all (:attr:`govinfo.editions.layout.Edition.cells`).
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs

from govinfo.editions import edition
from govinfo.errors import Problem, StructureError, expect, expect_text
from govinfo.findings import Value
from govinfo.model.report import AnnualReport, edition_class, report_argument


def cell_values(report: AnnualReport) -> dict[str, Value]:
    """Every value cell of ``report`` by canonical path, in layout order.

    >>> import govinfo
    >>> govinfo.cell_values(govinfo.example())["requests.received.total"]
    212
    """
    report_argument(report, "cell_values")
    return dict(zip((c.path for c in edition(report.edition).cells), fetcher(report.edition)(report), strict=True))


@functools.cache
def fetcher(edition_id: str) -> Callable[[AnnualReport], tuple[Value, ...]]:
    """A generated function returning every cell of a report of ``edition_id`` as one tuple, in layout order.

    Each intermediate object (``r.requests.outcomes``) is fetched once and bound to a local,
    where ``attrgetter`` of dotted paths would walk every prefix again for every cell.
    """
    paths = tuple(c.path for c in edition(edition_id).cells)
    prefixes = {".".join(p.split(".")[:n]) for p in paths for n in range(1, p.count(".") + 1)}
    parents = sorted(prefixes, key=lambda p: (p.count("."), p))
    names: dict[str, str] = {}
    lines = ["def values(r):"]
    for index, parent in enumerate(parents):
        head, _, field = parent.rpartition(".")
        names[parent] = f"o{index}"
        lines.append(f"    o{index} = {names[head] if head else 'r'}.{field}")
    if not all(p.isidentifier() for path in paths for p in path.split(".")):
        raise ValueError(f"not a cell path: {paths}")  # pragma: no cover — paths come from the layout
    items = [f"{names[p.rsplit('.', 1)[0]]}.{p.rsplit('.', 1)[1]}" for p in paths]
    lines.append("    return (" + ", ".join(items) + ",)")
    namespace: dict[str, object] = {}
    exec(compile("\n".join(lines) + "\n", "<govinfo cells>", "exec"), namespace)  # noqa: S102 — identifiers from the layout
    function = namespace["values"]
    assert callable(function)
    return function


def get_cell(report: AnnualReport, path: str) -> Value:
    """The value of one cell; :class:`~govinfo.UnknownNameError` for an unknown path."""
    report_argument(report, "get_cell")
    expect_text(path, function="get_cell", parameter="path")
    edition(report.edition).cell(path)
    value: Value = attrs_get(report, path)
    return value


def attrs_get(obj: Any, path: str) -> Any:
    """Follow a dotted attribute path."""
    for name in path.split("."):
        obj = getattr(obj, name)
    return obj


def replace_cells(report: AnnualReport, values: Mapping[str, Value]) -> AnnualReport:
    """A copy of ``report`` with the cells at the given canonical paths replaced.

    Types are checked as in the constructors; consistency is not (that is
    :func:`govinfo.check`'s job), so this is the way to make a deliberately wrong report.

    >>> import govinfo
    >>> wrong = govinfo.replace_cells(govinfo.example(), {"appeals.reconsideration.total": 13})
    >>> [f.rule_id for f in govinfo.check(wrong)]
    ['GI401']
    """
    report_argument(report, "replace_cells")
    expect(
        values,
        Mapping,
        function="replace_cells",
        parameter="values",
        zh="路径到数值的映射（dict）",
        en="a mapping of paths to values",
    )
    layout = edition(report.edition)
    for path in values:
        layout.cell(path)
    tree: dict[str, Any] = {}
    for path, value in values.items():
        node = tree
        *parents, leaf = path.split(".")
        for name in parents:
            node = node.setdefault(name, {})
        node[leaf] = value
    result: AnnualReport = _evolve(report, tree)
    return result


def _evolve(obj: Any, changes: dict[str, Any]) -> Any:
    updates = {
        name: _evolve(getattr(obj, name), change) if isinstance(change, dict) else change
        for name, change in changes.items()
    }
    return attrs.evolve(obj, **updates)


@functools.cache
def _parts(cls: type, edition_id: str) -> tuple[tuple[str, type, bool], ...]:
    """Each field of a model class: its name, its type in ``edition_id`` and whether that is a model class.

    Where the model admits either edition's class (table 二, （六）其他处理), the edition's one is taken.
    """
    parts = []
    for field in attrs.fields(cls):
        kind = edition_class(typing.get_type_hints(cls)[field.name], edition_id)
        parts.append((field.name, kind, attrs.has(kind)))
    return tuple(parts)


def _build(cls: type, prefix: str, values: Mapping[str, Value], edition_id: str) -> Any:
    kwargs = {
        name: _build(kind, f"{prefix}.{name}", values, edition_id) if nested else values[f"{prefix}.{name}"]
        for name, kind, nested in _parts(cls, edition_id)
    }
    return cls(**kwargs)


def build_report(
    edition_id: str,
    values: Mapping[str, Value],
    *,
    organ: str,
    year: int,
    overview: str = "",
    problems: str = "",
    other_matters: str = "",
    fill: bool = False,
) -> AnnualReport:
    """A report from a value for every cell path of the edition (what readers produce).

    The unit of an amount written with one (2019's 采购总金额) goes under its own path
    (``proactive.procurement.unit``) and defaults to ``""``. :class:`~govinfo.StructureError`
    lists every missing or unknown path; with ``fill=True`` a cell not given is 0 instead
    (building a report in code from the cells one has).

    >>> import govinfo
    >>> report = govinfo.build_report("2021", {"requests.received.natural_person": 3,
    ...     "requests.received.total": 3}, organ="某局", year=2024, fill=True)
    >>> report.requests.received.total, report.appeals.reconsideration.total
    (3, 0)
    """
    expect_text(edition_id, function="build_report", parameter="edition_id")
    expect(
        values,
        Mapping,
        function="build_report",
        parameter="values",
        zh="路径到数值的映射（dict）",
        en="a mapping of paths to values",
    )
    layout = edition(edition_id)
    units = {c.unit_path for c in layout.cells if c.unit_path}
    zeros = {c.path: Decimal(0) if c.kind == "amount" else 0 for c in layout.cells} if fill else {}
    values = {**zeros, **dict.fromkeys(units, ""), **values}
    known = {c.path for c in layout.cells} | units
    wrong = [Problem(p, "缺少此单元格", "missing cell") for p in known - values.keys()]
    wrong += [Problem(p, "格式中没有此单元格", "no such cell in the format") for p in values.keys() - known]
    if wrong:
        raise StructureError(sorted(wrong, key=lambda p: p.path), source="单元格")
    kinds = {name: kind for name, kind, _ in _parts(AnnualReport, edition_id)}
    tables = {t.field: _build(kinds[t.field], t.field, values, edition_id) for t in layout.tables}
    return AnnualReport(
        edition=edition_id,
        organ=organ,
        year=year,
        overview=overview,
        problems=problems,
        other_matters=other_matters,
        **tables,
    )

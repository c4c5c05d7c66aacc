"""The rule engine: :func:`check` and :func:`validate`.

The engine compiles each edition's layout once, generating two small functions the way
attrs generates ``__init__``: one fetches every value cell of a report into a tuple (each
intermediate object bound once), the other evaluates every declared
:class:`~govinfo.editions.layout.Balance` as one straight-line boolean expression over that tuple.
A valid report therefore costs one fetch and a few hundred integer additions; the
equation-by-equation loop that builds findings runs only when something fails.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Mapping
from decimal import Decimal

import attrs

from govinfo.editions import edition
from govinfo.editions.layout import LABEL_SEPARATOR, Balance, Cell, Edition, Grid, Table, join_path
from govinfo.errors import Lang, ReportInvalidError
from govinfo.findings import Finding, Severity, SourceLocation, Value
from govinfo.model.cells import fetcher
from govinfo.model.report import AnnualReport, report_argument
from govinfo.rules.catalog import RULES, Rule
from govinfo.rules.narrative import Locate, check_figures, check_text


def row_label(cell: Cell) -> str:
    """The cell's row coordinate: block title (table 二) and row label chain."""
    labels = (cell.grid.title, *cell.row.labels) if cell.grid.title else cell.row.labels
    return LABEL_SEPARATOR.join(labels)


def place(cell: Cell, lang: Lang = "zh") -> str:
    """A human description of where ``cell`` sits in the printed table."""
    row = row_label(cell)
    if lang == "en":
        row_part = f"row “{row}”, " if row else ""
        return f"table {cell.table.number}, {row_part}column “{cell.column.label}” ({cell.path})"
    row_part = f"“{row}”行" if row else ""
    return f"表{cell.table.number}{row_part}“{cell.column.label}”列"


def cell_finding(
    rule: Rule,
    cell: Cell,
    *,
    actual: Value | None = None,
    expected: Value | None = None,
    cells: tuple[str, ...] = (),
    source: SourceLocation | None = None,
    **values: object,
) -> Finding:
    """A finding about one cell, with its coordinate and both messages filled in."""
    named = {
        "place": place(cell, "zh"),
        "place_en": place(cell, "en"),
        "path": cell.path,
        "row": row_label(cell),
        "column": cell.column.label,
        "actual": actual,
        "expected": expected,
        **values,
    }
    return rule.finding(
        named,
        path=cell.path,
        table=cell.table.heading,
        row=row_label(cell) or None,
        column=cell.column.label,
        expected=expected,
        actual=actual,
        cells=cells or (cell.path,),
        source=source,
    )


@attrs.frozen
class _Equation:
    rule: Rule
    left: tuple[int, ...]
    right: tuple[int, ...]
    target: int
    target_on_left: bool
    cells: tuple[str, ...]
    group: str


@attrs.frozen
class _Compiled:
    cells: tuple[Cell, ...]
    values: Callable[[AnnualReport], tuple[Value, ...]]
    counts: tuple[int, ...]
    count_values: Callable[[tuple[Value, ...]], tuple[int, ...]]
    amounts: tuple[int, ...]
    equations: tuple[_Equation, ...]
    balanced: Callable[[tuple[Value, ...]], bool]
    """Whether every equation holds: one generated expression, the fast path for valid reports."""
    source: str
    """The generated source of ``balanced``, for reading and debugging."""


def _equations(table: Table, grid: Grid, balance: Balance, index: Mapping[str, int]) -> list[_Equation]:
    rule = RULES[balance.rule_id]
    lines: list[Callable[[str], str]]
    if balance.over == "columns":
        lines = [functools.partial(_column_path, table.field, c.field) for c in grid.columns]
        group = ""
    else:
        lines = [functools.partial(_row_path, table.field, r.path) for r in grid.rows]
        group = LABEL_SEPARATOR.join(grid.column(balance.target).labels[:-1])
    made = []
    for at in lines:
        made.append(
            _Equation(
                rule=rule,
                left=tuple(index[at(n)] for n in balance.left),
                right=tuple(index[at(n)] for n in balance.right),
                target=index[at(balance.target)],
                target_on_left=balance.target in balance.left,
                cells=tuple(at(n) for n in (*balance.left, *balance.right)),
                group=group,
            )
        )
    return made


def _column_path(table: str, column: str, row: str) -> str:
    return join_path(table, row, column)


def _row_path(table: str, row: str, column: str) -> str:
    return join_path(table, row, column)


@functools.cache
def compile_edition(edition_id: str) -> _Compiled:
    layout: Edition = edition(edition_id)
    cells = layout.cells
    index = {c.path: i for i, c in enumerate(cells)}
    equations: list[_Equation] = []
    for table in layout.tables:
        for grid in table.grids:
            for balance in grid.balances:
                equations.extend(_equations(table, grid, balance, index))
    counts = tuple(i for i, c in enumerate(cells) if c.kind == "count")
    source, balanced = _generate(equations)
    return _Compiled(
        cells=cells,
        values=fetcher(edition_id),
        counts=counts,
        count_values=operator.itemgetter(*counts),
        amounts=tuple(i for i, c in enumerate(cells) if c.kind == "amount"),
        equations=tuple(equations),
        balanced=balanced,
        source=source,
    )


def _generate(equations: list[_Equation]) -> tuple[str, Callable[[tuple[Value, ...]], bool]]:
    """Compile all equations into one boolean expression over the value tuple ``v``.

    The expression is straight-line integer arithmetic built from the layout's index lists
    only (no data reaches the source), the way attrs generates ``__init__``.
    """

    def side(indices: tuple[int, ...]) -> str:
        return " + ".join(f"v[{i}]" for i in indices)

    terms = [f"({side(eq.left)} == {side(eq.right)})" for eq in equations] or ["True"]
    source = "def balanced(v):\n    return (\n        " + "\n        and ".join(terms) + "\n    )\n"
    namespace: dict[str, object] = {}
    exec(compile(source, "<govinfo balances>", "exec"), namespace)  # noqa: S102 — source built from indices only
    function = namespace["balanced"]
    assert callable(function)
    return source, function


def _years(layout: Edition, lang: Lang) -> str:
    if layout.last_year is None:
        return f"report years {layout.first_year} onward" if lang == "en" else f"{layout.first_year} 年度起"
    if lang == "en":
        return f"report years {layout.first_year}–{layout.last_year}"
    return f"{layout.first_year}—{layout.last_year} 年度"


def _metadata(report: AnnualReport) -> list[Finding]:
    findings = []
    layout = edition(report.edition)
    if not layout.fits(report.year):
        rule = RULES["GI010"]
        named = {
            "year": report.year,
            "edition": layout.id,
            "years": _years(layout, "zh"),
            "years_en": _years(layout, "en"),
        }
        findings.append(rule.finding(named, path="edition", actual=layout.id))
    if not report.organ.strip():
        findings.append(RULES["GI011"].finding(path="organ", actual=report.organ))
    return findings


def check(
    report: AnnualReport,
    *,
    sources: Mapping[str, SourceLocation] | None = None,
    locate: Locate | None = None,
    tables: bool = True,
    narrative: bool = True,
) -> list[Finding]:
    """Every finding of every rule that looks at one report, in a stable order; never raises for a broken rule.

    These are the rules of the metadata and the tables (GI0xx, GI3xx, GI4xx), then those
    of the narrative sections (GI1xx: :func:`~govinfo.rules.narrative.check_text`; GI530:
    :func:`~govinfo.rules.narrative.check_figures`).
    ``tables=False`` or ``narrative=False`` leaves one group out. ``sources`` maps
    canonical paths (and narrative fields) to places in the user's file, and ``locate`` a
    character of a narrative to its place; readers pass them so that each finding says
    where it stands.

    >>> import attrs, govinfo
    >>> govinfo.check(govinfo.example())
    []
    >>> [f.rule_id for f in govinfo.check(attrs.evolve(govinfo.example(), problems="无"))]
    ['GI102']
    """
    report_argument(report, "check")
    findings: list[Finding] = []
    if tables:
        compiled = compile_edition(report.edition)
        findings += findings_of(report, compiled, compiled.values(report), sources)
    if narrative:
        where = sources or {}
        at = locate or (lambda field, _: where.get(field))
        findings += check_text(report, locate=at) + check_figures(report, locate=at)
    return findings


def findings_of(
    report: AnnualReport,
    compiled: _Compiled,
    values: tuple[Value, ...],
    sources: Mapping[str, SourceLocation] | None = None,
) -> list[Finding]:
    """The table rules of :func:`check` on values already fetched with ``compiled.values(report)``."""
    cells = compiled.cells
    where = sources or {}
    findings: list[Finding] = []
    counts = compiled.count_values(values)
    if min(counts) < 0:
        for i, value in zip(compiled.counts, counts, strict=True):
            if value < 0:
                cell = cells[i]
                findings.append(cell_finding(RULES["GI001"], cell, actual=value, source=where.get(cell.path)))
    for i in compiled.amounts:
        amount = values[i]
        assert isinstance(amount, Decimal)
        if not amount.is_finite() or amount < 0:
            cell = cells[i]
            findings.append(cell_finding(RULES["GI002"], cell, actual=amount, source=where.get(cell.path)))
    findings.extend(_metadata(report))
    if compiled.balanced(values):
        return findings
    get = values.__getitem__
    for eq in compiled.equations:
        left = sum(map(get, eq.left))  # type: ignore[arg-type]
        right = sum(map(get, eq.right))  # type: ignore[arg-type]
        if left != right:
            actual = values[eq.target]
            assert isinstance(actual, int)
            expected = actual + (right - left if eq.target_on_left else left - right)
            cell = cells[eq.target]
            findings.append(
                cell_finding(
                    eq.rule,
                    cell,
                    actual=actual,
                    expected=expected,
                    cells=eq.cells,
                    source=where.get(cell.path),
                    left=left,
                    right=right,
                    group=eq.group,
                )
            )
    return findings


def validate(report: AnnualReport, *, tables: bool = True, narrative: bool = True) -> AnnualReport:
    """``report`` itself if no error-level rule fails; else :class:`~govinfo.ReportInvalidError`.

    The error holds every error-level finding at once (warnings do not fail validation);
    ``tables`` and ``narrative`` select the rules as for :func:`check`.
    """
    report_argument(report, "validate")
    errors = [f for f in check(report, tables=tables, narrative=narrative) if f.severity is Severity.ERROR]
    if errors:
        raise ReportInvalidError(errors)
    return report

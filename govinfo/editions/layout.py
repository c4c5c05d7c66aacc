"""How an edition of the official format lays out the report, declared as data.

An :class:`Edition` lists the six sections in order: narratives (:class:`Narrative`) and
tables (:class:`Table`). A table is one or more :class:`Grid` blocks; a grid crosses
:class:`Row` label chains with :class:`Column` header chains, and declares the
:class:`Balance` equations its cells must satisfy. Readers, writers, renderers, finding
coordinates and the rule engine all interpret this one declaration, so an edition is a
new declaration (see :mod:`govinfo.editions.format2021`), not new code.

Label chains run outermost first. In the printed table the last label of a chain spans
the remaining label columns (or header rows), and equal leading labels of neighbouring
chains are one merged cell: ``("三、本年度办理结果", "（三）不予公开", "1.属于国家秘密")``.
"""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import Literal

import attrs

from govinfo.errors import UnknownNameError

ValueKind = Literal["count", "signed", "amount"]
"""What a cell holds: a non-negative count, a signed count, or a decimal amount."""

LABEL_SEPARATOR = "／"
"""Joins a label chain into one coordinate string, e.g. ``三、本年度办理结果／（一）予以公开``."""


@attrs.frozen
class Column:
    """A value column: its path suffix in the model and its header label chain."""

    field: str
    labels: tuple[str, ...]
    kind: ValueKind = "count"
    unit: str | None = None
    """For an amount written with its unit (2019's 采购总金额): the sibling field holding the unit text."""

    @property
    def label(self) -> str:
        """The header chain joined with :data:`LABEL_SEPARATOR`."""
        return LABEL_SEPARATOR.join(self.labels)


@attrs.frozen
class Row:
    """A value row: its path in the table's model and its label chain (empty in table 四)."""

    path: str
    labels: tuple[str, ...]

    @property
    def label(self) -> str:
        """The label chain joined with :data:`LABEL_SEPARATOR`."""
        return LABEL_SEPARATOR.join(self.labels)


@attrs.frozen
class Balance:
    """An equation the grid's cells satisfy: ``sum(left) == sum(right)``, once per line.

    With ``over="columns"`` the equation holds in every column and ``left``/``right``
    name rows; with ``over="rows"`` it holds in every row and they name columns.
    ``target`` (one of the names in ``left`` or ``right``) is the cell a finding points at;
    its expected value is the one that would make the equation hold.
    """

    rule_id: str
    over: Literal["columns", "rows"]
    left: tuple[str, ...]
    right: tuple[str, ...]
    target: str


@attrs.frozen
class Grid:
    """One block of a table: an optional title row, a corner label, rows × columns."""

    rows: tuple[Row, ...]
    columns: tuple[Column, ...]
    title: str | None = None
    corner: str | None = None
    balances: tuple[Balance, ...] = ()

    @property
    def header_depth(self) -> int:
        """How many header rows the column chains need."""
        return max(len(c.labels) for c in self.columns)

    @property
    def label_depth(self) -> int:
        """How many label columns the row chains need (0 for table 四)."""
        return max(len(r.labels) for r in self.rows)

    def row(self, path: str) -> Row:
        """The row at ``path`` (relative to the table)."""
        for row in self.rows:
            if row.path == path:
                return row
        raise UnknownNameError("行", "row", path, [r.path for r in self.rows])

    def column(self, field: str) -> Column:
        """The column at ``field``."""
        for column in self.columns:
            if column.field == field:
                return column
        raise UnknownNameError("列", "column", field, [c.field for c in self.columns])


def join_path(*parts: str) -> str:
    """A canonical dotted path from its non-empty parts."""
    return ".".join(p for p in parts if p)


@attrs.frozen
class Table:
    """A numbered table section: its heading, its model field and its grids."""

    number: str
    field: str
    heading: str
    grids: tuple[Grid, ...]

    @property
    def width(self) -> int:
        """Label columns plus value columns of the widest grid: the printed grid width."""
        return max(g.label_depth + len(g.columns) for g in self.grids)


@attrs.frozen
class Narrative:
    """A numbered narrative section: its heading and its model field."""

    number: str
    field: str
    heading: str


@attrs.frozen
class Cell:
    """One value cell resolved against the layout: where it sits and what it holds."""

    path: str
    table: Table
    grid: Grid
    row: Row
    column: Column

    @property
    def kind(self) -> ValueKind:
        """What the cell holds."""
        return self.column.kind

    @property
    def unit_path(self) -> str | None:
        """The path of the text field holding this amount's unit, if it has one."""
        if self.column.unit is None:
            return None
        return f"{self.path.rsplit('.', 1)[0]}.{self.column.unit}"


@attrs.frozen(cache_hash=True)
class Edition:
    """One edition of the official format: its instrument, years and sections in order."""

    id: str
    instrument: str
    first_year: int
    last_year: int | None
    sections: tuple[Narrative | Table, ...]

    @property
    def tables(self) -> tuple[Table, ...]:
        """The table sections, in order."""
        return tuple(s for s in self.sections if isinstance(s, Table))

    @property
    def narratives(self) -> tuple[Narrative, ...]:
        """The narrative sections, in order."""
        return tuple(s for s in self.sections if isinstance(s, Narrative))

    def fits(self, year: int) -> bool:
        """Whether reports for ``year`` are meant to use this edition."""
        return year >= self.first_year and (self.last_year is None or year <= self.last_year)

    @property
    def cells(self) -> tuple[Cell, ...]:
        """Every value cell, table by table, grid by grid, row by row, left to right."""
        return _cells(self)

    def cell(self, path: str) -> Cell:
        """The cell at canonical ``path``; :class:`~govinfo.UnknownNameError` if none."""
        found = _cell_index(self).get(path)
        if found is None:
            raise UnknownNameError("单元格路径", "cell path", path, [c.path for c in self.cells])
        return found

    def section(self, field: str) -> Narrative | Table:
        """The section whose model field is ``field``."""
        for section in self.sections:
            if section.field == field:
                return section
        raise UnknownNameError("章节", "section", field, [s.field for s in self.sections])


def _iter_cells(edition: Edition) -> Iterator[Cell]:
    for table in edition.tables:
        for grid in table.grids:
            for row in grid.rows:
                for column in grid.columns:
                    yield Cell(join_path(table.field, row.path, column.field), table, grid, row, column)


@functools.cache
def _cells(edition: Edition) -> tuple[Cell, ...]:
    return tuple(_iter_cells(edition))


@functools.cache
def _cell_index(edition: Edition) -> dict[str, Cell]:
    return {c.path: c for c in _cells(edition)}

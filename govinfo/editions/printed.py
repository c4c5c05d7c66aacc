"""How the official format prints a table: every cell, its span and what it holds.

The workbook writer and the document renderer lay tables out from this one plan, so a
table looks the same in an ``.xlsx``, a web page, a Word file and a PDF: label chains become
label cells spanning their rows, header chains header cells spanning their columns, and the
last column of a grid narrower than its table spans to the table's right edge.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Literal

import attrs

from govinfo.editions.layout import Cell, Grid, Table, join_path

Role = Literal["heading", "title", "corner", "header", "label", "value"]
"""What a printed cell is: the table's heading, a grid's title, the corner above the row
labels, a column header, a row label, or a value cell."""


@attrs.frozen
class Printed:
    """One printed cell: rows ``row..end_row`` and columns ``col..end_col`` (1-based, inclusive)."""

    row: int
    col: int
    end_row: int
    end_col: int
    role: Role
    text: str = ""
    """The label of a heading, title, corner, header or row label."""
    cell: Cell | None = None
    """The value cell printed here (role ``value``)."""

    @property
    def rowspan(self) -> int:
        return self.end_row - self.row + 1

    @property
    def colspan(self) -> int:
        return self.end_col - self.col + 1


def _runs(keys: list[tuple[str, ...] | None]) -> Iterator[tuple[int, int, tuple[str, ...]]]:
    """Maximal runs of equal, non-None keys: (first index, last index, key)."""
    start = 0
    while start < len(keys):
        key = keys[start]
        end = start
        while end + 1 < len(keys) and keys[end + 1] == key:
            end += 1
        if key is not None:
            yield start, end, key
        start = end + 1


def _grid(table: Table, grid: Grid, top: int) -> tuple[list[Printed], int]:
    """The cells of one grid printed from row ``top``, and the first row after it."""
    width = table.width
    depth, height = grid.label_depth, grid.header_depth
    cells: list[Printed] = []
    row = top
    if grid.title:
        cells.append(Printed(row, 1, row, width, "title", grid.title))
        row += 1
    if grid.corner and depth:
        cells.append(Printed(row, 1, row + height - 1, depth, "corner", grid.corner))
    first_value = depth + 1
    last = len(grid.columns) - 1
    for level in range(height):
        keys = [c.labels[: level + 1] if len(c.labels) > level + 1 else None for c in grid.columns]
        for start, end, key in _runs(keys):
            end_col = first_value + end if end < last else width
            cells.append(Printed(row + level, first_value + start, row + level, end_col, "header", key[-1]))
    for index, column in enumerate(grid.columns):
        level = len(column.labels) - 1
        end_col = first_value + index if index < last else width
        cells.append(Printed(row + level, first_value + index, row + height - 1, end_col, "header", column.labels[-1]))
    body = row + height
    for level in range(depth):
        keys = [r.labels[: level + 1] if len(r.labels) > level + 1 else None for r in grid.rows]
        for start, end, key in _runs(keys):
            cells.append(Printed(body + start, level + 1, body + end, level + 1, "label", key[-1]))
    for index, grid_row in enumerate(grid.rows):
        r = body + index
        if grid_row.labels:
            level = len(grid_row.labels) - 1
            cells.append(Printed(r, level + 1, r, depth, "label", grid_row.labels[-1]))
        for c_index, column in enumerate(grid.columns):
            cell = Cell(join_path(table.field, grid_row.path, column.field), table, grid, grid_row, column)
            end_col = first_value + c_index if c_index < last else width
            cells.append(Printed(r, first_value + c_index, r, end_col, "value", cell=cell))
    return cells, body + len(grid.rows)


def printed(table: Table, *, heading: bool = True) -> tuple[list[Printed], list[tuple[int, int]]]:
    """Every cell of ``table`` as printed, from row 1 (its heading first when ``heading``),
    and the first and last row of each grid."""
    cells: list[Printed] = []
    row = 1
    if heading:
        cells.append(Printed(1, 1, 1, table.width, "heading", table.heading))
        row = 2
    grids = []
    for grid in table.grids:
        placed, end = _grid(table, grid, row)
        cells += placed
        grids.append((row, end - 1))
        row = end
    return cells, grids

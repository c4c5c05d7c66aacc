"""The one table reader of every source with a cell grid: workbooks, web pages, Word files, PDFs.

A source gives its tables as :class:`Sheet` objects (non-empty cells by 1-based row and
column, and how to say where a cell stands in the user's file). Tables are found by their
official labels, not by coordinates: each row of a grid by its label, each column by its
header, the value at their crossing. So tables may sit anywhere, on one sheet or several,
under title rows, with blank, inserted or provincial rows, and a blank cell is a blank cell
at its position. Every value read, every assumption (a blank read as 0, a number stored as
text, a formula without a saved result) and every loose label match becomes a finding at
the user's cell.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping

import attrs

from govinfo.editions.layout import Cell, Edition, Grid, Row, Table, join_path
from govinfo.findings import Finding, SourceLocation
from govinfo.reading.finish import FoundCell, zero
from govinfo.reading.labels import Match, match, normalize
from govinfo.reading.values import PLAIN_NUMBER, Note, Reading, read_cell, read_count, read_written
from govinfo.rules.catalog import RULES
from govinfo.rules.engine import cell_finding

Position = tuple[int, int]


def column_letter(column: int) -> str:
    """The A1 letters of a 1-based column: 1 → ``A``, 28 → ``AB``."""
    letters = ""
    while column:
        column, rest = divmod(column - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def column_number(letters: str) -> int:
    """The 1-based column of A1 letters: ``AB`` → 28."""
    number = 0
    for letter in letters.upper():
        number = number * 26 + ord(letter) - 64
    return number


@attrs.frozen
class Sheet:
    """One grid of cells: a worksheet, or a table of a web page, Word file or PDF.

    ``values[(row, column)]`` holds the non-empty cells; a merged cell's text stands at its
    first position only. Text is as the user wrote it (workbook escapes ``_xHHHH_`` decoded).
    """

    name: str
    values: dict[Position, object]
    formulas: dict[Position, str] = attrs.field(factory=dict)
    """Formula text of formula cells whose cached value is missing (``values`` lacks them)."""
    where: Callable[[int, int], SourceLocation] | None = attrs.field(default=None, eq=False)
    """Where a position stands in the user's file; a worksheet's by default (``sheet!A1``)."""
    typed: bool = True
    """Whether cells have types (a workbook's numbers are numbers); in a document every cell is
    text, and a number written as text is simply a number."""


Place = tuple[int, int, int]
"""Sheet index, row, column (1-based) of a cell."""

MAX_LABEL = 200
"""Cells with longer text are narratives, not labels, and are not matched."""


@attrs.define
class Located:
    """Where each cell path of an edition was found, and what finding it took."""

    places: dict[str, Place] = attrs.field(factory=dict)
    findings: list[Finding] = attrs.field(factory=list)
    labels_found: int = 0
    tables: dict[str, tuple[int, int]] = attrs.field(factory=dict)
    parts: dict[str, list[Finding]] = attrs.field(factory=dict)
    shifts: list[tuple[Table, str, Place, int]] = attrs.field(factory=list)
    """Rows read shifted against their headers: table, row label, where, the shift; reported per table."""
    label_at: dict[tuple[int, int], int] = attrs.field(factory=dict)
    """(sheet, row) → the column of the row's label."""
    """Table field → the findings about that table."""
    """Table field → how many of its cells were placed, and its score (as :attr:`score`)."""

    @property
    def score(self) -> int:
        """How well the workbook fits this edition: labels found, less the loose matches."""
        return 2 * self.labels_found - sum(1 for f in self.findings if f.rule_id == "GI512")


class Book:
    """The loaded sheets with an index of their label-sized texts."""

    def __init__(self, sheets: tuple[Sheet, ...], file: str | None) -> None:
        self.sheets = sheets
        self.file = file
        self.exact: dict[str, list[Place]] = defaultdict(list)
        self.texts: list[tuple[Place, str, str]] = []
        self.found: dict[tuple[str, int | None], tuple[list[Place], Match | None]] = {}
        self.by_row: dict[tuple[int, int], list[int]] = defaultdict(list)
        """(sheet, row) → the columns of its numeric cells (values or formulas), left to right."""
        for s, sheet in enumerate(sheets):
            for r, c in sorted([p for p, v in sheet.values.items() if numeric(v)] + list(sheet.formulas)):
                self.by_row[(s, r)].append(c)
            for (r, c), value in sorted(sheet.values.items()):
                if isinstance(value, str) and len(value) <= MAX_LABEL:
                    raw = value
                    norm = normalize(raw)
                    if norm:
                        self.exact[norm].append((s, r, c))
                        self.texts.append(((s, r, c), raw, norm))

    def source(self, place: Place, text: str | None = None) -> SourceLocation:
        """Where ``place`` stands in the user's file (with ``text``, what it holds there)."""
        s, r, c = place
        sheet = self.sheets[s]
        if sheet.where is not None:
            return attrs.evolve(sheet.where(r, c), file=self.file, text=text)
        return SourceLocation(file=self.file, sheet=sheet.name, cell=f"{column_letter(c)}{r}", text=text)

    def located(self, place: Place) -> SourceLocation:
        """The place, with the cell's content as the workbook holds it."""
        held = self.value(place)
        return self.source(place, None if held is None else str(held))

    def value(self, place: Place) -> object:
        s, r, c = place
        return self.sheets[s].values.get((r, c))

    def raw_text(self, place: Place) -> str:
        return str(self.value(place))

    def candidates(self, label: str, sheet: int | None = None) -> tuple[list[Place], Match | None]:
        """Cells whose text matches ``label``: exact ones if any, else loose ones (each label looked up once:
        the editions share most labels)."""
        asked = (label, sheet)
        if asked not in self.found:
            self.found[asked] = self._candidates(label, sheet)
        places, how = self.found[asked]
        return list(places), how

    def _candidates(self, label: str, sheet: int | None) -> tuple[list[Place], Match | None]:
        key = normalize(label)
        exact = [p for p in self.exact.get(key, ()) if sheet is None or p[0] == sheet]
        if exact:
            return exact, Match.EXACT
        loose = [p for p, _, norm in self.texts if (sheet is None or p[0] == sheet) and match(norm, key)]
        return loose, (Match.LOOSE if loose else None)


def _loose(book: Book, place: Place, label: str) -> Finding:
    named = {"text": book.raw_text(place), "label": label}
    return RULES["GI512"].finding(
        named,
        actual=book.raw_text(place),
        expected=label,
        source=book.source(place),
    )


def _missing(table: Table, what: str, label: str, path: str) -> Finding:
    named = {"table": table.heading, "what": "行" if what == "row" else "列", "what_en": what, "label": label}
    return RULES["GI511"].finding(
        named,
        path=path,
        table=table.heading,
        expected=label,
    )


def _pick_sheet(groups: Iterable[list[Place]]) -> int | None:
    votes: dict[int, int] = defaultdict(int)
    for places in groups:
        for sheet in {p[0] for p in places}:
            votes[sheet] += 1
    return max(votes, key=lambda s: (votes[s], -s)) if votes else None


def _locate_rows(book: Book, grid: Grid, found: Located) -> tuple[int | None, dict[str, int]]:
    matches = [book.candidates(row.labels[-1]) for row in grid.rows]
    sheet = _pick_sheet(places for places, kind in matches if kind is Match.EXACT)
    if sheet is None:
        sheet = _pick_sheet(places for places, _ in matches)
    rows: dict[str, int] = {}
    if sheet is None:
        return None, rows
    previous = 0
    for row in grid.rows:
        places, kind = book.candidates(row.labels[-1], sheet)
        later = sorted(p for p in places if p[1] > previous)
        if not later:
            continue
        place = later[0]
        rows[row.path] = place[1]
        found.label_at[(place[0], place[1])] = place[2]
        previous = place[1]
        found.labels_found += 1
        if kind is Match.LOOSE:
            found.findings.append(_loose(book, place, row.labels[-1]))
    return sheet, rows


def _locate_columns(
    book: Book, grid: Grid, sheet: int | None, *, above: int | None, below: int, found: Located
) -> tuple[int | None, dict[str, Place]]:
    """Header cells of ``grid``: on ``sheet`` (or the best sheet), rows in ``[below, above)``.

    A leaf label printed several times (table 四's 结果维持) is matched to its columns left
    to right among the nearest header cells.
    """
    by_leaf: dict[str, list[str]] = defaultdict(list)
    for column in grid.columns:
        by_leaf[column.labels[-1]].append(column.field)

    def within(places: list[Place], on: int | None) -> list[Place]:
        return [p for p in places if (on is None or p[0] == on) and below <= p[1] and (above is None or p[1] < above)]

    if sheet is None:
        sheet = _pick_sheet(within(book.candidates(leaf)[0], None) for leaf in by_leaf)
    columns: dict[str, Place] = {}
    if sheet is None:
        return None, columns
    for leaf, fields in by_leaf.items():
        places, kind = book.candidates(leaf, sheet)
        nearest = sorted(within(places, sheet), key=lambda p: (-p[1], p[2]))[: len(fields)]
        for field, place in zip(fields, sorted(nearest, key=lambda p: p[2]), strict=False):
            columns[field] = place
            found.labels_found += 1
            if kind is Match.LOOSE:
                found.findings.append(_loose(book, place, leaf))
    return sheet, columns


def _value_row(book: Book, sheet: int, header_bottom: int, columns: Iterable[int]) -> int:
    """The row below the headers of a grid without row labels (table 四) that holds its values."""
    wanted = list(columns)
    values = book.sheets[sheet].values
    formulas = book.sheets[sheet].formulas
    for row in range(header_bottom + 1, header_bottom + 6):
        if any((row, c) in values or (row, c) in formulas for c in wanted):
            return row
    return header_bottom + 1


def _grid_lines(
    book: Book, grid: Grid, cursor: Mapping[int, int], found: Located
) -> tuple[int | None, dict[str, int], dict[str, int]]:
    """The sheet, the sheet row of each grid row and the sheet column of each grid column."""
    if grid.label_depth:
        sheet, rows = _locate_rows(book, grid, found)
        top = min(rows.values()) if rows else None
        below = cursor.get(sheet, 0) if sheet is not None else 0
        sheet, headers = _locate_columns(book, grid, sheet, above=top, below=below, found=found)
    else:
        # Without row labels only the headers place the grid: look below the tables already
        # found first, and accept a place only where at least half of the headers are.
        rows = {}
        sheet, headers = None, {}
        for below in (max(cursor.values(), default=0), 0):
            trial = Located()
            sheet, headers = _locate_columns(book, grid, None, above=None, below=below, found=trial)
            if 2 * len(headers) >= len(grid.columns):
                found.findings += trial.findings
                found.labels_found += trial.labels_found
                break
            sheet, headers = None, {}
        if sheet is not None and headers:
            bottom = max(p[1] for p in headers.values())
            rows = {grid.rows[0].path: _value_row(book, sheet, bottom, (p[2] for p in headers.values()))}
    return sheet, rows, {field: place[2] for field, place in headers.items()}


MAX_SHIFT = 3
"""The farthest a row's values are looked for beside its headers (a span split or merged wrongly)."""


def numeric(value: object) -> bool:
    """Whether a cell holds a number (or a number written as text): what a value cell holds."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int | float):
        return True
    if not isinstance(value, str) or value.lstrip()[:1] not in _NUMBER_STARTS:  # most texts are labels
        return False
    return PLAIN_NUMBER.fullmatch(normalize(value).replace(",", "")) is not None


_NUMBER_STARTS = frozenset("0123456789+-０１２３４５６７８９＋－")


def _align(
    book: Book, table: Table, grid: Grid, row: Row, *, at: tuple[int, int], columns: Mapping[str, int], found: Located
) -> int:
    """How far the row's numbers stand right of its columns: 0 where they stand under the headers.

    A row whose numbers all fit under the headers when moved by one shift (the least, if only
    one fits) is read so (GI523); numbers that fit under no column are reported and not read
    (GI501 when the row has more numbers than cells, GI524 otherwise).
    """
    wanted = set(columns.values())
    label = found.label_at.get(at, 0)
    numbers = [c for c in book.by_row.get(at, ()) if c > label]
    if all(c in wanted for c in numbers):
        return 0
    where = _row_where(table, row.labels[-1] if grid.label_depth else "")
    sheet, r = at
    if len(numbers) <= len(wanted):
        for distance in range(1, MAX_SHIFT + 1):
            # a number in column c stands under the header in column c + s; the cells read stay right of the label
            fits = [
                s
                for s in (distance, -distance)
                if all(c + s in wanted for c in numbers) and all(c - s > label for c in wanted)
            ]
            if len(fits) == 1:
                found.shifts.append(
                    (table, row.labels[-1] if grid.label_depth else "", (sheet, r, label or min(numbers)), fits[0])
                )
                return fits[0]
            if fits:
                break
    if len(numbers) > len(wanted):
        named = {**where, "found": len(numbers), "cells": len(wanted)}
        named |= {"note": "不在表头之下的数值未读取。", "note_en": "The numbers under no header were not read."}
        place = (sheet, r, min(numbers))
        finding = RULES["GI501"].finding(
            named, table=table.heading, source=book.located(place), expected=len(wanted), actual=len(numbers)
        )
        found.findings.append(finding)
        return 0
    for c in numbers:
        if c not in wanted:
            place = (sheet, r, c)
            named = {**where, "token": book.raw_text(place)}
            found.findings.append(RULES["GI524"].finding(named, table=table.heading, source=book.located(place)))
    return 0


def _shifted(book: Book, table: Table, shifts: list[tuple[Table, str, Place, int]]) -> list[Finding]:
    """GI523 for the rows of ``table`` read shifted: one finding for each shift, naming its rows."""
    by_shift: dict[int, list[tuple[str, Place]]] = defaultdict(list)
    for _, label, place, shift in shifts:
        by_shift[shift].append((label, place))
    findings = []
    for shift, rows in by_shift.items():
        label, place = rows[0]
        where = _row_where(table, label)
        if len(rows) > 1:
            where = {
                "where": f"“{table.heading}”中“{label}”等 {len(rows)} 行",
                "where_en": f"{len(rows)} rows of “{table.heading}” from “{label}”",
            }
        named = {**where, "shift": abs(shift), "direction": "靠左" if shift > 0 else "靠右"}
        named["direction_en"] = "left" if shift > 0 else "right"
        findings.append(RULES["GI523"].finding(named, table=table.heading, source=book.located(place)))
    return findings


def _row_where(table: Table, label: str) -> dict[str, str]:
    if label:
        return {"where": f"“{table.heading}”的“{label}”行", "where_en": f"the row “{label}” of “{table.heading}”"}
    return {"where": f"“{table.heading}”的数值行", "where_en": f"the value row of “{table.heading}”"}


def _table_missing(table: Table) -> Finding:
    return RULES["GI510"].finding({"table": table.heading}, path=table.field, table=table.heading)


def locate(book: Book, layout: Edition) -> Located:
    """Where every cell of ``layout``'s tables stands in ``book``, and what locating them noticed."""
    found = Located()
    cursor: dict[int, int] = defaultdict(int)
    for table in layout.tables:
        first, labels = len(found.findings), found.labels_found
        placed = 0
        missing: list[Finding] = []
        for grid in table.grids:
            sheet, rows, columns = _grid_lines(book, grid, cursor, found)
            if sheet is not None and rows and columns:
                cursor[sheet] = max(cursor[sheet], *rows.values())
                for row in grid.rows:
                    if row.path not in rows:
                        continue
                    shift = _align(book, table, grid, row, at=(sheet, rows[row.path]), columns=columns, found=found)
                    for column in grid.columns:
                        if column.field in columns:
                            path = join_path(table.field, row.path, column.field)
                            found.places[path] = (sheet, rows[row.path], columns[column.field] - shift)
                            placed += 1
            missing += [
                _missing(table, "row", row.label, join_path(table.field, row.path))
                for row in grid.rows
                if grid.label_depth and row.path not in rows
            ]
            missing += [
                _missing(table, "column", column.label, join_path(table.field, column.field))
                for column in grid.columns
                if column.field not in columns
            ]
        found.findings += missing if placed else [_table_missing(table)]
        found.findings += _shifted(book, table, found.shifts)
        found.shifts.clear()
        loose = sum(1 for f in found.findings[first:] if f.rule_id == "GI512")
        found.tables[table.field] = (placed, 2 * (found.labels_found - labels) - loose)
        found.parts[table.field] = found.findings[first:]
    return found


@attrs.frozen
class Part:
    """One table of an edition as a reader found it: its cells, what it noticed, how well it fits."""

    placed: int
    """How many of the table's cells were found."""
    score: int
    findings: list[Finding]
    cells: Callable[[], Mapping[str, FoundCell]]


def parts(book: Book, layout: Edition) -> dict[str, Part]:
    """Each table of ``layout`` as found in the grids of ``book`` (cells read when asked for)."""
    found = locate(book, layout)
    values = Values(book, layout, found)
    return {
        field: Part(placed, score, found.parts[field], lambda field=field: values.read([field]))  # type: ignore[misc]
        for field, (placed, score) in found.tables.items()
    }


_CELL_REF = re.compile(r"([A-Z]{1,3})(\d+)")


def _boundaries(first: str, last: str) -> tuple[int, int, int, int]:
    """Least column, least row, greatest column, greatest row of the range ``first:last`` (A1, ``$`` allowed)."""
    (a_col, a_row), (b_col, b_row) = (_parts(first), _parts(last))
    return min(a_col, b_col), min(a_row, b_row), max(a_col, b_col), max(a_row, b_row)


def _parts(reference: str) -> tuple[int, int]:
    found = _CELL_REF.fullmatch(reference.replace("$", "").upper())
    assert found is not None  # the formula pattern admits only A1 references
    return column_number(found.group(1)), int(found.group(2))


_REFERENCE = r"(?:(?:'[^']+'|[^\s'!:+,()]+)!)?\$?[A-Z]{1,3}\$?\d+"
_TERM = re.compile(rf"^(?:SUM\((?P<args>[^()]*)\)|(?P<ref>{_REFERENCE}))$", re.IGNORECASE)
_ARG = re.compile(rf"^(?P<a>{_REFERENCE})(?::(?P<b>\$?[A-Z]{{1,3}}\$?\d+))?$", re.IGNORECASE)


class Values:
    """Reads each located cell, evaluating plain-sum formulas that lack a saved result."""

    def __init__(self, book: Book, layout: Edition, found: Located) -> None:
        self.book = book
        self.layout = layout
        self.found = found
        self.by_place = {place: path for path, place in found.places.items()}
        self.evaluated: dict[Place, int | None] = {}

    def _sheet_index(self, prefix: str | None, default: int) -> int | None:
        if not prefix:
            return default
        name = prefix.strip("'")
        for i, sheet in enumerate(self.book.sheets):
            if sheet.name == name:
                return i
        return None

    def _references(self, formula: str, sheet: int) -> list[Place] | None:
        body = formula.lstrip("=").replace(" ", "")
        places: list[Place] = []
        for term in body.split("+"):
            m = _TERM.match(term)
            if m is None:
                return None
            for arg in m.group("args").split(",") if m.group("args") is not None else [m.group("ref")]:
                a = _ARG.match(arg)
                if a is None:
                    return None
                first = a.group("a")
                prefix, _, first_cell = first.rpartition("!")
                index = self._sheet_index(prefix or None, sheet)
                if index is None:
                    return None
                last_cell = a.group("b") or first_cell
                min_col, min_row, max_col, max_row = _boundaries(first_cell, last_cell)
                if len(places) + (max_row - min_row + 1) * (max_col - min_col + 1) > len(self.by_place):
                    return None  # wider than the tables: not a plain sum of table cells (and never enumerated)
                places += [(index, r, c) for r in range(min_row, max_row + 1) for c in range(min_col, max_col + 1)]
        return places

    def _evaluate(self, place: Place, seen: frozenset[Place]) -> int | None:
        if place not in self.evaluated:  # each cell once: a chain of formulas costs its length
            self.evaluated[place] = self._evaluate_once(place, seen)
        return self.evaluated[place]

    def _evaluate_once(self, place: Place, seen: frozenset[Place]) -> int | None:
        s, r, c = place
        formula = self.book.sheets[s].formulas.get((r, c))
        if formula is None:
            value = read_count(self.book.value(place)) if place in self.by_place else None
            return int(value.value) if value is not None and value.note is not Note.UNREADABLE else None
        if place in seen:
            return None
        references = self._references(formula, s)
        if references is None or any(p not in self.by_place for p in references):
            return None
        total = 0
        for reference in references:
            part = self._evaluate(reference, seen | {place})
            if part is None:
                return None
            total += part
        return total

    def read(self, tables: Iterable[str] | None = None) -> dict[str, FoundCell]:
        """Every located cell (of the ``tables`` named, when given) as read."""
        wanted = None if tables is None else set(tables)
        cells = {}
        for path, place in self.found.places.items():
            cell = self.layout.cell(path)
            if wanted is None or cell.table.field in wanted:
                cells[path] = self._read_cell(cell, place)
        return cells

    def _read_cell(self, cell: Cell, place: Place) -> FoundCell:
        s, r, c = place
        formula = self.book.sheets[s].formulas.get((r, c))
        source = self.book.located(place)
        if formula is not None:
            total = self._evaluate(place, frozenset()) if cell.kind == "count" else None
            rule = RULES["GI506" if total is not None else "GI507"]
            value = total if total is not None else zero(cell)
            where = self.book.source(place)
            noticed = cell_finding(rule, cell, actual=value, source=where, formula=formula, value=value)
            return FoundCell(Reading(value, None, formula), source, finding=noticed)
        held = self.book.value(place)
        if self.book.sheets[s].typed:
            reading, unit = read_cell(cell.kind, held, unit=cell.unit_path is not None)
        else:
            reading, unit = read_written(
                cell.kind, None if held is None else str(held), unit=cell.unit_path is not None
            )
        return FoundCell(reading, source, unit)

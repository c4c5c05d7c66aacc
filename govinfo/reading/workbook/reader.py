"""Reading real workbooks: :func:`read_xlsx`.

Tables are found by their official labels, not by coordinates: each row of a grid by its
label, each column by its header, the value at their crossing. So tables may sit anywhere,
on one sheet or several, under title rows, with blank, inserted or provincial rows. Every
value read, every assumption (a blank read as 0, a number stored as text, a formula
without a saved result) and every loose label match becomes a finding at the user's cell.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Mapping

import attrs
from openpyxl.utils import get_column_letter, range_boundaries

from govinfo.editions import EDITIONS
from govinfo.editions.layout import Cell, Edition, Grid, Table, join_path
from govinfo.errors import LayoutError
from govinfo.findings import Finding, SourceLocation
from govinfo.reading.finish import Found, FoundCell, finish, zero
from govinfo.reading.inputs import Binary, read_bytes
from govinfo.reading.labels import Match, find_title, match, normalize
from govinfo.reading.result import ReadResult
from govinfo.reading.values import Note, Reading, read_cell, read_count
from govinfo.reading.workbook import sheets as ours
from govinfo.reading.workbook.load import Engine, Sheet, load
from govinfo.reading.workbook.safety import MAX_FILE_BYTES, inspect
from govinfo.rules.catalog import RULES
from govinfo.rules.engine import cell_finding

Place = tuple[int, int, int]
"""Sheet index, row, column (1-based) of a cell."""

MAX_LABEL = 200
"""Cells with longer text are narratives, not labels, and are not matched."""


@attrs.define
class _Located:
    """Where each cell path of an edition was found, and what finding it took."""

    places: dict[str, Place] = attrs.field(factory=dict)
    findings: list[Finding] = attrs.field(factory=list)
    labels_found: int = 0

    @property
    def score(self) -> int:
        """How well the workbook fits this edition: labels found, less the loose matches."""
        return 2 * self.labels_found - sum(1 for f in self.findings if f.rule_id == "GI512")


class _Workbook:
    """The loaded sheets with an index of their label-sized texts."""

    def __init__(self, sheets: tuple[Sheet, ...], file: str | None) -> None:
        self.sheets = sheets
        self.file = file
        self.exact: dict[str, list[Place]] = defaultdict(list)
        self.texts: list[tuple[Place, str, str]] = []
        for s, sheet in enumerate(sheets):
            for (r, c), value in sorted(sheet.values.items()):
                if isinstance(value, str) and len(value) <= MAX_LABEL:
                    raw = value
                    norm = normalize(raw)
                    if norm:
                        self.exact[norm].append((s, r, c))
                        self.texts.append(((s, r, c), raw, norm))

    def source(self, place: Place) -> SourceLocation:
        s, r, c = place
        return SourceLocation(file=self.file, sheet=self.sheets[s].name, cell=f"{get_column_letter(c)}{r}")

    def located(self, place: Place) -> SourceLocation:
        """The place, with the cell's content as the workbook holds it."""
        held = self.value(place)
        return attrs.evolve(self.source(place), text=None if held is None else str(held))

    def value(self, place: Place) -> object:
        s, r, c = place
        return self.sheets[s].values.get((r, c))

    def raw_text(self, place: Place) -> str:
        return str(self.value(place))

    def candidates(self, label: str, sheet: int | None = None) -> tuple[list[Place], Match | None]:
        """Cells whose text matches ``label``: exact ones if any, else loose ones."""
        key = normalize(label)
        exact = [p for p in self.exact.get(key, ()) if sheet is None or p[0] == sheet]
        if exact:
            return exact, Match.EXACT
        loose = [p for p, _, norm in self.texts if (sheet is None or p[0] == sheet) and match(norm, key)]
        return loose, (Match.LOOSE if loose else None)


def _loose(book: _Workbook, place: Place, label: str) -> Finding:
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


def _locate_rows(book: _Workbook, grid: Grid, found: _Located) -> tuple[int | None, dict[str, int]]:
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
        previous = place[1]
        found.labels_found += 1
        if kind is Match.LOOSE:
            found.findings.append(_loose(book, place, row.labels[-1]))
    return sheet, rows


def _locate_columns(
    book: _Workbook, grid: Grid, sheet: int | None, *, above: int | None, below: int, found: _Located
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


def _value_row(book: _Workbook, sheet: int, header_bottom: int, columns: Iterable[int]) -> int:
    """The row below the headers of a grid without row labels (table 四) that holds its values."""
    wanted = list(columns)
    values = book.sheets[sheet].values
    formulas = book.sheets[sheet].formulas
    for row in range(header_bottom + 1, header_bottom + 6):
        if any((row, c) in values or (row, c) in formulas for c in wanted):
            return row
    return header_bottom + 1


def _grid_lines(
    book: _Workbook, grid: Grid, cursor: Mapping[int, int], found: _Located
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
            trial = _Located()
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


def _table_missing(table: Table) -> Finding:
    return RULES["GI510"].finding({"table": table.heading}, path=table.field, table=table.heading)


def _locate(book: _Workbook, layout: Edition) -> _Located:
    found = _Located()
    cursor: dict[int, int] = defaultdict(int)
    for table in layout.tables:
        placed = 0
        missing: list[Finding] = []
        for grid in table.grids:
            sheet, rows, columns = _grid_lines(book, grid, cursor, found)
            if sheet is not None and rows and columns:
                cursor[sheet] = max(cursor[sheet], *rows.values())
                for row in grid.rows:
                    for column in grid.columns:
                        if row.path in rows and column.field in columns:
                            path = join_path(table.field, row.path, column.field)
                            found.places[path] = (sheet, rows[row.path], columns[column.field])
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
    return found


_REFERENCE = r"(?:(?:'[^']+'|[^\s'!:+,()]+)!)?\$?[A-Z]{1,3}\$?\d+"
_TERM = re.compile(rf"^(?:SUM\((?P<args>[^()]*)\)|(?P<ref>{_REFERENCE}))$", re.IGNORECASE)
_ARG = re.compile(rf"^(?P<a>{_REFERENCE})(?::(?P<b>\$?[A-Z]{{1,3}}\$?\d+))?$", re.IGNORECASE)


class _Values:
    """Reads each located cell, evaluating plain-sum formulas that lack a saved result."""

    def __init__(self, book: _Workbook, layout: Edition, found: _Located) -> None:
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
                min_col, min_row, max_col, max_row = range_boundaries(f"{first_cell}:{last_cell}".replace("$", ""))
                if min_col is None or min_row is None or max_col is None or max_row is None:
                    return None  # a whole-row or whole-column reference is not a plain sum of table cells
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

    def read(self) -> dict[str, FoundCell]:
        return {path: self._read_cell(self.layout.cell(path), place) for path, place in self.found.places.items()}

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
        reading, unit = read_cell(cell.kind, self.book.value(place), unit=cell.unit_path is not None)
        return FoundCell(reading, source, unit)


def _text_place(book: _Workbook, label: str) -> Place | None:
    """The cell right of a label cell."""
    places = book.exact.get(normalize(label), [])
    if not places:
        return None
    s, r, c = places[0]
    return s, r, c + 1


def _text_after(book: _Workbook, label: str) -> str | int | None:
    """The value right of a label cell, with the continuation rows below it joined."""
    place = _text_place(book, label)
    if place is None:
        return None
    s, r, c = place
    c -= 1
    cells = book.sheets[s].values
    value = cells.get((r, c + 1))
    if not isinstance(value, str):
        return value if isinstance(value, int) and not isinstance(value, bool) else None
    pieces = [value]
    row = r + 1
    while cells.get((row, c)) == ours.CONTINUED and isinstance(cells.get((row, c + 1)), str):
        pieces.append(str(cells[(row, c + 1)]))
        row += 1
    return "".join(pieces)


def _title(book: _Workbook) -> tuple[str | None, int | None]:
    for _, raw, norm in book.texts:
        title = find_title(norm, whole=True)
        if title:
            organ = raw[: raw.find(str(title[1]))].strip()  # as the cell writes it, spaces inside kept
            return organ or None, title[1]
    return None, None


def _year(value: str | int | None) -> int | None:
    if isinstance(value, int):
        return value
    if isinstance(value, str):
        digits = normalize(value).removesuffix("年度").removesuffix("年")
        if digits.isdigit() and len(digits) == 4:
            return int(digits)
    return None


def read_xlsx(
    source: Binary, *, engine: Engine = "openpyxl", organ: str | None = None, year: int | None = None
) -> ReadResult:
    """Read an annual report from a workbook: the report, every finding, and where each value stands.

    ``source`` is a path, a binary stream or the bytes of an ``.xlsx`` file. ``engine``
    ``"calamine"`` uses python-calamine (the ``calamine`` extra) for speed; it returns the
    same report and findings. ``organ`` and ``year`` are used when the workbook does not
    say them. The findings are those of reading (what was assumed, corrected or not found)
    followed by :func:`govinfo.check`'s and :func:`govinfo.check_text`'s, each with the sheet
    and cell of the user's file. It unpacks as ``report, findings``; its ``sources`` give
    each value's sheet, cell and content as the workbook holds it.

    Raises :class:`~govinfo.FileFormatError` for what is not a readable workbook,
    :class:`~govinfo.UnsafeFileError` for a hostile one and :class:`~govinfo.LayoutError`
    when none of the report's tables is in it.
    """
    data, file = read_bytes(source, limit=MAX_FILE_BYTES)
    loaded = load(data, engine, inspect(data))
    book = _Workbook(loaded.sheets, file)
    title_organ, title_year = _title(book)
    named_organ = _text_after(book, ours.ORGAN)
    found_organ = named_organ if isinstance(named_organ, str) else title_organ
    found_year = _year(_text_after(book, ours.YEAR)) or title_year or year
    candidates = []
    for layout in EDITIONS.values():
        located = _locate(book, layout)
        reader = _Values(book, layout, located)
        sources: dict[str, SourceLocation] = {}
        labelled = (("organ", ours.ORGAN), ("year", ours.YEAR), *((n.field, n.heading) for n in layout.narratives))
        for field, label in labelled:
            place = _text_place(book, label)
            if place is not None and book.value(place) is not None:
                sources[field] = book.located(place)
        narratives = {n.field: _text_after(book, n.heading) for n in layout.narratives}
        candidates.append(
            Found(
                layout,
                # The edition is the layout the workbook matches best: exact labels outweigh loose ones.
                score=located.score,
                cells=reader.read,
                findings=located.findings,
                organ=found_organ if found_organ is not None else (organ or ""),
                year=found_year,
                narratives={k: v if isinstance(v, str) else "" for k, v in narratives.items()},
                sources=sources,
            )
        )
    nothing = LayoutError(
        "工作簿中没有找到年度报告的任何表格（表二、表三、表四）",
        "none of the report's tables (二, 三, 四) was found in the workbook",
    )
    engine_notes = [RULES["GI514"].finding({"note": note}) for note in loaded.warnings]
    return finish(candidates, nothing=nothing, before=engine_notes)


def locations(findings: Iterable[Finding]) -> Mapping[tuple[str, str], list[Finding]]:
    """Findings grouped by (sheet, cell) of their source, for annotating a workbook."""
    grouped: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.source and finding.source.sheet and finding.source.cell:
            grouped[(finding.source.sheet, finding.source.cell)].append(finding)
    return grouped

"""Loading a workbook's cells through openpyxl or python-calamine, behind one shape.

Both engines give the same :class:`Sheet` objects (non-empty cells by 1-based row and
column, formula texts where the engine can see them), so that everything after loading
is shared and the two engines return the same report and findings.
"""

from __future__ import annotations

import functools
import io
import warnings
from collections.abc import Callable, Iterable
from typing import Any, Literal

import attrs
import openpyxl
from openpyxl.worksheet.formula import ArrayFormula

from govinfo.errors import FileFormatError, UnsafeFileError
from govinfo.reading.grid import Position, Sheet
from govinfo.reading.workbook import text
from govinfo.reading.workbook.safety import MAX_CELLS, MAX_EXTENT, Scan, inspect, open_archive

Engine = Literal["openpyxl", "calamine"]


@attrs.frozen
class Loaded:
    """What loading produced: the sheets and any warnings the engine gave."""

    sheets: tuple[Sheet, ...]
    warnings: tuple[str, ...]


def _damaged(error: BaseException) -> FileFormatError:
    return FileFormatError(
        f"工作簿已损坏，无法读取（{type(error).__name__}: {error}）",
        f"the workbook is damaged and cannot be read ({type(error).__name__}: {error})",
    )


def _chain(error: BaseException) -> list[BaseException]:
    """The error and those it was raised from or during (openpyxl wraps parser errors)."""
    chain: list[BaseException] = []
    current: BaseException | None = error
    while current is not None and current not in chain:
        chain.append(current)
        current = current.__cause__ or current.__context__
    return chain


def guarded(load: Callable[[], Any]) -> Any:
    """``load()``; what a damaged or hostile file makes the parser raise becomes a ``GovinfoError``."""
    try:
        return load()
    except UnsafeFileError:
        raise
    except Exception as error:  # noqa: BLE001 — whatever a damaged file makes a parser raise
        if any(type(e).__module__.startswith("defusedxml") for e in _chain(error)):
            raise UnsafeFileError(
                "工作簿中含有被禁止的 XML 实体或文档类型声明（可能是恶意文件）",
                "the workbook contains forbidden XML entities or DTDs (possibly hostile)",
            ) from None
        raise _damaged(error) from None


def _count(cells: int) -> None:
    if cells > MAX_CELLS:
        raise UnsafeFileError(
            f"工作簿单元格过多（{cells} 个），超过 {MAX_CELLS} 个的上限",
            f"too many cells ({cells}; the limit is {MAX_CELLS})",
        )


def _openpyxl(data: bytes) -> Loaded:
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        book = guarded(lambda: openpyxl.load_workbook(io.BytesIO(data), data_only=False, keep_links=False))
        sheets = []
        pending: dict[str, dict[Position, str]] = {}
        total = 0
        for ws in book.worksheets:
            # ws._cells holds only the cells present in the file: iterating the declared
            # dimension instead would walk a stray XFD1048576 across billions of cells.
            cells = ws._cells
            total += len(cells)
            _count(total)
            values: dict[Position, object] = {}
            formulas: dict[Position, str] = {}
            for position, cell in cells.items():
                value = cell.value
                if value is None or value == "":
                    continue
                if cell.data_type == "f":
                    formulas[position] = str(value.text if isinstance(value, ArrayFormula) else value)
                else:
                    values[position] = text.decode(value) if isinstance(value, str) else value
            sheets.append((ws.title, values, formulas))
            if formulas:
                pending[ws.title] = formulas
        if pending:
            cached = guarded(lambda: openpyxl.load_workbook(io.BytesIO(data), data_only=True, keep_links=False))
            for name, formulas in pending.items():
                ws = cached[name]
                for position in list(formulas):
                    value = ws._cells[position].value if position in ws._cells else None
                    if value is not None and value != "":
                        value = text.decode(value) if isinstance(value, str) else value
                        for title, values, _ in sheets:
                            if title == name:
                                values[position] = value
                        del formulas[position]
    notes = tuple(dict.fromkeys(str(w.message) for w in caught))
    return Loaded(tuple(Sheet(t, v, f) for t, v, f in sheets), notes)


def _calamine(data: bytes, scan: Scan) -> Loaded | None:
    if scan.formulas:
        return None  # calamine cannot see formulas; openpyxl evaluates or reports them
    if scan.extent > MAX_EXTENT:
        return None  # calamine would allocate the whole rectangle up to the farthest cell
    if scan.long_numbers:
        return None  # calamine reads numbers as floats, which would round them
    return _calamine_sheets(data)


def _calamine_sheets(data: bytes, *, limit_extent: bool = False) -> Loaded:
    from python_calamine import CalamineWorkbook, SheetTypeEnum  # noqa: PLC0415 — an optional extra

    book = guarded(lambda: CalamineWorkbook.from_filelike(io.BytesIO(data)))
    sheets = []
    total = 0
    for meta in book.sheets_metadata:
        if meta.typ != SheetTypeEnum.WorkSheet:
            continue
        sheet = guarded(functools.partial(book.get_sheet_by_name, meta.name))
        height, width = sheet.total_height + 1, sheet.total_width + 1
        if limit_extent and height * width > MAX_EXTENT:
            raise UnsafeFileError(
                f"工作表“{meta.name}”的范围过大（{height} 行 × {width} 列）",
                f"the sheet {meta.name!r} is too large ({height} rows × {width} columns)",
            )
        rows: list[list[object]] = guarded(functools.partial(sheet.to_python, skip_empty_area=False))
        # calamine gives every number as a float; openpyxl gives ints for integers.
        values: dict[Position, object] = {
            (r, c): int(value) if value.__class__ is float and value.is_integer() else value
            for r, row in enumerate(rows, start=1)
            for c, value in enumerate(row, start=1)
            if value != ""
        }
        merged = sheet.merged_cell_ranges
        if merged:
            for covered in _covered(merged):
                values.pop(covered, None)
        total += len(values)
        _count(total)
        sheets.append(Sheet(meta.name, values))
    return Loaded(tuple(sheets), ())


def load_legacy(data: bytes) -> Loaded:
    """The cells of an ``.xls`` (Excel 97–2003 or WPS ``.et``) or ``.ods`` workbook, through python-calamine.

    A zipped ``.ods`` is first checked like any Office archive; a sheet whose extent would
    make calamine allocate more than :data:`MAX_EXTENT` cells is refused.
    """
    if data.startswith(b"PK\x03\x04"):
        open_archive(data, "工作簿", "workbook").close()
    return _calamine_sheets(data, limit_extent=True)


def _covered(ranges: Iterable[tuple[tuple[int, int], tuple[int, int]]]) -> set[Position]:
    """The cells merged ranges cover, but for each range's first: openpyxl reads no value there."""
    return {
        (r + 1, c + 1)
        for (top, left), (bottom, right) in ranges
        for r in range(top, bottom + 1)
        for c in range(left, right + 1)
        if (r, c) != (top, left)
    }


def load(data: bytes, engine: Engine = "openpyxl", scan: Scan | None = None) -> Loaded:
    """The cells of every worksheet of a workbook that :func:`inspect` passed (``scan`` is what it found)."""
    if engine == "calamine":
        loaded = _calamine(data, scan if scan is not None else inspect(data))
        if loaded is not None:
            return loaded
    return _openpyxl(data)

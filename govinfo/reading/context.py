"""The surroundings of a value in the user's file, for ``govinfo explain``.

For text and web pages: the lines of the file as they are (for HTML the page source,
where the readers' line numbers point). For workbooks of every kind: the cells of the
value's row, with the value's own cell marked. For the tables of Word files and PDFs: the
cells of the value's table row; for their text: the paragraph or the line of the page.
"""

from __future__ import annotations

from pathlib import Path

import attrs
from openpyxl.utils import coordinate_to_tuple, get_column_letter

from govinfo.errors import Lang
from govinfo.findings import SourceLocation
from govinfo.reading.convert import docx_of
from govinfo.reading.grid import Sheet
from govinfo.reading.inputs import read_bytes
from govinfo.reading.text.decode import MAX_BYTES, decode
from govinfo.reading.workbook.load import load, load_legacy
from govinfo.reading.workbook.safety import MAX_FILE_BYTES, inspect

_WIDTH = 24
"""Characters of a cell's text shown."""


def text_lines(path: Path) -> list[str]:
    """The lines of a text file or web page, decoded as the reader decodes it."""
    data, _ = read_bytes(path, limit=MAX_BYTES)
    text, _ = decode(data)
    return text.splitlines()


def _shown(value: object) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= _WIDTH else text[:_WIDTH] + "…"


def cell_context(path: Path, where: SourceLocation, lang: Lang = "zh") -> list[str]:
    """The non-empty cells of the value's row, ``【】`` round the value's own cell."""
    assert where.cell is not None
    data, _ = read_bytes(path, limit=MAX_FILE_BYTES)
    if data.startswith(b"PK\x03\x04") and b"xl/workbook.xml" in data:
        inspect(data)
        loaded = load(data)
    else:
        loaded = load_legacy(data)
    sheet = next((s for s in loaded.sheets if s.name == where.sheet), None)
    if sheet is None:
        return []
    row, column = coordinate_to_tuple(where.cell)
    cells = []
    for (r, c), value in sorted(sheet.values.items()):
        if r != row:
            continue
        text = f"{get_column_letter(c)}{r}={_shown(value)}"
        cells.append(f"【{text}】" if c == column else text)
    if column not in {c for r, c in sheet.values if r == row}:
        cells.insert(0, f"【{where.cell}={'(empty)' if lang == 'en' else '（空）'}】")
    head = f"{where.sheet} row {row}: " if lang == "en" else f"{where.sheet} 第 {row} 行："
    return [head + "  ".join(cells)]


def _grids(path: Path) -> tuple[list[str], list[SourceLocation], list[Sheet]]:
    """The lines (where each stands) and table grids of a Word file or PDF."""
    from govinfo.reading import pdf, word  # noqa: PLC0415 — their libraries only when needed

    data, _ = read_bytes(path, limit=MAX_FILE_BYTES)
    if data.startswith(b"%PDF"):
        return pdf.parse(data)
    if not (data.startswith(b"PK\x03\x04") and b"word/document.xml" in data):  # .doc, .wps, .odt: as read
        data = docx_of(data)
    found = word.parse(data)
    return found.lines, found.places, found.sheets


def _same_row(a: SourceLocation, b: SourceLocation) -> bool:
    return (a.page, a.table, a.row) == (b.page, b.table, b.row)


def grid_context(path: Path, where: SourceLocation, lang: Lang = "zh") -> list[str]:
    """The non-empty cells of the value's table row in a Word file or PDF, ``【】`` round its own."""
    _, _, sheets = _grids(path)
    for sheet in sheets:
        if sheet.where is None:
            continue
        rows = {r for r, _ in sheet.values}
        for r in sorted(rows):
            if not _same_row(sheet.where(r, 1), where):
                continue
            cells = []
            for (row, c), value in sorted(sheet.values.items()):
                if row == r:
                    text = f"{c}={_shown(value)}" if lang == "en" else f"第{c}列={_shown(value)}"
                    cells.append(f"【{text}】" if c == where.column else text)
            if where.column not in {c for row, c in sheet.values if row == r}:
                cells.insert(0, "【(empty)】" if lang == "en" else "【（空）】")
            head = attrs.evolve(where, file=None, column=None, text=None).describe(lang)
            return [f"{head}: " + "  ".join(cells) if lang == "en" else f"{head}：" + "  ".join(cells)]
    return []


def line_context(path: Path, where: SourceLocation) -> list[str]:
    """The paragraph of a Word file, or the line of a PDF page, with those around it."""
    lines, places, _ = _grids(path)
    key = (where.page, where.line, where.paragraph)
    at = [k for k, place in enumerate(places) if (place.page, place.line, place.paragraph) == key]
    if not at:
        return []
    first, last = max(0, at[0] - 1), min(len(lines) - 1, at[-1] + 1)
    return [f"{'>' if k in at else ' '} {places[k].describe()} | {lines[k]}" for k in range(first, last + 1)]


def context(path: Path, where: SourceLocation, lang: Lang = "zh") -> list[str]:
    """What stands around the value at ``where`` in the file at ``path``, the value marked ``【】``."""
    if where.sheet is not None and where.cell is not None:
        return cell_context(path, where, lang)
    if where.table is not None and where.row is not None:
        return grid_context(path, where, lang)
    if where.page is not None or where.paragraph is not None:
        return line_context(path, where)
    if where.line is None:
        return []
    lines = text_lines(path)
    shown = []
    for number in range(max(1, where.line - 1), min(len(lines), where.line + 1) + 1):
        line = lines[number - 1]
        if number == where.line and where.column:
            end = where.end_column or where.column
            line = f"{line[: where.column - 1]}【{line[where.column - 1 : end]}】{line[end:]}"
        marker = ">" if number == where.line else " "
        shown.append(f"{marker} {number:>5} | " + line.replace("\t", "  "))
    return shown

"""The surroundings of a value in the user's file, for ``govinfo explain``.

For text and web pages: the lines of the file as they are (for HTML the page source,
where the readers' line numbers point). For workbooks: the cells of the value's row, with
the value's own cell marked.
"""

from __future__ import annotations

from pathlib import Path

from openpyxl.utils import coordinate_to_tuple, get_column_letter

from govinfo.errors import Lang
from govinfo.findings import SourceLocation
from govinfo.reading.inputs import read_bytes
from govinfo.reading.text.decode import MAX_BYTES, decode
from govinfo.reading.workbook.load import load
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
    inspect(data)
    sheet = next((s for s in load(data).sheets if s.name == where.sheet), None)
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

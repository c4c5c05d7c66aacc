"""Web pages as lines: each table row one line of tab-separated cells, with where each cell stands in the page."""

from __future__ import annotations

import html.parser

import attrs

from govinfo.errors import UnsafeFileError
from govinfo.findings import SourceLocation
from govinfo.reading.grid import Sheet
from govinfo.reading.text.tokens import lead

Origin = tuple[int, int, int]
"""A cell of a flattened line: (its offset in the line, the line and column of its text in the page)."""


class Flatten(html.parser.HTMLParser):
    """HTML as lines of text; each table row one line of tab-separated cells, spans expanded.

    ``origins`` says, for each line, where each of its cells stands in the page source.
    """

    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.origins: list[tuple[Origin, ...]] = []
        self.text: list[str] = []
        self.text_at: tuple[int, int] | None = None
        self.tables: list[list[list[tuple[str, int, int, tuple[int, int]]]]] = []
        self.cell: list[str] | None = None
        self.cell_at = (1, 0)
        self.span = (1, 1)
        self.skip = 0
        self.budget = MAX_POSITIONS
        self.sheets: list[Sheet] = []

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            self.flush()
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            found = dict(attrs_)
            self.cell = []
            self.cell_at = self.getpos()
            self.span = (_span(found.get("colspan")), _span(found.get("rowspan")))
        elif tag in self.BLOCKS:
            self.flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append((" ".join("".join(self.cell).split()), *self.span, self.cell_at))
            self.cell = None
        elif tag == "table" and self.tables:
            rows = self.tables.pop()
            lines, self.budget = _grid_lines(rows, self.budget)
            self.sheets.append(_sheet(len(self.sheets) + 1, lines, len(self.lines)))
            for line, origins in lines:
                self.lines.append(line)
                self.origins.append(origins)
        elif tag == "p" and not self.tables:
            self.flush(blank=True)  # a paragraph of a no-break space is the page's blank line
        elif tag in self.BLOCKS:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            if not "".join(self.cell).strip() and data.strip():
                self.cell_at = self._text_at(data)
            self.cell.append(data)
        elif not self.tables:
            if self.text_at is None and data.strip():
                self.text_at = self._text_at(data)
            self.text.append(data)

    def _text_at(self, data: str) -> tuple[int, int]:
        """Where the first character of ``data`` that is not white space stands in the page."""
        line, column = self.getpos()
        return line, column + lead(data)

    def flush(self, *, blank: bool = False) -> None:
        """End the block of text read so far; ``blank`` when it ends a paragraph, which is a blank line
        when all it held was no-break or ideographic spaces (``<p>&nbsp;</p>``)."""
        raw = "".join(self.text)
        line = " ".join(raw.split())
        if line and self.text_at is not None:
            self.lines.append(line)
            self.origins.append(((0, *self.text_at),))
        elif blank and raw.strip(" \t\r\n") and not raw.strip():
            self.lines.append("")
            self.origins.append(((0, *self.getpos()),))
        self.text = []
        self.text_at = None


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1


MAX_POSITIONS = 500_000
"""Grid positions (cells times their spans) of all tables of a page: a report has a few hundred."""


def _grid_lines(
    rows: list[list[tuple[str, int, int, tuple[int, int]]]], budget: int
) -> tuple[list[tuple[str, tuple[Origin, ...]]], int]:
    """Table rows as tab-separated lines, where each cell came from, and the positions left.

    A spanned position is an empty cell; a row span stops at the table's last row.
    :class:`~govinfo.UnsafeFileError` when the spans would make more positions than ``budget``.
    """
    taken: set[tuple[int, int]] = set()
    lines = []
    for r, row in enumerate(rows):
        c = offset = 0
        cells: list[str] = []
        origins: list[Origin] = []
        for text, colspan, rowspan, at in row:
            while (r, c) in taken:
                cells.append("")
                offset += 1
                c += 1
            down = min(rowspan, len(rows) - r)
            budget -= colspan * down
            if budget < 0:
                raise UnsafeFileError(
                    f"网页中的表格过大（合并单元格展开后超过 {MAX_POSITIONS} 格），疑似恶意文件",
                    f"the page's tables are too large (over {MAX_POSITIONS} positions with their spans)",
                )
            origins.append((offset, *at))
            cells.append(text)
            offset += len(text) + 1
            taken.update((r + dr, c + dc) for dr in range(down) for dc in range(colspan) if dr or dc)
            cells.extend("" for _ in range(colspan - 1))
            offset += colspan - 1
            c += colspan
        lines.append(("\t".join(cells), tuple(origins)))
    return lines, budget


def _sheet(number: int, lines: list[tuple[str, tuple[Origin, ...]]], base: int) -> Sheet:
    """A table as a grid: each cell's text at its position (a spanned cell's at its first), placed in the
    flattened lines (line ``base + row``, the column where the cell starts), which :class:`Page` maps to the page."""
    values: dict[tuple[int, int], object] = {}
    starts: list[list[int]] = []
    for r, (line, _) in enumerate(lines, start=1):
        offsets, offset = [], 0
        for c, text in enumerate(line.split("\t"), start=1):
            offsets.append(offset)
            if text:
                values[(r, c)] = text
            offset += len(text) + 1
        starts.append(offsets)

    def where(row: int, column: int) -> SourceLocation:
        offsets = starts[row - 1] if 0 < row <= len(starts) else [0]
        return SourceLocation(line=base + row, column=offsets[min(column, len(offsets)) - 1] + 1)

    return Sheet(f"表格{number}", values, where=where, typed=False)


def is_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<table" in head or "<body" in head or "<p>" in head or "<div" in head


@attrs.frozen
class Page:
    """Turns places in the flattened lines into places in the page source."""

    origins: tuple[tuple[Origin, ...], ...]
    sheets: tuple[Sheet, ...] = ()
    """The page's tables as cell grids, placed in the flattened lines."""

    def place(self, where: SourceLocation) -> SourceLocation:
        """``where`` (a line of the flattened text, and columns in it) in the page source."""
        if where.line is None or not self.origins[where.line - 1]:
            return where
        cells = self.origins[where.line - 1]
        if where.column is None:
            return attrs.evolve(where, line=cells[0][1])
        offset, line, column = next(c for c in reversed(cells) if c[0] <= where.column - 1)
        start = column + where.column - offset
        end = where.end_column + start - where.column if where.end_column is not None else None
        return attrs.evolve(where, line=line, column=start, end_column=end)


def flatten(text: str) -> tuple[list[str], Page]:
    """The page as lines of text (tables as tab-separated rows), and where they stand in it."""
    parser = Flatten()
    parser.feed(text)
    parser.close()
    parser.flush()
    return parser.lines, Page(tuple(parser.origins), tuple(parser.sheets))

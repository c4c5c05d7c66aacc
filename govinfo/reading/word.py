"""Reading Word files (``.docx``): the tables as cell grids, the text as paragraphs.

python-docx (the ``word`` extra) opens the file once :func:`~govinfo.reading.workbook.safety.open_archive`
has found it sane. The body is walked in order: each paragraph is a line, each table a cell
grid read by the one table reader (:mod:`govinfo.reading.grid`) and, flattened, lines too,
so that sections and narratives are read as in a published page. Merges are read as Word
writes them: ``gridSpan`` widens a cell, ``vMerge="continue"`` is a position covered by the
cell above, ``gridBefore`` leaves positions at the start of a row. Text is taken from the
runs themselves, so tracked insertions are read and tracked deletions are not.
"""

from __future__ import annotations

import io
from collections.abc import Iterator
from typing import Any

import attrs

from govinfo.errors import FileFormatError, UnsafeFileError
from govinfo.findings import SourceLocation
from govinfo.reading.extras import need
from govinfo.reading.grid import Sheet
from govinfo.reading.inputs import Binary, read_bytes
from govinfo.reading.result import ReadResult
from govinfo.reading.text.reader import by_line, read_lines
from govinfo.reading.workbook.safety import MAX_FILE_BYTES, open_archive

MAX_DOCUMENT_BYTES = 32 * 2**20
"""The body's XML (``word/document.xml``; pictures are parts of their own): a report's is well under
a megabyte, and the parsed tree takes several times its size in memory."""
MAX_TABLE_POSITIONS = 500_000
"""Grid positions (cells times their spans) of all tables of a document: a report has a few hundred."""

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _text(element: Any) -> str:
    """The text of a paragraph or cell as Word shows it: runs' text, tabs and breaks; deletions left out."""
    pieces = []
    for node in element.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}p"):
        if node.tag == f"{_W}t":
            pieces.append(node.text or "")
        elif node.tag == f"{_W}tab":
            pieces.append("\t")
        elif node.tag == f"{_W}p":
            if pieces:
                pieces.append("\n")
        else:
            pieces.append("\n")
    return "".join(pieces)


def _int(value: object, default: int) -> int:
    try:
        return max(0, min(int(str(value)), 64))
    except ValueError:
        return default


def _attribute(element: Any, path: str) -> str | None:
    found = element.find(path)
    if found is None:
        return None
    value = found.get(f"{_W}val")
    return "continue" if value is None and path.endswith("vMerge") else value


@attrs.define
class _Document:
    """The document as lines (paragraphs, and table rows tab-separated) and table grids."""

    lines: list[str] = attrs.field(factory=list)
    places: list[SourceLocation] = attrs.field(factory=list)
    sheets: list[Sheet] = attrs.field(factory=list)
    paragraphs: int = 0
    budget: int = MAX_TABLE_POSITIONS

    def paragraph(self, element: Any) -> None:
        self.paragraphs += 1
        for line in _text(element).split("\n"):
            self.lines.append(line)
            self.places.append(SourceLocation(paragraph=self.paragraphs))

    def table(self, element: Any) -> None:
        number = len(self.sheets) + 1
        self.sheets.append(Sheet(f"表格{number}", {}))  # placed first: nested tables are numbered after it
        values: dict[tuple[int, int], object] = {}
        rows: list[list[str]] = []
        for r, tr in enumerate(element.iterchildren(f"{_W}tr"), start=1):
            c = 1 + _int(_attribute(tr, f"{_W}trPr/{_W}gridBefore"), 0)
            cells = [""] * (c - 1)
            for tc in tr.iterchildren(f"{_W}tc"):
                span = max(1, _int(_attribute(tc, f"{_W}tcPr/{_W}gridSpan"), 1))
                self.budget -= span
                if self.budget < 0:
                    raise UnsafeFileError(
                        f"文档中的表格过大（超过 {MAX_TABLE_POSITIONS} 格），疑似恶意文件",
                        f"the document's tables are too large (over {MAX_TABLE_POSITIONS} positions)",
                    )
                covered = _attribute(tc, f"{_W}tcPr/{_W}vMerge") == "continue"
                text = "" if covered else " ".join(_text_outside_tables(tc).split())
                if text:
                    values[(r, c)] = text
                cells += [text] + [""] * (span - 1)
                c += span
                for nested in tc.iterchildren(f"{_W}tbl"):
                    self.table(nested)
            rows.append(cells)
        for r, cells in enumerate(rows, start=1):
            self.lines.append("\t".join(cells))
            self.places.append(SourceLocation(table=number, row=r))

        def where(row: int, column: int) -> SourceLocation:
            return SourceLocation(table=number, row=row, column=column)

        self.sheets[number - 1] = Sheet(f"表格{number}", values, where=where, typed=False)


def _text_outside_tables(tc: Any) -> str:
    """A cell's text without that of the tables nested in it (read as tables of their own)."""
    return "\n".join(_text(p) for p in tc.iterchildren(f"{_W}p"))


def _blocks(body: Any) -> Iterator[Any]:
    """The paragraphs and tables of the body in order, those inside content controls too."""
    for child in body.iterchildren():
        if child.tag in (f"{_W}p", f"{_W}tbl"):
            yield child
        elif child.tag == f"{_W}sdt":
            content = child.find(f"{_W}sdtContent")
            if content is not None:
                yield from _blocks(content)


def parse(data: bytes) -> _Document:
    docx = need("docx", "word", "Word 文件（.docx）", "Word files (.docx)")
    with open_archive(data, "Word 文档", "Word document") as archive:
        parts = {info.filename: info.file_size for info in archive.infolist()}
    if "word/document.xml" not in parts:
        raise FileFormatError("文件不是 Word 文档（.docx）", "the file is not a Word document (.docx)")
    if parts["word/document.xml"] > MAX_DOCUMENT_BYTES:
        size = parts["word/document.xml"] // 2**20
        raise UnsafeFileError(
            f"Word 文档正文过大（{size} MB），超过 {MAX_DOCUMENT_BYTES // 2**20} MB 的上限",
            f"the Word document's body is too large ({size} MB; the limit is {MAX_DOCUMENT_BYTES // 2**20} MB)",
        )
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as error:  # noqa: BLE001 — whatever a damaged file makes python-docx raise
        raise FileFormatError(
            f"Word 文档已损坏，无法读取（{type(error).__name__}: {error}）",
            f"the Word document is damaged and cannot be read ({type(error).__name__}: {error})",
        ) from None
    found = _Document()
    for block in _blocks(document.element.body):
        if block.tag == f"{_W}p":
            found.paragraph(block)
        else:
            found.table(block)
    return found


def read_docx(source: Binary) -> ReadResult:
    """Read an annual report from a Word file (``.docx``): the report, every finding, and where each value stands.

    ``source`` is a path, a binary stream or the bytes of the file. The tables are read by
    their cell grids (a blank cell is a blank cell at its position), the sections and
    narratives from the paragraphs. Places are the table, row and column of a table cell,
    or the paragraph. Needs the ``word`` extra (``pip install "govinfo[word]"``).

    Raises :class:`~govinfo.FileFormatError` for what is not a readable Word file,
    :class:`~govinfo.UnsafeFileError` for a hostile one and :class:`~govinfo.LayoutError`
    when none of the report's tables is in it.
    """
    data, file = read_bytes(source, limit=MAX_FILE_BYTES)
    found = parse(data)
    return read_lines(
        list(enumerate(found.lines, start=1)),
        sheets=[s for s in found.sheets if s.values],
        file=file,
        place=by_line(found.places),
    )

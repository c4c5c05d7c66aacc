"""Reading PDF files: ruled tables as cell grids, the text layer as lines.

pdfplumber (the ``pdf`` extra) finds each table by its ruling lines and gives its cells,
merged cells as positions covered by the cell that spans them. Tables are read by the one
table reader (:mod:`govinfo.reading.grid`); a table continued on the next page (the same
number of columns, first on its page) is one grid, with a row that the page break cut in
two joined again. Tables without rules are read from the text as the text reader reads
copied text. Page numbers (``— 3 —``, ``第 3 页``, ``3/6``) are not content.

Before anything is parsed the file is checked: encrypted, too many pages, or a content
stream that would inflate beyond :data:`MAX_STREAM_BYTES` is refused with a
:class:`~govinfo.GovinfoError`; a PDF without a text layer (a scan) is refused as such.
"""

from __future__ import annotations

import bisect
import io
import itertools
import re
import zlib
from collections.abc import Iterator
from typing import Any

import attrs

from govinfo.errors import FileFormatError, LayoutError, UnsafeFileError
from govinfo.findings import SourceLocation
from govinfo.reading.extras import need
from govinfo.reading.grid import Sheet, numeric
from govinfo.reading.inputs import Binary, read_bytes
from govinfo.reading.result import ReadResult
from govinfo.reading.text.reader import by_line, read_lines

MAX_BYTES = 50 * 2**20
MAX_PAGES = 500
"""A report has a few pages to a few dozen; a book of 500 pages is not one."""
MAX_STREAM_BYTES = 8 * 2**20
"""What one page's content may inflate to (a page of text is a few kilobytes, a page with a vector
chart a few hundred; parsing 8 MB of page content takes pdfminer seconds)."""
MAX_CHARACTERS = 2_000_000
"""Characters of the whole text layer (a report has tens of thousands)."""

_PAGE_NUMBER = re.compile(
    r"^[-—–－~～·\s]*(?:第\s*)?\d{1,4}(?:\s*页)?(?:\s*[/／]\s*\d{1,4}|\s*共\s*\d{1,4}\s*页)?[-—–－~～·\s]*$"
)


def _damaged(error: BaseException) -> FileFormatError:
    return FileFormatError(
        f"PDF 文件已损坏或不完整，无法读取（{type(error).__name__}: {error}）",
        f"the PDF is damaged or truncated and cannot be read ({type(error).__name__}: {error})",
    )


def _encrypted() -> FileFormatError:
    return FileFormatError(
        "PDF 文件已加密（设置了打开密码），请去掉密码后再试",
        "the PDF is encrypted (it has an open password); remove the password and try again",
    )


def _open(pdfplumber: Any, data: bytes) -> Any:
    from pdfminer.pdfdocument import PDFPasswordIncorrect  # noqa: PLC0415 — with the optional extra

    try:
        return pdfplumber.open(io.BytesIO(data))
    except PDFPasswordIncorrect:
        raise _encrypted() from None
    except Exception as error:  # noqa: BLE001 — whatever a damaged file makes the parser raise
        # pdfplumber wraps pdfminer's errors: PdfminerException(PDFPasswordIncorrect())
        causes = [error, *error.args, error.__cause__, error.__context__]
        if any(isinstance(c, PDFPasswordIncorrect) or "Encrypt" in type(c).__name__ for c in causes):
            raise _encrypted() from None
        raise _damaged(error) from None


def _check(pdf: Any) -> None:
    """Refuse what would take unbounded time or memory, before any page is parsed."""
    from pdfminer.pdftypes import resolve1  # noqa: PLC0415 — with the optional extra

    pages = resolve1(pdf.doc.catalog.get("Pages"))
    count = resolve1(pages.get("Count")) if isinstance(pages, dict) else None
    if not isinstance(count, int) or count > MAX_PAGES:
        total = count if isinstance(count, int) else len(list(_limited(pdf)))
        if total > MAX_PAGES:
            raise UnsafeFileError(
                f"PDF 页数过多（{total} 页），超过 {MAX_PAGES} 页的上限",
                f"the PDF has too many pages ({total}; the limit is {MAX_PAGES})",
            )


def _limited(pdf: Any) -> Iterator[Any]:
    from pdfminer.pdfpage import PDFPage  # noqa: PLC0415 — with the optional extra

    for number, page in enumerate(PDFPage.create_pages(pdf.doc), start=1):
        yield page
        if number > MAX_PAGES:
            return


def _contents(page: Any) -> None:
    """Refuse a page whose content streams would inflate beyond :data:`MAX_STREAM_BYTES`."""
    from pdfminer.pdftypes import PDFStream, resolve1  # noqa: PLC0415 — with the optional extra

    left = MAX_STREAM_BYTES
    for ref in page.page_obj.contents or ():
        stream = resolve1(ref)
        if not isinstance(stream, PDFStream):
            continue
        filters = stream.get_filters()
        if not filters:
            left -= len(stream.get_rawdata() or b"")
        elif [f for f, _ in filters] == [filters[0][0]] and str(filters[0][0]).strip("/'") in ("FlateDecode", "Fl"):
            inflater = zlib.decompressobj()
            try:
                left -= len(inflater.decompress(stream.get_rawdata() or b"", max(1, left)))
            except zlib.error as error:
                raise _damaged(error) from None
            if inflater.unconsumed_tail:
                left = -1
        if left < 0:
            raise UnsafeFileError(
                f"PDF 第 {page.page_number} 页的内容解压后过大（超过 {MAX_STREAM_BYTES // 2**20} MB），疑似恶意文件",
                f"page {page.page_number} of the PDF inflates beyond {MAX_STREAM_BYTES // 2**20} MB (possibly hostile)",
            )


@attrs.define
class _Part:
    """One table on one page: its rows of cells (left, right, text) and where it stands."""

    page: int
    number: int
    """The table's number on its page."""
    rows: list[list[tuple[float, float, str]]]
    box: tuple[float, float, float, float]
    """Left, top, right, bottom."""
    last: bool = False
    """Whether it is the last table on its page."""


_WRAPPED_NUMBER = re.compile(r"[\d,.]+(?:\n[\d,.]+)+")
"""A number the cell's width wrapped over lines (``21\n2`` printed as 212 in a narrow column)."""


def _unwrapped(text: str | None) -> str:
    """A cell's text, a number wrapped by the cell's width put back on one line."""
    if text and _WRAPPED_NUMBER.fullmatch(text):
        return text.replace("\n", "")
    return text or ""


def _part(page: int, number: int, table: Any) -> _Part:
    texts = table.extract()
    rows = [
        [
            (float(box[0]), float(box[2]), _unwrapped(text))
            for box, text in zip(row.cells, line, strict=False)
            if box is not None
        ]
        for row, line in zip(table.rows, texts, strict=False)
    ]
    return _Part(page, number, rows, tuple(float(x) for x in table.bbox))  # type: ignore[arg-type]


_TOLERANCE = 3.0
"""Points within which two rulings are the same line."""


Span = tuple[float, float] | None
"""The top of the first and the bottom of the last line of a page's text outside its tables."""


def _continues(previous: _Part, part: _Part, spans: dict[int, Span]) -> bool:
    """Whether ``part`` is ``previous`` continued on the next page: as wide, the last thing on its page
    and the first on the next (no heading or text between them)."""
    before, after = spans.get(previous.page), spans.get(part.page)
    return (
        part.page == previous.page + 1
        and part.number == 1
        and previous.last
        and abs(part.box[0] - previous.box[0]) <= _TOLERANCE
        and abs(part.box[2] - previous.box[2]) <= _TOLERANCE
        and (before is None or before[1] <= previous.box[3] + _TOLERANCE)
        and (after is None or after[0] >= part.box[1] - _TOLERANCE)
    )


def _columns(parts: list[_Part]) -> list[float]:
    """The left rulings of every cell of the parts, as one set of column starts."""
    lefts = sorted(x0 for part in parts for row in part.rows for x0, _, _ in row)
    columns: list[float] = []
    for x in lefts:
        if not columns or x - columns[-1] > _TOLERANCE:
            columns.append(x)
    return columns


def _cut(last: dict[int, str], first: dict[int, str], same: set[int]) -> set[int]:
    """The cells of ``first`` (a page's first row) that are the rest of ``last`` (the previous page's
    last row), cut by the page break; ``same`` are the columns where both rows have a cell of the
    same box. Text only, none of it under a number. A value row's wrapped labels may go on under the
    blank of a merged label cell (the whole row is its rest). Of a row of headers, a cell is the
    rest of the cell of the same box above it: header cells spanning two rows are cut while the
    second row's own headers begin under a merged one, and those begin a row of their own."""
    if not first or any(numeric(t) or numeric(last.get(c)) for c, t in first.items()):
        return set()
    if any(numeric(t) for t in last.values()):
        return set(first) if any(last.get(c) for c in first) else set()
    return {c for c in first if last.get(c) and c in same}


def _near(box: tuple[float, float] | None, other: tuple[float, float]) -> bool:
    """Whether two cells have the same left and right rulings."""
    return box is not None and abs(box[0] - other[0]) <= _TOLERANCE and abs(box[1] - other[1]) <= _TOLERANCE


def _sheet(number: int, parts: list[_Part]) -> Sheet | None:
    """The parts of one table (a page each) as one grid; ``None`` for a ruled box around text."""
    columns = _columns(parts)
    if len(columns) < 2:
        return None
    rows: list[dict[int, str]] = []
    origins: list[tuple[int, int, int]] = []
    boxes: dict[int, tuple[float, float]] = {}  # the last row's cells: column → left and right ruling
    for k, part in enumerate(parts):
        for index, row in enumerate(part.rows, start=1):
            placed = {bisect.bisect_right(columns, x0 + _TOLERANCE): (x0, x1, text) for x0, x1, text in row}
            cells = {c: text for c, (_, _, text) in placed.items() if text.strip()}
            if k and index == 1 and rows:
                same = {c for c, (x0, x1, _) in placed.items() if _near(boxes.get(c), (x0, x1))}
                rest = _cut(rows[-1], cells, same)
                for c in rest:
                    rows[-1][c] = rows[-1].get(c, "") + cells.pop(c)
                if rest and not cells:
                    continue
            rows.append(cells)
            origins.append((part.page, part.number, index))
            boxes = {c: (x0, x1) for c, (x0, x1, _) in placed.items()}
    values: dict[tuple[int, int], object] = {
        (r, c): text for r, row in enumerate(rows, start=1) for c, text in row.items()
    }

    def where(row: int, column: int) -> SourceLocation:
        page, table, at = origins[min(max(row, 1), len(origins)) - 1]
        return SourceLocation(page=page, table=table, row=at, column=column)

    return Sheet(f"表格{number}", values, where=where, typed=False)


def _sheets(parts: list[_Part], spans: dict[int, Span]) -> list[Sheet]:
    """Every table as a grid, a table continued on the next pages joined to its start."""
    groups: list[list[_Part]] = []
    for part in parts:
        if groups and _continues(groups[-1][-1], part, spans):
            groups[-1].append(part)
        else:
            groups.append([part])
    sheets = [_sheet(k, group) for k, group in enumerate(groups, start=1)]
    return [sheet for sheet in sheets if sheet is not None and sheet.values]


_ENDS = frozenset("。！？；：!?;:")
_STARTS = re.compile(r"^\s*(?:[（(][一二三四五六七八九十\d]+[）)]|[一二三四五六七八九十]+、|\d+[.、．])")
"""A line that starts a heading or a numbered item starts a paragraph."""


Margins = tuple[float, float]
"""The left and right edges of the text lines seen so far (a page of a signature alone has no margin)."""


def _lines(
    page: Any, boxes: list[tuple[float, float, float, float]], margins: Margins | None
) -> tuple[list[tuple[int, str]], bool, bool, Span, Margins | None]:
    """The page's text as (first line number, text): lines outside tables joined into paragraphs where a
    line runs to the right margin and the next does not start a heading; page numbers at the top and
    bottom left out. Also whether the first line may continue the previous page's last paragraph,
    whether the last line runs on to the next page, and where the text outside the tables starts and ends."""
    lines = page.extract_text_lines(return_chars=False)
    while lines and _PAGE_NUMBER.match(lines[-1]["text"]):
        lines.pop()
    while lines and _PAGE_NUMBER.match(lines[0]["text"]):
        lines.pop(0)
    outside = [not any(box[1] <= (line["top"] + line["bottom"]) / 2 <= box[3] for box in boxes) for line in lines]
    texts = [line for line, out in zip(lines, outside, strict=True) if out]
    if texts:
        seen = margins or (float("inf"), 0.0)
        margins = (min(seen[0], *(t["x0"] for t in texts)), max(seen[1], *(t["x1"] for t in texts)))
    left, right = margins or (0.0, 0.0)

    def size(line: dict[str, Any]) -> float:
        return float(line["bottom"] - line["top"]) or 10.0

    def indented(line: dict[str, Any]) -> bool:  # a first-line indent or a right-aligned line; a centred
        inset = line["x0"] - left  # line (a title's second line) goes on from a full one above it
        return bool(inset > 1.5 * size(line) and abs(inset - (right - line["x1"])) > size(line))

    # A page whose paragraphs are indented, or set apart by a blank line, says where each begins; one
    # with neither, by its punctuation (a line ending a sentence at the margin ends its paragraph).
    tops = [float(t["top"]) for t in texts]
    steps = sorted(b - a for a, b in itertools.pairwise(tops) if b > a)
    pitch = steps[len(steps) // 2] if steps else 0.0
    gaps = any(step > 1.6 * pitch for step in steps)
    indents = any(indented(line) for line in texts)
    joined: list[tuple[int, str]] = []
    runs_on = False
    previous: float | None = None
    for number, (line, out) in enumerate(zip(lines, outside, strict=True), start=1):
        text = line["text"]
        apart = previous is not None and pitch > 0 and float(line["top"]) - previous > 1.6 * pitch
        if runs_on and out and not _STARTS.match(text) and not indented(line) and not apart:
            joined[-1] = (joined[-1][0], joined[-1][1] + text)
        else:
            joined.append((number, text))
        full = line["x1"] >= right - 3 * size(line)
        runs_on = out and full and (indents or gaps or text.rstrip()[-1:] not in _ENDS)
        previous = float(line["top"]) if out else None
    continues = bool(lines) and outside[0] and not _STARTS.match(lines[0]["text"]) and not indented(lines[0])
    span = (float(texts[0]["top"]), float(texts[-1]["bottom"])) if texts else None
    return joined, continues, runs_on, span, margins


def parse(data: bytes) -> tuple[list[str], list[SourceLocation], list[Sheet]]:
    """The text lines of a PDF (where each stands) and its tables as grids."""
    pdfplumber = need("pdfplumber", "pdf", "PDF 文件", "PDF files")
    if not data.startswith(b"%PDF"):
        raise FileFormatError("文件不是 PDF", "the file is not a PDF")
    pdf = _open(pdfplumber, data)
    try:
        _check(pdf)
        lines: list[str] = []
        places: list[SourceLocation] = []
        parts: list[_Part] = []
        spans: dict[int, Span] = {}
        characters = 0
        running = False
        margins: Margins | None = None
        for page in pdf.pages:
            _contents(page)
            number = page.page_number
            characters += len(page.chars)
            if characters > MAX_CHARACTERS:
                raise UnsafeFileError(
                    f"PDF 文字过多（超过 {MAX_CHARACTERS} 个字符）",
                    f"the PDF has too much text (over {MAX_CHARACTERS} characters)",
                )
            tables = sorted(page.find_tables(), key=lambda t: t.bbox[1])
            for index, table in enumerate(tables, start=1):
                parts.append(_part(number, index, table))
            if tables:
                parts[-1].last = True
            boxes = [p.box for p in parts if p.page == number and max(map(len, p.rows), default=0) > 1]
            found, continues, ends_running, spans[number], margins = _lines(page, boxes, margins)
            if found and continues and running and lines:  # a paragraph carried over the page break
                lines[-1] += found.pop(0)[1]
            for at, line in found:
                lines.append(line)
                places.append(SourceLocation(page=number, line=at))
            running = ends_running
            page.close()  # frees the page's parsed objects
    except (UnsafeFileError, FileFormatError):
        raise
    except Exception as error:  # noqa: BLE001 — whatever a damaged file makes the parser raise
        raise _damaged(error) from None
    finally:
        pdf.close()
    if characters == 0:
        raise FileFormatError(
            "PDF 没有文字层（可能是扫描件），无法读取；请使用带文字的 PDF 或原始 Word 文件",
            "the PDF has no text layer (a scan?); use a PDF with text or the original Word file",
        )
    return lines, places, _sheets(parts, spans)


def read_pdf(source: Binary) -> ReadResult:
    """Read an annual report from a PDF with a text layer: the report, every finding, and where each value stands.

    ``source`` is a path, a binary stream or the bytes of the file. Ruled tables are read
    by their cell grids (a table over several pages as one), the rest from the text layer.
    Places are the page, table and row (and column) of a table cell, or the page and line of
    the text. Needs the ``pdf`` extra (``pip install "govinfo[pdf]"``).

    Raises :class:`~govinfo.FileFormatError` for a damaged, encrypted or scanned PDF (one
    without a text layer), :class:`~govinfo.UnsafeFileError` for a hostile one and
    :class:`~govinfo.LayoutError` when none of the report's tables is in it.
    """
    data, file = read_bytes(source, limit=MAX_BYTES)
    lines, places, sheets = parse(data)

    nothing = LayoutError("PDF 中没有找到年度报告的任何表格", "none of the report's tables was found in the PDF")
    return read_lines(list(enumerate(lines, start=1)), sheets=sheets, file=file, place=by_line(places), nothing=nothing)

"""Reading real workbooks: :func:`read_xlsx`.

Tables are found by their official labels, not by coordinates: each row of a grid by its
label, each column by its header, the value at their crossing. So tables may sit anywhere,
on one sheet or several, under title rows, with blank, inserted or provincial rows. Every
value read, every assumption (a blank read as 0, a number stored as text, a formula
without a saved result) and every loose label match becomes a finding at the user's cell.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from typing import Literal

import attrs

from govinfo.editions import EDITIONS
from govinfo.errors import LayoutError
from govinfo.findings import Finding, SourceLocation
from govinfo.reading.extras import installed, need
from govinfo.reading.finish import Found, finish
from govinfo.reading.grid import Book, Place, Values, locate
from govinfo.reading.inputs import Binary, read_bytes
from govinfo.reading.labels import find_title, normalize, traditional, with_hint
from govinfo.reading.made import MARKED_SHEETS, made
from govinfo.reading.result import ReadResult
from govinfo.reading.workbook import sheets as ours
from govinfo.reading.workbook.load import Engine, Loaded, load, load_legacy
from govinfo.reading.workbook.safety import MAX_FILE_BYTES, inspect
from govinfo.rules.catalog import RULES


def _text_place(book: Book, label: str) -> Place | None:
    """The cell right of a label cell."""
    places = book.exact.get(normalize(label), [])
    if not places:
        return None
    s, r, c = places[0]
    return s, r, c + 1


def _text_after(book: Book, label: str) -> str | int | None:
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


def _title(book: Book) -> tuple[str | None, int | None]:
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
    source: Binary, *, engine: Engine | Literal["auto"] = "auto", organ: str | None = None, year: int | None = None
) -> ReadResult:
    """Read an annual report from a workbook: the report, every finding, and where each value stands.

    ``source`` is a path, a binary stream or the bytes of an ``.xlsx`` file. ``engine``
    ``"auto"`` takes the fastest installed: python-calamine (the ``excel`` extra) when it
    is installed, else openpyxl; both return the same report and findings (openpyxl's own
    warnings about the file, GI514, aside). ``organ`` and ``year`` are used when the workbook does not
    say them. The findings are those of reading (what was assumed, corrected or not found)
    followed by :func:`govinfo.check`'s and :func:`govinfo.check_text`'s, each with the sheet
    and cell of the user's file. It unpacks as ``report, findings``; its ``sources`` give
    each value's sheet, cell and content as the workbook holds it.

    Raises :class:`~govinfo.FileFormatError` for what is not a readable workbook,
    :class:`~govinfo.UnsafeFileError` for a hostile one and :class:`~govinfo.LayoutError`
    when none of the report's tables is in it.
    """
    data, file = read_bytes(source, limit=MAX_FILE_BYTES)
    if engine == "auto":
        engine = "calamine" if installed("python_calamine") else "openpyxl"
    return _read_loaded(load(data, engine, inspect(data)), file, organ=organ, year=year)


def read_spreadsheet(source: Binary, *, organ: str | None = None, year: int | None = None) -> ReadResult:
    """Read an annual report from an ``.xls`` (Excel 97–2003), WPS ``.et`` or ``.ods`` workbook.

    As :func:`read_xlsx`, through python-calamine (the ``excel`` extra:
    ``pip install "govinfo[excel]"``); merged cells are read as in ``.xlsx``.
    """
    data, file = read_bytes(source, limit=MAX_FILE_BYTES)
    need("python_calamine", "excel", "旧版 Excel、WPS 表格和 ODS 工作簿", "old Excel, WPS and ODS workbooks")
    return _read_loaded(load_legacy(data), file, organ=organ, year=year)


def _read_loaded(loaded: Loaded, file: str | None, *, organ: str | None, year: int | None) -> ReadResult:
    book = Book(loaded.sheets, file)
    title_organ, title_year = _title(book)
    named_organ = _text_after(book, ours.ORGAN)
    found_organ = named_organ if isinstance(named_organ, str) else title_organ
    found_year = _year(_text_after(book, ours.YEAR)) or title_year or year
    candidates = []
    for layout in EDITIONS.values():
        located = locate(book, layout)
        reader = Values(book, layout, located)
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
    if traditional(raw for _, raw, _ in book.texts):
        engine_notes.append(RULES["GI526"].finding())
        nothing = with_hint(nothing)
    result = finish(candidates, nothing=nothing, before=engine_notes)
    marked = [sheet for sheet in book.sheets if sheet.name.rstrip("_") in MARKED_SHEETS]
    if marked:
        texts = (value for sheet in marked for value in sheet.values.values())
        result = attrs.evolve(result, made=made(texts, result.report))
    return result


def locations(findings: Iterable[Finding]) -> Mapping[tuple[str, str], list[Finding]]:
    """Findings grouped by (sheet, cell) of their source, for annotating a workbook."""
    grouped: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for finding in findings:
        if finding.source and finding.source.sheet and finding.source.cell:
            grouped[(finding.source.sheet, finding.source.cell)].append(finding)
    return grouped

"""Writing the official workbook: :func:`write_xlsx` and :func:`template`.

Each table goes to its own sheet, laid out from the edition's declaration: label chains
become merged label cells, header chains merged header cells, exactly as the official
format prints them. Value cells are number cells with data validation; totals are the
reported values, never formulas. The metadata and the narratives go to the sheet
``基本信息``. Files are written atomically.
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from decimal import Decimal
from typing import IO, Any

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.worksheet import Worksheet

from govinfo.analysis.aggregate import Aggregate
from govinfo.editions import edition
from govinfo.editions.layout import Edition, Table
from govinfo.editions.printed import printed
from govinfo.errors import UnwritableValueError, expect, expect_text
from govinfo.findings import Value
from govinfo.model.cells import attrs_get, cell_values
from govinfo.model.report import AnnualReport, report_argument
from govinfo.reading.made import mark
from govinfo.reading.workbook import sheets, text
from govinfo.rules.engine import row_label
from govinfo.writing.atomic import atomic, target_argument

Target = str | os.PathLike[str] | IO[bytes]

MAX_EXACT_INT = 2**53 - 1
"""The largest count an Excel number holds exactly."""

_THIN = Side(style="thin")
BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
FONT = Font(name="宋体", size=11)
BOLD = Font(name="宋体", size=11, bold=True)
HEADING = Font(name="黑体", size=14)
CENTER = Alignment(horizontal="center", vertical="center", wrap_text=True)
LEFT = Alignment(horizontal="left", vertical="center", wrap_text=True)
TOP_LEFT = Alignment(horizontal="left", vertical="top", wrap_text=True)
POINTS_PER_LINE = 15.0


class _Sheet:
    """Writes cells with the table style and records merges and value cells."""

    def __init__(self, ws: Worksheet) -> None:
        self.ws = ws
        self.counts: list[str] = []
        self.amounts: list[str] = []

    def label(
        self,
        row: int,
        col: int,
        value: str,
        *,
        end_row: int | None = None,
        end_col: int | None = None,
        font: Font = FONT,
        align: Alignment = CENTER,
    ) -> None:
        cell = self.ws.cell(row=row, column=col)
        set_text(cell, value)
        cell.font = font
        cell.alignment = align
        self._merge(row, col, end_row or row, end_col or col)

    def number(self, row: int, col: int, value: Value | None, kind: str, *, end_col: int, unit: str = "") -> None:
        cell = self.ws.cell(row=row, column=col)
        if unit and isinstance(value, Decimal):
            set_text(cell, f"{format(value, 'f')}{unit}")  # the amount as the filer wrote it, unit and all
        else:
            cell.value = value
        cell.font = FONT
        cell.alignment = CENTER
        cell.number_format = "General" if kind == "amount" else "0"
        if kind == "count":
            self.counts.append(cell.coordinate)
        elif kind == "amount" and not unit:  # an amount with its own unit is text, not a number to validate
            self.amounts.append(cell.coordinate)
        self._merge(row, col, row, end_col)

    def _merge(self, row: int, col: int, end_row: int, end_col: int) -> None:
        if (end_row, end_col) != (row, col):
            self.ws.merge_cells(start_row=row, start_column=col, end_row=end_row, end_column=end_col)

    def border(self, top: int, bottom: int, width: int) -> None:
        for row in self.ws.iter_rows(min_row=top, max_row=bottom, max_col=width):
            for cell in row:
                cell.border = BORDER


def set_text(cell: Any, value: str) -> None:
    """Put text in a cell so that no program takes it for a formula, a number or a link."""
    cell.value = value
    cell.data_type = "s"
    if value[:1] in ("=", "+", "-", "@"):
        cell.quotePrefix = True


_STYLE = {
    "heading": (HEADING, LEFT),
    "title": (BOLD, LEFT),
    "corner": (FONT, CENTER),
    "header": (FONT, CENTER),
    "label": (FONT, LEFT),
}


def _print(sheet: _Sheet, table: Table, values: Callable[[str], Value | None]) -> None:
    """Lay the table out as the official format prints it (:mod:`govinfo.editions.printed`)."""
    cells, grids = printed(table)
    for placed in cells:
        if placed.cell is None:
            font, align = _STYLE[placed.role]
            sheet.label(
                placed.row,
                placed.col,
                placed.text,
                end_row=placed.end_row,
                end_col=placed.end_col,
                font=font,
                align=align,
            )
            continue
        cell = placed.cell
        unit = values(cell.unit_path) if cell.unit_path else ""
        sheet.number(placed.row, placed.col, values(cell.path), cell.kind, end_col=placed.end_col, unit=str(unit or ""))
    for top, bottom in grids:
        sheet.border(top, bottom, table.width)


def _label_widths(table: Table) -> list[float]:
    """Column widths (in characters) fitted to the labels that occupy one column alone."""
    widths = [8.0] * table.width
    for grid in table.grids:
        for row in grid.rows:
            level = len(row.labels) - 1
            if level >= 0 and level == grid.label_depth - 1:
                widths[level] = max(widths[level], min(40.0, 2.0 * len(row.labels[-1]) + 2))
            for i, label in enumerate(row.labels[:-1]):
                widths[i] = max(widths[i], min(16.0, 2.0 * len(label) + 2))
        for index, column in enumerate(grid.columns):
            col = grid.label_depth + index
            widths[col] = max(widths[col], min(14.0, 2.0 * max(len(x) for x in column.labels[-1:]) + 2))
    return widths


def _fit_rows(ws: Worksheet, widths: list[float]) -> None:
    """Row heights enough for wrapped text (openpyxl does not measure text).

    A label merged across rows has the height of all its rows and is left out.
    """
    room: dict[str, float] = {}
    tall: set[str] = set()
    for merged in ws.merged_cells.ranges:
        anchor = merged.start_cell.coordinate
        room[anchor] = sum(widths[c - 1] for c in range(merged.min_col, merged.max_col + 1))
        if merged.max_row > merged.min_row:
            tall.add(anchor)
    for row in ws.iter_rows():
        lines = 1
        for cell in row:
            if isinstance(cell.value, str) and cell.coordinate not in tall:
                width = room.get(cell.coordinate, widths[cell.column - 1])
                lines = max(lines, -(-2 * len(cell.value) // max(1, int(width))))
        ws.row_dimensions[int(row[0].row or 1)].height = POINTS_PER_LINE * min(lines, 27)


def _print_setup(ws: Worksheet, landscape: bool) -> None:
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 1
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True


def _validation(ws: Worksheet, kind: str, cells: list[str]) -> None:
    if not cells:
        return
    whole = kind == "count"
    rule = DataValidation(
        type="whole" if whole else "decimal",
        operator="greaterThanOrEqual",
        formula1="0",
        allow_blank=True,
        showErrorMessage=True,
        errorTitle="数值无效",
        error="请填写大于或等于 0 的整数。" if whole else "请填写大于或等于 0 的数值（单位见列标题）。",
    )
    for cell in cells:
        rule.add(cell)
    ws.add_data_validation(rule)


def _table_sheet(wb: Workbook, table: Table, values: Callable[[str], Value | None]) -> None:
    ws = wb.create_sheet(sheets.table_sheet(table))
    sheet = _Sheet(ws)
    _print(sheet, table, values)
    widths = _label_widths(table)
    for index, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(index)].width = width
    _fit_rows(ws, widths)
    _print_setup(ws, landscape=table.width > 6)
    _validation(ws, "count", sheet.counts)
    _validation(ws, "amount", sheet.amounts)


def _text_rows(ws: Worksheet, row: int, label: str, value: str | int) -> int:
    pieces = text.chunks(text.encode(value)) if isinstance(value, str) else [value]
    for index, piece in enumerate(pieces):
        head = ws.cell(row=row + index, column=1)
        set_text(head, label if index == 0 else sheets.CONTINUED)
        head.font = BOLD
        head.alignment = TOP_LEFT
        cell = ws.cell(row=row + index, column=2)
        if isinstance(piece, str):
            set_text(cell, piece)
        elif isinstance(piece, int):
            cell.value = piece
        cell.font = FONT
        cell.alignment = TOP_LEFT
        if isinstance(piece, str):
            lines = sum(1 + len(line) // 50 for line in piece.split("\n"))
            ws.row_dimensions[row + index].height = min(409.0, POINTS_PER_LINE * lines)
    return row + len(pieces)


def _info_sheet(wb: Workbook, layout: Edition, report: AnnualReport | None) -> None:
    ws = wb.active
    assert ws is not None
    ws.title = sheets.INFO_SHEET
    organ = report.organ if report else ""
    title = f"{organ} {report.year} 年{sheets.TITLE}" if report else sheets.TITLE
    head = ws.cell(row=1, column=1)
    set_text(head, text.encode(title)[: text.CELL_LIMIT // 2])
    head.font = HEADING
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=2)
    row = _text_rows(ws, 3, sheets.ORGAN, organ)
    row = _text_rows(ws, row, sheets.YEAR, report.year if report else "")
    row = _text_rows(ws, row, sheets.EDITION, layout.id)
    row += 1
    for narrative in layout.narratives:
        row = _text_rows(ws, row, narrative.heading, getattr(report, narrative.field) if report else "")
    ws.column_dimensions["A"].width = 30
    ws.column_dimensions["B"].width = 100
    _print_setup(ws, landscape=False)


def _checked_values(report: AnnualReport) -> dict[str, Value]:
    values = cell_values(report)
    for cell in edition(report.edition).cells:
        if cell.unit_path:
            values[cell.unit_path] = attrs_get(report, cell.unit_path)
    for path, value in values.items():
        if isinstance(value, Decimal):
            if not value.is_finite() or Decimal(repr(float(value))) != value:
                raise UnwritableValueError(
                    path,
                    value,
                    "Excel 数值最多保存 15 位有效数字且必须是有限数",
                    "an Excel number keeps at most 15 significant digits",
                )
        elif isinstance(value, int) and abs(value) > MAX_EXACT_INT:
            raise UnwritableValueError(
                path,
                value,
                f"Excel 只能精确保存绝对值不超过 {MAX_EXACT_INT} 的整数",
                f"Excel holds integers up to {MAX_EXACT_INT} exactly",
            )
    return values


def _workbook(layout: Edition, report: AnnualReport | None) -> Workbook:
    values = _checked_values(report) if report is not None else {}
    wb = Workbook()
    _info_sheet(wb, layout, report)
    for table in layout.tables:
        _table_sheet(wb, table, values.get)
    return wb


def save_atomically(wb: Workbook, target: Target) -> None:
    """Save ``wb`` to a path (via a temporary file renamed into place) or a binary stream."""
    if not isinstance(target, str | os.PathLike):
        buffer = io.BytesIO()
        wb.save(buffer)
        target.write(buffer.getvalue())
        return
    with atomic(target) as stream:
        wb.save(stream)


def write_xlsx(report: AnnualReport, target: Target) -> None:
    """Write ``report`` as the official workbook to a path or a binary stream.

    Every value is checked first (:class:`~govinfo.UnwritableValueError` names a value Excel
    cannot hold exactly); a path is written atomically, so a failure leaves no partial file.
    """
    report_argument(report, "write_xlsx")
    target_argument(target, "write_xlsx")
    save_atomically(_workbook(edition(report.edition), report), target)


def write_aggregate_xlsx(total: Aggregate, target: Target) -> None:
    """Write a 汇总 in the official layout, with sheets for who contributed what.

    ``分单位明细`` lists every cell with the total and each contributing organ's value;
    ``汇总说明`` names the organs included and those left out, with the reasons.
    """
    expect(
        total,
        Aggregate,
        function="write_aggregate_xlsx",
        parameter="total",
        zh="汇总结果（Aggregate，govinfo.aggregate 的返回值）",
        en="an Aggregate (what govinfo.aggregate returns)",
    )
    target_argument(target, "write_aggregate_xlsx")
    layout = edition(total.report.edition)
    wb = _workbook(layout, total.report)
    detail = wb.create_sheet(sheets.BREAKDOWN_SHEET)
    header = ["表", "行", "列", "路径", "合计", *(r.organ for r in total.inputs)]
    for organ in header[5:]:
        if len(text.encode(organ)) > text.CELL_LIMIT:  # a header has no continuation rows: refuse, never cut
            raise UnwritableValueError(
                "organ", organ, "机关名称过长，放不进表头单元格", "the organ's name is too long for a header cell"
            )
    for col, value in enumerate(header, start=1):
        cell = detail.cell(row=1, column=col)
        set_text(cell, text.encode(value))
        cell.font = BOLD
    columns = [cell_values(r) for r in (total.report, *total.inputs)]
    for row, cell in enumerate(layout.cells, start=2):
        labels = (f"表{cell.table.number}", row_label(cell), cell.column.label, cell.path)
        for col, value in enumerate(labels, start=1):
            set_text(detail.cell(row=row, column=col), value)
        for col, values in enumerate(columns, start=5):
            detail.cell(row=row, column=col).value = values[cell.path]
    for letter, width in zip("ABCD", (6, 40, 24, 40), strict=True):
        detail.column_dimensions[letter].width = width
    detail.freeze_panes = "E2"
    notes = wb.create_sheet(sheets.AGGREGATE_NOTES_SHEET)
    lines: list[tuple[str, str]] = [("纳入汇总的单位", f"{len(total.inputs)} 个")]
    lines += [("", r.organ) for r in total.inputs]
    lines.append(("未纳入汇总的单位", f"{len(total.excluded)} 个"))
    lines += [(e.organ, "；".join(f"[{f.rule_id}] {f.message_zh}" for f in e.findings)) for e in total.excluded]
    if total.unread:
        lines.append(("无法读取、未纳入汇总的文件", f"{len(total.unread)} 个"))
        lines += [("", f"[{f.rule_id}] {f.message_zh}") for f in total.unread]
    lines.append(("", mark("aggregate", total.report)))  # known again if it comes back in a folder of inputs
    row = 1
    for label, value in lines:  # a long list of reasons goes on over continuation rows, not cut
        row = _text_rows(notes, row, label, value)
    notes.column_dimensions["A"].width = 30
    notes.column_dimensions["B"].width = 100
    save_atomically(wb, target)


def template(target: Target, *, edition_id: str = "2021") -> None:
    """Write the blank official workbook of an edition: the form an organ fills in."""
    target_argument(target, "template")
    expect_text(edition_id, function="template", parameter="edition_id")
    save_atomically(_workbook(edition(edition_id), None), target)

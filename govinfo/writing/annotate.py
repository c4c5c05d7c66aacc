"""An annotated copy of a user's workbook: what a collecting office sends back to an organ.

The cells that failed a rule are filled (red for errors, yellow for warnings, blue for
information) and carry a comment with the findings' Chinese messages; findings that have
no cell are listed on an added sheet ``审核意见``. Every other cell is left as it was.
"""

from __future__ import annotations

import io
import warnings
from collections.abc import Sequence

import openpyxl
from openpyxl.comments import Comment
from openpyxl.styles import PatternFill

from govinfo.findings import Finding, Severity
from govinfo.reading.inputs import Binary, read_bytes
from govinfo.reading.made import mark
from govinfo.reading.workbook.load import guarded
from govinfo.reading.workbook.reader import locations, read_xlsx
from govinfo.reading.workbook.safety import MAX_FILE_BYTES, inspect
from govinfo.writing.workbook import BOLD, Target, save_atomically, set_text

FILLS = {
    Severity.ERROR: PatternFill("solid", fgColor="FFC7CE"),
    Severity.WARNING: PatternFill("solid", fgColor="FFEB9C"),
    Severity.INFO: PatternFill("solid", fgColor="DDEBF7"),
}
AUTHOR = "govinfo"
SUMMARY_SHEET = "审核意见"


def annotate_xlsx(source: Binary, target: Target, *, findings: Sequence[Finding] | None = None) -> list[Finding]:
    """Write an annotated copy of the workbook ``source`` to ``target``; return the findings used.

    ``findings`` defaults to what :func:`govinfo.read_xlsx` finds in ``source``. A finding
    about many cells of a table (its blanks read as 0) marks each of them.
    """
    data, _ = read_bytes(source, limit=MAX_FILE_BYTES)
    inspect(data)
    read = read_xlsx(data)
    used = list(findings) if findings is not None else read.findings
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        book = guarded(lambda: openpyxl.load_workbook(io.BytesIO(data)))
    names = set(book.sheetnames)
    marks = {place: list(group) for place, group in locations(used).items()}
    for finding in used:  # a finding about many cells (a table's blanks read as 0) marks every one
        if finding.rule_id != "GI502" or len(finding.cells) < 2:  # one cell is marked already
            continue
        for path in finding.cells[1:]:
            blank = read.sources.get(path)
            if blank is not None and blank.sheet and blank.cell:
                marks.setdefault((blank.sheet, blank.cell), []).append(finding)
    for (sheet, coordinate), group in marks.items():
        if sheet not in names:
            continue
        cell = book[sheet][coordinate]
        worst = min((f.severity for f in group), key=lambda s: s.rank)
        cell.fill = FILLS[worst]
        lines = [f"[{f.rule_id} {f.severity.label_zh}] {f.message_zh}" for f in group]
        if cell.comment is not None:
            lines.insert(0, cell.comment.text)
        cell.comment = Comment("\n".join(lines), AUTHOR, height=160, width=360)
    title = SUMMARY_SHEET
    while title in names:
        title += "_"
    summary = book.create_sheet(title)
    for col, header in enumerate(("序号", "级别", "规则", "位置", "说明"), start=1):
        head = summary.cell(row=1, column=col)
        set_text(head, header)
        head.font = BOLD
    for index, finding in enumerate(sorted(used, key=lambda f: f.severity.rank), start=1):
        where = finding.source.describe() if finding.source else (finding.path or "")
        row = (str(index), finding.severity.label_zh, finding.rule_id, where, finding.message_zh)
        for col, value in enumerate(row, start=1):
            set_text(summary.cell(row=index + 1, column=col), value)
    set_text(summary.cell(row=len(used) + 3, column=1), mark("annotated", read.report))
    for letter, width in zip("ABCDE", (6, 6, 8, 18, 100), strict=True):
        summary.column_dimensions[letter].width = width
    save_atomically(book, target)
    return used

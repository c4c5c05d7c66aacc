"""annotate_xlsx: the failing cells highlighted and commented, every other cell untouched."""

from __future__ import annotations

import io
from pathlib import Path

import openpyxl
import pytest

import govinfo
from tests.workbooks import TABLE_2, TABLE_3, TABLE_4, workbook


def snapshot(book: openpyxl.Workbook, skip: set[tuple[str, str]]) -> dict[tuple[str, str], tuple[object, ...]]:
    cells: dict[tuple[str, str], tuple[object, ...]] = {}
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if (ws.title, cell.coordinate) not in skip:
                    cells[(ws.title, cell.coordinate)] = (
                        cell.value,
                        cell.number_format,
                        cell.font.b,
                        cell.fill.fgColor.rgb,
                        cell.comment.text if cell.comment else None,
                    )
    return cells


def test_annotated_copy_of_a_users_workbook(tmp_path: Path) -> None:
    source = tmp_path / "某局.xlsx"
    three = TABLE_3.replace("=SUM(E23:J23)", "213")  # a wrong total in the user's layout
    source.write_bytes(
        workbook(
            {"报表": [("某局2024年政府信息公开工作年度报告", 1, 2), (TABLE_2, 3, 2), (three, 20, 2), (TABLE_4, 52, 2)]}
        )
    )
    original = openpyxl.load_workbook(source)
    original["报表"]["K24"].comment = openpyxl.comments.Comment("填报人备注", "某局")
    original.save(source)
    target = tmp_path / "某局-审核.xlsx"
    findings = govinfo.annotate_xlsx(source, target)
    flagged = {(f.source.sheet, f.source.cell) for f in findings if f.source and f.source.sheet and f.source.cell}
    assert ("报表", "K23") in flagged  # GI303: the wrong total
    assert ("报表", "C13") in flagged  # GI502: the slash
    annotated = openpyxl.load_workbook(target)
    ws = annotated["报表"]
    assert ws["K23"].fill.fgColor.rgb == "00FFC7CE"
    assert ws["K23"].comment is not None
    assert "[GI303 错误]" in ws["K23"].comment.text
    assert "总计为 213，但各类申请人之和为 212" in ws["K23"].comment.text
    assert ws["C13"].fill.fgColor.rgb == "00FFEB9C"
    assert ws["B6"].fill.fgColor.rgb == "00DDEBF7"  # an info finding: a drifted label
    before = snapshot(openpyxl.load_workbook(source), flagged)
    after = {key: value for key, value in snapshot(annotated, flagged).items() if key[0] != "审核意见"}
    assert after == before
    assert before[("报表", "K24")][-1] == "填报人备注"
    summary = annotated["审核意见"]
    assert [c.value for c in summary[1]] == ["序号", "级别", "规则", "位置", "说明"]
    assert summary.max_row == len(findings) + 3  # the findings, a blank row, govinfo's mark
    assert str(summary.cell(row=len(findings) + 3, column=1).value).startswith(
        "本文件由 govinfo 生成：批注版，数据校验码 "
    )
    assert govinfo.read(target).made == govinfo.reading.made.Made("annotated", unchanged=True)
    assert summary["B2"].value == "错误"


def test_existing_comments_are_kept_and_given_findings_are_used(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    govinfo.write_xlsx(govinfo.replace_cells(govinfo.example(), {"appeals.reconsideration.total": 13}), buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    book["表四"]["E5"].comment = openpyxl.comments.Comment("原有批注", "某人")
    book.create_sheet("审核意见")
    keep = io.BytesIO()
    book.save(keep)
    _, findings = govinfo.read_xlsx(keep.getvalue())
    target = tmp_path / "out.xlsx"
    used = govinfo.annotate_xlsx(keep.getvalue(), target, findings=findings)
    assert used == findings
    annotated = openpyxl.load_workbook(target)
    comment = annotated["表四"]["E5"].comment
    assert comment is not None
    assert comment.text.startswith("原有批注\n[GI401 错误]")
    assert annotated.sheetnames[-2:] == ["审核意见", "审核意见_"]


def test_findings_for_sheets_not_in_the_workbook_are_listed_only(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    govinfo.write_xlsx(govinfo.example(), buffer)
    stray = govinfo.Finding(
        rule_id="GI504",
        severity=govinfo.Severity.ERROR,
        message_zh="别处的问题",
        message_en="elsewhere",
        source=govinfo.SourceLocation(sheet="不存在", cell="A1"),
    )
    govinfo.annotate_xlsx(buffer.getvalue(), tmp_path / "a.xlsx", findings=[stray])
    book = openpyxl.load_workbook(tmp_path / "a.xlsx")
    assert book["审核意见"]["E2"].value == "别处的问题"
    assert book["审核意见"]["D2"].value == "不存在!A1"


def test_hostile_input_is_refused(tmp_path: Path) -> None:
    with pytest.raises(govinfo.FileFormatError):
        govinfo.annotate_xlsx(b"not a workbook", tmp_path / "x.xlsx")
    assert not (tmp_path / "x.xlsx").exists()


def test_a_tables_blanks_are_one_finding_and_every_blank_is_marked(tmp_path: Path) -> None:
    blank = tmp_path / "模板.xlsx"
    govinfo.template(blank)
    marked = tmp_path / "批注.xlsx"
    used = govinfo.annotate_xlsx(blank, marked)
    assert [f.rule_id for f in used].count("GI502") == 3
    book = openpyxl.load_workbook(marked)
    commented = [c for row in book["表三"].iter_rows() for c in row if c.comment is not None]
    assert len(commented) == len(govinfo.edition("2021").tables[1].grids[0].rows) * 7  # every cell of table 三
    assert all(c.comment is not None and "GI502" in c.comment.text for c in commented)

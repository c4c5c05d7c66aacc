"""read_xlsx on workbooks in the shapes real organs send, and round trips."""

from __future__ import annotations

import io
import zipfile
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import AnnualReport, Finding
from govinfo.strategies import reports
from tests.workbooks import TABLE_2, TABLE_3, TABLE_4, fill, workbook

ENGINES = ["openpyxl", "calamine"]


def summary(findings: list[Finding]) -> list[tuple[str, str | None]]:
    return [(f.rule_id, f.source.describe() if f.source else f.path) for f in findings]


def one_sheet() -> bytes:
    return workbook(
        {
            "Sheet1": [
                ("某局2024年政府信息公开工作年度报告", 1, 2),
                (TABLE_2, 3, 2),
                (TABLE_3, 20, 2),
                (TABLE_4, 52, 2),
            ]
        }
    )


@pytest.mark.parametrize("engine", ENGINES)
def test_one_shifted_sheet_with_drift_text_numbers_and_a_formula(engine: str) -> None:
    report, findings = govinfo.read_xlsx(one_sheet(), engine=engine)  # type: ignore[arg-type]
    expected = attrs.evolve(govinfo.example(), organ="某局", overview="", problems="", other_matters="")
    assert report == expected
    assert summary(findings) == [
        ("GI512", "Sheet1!B6"),
        ("GI512", "Sheet1!C4"),
        ("GI503", "Sheet1!C9"),
        ("GI503", "Sheet1!C12"),
        ("GI502", "Sheet1!C13"),
        ("GI506", "Sheet1!K23"),
    ]
    drift, _, text_number, full_width, slash, formula = findings
    assert drift.message_zh == "“规范性文件”按官方标签“行政规范性文件”识别。"
    assert text_number.message_zh == (
        "表二“第二十条第（五）项／行政许可”行“本年处理决定数量”列的“7,661”是文本形式的数字，按 7661 读取。"
    )
    assert (full_width.actual, slash.actual) == (151, 0)
    assert slash.message_zh == "表二“第二十条第（六）项／行政强制”行“本年处理决定数量”列为“/”，按 0 读取。"
    assert formula.path == "requests.received.total"
    assert formula.message_zh == (
        "表三“一、本年新收政府信息公开申请数量”行“申请人情况／总计”列的公式“=SUM(E23:J23)”"
        "没有保存计算结果，按表内单元格求和计算为 212。"
    )


def test_tables_on_separate_sheets_with_inserted_rows_and_a_provincial_row() -> None:
    book = openpyxl.Workbook()
    assert book.active is not None
    book.remove(book.active)
    fill(book.create_sheet("主动公开"), TABLE_2, top=5, left=1)
    lines = TABLE_3.replace("=SUM(E23:J23)", "212").strip().splitlines()
    lines.insert(6, "| | | | | | | | | | |")  # a blank row inside the outcomes
    lines.insert(10, "| | 其中：涉及本市重点项目 | | 99 | | | | | | |")  # a provincial row, not in the format
    fill(book.create_sheet("依申请公开"), "\n".join(lines), top=2, left=1)
    fill(book.create_sheet("复议诉讼"), TABLE_4, top=10, left=3)
    buffer = io.BytesIO()
    book.save(buffer)
    report, findings = govinfo.read_xlsx(buffer.getvalue(), year=2024)
    assert govinfo.cell_values(report) == govinfo.cell_values(govinfo.example())
    assert report.year == 2024
    sources = {f.path: f.source.describe() for f in findings if f.source and f.path}
    assert sources["proactive.coercive_measures.decisions"] == "主动公开!B15"
    assert all(f.rule_id in {"GI502", "GI503", "GI512", "GI011"} for f in findings)
    wrong = govinfo.replace_cells(report, {})
    assert govinfo.check(wrong) == [f for f in findings if f.rule_id == "GI011"]


def test_check_findings_point_at_the_users_cells() -> None:
    data = workbook(
        {"表": [("湛河区人民政府 2024 年政府信息公开工作年度报告", 1, 1), (TABLE_4.replace("| 12 |", "| 13 |"), 7, 4)]}
    )
    _, findings = govinfo.read_xlsx(data)
    appeal = next(f for f in findings if f.rule_id == "GI401")
    assert appeal.source == govinfo.SourceLocation(file=None, sheet="表", cell="H10", text="13")
    assert appeal.path == "appeals.reconsideration.total"
    assert {f.rule_id for f in findings} >= {"GI510", "GI401"}
    missing = [f for f in findings if f.rule_id == "GI510"]
    assert [f.path for f in missing] == ["proactive", "requests"]
    assert missing[0].message_zh == "未找到“二、主动公开政府信息情况”，其单元格按 0 读取。"


def test_a_missing_row_is_reported_with_its_path() -> None:
    table = TABLE_3.replace("| ^^ | ^^ | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |\n", "")
    data = workbook({"S": [(table.replace("=SUM(E23:J23)", "212"), 1, 1), ("2024年度", 40, 1)]})
    _, findings = govinfo.read_xlsx(data, year=2024)
    missing = [f for f in findings if f.rule_id == "GI511"]
    assert [f.path for f in missing] == ["requests.outcomes.not_processed.repeated"]
    assert missing[0].message_zh == (
        "“三、收到和处理政府信息公开申请情况”中未找到行“三、本年度办理结果／（五）不予处理／2.重复申请”，"
        "相应单元格按 0 读取。"
    )


@pytest.mark.parametrize(
    ("formula", "rule", "value"),
    [
        ("=E5+F5", "GI506", 212),
        ("=SUM(E5:F5,G5)", "GI506", 212),
        ("=SUM($E$5:$J$5)", "GI506", 212),
        ("=AVERAGE(E5:J5)", "GI507", 0),
        ("=SUM(A1:A2)", "GI507", 0),
        ("=SUM(E:E)", "GI507", 0),
        ("=K5", "GI507", 0),
    ],
)
def test_formulas_without_saved_results(formula: str, rule: str, value: int) -> None:
    table = TABLE_3.replace("=SUM(E23:J23)", formula)
    data = workbook({"S": [(table, 2, 2)]})
    report, findings = govinfo.read_xlsx(data, year=2024)
    found = next(f for f in findings if f.rule_id in {"GI506", "GI507"})
    assert (found.rule_id, found.actual, found.source.describe() if found.source else None) == (rule, value, "S!K5")
    assert report.requests.received.total == value


def test_formulas_with_saved_results_are_read_as_values() -> None:
    data = workbook({"S": [(TABLE_3.replace("=SUM(E23:J23)", "=SUM(E5:J5)"), 2, 2)]})
    book = openpyxl.load_workbook(io.BytesIO(data))
    buffer = io.BytesIO()
    book.save(buffer)
    raw = buffer.getvalue()
    # Simulate a program that calculates: put a cached value next to the formula.
    source = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b"<f>SUM(E5:J5)</f><v></v>", b"<f>SUM(E5:J5)</f><v>212</v>")
                content = content.replace(b"<f>SUM(E5:J5)</f><v />", b"<f>SUM(E5:J5)</f><v>212</v>")
            target.writestr(item, content)
    report, findings = govinfo.read_xlsx(out.getvalue(), year=2024)
    assert report.requests.received.total == 212
    assert not [f for f in findings if f.rule_id in {"GI506", "GI507"}]


def test_year_and_organ_come_from_the_workbook_or_the_caller() -> None:
    data = workbook({"S": [(TABLE_4, 1, 1)]})
    report, findings = govinfo.read_xlsx(data)
    assert (report.organ, report.year) == ("", 0)
    assert "GI513" in {f.rule_id for f in findings}
    assert "GI010" not in {f.rule_id for f in findings}
    report, findings = govinfo.read_xlsx(data, organ="某局", year=2023)
    assert (report.organ, report.year) == ("某局", 2023)
    assert "GI513" not in {f.rule_id for f in findings}


def test_a_workbook_without_tables_is_a_layout_error() -> None:
    data = workbook({"S": [("| 姓名 | 年龄 |\n| 张三 | 30 |", 1, 1)]})
    with pytest.raises(govinfo.LayoutError) as caught:
        govinfo.read_xlsx(data)
    assert "没有找到年度报告的任何表格" in caught.value.message_zh


def test_paths_and_streams(report: AnnualReport, tmp_path: Path) -> None:
    path = tmp_path / "湛河 区.xlsx"
    govinfo.write_xlsx(report, path)
    assert tuple(govinfo.read_xlsx(path)) == (report, [])
    assert tuple(govinfo.read_xlsx(str(path))) == (report, [])
    with path.open("rb") as stream:
        read, findings = govinfo.read_xlsx(stream)
    assert read == report
    assert findings == []
    wrong = govinfo.replace_cells(report, {"appeals.reconsideration.total": 0})
    govinfo.write_xlsx(wrong, path)
    (finding,) = govinfo.read_xlsx(path)[1]
    assert finding.source == govinfo.SourceLocation(file="湛河 区.xlsx", sheet="表四", cell="E5", text="0")


ODD_TEXT = st.one_of(
    st.text(),
    st.lists(st.sampled_from(["\x00", "\x0b", "\r", "\n", "_x000B_", "_x005F_", "𠀀", "=", "公开", " "])).map("".join),
    st.builds(lambda t, n: t * n, st.text(min_size=1, max_size=5), st.sampled_from([1, 7000, 9000])),
)


@settings(max_examples=40)
@given(reports(narratives=ODD_TEXT, organs=st.builds(str.__add__, st.just("某局"), ODD_TEXT)), st.sampled_from(ENGINES))
def test_round_trip_over_generated_reports(report: AnnualReport, engine: str) -> None:
    buffer = io.BytesIO()
    govinfo.write_xlsx(report, buffer)
    read, findings = govinfo.read_xlsx(buffer.getvalue(), engine=engine)  # type: ignore[arg-type]
    # reading adds nothing: the only findings are the narrative rules' about the texts
    assert [f.rule_id for f in findings] == [f.rule_id for f in govinfo.check_text(report)]
    assert read == report


@settings(max_examples=20)
@given(reports(max_count=10**12, mostly_zero=True))
def test_engines_agree_on_generated_workbooks(report: AnnualReport) -> None:
    buffer = io.BytesIO()
    govinfo.write_xlsx(report, buffer)
    assert govinfo.read_xlsx(buffer.getvalue()) == govinfo.read_xlsx(buffer.getvalue(), engine="calamine")


def test_amounts_are_exact_decimals(report: AnnualReport) -> None:
    for amount in ("14.4321", "0.1", "123456.789", "0"):
        r = govinfo.replace_cells(report, {"proactive.fees.amount": Decimal(amount)})
        buffer = io.BytesIO()
        govinfo.write_xlsx(r, buffer)
        assert str(govinfo.get_cell(govinfo.read_xlsx(buffer.getvalue())[0], "proactive.fees.amount")) == amount

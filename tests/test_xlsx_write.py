"""write_xlsx and template: the official layout, faithful values, safe text, atomic files."""

from __future__ import annotations

import io
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from openpyxl.worksheet.worksheet import Worksheet

import govinfo
from govinfo import AnnualReport, ProactiveDisclosure2019
from govinfo.reading.workbook import text
from govinfo.strategies import reports


def written(report: AnnualReport) -> openpyxl.Workbook:
    buffer = io.BytesIO()
    govinfo.write_xlsx(report, buffer)
    return openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))


def merges(ws: Worksheet) -> set[str]:
    return {str(r) for r in ws.merged_cells.ranges}


def test_sheets_and_metadata(report: AnnualReport) -> None:
    book = written(report)
    assert book.sheetnames == ["基本信息", "表二", "表三", "表四"]
    info = book["基本信息"]
    assert info["A1"].value == "湛河区人民政府 2024 年政府信息公开工作年度报告"
    assert [(info[f"A{r}"].value, info[f"B{r}"].value) for r in (3, 4, 5)] == [
        ("机关名称", "湛河区人民政府"),
        ("报告年度", 2024),
        ("格式版本", "2021"),
    ]
    assert info["A7"].value == "一、总体情况"
    assert info["B7"].value == report.overview


def test_table_3_prints_as_the_official_table(report: AnnualReport) -> None:
    ws = written(report)["表三"]
    assert ws["A1"].value == "三、收到和处理政府信息公开申请情况"
    assert ws["A2"].value == "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    assert {"A2:C4", "D2:J2", "D3:D4", "E3:I3", "J3:J4", "A7:A28", "B9:B16", "B17:B19", "B20:B24", "B25:B27"} <= merges(
        ws
    )
    assert {"A5:C5", "A6:C6", "B7:C7", "B8:C8", "B28:C28", "A29:C29"} <= merges(ws)
    assert [ws.cell(row=4, column=c).value for c in range(5, 10)] == [
        "商业企业",
        "科研机构",
        "社会公益组织",
        "法律服务机构",
        "其他",
    ]
    assert (ws["D3"].value, ws["E3"].value, ws["J3"].value) == ("自然人", "法人或其他组织", "总计")
    assert (ws["A7"].value, ws["B9"].value, ws["C9"].value) == (
        "三、本年度办理结果",
        "（三）不予公开",
        "1.属于国家秘密",
    )
    assert ws["C11"].value == "3.危及“三安全一稳定”"
    assert (ws["B28"].value, ws["A29"].value) == ("（七）总计", "四、结转下年度继续办理")
    assert [ws.cell(row=5, column=c).value for c in range(4, 11)] == [212, 0, 0, 0, 0, 0, 212]
    assert ws["D5"].data_type == "n"
    assert ws["J5"].data_type == "n"  # the reported total, not a formula


def test_tables_2_and_4_print_as_the_official_tables(report: AnnualReport) -> None:
    book = written(report)
    two = book["表二"]
    assert [two[f"A{r}"].value for r in (2, 3, 4, 5, 6, 7, 8)] == [
        "第二十条第（一）项",
        "信息内容",
        "规章",
        "行政规范性文件",
        "第二十条第（五）项",
        "信息内容",
        "行政许可",
    ]
    assert {"A2:D2", "A6:D6", "B7:D7", "B8:D8", "B14:D14", "B15:D15"} <= merges(two)
    assert (two["B15"].value, two["B14"].value) == (14.4321, "本年收费金额（单位：万元）")
    four = book["表四"]
    assert {"A2:E2", "F2:O2", "F3:J3", "K3:O3", "A3:A4", "E3:E4"} <= merges(four)
    assert [four.cell(row=5, column=c).value for c in range(1, 16)] == [11, 0, 1, 0, 12, 0, 0, 0, 0, 0, 0, 0, 2, 1, 3]
    assert four["F4"].value == "结果维持"
    assert four["K3"].value == "复议后起诉"


def test_value_cells_have_validation_borders_and_print_setup(report: AnnualReport) -> None:
    book = written(report)
    three = book["表三"]
    (rule,) = three.data_validations.dataValidation
    assert (rule.type, rule.operator, rule.formula1) == ("whole", "greaterThanOrEqual", "0")
    assert "D5" in rule.sqref
    assert "J29" in rule.sqref
    kinds = {r.type for r in book["表二"].data_validations.dataValidation}
    assert kinds == {"whole", "decimal"}
    assert three["C9"].border.left.style == "thin"
    assert three["D5"].alignment.wrap_text
    assert three.page_setup.paperSize == 9  # A4
    assert three.page_setup.orientation == "landscape"
    assert book["表二"].page_setup.orientation == "portrait"
    assert three.column_dimensions["C"].width > three.column_dimensions["D"].width


@pytest.mark.parametrize("value", ["=1+1", "+86 123", "-（一）问题", "@某单位", '=HYPERLINK("http://x")'])
def test_text_never_becomes_a_formula(report: AnnualReport, value: str) -> None:
    book = written(attrs.evolve(report, organ=value, problems=value))
    cell = book["基本信息"]["B3"]
    assert (cell.value, cell.data_type) == (value, "s")
    assert cell.quotePrefix
    assert cell.hyperlink is None


def test_illegal_characters_use_the_lossless_escape(report: AnnualReport) -> None:
    odd = "第一段\x0b第二段\r\n_x000B_原样\x00"
    book = written(attrs.evolve(report, overview=odd))
    assert book["基本信息"]["B7"].value == "第一段_x000B_第二段_x000D_\n_x005F_x000B_原样_x0000_"
    assert text.decode(book["基本信息"]["B7"].value) == odd


@pytest.mark.parametrize("blank", ["\n", " ", "\t\n ", "\u3000", "\u3000\n", "\r", "\x0c", "\x1c\n", "\x85 "])
def test_white_space_only_text_survives_every_reader(report: AnnualReport, blank: str) -> None:
    buffer = io.BytesIO()
    govinfo.write_xlsx(attrs.evolve(report, other_matters=blank), buffer)
    for engine in ("openpyxl", "calamine"):
        assert govinfo.read_xlsx(buffer.getvalue(), engine=engine)[0].other_matters == blank


def test_long_narratives_continue_in_marked_rows(report: AnnualReport) -> None:
    long = "政务公开" * 10_000 + "𠀀" * 5_000  # 40,000 + 10,000 UTF-16 units
    info = written(attrs.evolve(report, overview=long))["基本信息"]
    pieces = [info["B7"].value, info["B8"].value]
    assert (info["A8"].value, info["A9"].value) == ("（续）", "五、存在的主要问题及改进情况")
    assert all(len(p.encode("utf-16-le")) // 2 <= text.CELL_LIMIT for p in pieces)
    assert "".join(pieces) == long


def test_chunks_never_split_an_escape() -> None:
    encoded = text.encode("a" * 32_760 + "\x01" * 10)
    pieces = text.chunks(encoded)
    assert "".join(pieces) == encoded
    assert all(text.decode(p).count("\x01") + text.decode(p).count("a") > 0 for p in pieces)
    assert pieces[0].endswith("a") or pieces[0].endswith("_")
    assert text.chunks("") == [""]


@pytest.mark.parametrize(
    ("path", "value"),
    [("requests.received.natural_person", 2**53), ("proactive.fees.amount", Decimal("0.12345678901234567890"))],
)
def test_values_excel_cannot_hold_are_refused_before_writing(
    report: AnnualReport, tmp_path: Path, path: str, value: int | Decimal
) -> None:
    target = tmp_path / "报告.xlsx"
    with pytest.raises(govinfo.UnwritableValueError, match=path.replace(".", r"\.")) as caught:
        govinfo.write_xlsx(govinfo.replace_cells(report, {path: value}), target)
    assert "无法写入" in caught.value.message_zh
    assert not target.exists()
    assert list(tmp_path.iterdir()) == []


def test_writing_is_atomic(report: AnnualReport, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "报告.xlsx"
    target.write_bytes(b"the previous version")

    def fail(self: openpyxl.Workbook, stream: object) -> None:
        stream.write(b"PK partial")  # type: ignore[attr-defined]
        raise OSError("disk full")

    monkeypatch.setattr(openpyxl.Workbook, "save", fail)
    with pytest.raises(OSError, match="disk full"):
        govinfo.write_xlsx(report, target)
    assert target.read_bytes() == b"the previous version"
    assert [p.name for p in tmp_path.iterdir()] == ["报告.xlsx"]


def test_writing_to_a_folder_is_refused(report: AnnualReport, tmp_path: Path) -> None:
    with pytest.raises(govinfo.FileFormatError, match="文件夹"):
        govinfo.write_xlsx(report, tmp_path)


def test_template_is_the_blank_form(tmp_path: Path) -> None:
    target = tmp_path / "模板.xlsx"
    govinfo.template(target)
    book = openpyxl.load_workbook(target)
    assert book.sheetnames == ["基本信息", "表二", "表三", "表四"]
    assert book["表三"]["D5"].value is None
    assert book["表三"]["A5"].value == "一、本年新收政府信息公开申请数量"
    assert book["表三"].data_validations.dataValidation
    assert book["基本信息"]["B5"].value == "2021"
    report, findings = govinfo.read_xlsx(target)
    counts = {f.rule_id for f in findings}
    assert counts == {"GI502", "GI513", "GI011"}  # every cell blank, no year, no organ
    blanks = [f for f in findings if f.rule_id == "GI502"]
    assert len(blanks) == 3  # one a table, listing every cell of it
    assert [p for f in blanks for p in f.cells] == [c.path for c in govinfo.edition("2021").cells]
    assert blanks[0].source is not None
    assert (blanks[0].source.sheet, blanks[0].source.cell) == ("表二", "B4")
    assert govinfo.cell_values(report) == {
        c.path: (Decimal(0) if c.kind == "amount" else 0) for c in govinfo.edition("2021").cells
    }


@settings(max_examples=5)
@given(reports(edition_id="2019"))
def test_an_amount_written_with_its_own_unit_is_not_validated_as_a_number(trial: AnnualReport) -> None:
    assert isinstance(trial.proactive, ProactiveDisclosure2019)
    bought = attrs.evolve(trial.proactive.procurement, amount=Decimal("12.5"), unit="元")
    two = written(attrs.evolve(trial, proactive=attrs.evolve(trial.proactive, procurement=bought)))["表二"]
    (amount,) = [c for row in two.iter_rows() for c in row if c.value == "12.5元"]
    assert all(amount.coordinate not in rule.sqref for rule in two.data_validations.dataValidation)
    assert {r.type for r in two.data_validations.dataValidation} == {"whole"}  # counts only

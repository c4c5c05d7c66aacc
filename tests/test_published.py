"""read_published on real published reports (tests/data/published, see SOURCES.md) and on junk."""

from __future__ import annotations

import contextlib
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import Finding
from govinfo.model.proactive2019 import ProactiveDisclosure2019
from govinfo.reading.text import reader as published
from govinfo.reading.text import tokens as text_tokens
from govinfo.reading.text.reader import read_published, read_text
from tests.workbooks import TABLE_2, TABLE_3, TABLE_4, html

DATA = Path(__file__).parent / "data" / "published"


def ids(findings: list[Finding]) -> list[str]:
    return [f.rule_id for f in findings]


def test_the_seed_reads_to_the_report_it_publishes() -> None:
    report, findings = read_text(govinfo.example_text())
    assert report == govinfo.example()  # every value checked by hand in test_example.py
    (defect,) = findings
    assert (defect.rule_id, defect.source, defect.expected, defect.actual) == (
        "GI501",
        govinfo.SourceLocation(line=74),
        15,
        16,
    )
    assert "只有一种读法能使表内勾稽关系成立" in defect.message_zh


def test_a_path_a_stream_and_bytes_read_alike(tmp_path: Path) -> None:
    path = tmp_path / "湛河区 2024.txt"
    path.write_text(govinfo.example_text(), encoding="utf-8")
    by_path = read_published(path)
    with path.open("rb") as stream:
        assert read_published(stream)[0] == by_path[0]
    assert read_published(path.read_bytes())[0] == by_path[0]
    assert by_path[1][0].source == govinfo.SourceLocation(file="湛河区 2024.txt", line=74)


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig"])
def test_encodings_are_detected_and_said(encoding: str) -> None:
    report, findings = read_published(govinfo.example_text().encode(encoding))
    assert report == govinfo.example()
    said = [f for f in findings if f.rule_id == "GI520"]
    if encoding.startswith("utf"):
        assert said == []
    else:
        assert said[0].message_zh == "文本不是 UTF-8 编码，已按 GB18030 编码读取。"


def test_longgang_truncated_inside_table_3() -> None:
    report, findings = read_published(DATA / "longgang-dept-2024-partial.txt")
    assert (report.edition, report.year) == ("2021", 2024)
    assert govinfo.get_cell(report, "proactive.normative_documents.in_force") == 25
    received = report.requests.received
    assert (received.natural_person, received.commercial, received.legal_service, received.total) == (58, 7, 1, 66)
    assert report.requests.outcomes.partially_disclosed.total == 17
    assert report.requests.outcomes.withheld.internal_affairs.total == 1
    assert ids(findings) == ["GI501", "GI516", "GI510", "GI517", "GI517", "GI518", "GI011"]
    short, stops = findings[0], findings[1]
    assert short.source == govinfo.SourceLocation(file="longgang-dept-2024-partial.txt", line=32)
    assert "7.属于行政执法案卷" in short.message_zh
    assert (
        stops.message_zh
        == "“三、收到和处理政府信息公开申请情况”不完整（最后读到第 32 行），其余 98 个单元格按 0 读取。"
    )


def test_huichang_one_cell_per_line_in_the_trial_format() -> None:
    report, findings = read_published(DATA / "huichang-zhongcun-2020-partial.txt")
    assert (report.edition, report.organ, report.year) == ("2019", "中村乡", 2020)
    proactive = report.proactive
    assert isinstance(proactive, ProactiveDisclosure2019)
    assert (proactive.normative_documents.made, proactive.normative_documents.total_published) == (5, 5)
    assert (proactive.procurement.projects, proactive.procurement.amount) == (1, Decimal(8040))
    assert ids(findings) == ["GI510", "GI510", "GI517", "GI517"]
    assert report.overview.startswith("一年以来,中村乡全面贯彻落实《条例》")


def test_wuhan_traditional_with_provincial_annotations() -> None:
    report, findings = read_published(DATA / "wuhan-ecology-2020-traditional-partial.txt")
    assert (report.edition, report.year) == ("2019", 2020)
    proactive = report.proactive
    assert isinstance(proactive, ProactiveDisclosure2019)
    assert (proactive.normative_documents.made, proactive.normative_documents.total_published) == (2, 19)
    assert (proactive.licensing.items_last_year, proactive.licensing.items_change, proactive.licensing.decisions) == (
        8,
        5,
        93,
    )
    assert proactive.other_services.decisions == 165
    assert (proactive.coercive_measures.items_change, proactive.coercive_measures.decisions) == (4, 0)
    loose = [f for f in findings if f.rule_id == "GI512"]
    assert [f.source.line if f.source else None for f in loose] == [4, 5, 10]
    assert [m.message_zh.rsplit("“", 1)[1] for m in loose] == [
        "规章”识别。",
        "规范性文件”识别。",
        "其他对外管理服务事项”识别。",
    ]
    dash = next(f for f in findings if f.rule_id == "GI502")
    assert (dash.path, dash.source.line if dash.source else None) == ("proactive.coercive_measures.decisions", 14)
    assert "GI516" in ids(findings)


def test_wendeng_pdf_page_with_split_headers() -> None:
    report, findings = read_published(DATA / "wendeng-audit-2020-page9.txt")
    assert govinfo.cell_values(report)["appeals.litigation_after_reconsideration.total"] == 0
    assert ids(findings)[:3] == ["GI519", "GI510", "GI516"]
    assert not [f for f in findings if f.rule_id in {"GI301", "GI302", "GI501"}]


def test_html_tables_with_spans() -> None:
    page = html(
        TABLE_2, TABLE_3.replace("=SUM(E23:J23)", "212"), TABLE_4, title="湛河区人民政府2024年政府信息公开工作年度报告"
    )
    headings = [
        "二、主动公开政府信息情况",
        "三、收到和处理政府信息公开申请情况",
        "四、政府信息公开行政复议、行政诉讼情况",
    ]
    parts = page.split('<table border="1">')
    page = parts[0] + "".join(f'<h2>{h}</h2><table border="1">{p}' for h, p in zip(headings, parts[1:], strict=True))
    report, findings = read_text(page)
    assert govinfo.cell_values(report) == govinfo.cell_values(govinfo.example())
    assert (report.organ, report.year) == ("湛河区人民政府", 2024)
    assert {f.rule_id for f in findings} <= {"GI502", "GI503", "GI512", "GI517"}


def test_narrative_figures_are_compared_with_the_tables() -> None:
    text = govinfo.example_text().replace("办结 211 件", "办结 210 件").replace("予以公开 49 件", "予以公开 50 件")
    _, findings = read_text(text)
    said = [f for f in findings if f.rule_id == "GI530"]
    assert [(f.path, f.expected, f.actual, f.source.line if f.source else None) for f in said] == [
        ("requests.outcomes.total.total", 211, 210, 11),
        ("requests.outcomes.disclosed.total", 49, 50, 11),
    ]
    assert said[0].message_zh.startswith("“总体情况”中“办结 210 件”，但表格中为 211。原文：")


def test_check_findings_point_at_lines() -> None:
    text = govinfo.example_text().replace("行政许可\t7661", "行政许可\t７，６６１")
    text = text.replace("(七) 总计\t\t211", "(七) 总计\t\t212")
    _, findings = read_text(text)
    by_rule = {f.rule_id: f for f in findings}
    assert by_rule["GI503"].source == govinfo.SourceLocation(line=29, column=6, end_column=10, text="７，６６１")
    assert by_rule["GI503"].source.describe() == "第 29 行第 6–10 列"
    assert by_rule["GI503"].source.describe("en") == "line 29, columns 6–10"
    # the 总计 column of （七）总计: the 7th value of the line
    line = text.splitlines()[65]
    total = by_rule["GI302"].source
    assert total is not None
    assert (total.line, total.text) == (66, "212")
    assert total.column is not None
    assert line[total.column - 1 : total.end_column] == "212"


@pytest.mark.parametrize("data", [b"\xef\xbb\xbf\xff\xfe broken", b"\xff\xfe\x00\xd8", "一、总体情况".encode("utf-16")])
def test_byte_order_marks(data: bytes) -> None:
    with pytest.raises(govinfo.GovinfoError) as caught:
        read_published(data)  # broken after the mark: FileFormatError; UTF-16 without tables: LayoutError
    assert caught.value.message_zh


def test_text_without_tables_is_a_layout_error() -> None:
    with pytest.raises(govinfo.LayoutError):
        read_text("一、总体情况\n本年度工作平稳。")
    with pytest.raises(govinfo.FileFormatError):
        read_published(b"\x00\x01\x02binary")


@settings(max_examples=80)
@given(st.text(max_size=400) | st.binary(max_size=400).map(lambda b: b.decode("latin-1")))
def test_random_text_gives_a_report_or_a_govinfo_error(text: str) -> None:
    try:
        report, findings = read_text(text)
    except govinfo.GovinfoError:
        return
    assert all(f.rule_id in govinfo.RULES for f in findings)
    assert govinfo.from_json(govinfo.to_json(report)) == report  # whatever was read is a well-formed report


@settings(max_examples=60)
@given(
    st.lists(
        st.sampled_from(
            [
                "<table>",
                "<tr>",
                "<td rowspan=9999>",
                "<td colspan=x>",
                "规章",
                "1",
                "</td>",
                "</tr>",
                "</table>",
                "<p>",
                "四、政府信息公开行政复议、行政诉讼情况",
                "行政复议",
                " 0 0 0",
            ]
        ),
        max_size=60,
    )
)
def test_random_html_gives_a_report_or_a_govinfo_error(parts: list[str]) -> None:
    with contextlib.suppress(govinfo.GovinfoError):
        read_text("<html>" + "".join(parts))


@settings(max_examples=40)
@given(st.binary(max_size=600))
def test_binary_garbage_gives_only_govinfo_errors_or_reports(junk: bytes) -> None:
    with contextlib.suppress(govinfo.GovinfoError):
        read_published(junk)


@given(st.integers(min_value=1, max_value=6))
def test_work_grows_linearly_with_input_size(copies: int) -> None:
    """The number of label comparisons per token stays bounded as the input grows."""
    calls = 0
    real = published._row_match

    def counted(*args: object) -> object:
        nonlocal calls
        calls += 1
        return real(*args)  # type: ignore[arg-type]

    block = govinfo.example_text().split("三、收到和处理")[1]
    text = govinfo.example_text() + ("\n三、收到和处理" + block) * copies * 5
    tokens = len(text_tokens.tokens(enumerate(text.splitlines(), start=1)))
    try:
        published._row_match = counted  # type: ignore[assignment]
        read_text(text)
    finally:
        published._row_match = real
    rows = max(len(g.rows) for t in govinfo.edition("2021").tables for g in t.grids)
    assert calls <= 2 * rows * tokens


def test_a_row_with_many_extra_values_is_not_searched_exhaustively() -> None:
    text = govinfo.example_text().replace("11\t0\t1\t0\t12", "\t".join(["1"] * 200))
    _, findings = read_text(text)  # C(211, 196) readings would never finish: only MAX_MISFIT are tried
    (misfit,) = [f for f in findings if f.rule_id == "GI501"]
    assert (misfit.expected, misfit.actual) == (15, 211)
    assert "没有哪种读法" in misfit.message_zh


def test_a_number_split_over_two_cells_is_joined_when_only_that_reconciles() -> None:
    row = "三、本年度办理结果\t(一) 予以公开\t49\t0\t0\t0\t0\t0\t49"
    text = govinfo.example_text().replace(row, row.replace("\t49\t0", "\t4\t9\t0", 1))
    report, findings = read_text(text)
    assert report == govinfo.example()
    (split,) = [f for f in findings if f.rule_id in ("GI501", "GI522") and f.table and "三" in f.table]
    assert split.rule_id == "GI522"
    assert "把相邻的“4”“9”读作 49 后勾稽关系成立" in split.message_zh
    assert split.source is not None
    assert split.source.text == "4 9"
    assert "requests.outcomes.disclosed.natural_person" in split.cells


def test_a_split_that_is_not_the_only_reading_is_not_joined() -> None:
    # … 1 1 11: joining "1","1" and dropping "11" both make the row hold; say so, join nothing
    row = "四、结转下年度继续办理\t\t1\t0\t0\t0\t0\t0\t1"
    text = govinfo.example_text().replace(row, "四、结转下年度继续办理\t\t0\t0\t0\t0\t0\t1\t1\t11")
    _, findings = read_text(text)
    shape = [f for f in findings if f.rule_id in ("GI501", "GI522") and f.table and "三" in f.table]
    assert [f.rule_id for f in shape] == ["GI501"]
    assert "种读法都能使勾稽关系成立" in shape[0].message_zh


def test_html_findings_point_at_the_page_source_once() -> None:
    page = (
        "<html><body>\n<p>湛河区人民政府 2024 年政府信息公开工作年度报告</p>\n<table>\n"
        "<tr><td>三、收到和处理政府信息公开申请情况</td></tr>\n"
        "<tr><td>一、本年新收政府信息公开申请数量</td><td>３</td><td>0</td><td>0</td><td>0</td><td>0</td>"
        "<td>0</td><td>4</td></tr>\n</table>\n</body></html>"
    )
    result = read_text(page)
    text_number = next(f for f in result.findings if f.rule_id == "GI503")
    total = next(f for f in result.findings if f.rule_id == "GI303")
    line = page.splitlines()[4]
    for finding, token in ((text_number, "３"), (total, "4")):
        assert finding.source is not None
        assert finding.source.line == 5
        assert finding.source.column is not None
        assert line[finding.source.column - 1 : finding.source.end_column] == token
    assert result.sources["requests.received.total"] == total.source


def test_an_amount_in_yuan_is_converted_to_wan_yuan_and_said() -> None:
    text = govinfo.example_text().replace("行政事业性收费\t14.4321", "行政事业性收费\t144321元")
    report, findings = read_text(text)
    assert report == govinfo.example()
    (converted,) = [f for f in findings if f.rule_id == "GI505"]
    assert (converted.path, converted.actual, converted.source.line if converted.source else None) == (
        "proactive.fees.amount",
        Decimal("14.4321"),
        36,
    )


def test_traditional_script_without_the_converter_is_said(monkeypatch: pytest.MonkeyPatch) -> None:
    """Without OpenCC (the ``traditional`` extra) the labels stay traditional: a warning says what to install."""
    from govinfo.reading import labels  # noqa: PLC0415

    monkeypatch.setattr(labels, "_converter", lambda: None)
    labels._simplified.cache_clear()
    mixed = govinfo.example_text().replace("年政府信息公开工作年度报告", "年政府資訊公開工作年度報告", 1)
    try:
        with pytest.raises(govinfo.LayoutError) as caught:
            read_published(DATA / "wuhan-ecology-2020-traditional-partial.txt")
        partly = govinfo.read_text(mixed)  # a title in traditional script, the tables simplified
    finally:
        monkeypatch.undo()
        labels._simplified.cache_clear()
    assert 'pip install "govinfo[traditional]"' in caught.value.message_zh
    said = [f for f in partly.findings if f.rule_id == "GI526"]
    assert len(said) == 1
    assert 'pip install "govinfo[traditional]"' in said[0].message_zh
    _, findings = read_published(DATA / "wuhan-ecology-2020-traditional-partial.txt")
    assert "GI526" not in ids(findings)


def test_a_heading_that_lost_its_numeral_still_starts_its_section() -> None:
    text = govinfo.example_text().replace("三、收到和处理政府信息公开申请情况", "、收到和处理政府信息公开申请情况")
    assert text != govinfo.example_text()
    report, findings = read_text(text)
    assert report == govinfo.example()
    assert ids(findings) == ["GI501"]


def test_cells_that_ran_together_are_cut_only_where_one_reading_balances() -> None:
    """``801000081`` for 80 1 0 0 0 0 81: cut where exactly one reading makes the row balance (GI527)."""
    row = "1. 本机关不掌握相关政府信息\t140\t0\t0\t0\t0\t0\t140"
    assert row in govinfo.example_text()
    report, findings = read_text(govinfo.example_text().replace(row, "1. 本机关不掌握相关政府信息\t14000000140"))
    assert report == govinfo.example()
    cut = next(f for f in findings if f.rule_id == "GI527")
    assert "拆为 140 0 0 0 0 0 140" in cut.message_zh
    assert cut.source is not None
    assert cut.source.text == "14000000140"
    assert ids(findings) == ["GI527", "GI501"]
    text = govinfo.example_text().replace("(七) 总计\t\t211\t0\t0\t0\t0\t0\t211", "(七) 总计\t\t801000081")
    assert text != govinfo.example_text()
    _, findings = read_text(text)
    assert "GI527" in ids(findings)  # 80 1 0 0 0 0 81, though it is not the total this report needs
    ambiguous = govinfo.example_text().replace(row, "1. 本机关不掌握相关政府信息\t1100000011")  # 11 0 … 11 or 1 10 … 11
    _, findings = read_text(ambiguous)
    assert "GI527" not in ids(findings)
    assert any(f.rule_id == "GI501" and "本机关不掌握相关政府信息" in f.message_zh for f in findings)

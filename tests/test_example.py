"""The built-in example against the published text, value by value (checked by hand)."""

from __future__ import annotations

from decimal import Decimal

import govinfo
from govinfo import AnnualReport
from govinfo.example import PUBLISHED_APPEALS_ROW


def test_text_is_the_published_report_unedited() -> None:
    text = govinfo.example_text()
    assert text.startswith("\n\n湛河区人民政府 2024 年政府信息公开工作年度报告\n")
    assert len(text.splitlines()) == 86
    assert text.splitlines()[73] == "11\t0\t1\t0\t12\t0\t0\t0\t0\t0\t0\t0\t0\t2\t1\t3"


def test_metadata(report: AnnualReport) -> None:
    assert (report.edition, report.organ, report.year) == ("2021", "湛河区人民政府", 2024)


def test_narratives_are_the_text_under_each_heading(report: AnnualReport) -> None:
    assert report.overview.startswith("根据《中华人民共和国政府信息公开条例》规定")
    assert report.overview.endswith("2024 年我区未发生因政务公开工作引发的责任追究事件。")
    assert "\n\n（二）依申请公开：" in report.overview
    assert report.problems.startswith("存在问题：湛河区人民政府政务公开平台建设仍需完善提升。")
    assert report.problems.endswith("不断完善政务公开工作。")
    assert report.other_matters == (
        "按照《国务院办公厅关于印发〈政府信息公开信息处理费管理办法〉的通知》（国办函〔2020〕109号）"
        "规定的按件、按量收费标准，本年度没有产生信息公开处理费。"
    )


def test_table_2_values(report: AnnualReport) -> None:
    p = report.proactive
    assert isinstance(p, govinfo.ProactiveDisclosure)
    assert (p.regulations.issued, p.regulations.repealed, p.regulations.in_force) == (0, 0, 0)
    assert (p.normative_documents.issued, p.normative_documents.repealed, p.normative_documents.in_force) == (1, 4, 28)
    assert (p.licensing.decisions, p.penalties.decisions, p.coercive_measures.decisions) == (7661, 151, 0)
    assert p.fees.amount == Decimal("14.4321")
    assert str(p.fees.amount) == "14.4321"


def test_table_3_values(report: AnnualReport) -> None:
    values = govinfo.cell_values(report)
    nonzero = {p: v for p, v in values.items() if p.startswith("requests.") and v != 0}
    assert nonzero == {
        "requests.received.natural_person": 212,
        "requests.received.total": 212,
        "requests.outcomes.disclosed.natural_person": 49,
        "requests.outcomes.disclosed.total": 49,
        "requests.outcomes.partially_disclosed.natural_person": 1,
        "requests.outcomes.partially_disclosed.total": 1,
        "requests.outcomes.withheld.internal_affairs.natural_person": 7,
        "requests.outcomes.withheld.internal_affairs.total": 7,
        "requests.outcomes.withheld.process_information.natural_person": 2,
        "requests.outcomes.withheld.process_information.total": 2,
        "requests.outcomes.unavailable.not_held.natural_person": 140,
        "requests.outcomes.unavailable.not_held.total": 140,
        "requests.outcomes.unavailable.needs_creation.natural_person": 11,
        "requests.outcomes.unavailable.needs_creation.total": 11,
        "requests.outcomes.not_processed.petition_complaint.natural_person": 1,
        "requests.outcomes.not_processed.petition_complaint.total": 1,
        "requests.outcomes.total.natural_person": 211,
        "requests.outcomes.total.total": 211,
        "requests.carried_forward.natural_person": 1,
        "requests.carried_forward.total": 1,
    }


def test_table_4_uses_the_only_reading_where_every_group_total_holds(report: AnnualReport) -> None:
    a = report.appeals
    rows = [a.reconsideration, a.litigation_direct, a.litigation_after_reconsideration]
    assert [(g.upheld, g.corrected, g.other, g.pending, g.total) for g in rows] == [
        (11, 0, 1, 0, 12),
        (0, 0, 0, 0, 0),
        (0, 0, 2, 1, 3),
    ]


def test_that_reading_is_the_only_one() -> None:
    """Drop each of the 16 published numbers in turn; only zeros at positions 6–13 fit."""
    fitting = set()
    for drop in range(len(PUBLISHED_APPEALS_ROW)):
        row = PUBLISHED_APPEALS_ROW[:drop] + PUBLISHED_APPEALS_ROW[drop + 1 :]
        groups = [row[i : i + 5] for i in (0, 5, 10)]
        if all(sum(g[:4]) == g[4] for g in groups):
            fitting.add(row)
            assert 5 <= drop <= 12
    assert fitting == {(11, 0, 1, 0, 12, 0, 0, 0, 0, 0, 0, 0, 2, 1, 3)}


def test_narrative_figures_agree_with_the_tables(report: AnnualReport) -> None:
    """一、总体情况 says: 受理 212, 办结 211, 予以公开 49, 部分公开 1, 不予公开 9, 无法提供 151, 不予处理 1, 结转 1."""
    o = report.requests.outcomes
    assert report.requests.received.total == 212
    assert o.total.total == 211
    assert (o.disclosed.total, o.partially_disclosed.total) == (49, 1)
    assert o.withheld.internal_affairs.total + o.withheld.process_information.total == 9
    assert o.unavailable.not_held.total + o.unavailable.needs_creation.total == 151
    assert o.not_processed.petition_complaint.total == 1
    assert report.requests.carried_forward.total == 1


def test_read_example_reports_the_table_4_defect() -> None:
    report, findings = govinfo.read_example()
    assert report == govinfo.example()
    (defect,) = findings
    assert defect.rule_id == "GI501"
    assert defect.severity is govinfo.Severity.ERROR
    assert (defect.expected, defect.actual) == (15, 16)
    assert defect.source == govinfo.SourceLocation(file="zhanhe-2024.txt", line=74)
    assert defect.table == "四、政府信息公开行政复议、行政诉讼情况"
    assert len(defect.cells) == 10
    assert all(p.startswith("appeals.litigation") for p in defect.cells)
    assert defect.message_zh.startswith("“四、政府信息公开行政复议、行政诉讼情况”的数值行有 16 个数，")
    assert "但表格只有 15 个单元格。" in defect.message_zh
    assert "复议后起诉为 0、0、2、1、3" in defect.message_zh
    assert "16 numbers for 15 cells" in defect.message_en

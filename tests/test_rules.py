"""Every rule broken by a small mutation of a valid report, with the exact rule IDs that fire."""

from __future__ import annotations

import re
from decimal import Decimal

import attrs
import pytest

import govinfo
from govinfo import AnnualReport, Severity
from govinfo.rules.engine import _years
from govinfo.strategies import BREAKABLE_RULES

T3 = "requests"
BALANCED_ROWS = ("received", "carried_over", "carried_forward")
PART_COLUMNS = ("natural_person", "commercial", "research", "nonprofit", "legal_service", "other")


def fired(report: AnnualReport) -> set[str]:
    return {f.rule_id for f in govinfo.check(report, narrative=False)}  # the table rules


def test_the_example_is_valid(report: AnnualReport) -> None:
    assert govinfo.check(report) == []
    assert govinfo.validate(report) is report


def test_catalog_ids_are_stable_and_complete() -> None:
    assert list(govinfo.RULES) == [
        "GI001",
        "GI002",
        "GI010",
        "GI011",
        "GI101",
        "GI102",
        "GI103",
        "GI104",
        "GI105",
        "GI110",
        "GI301",
        "GI302",
        "GI303",
        "GI401",
        "GI402",
        "GI403",
        "GI501",
        "GI502",
        "GI503",
        "GI504",
        "GI505",
        "GI506",
        "GI507",
        "GI510",
        "GI511",
        "GI512",
        "GI513",
        "GI514",
        "GI516",
        "GI517",
        "GI518",
        "GI519",
        "GI520",
        "GI521",
        "GI522",
        "GI523",
        "GI524",
        "GI525",
        "GI526",
        "GI527",
        "GI528",
        "GI529",
        "GI530",
        "GI601",
        "GI602",
        "GI603",
        "GI604",
        "GI605",
        "GI606",
        "GI607",
        "GI608",
        "GI701",
        "GI702",
        "GI703",
        "GI704",
        "GI705",
        "GI706",
        "GI801",
    ]
    for rule_id, rule in govinfo.RULES.items():
        assert re.fullmatch(r"GI\d{3}", rule_id)
        assert rule.id == rule_id
        assert rule.title_zh
        assert rule.title_en
        assert rule.clause
        assert rule.message_zh
        assert rule.message_en
    report_rules = {r for r, rule in govinfo.RULES.items() if rule.scope == "report"}
    assert report_rules == set(BREAKABLE_RULES)


def test_rule_lookup() -> None:
    assert govinfo.rule("GI301").severity is Severity.ERROR
    assert govinfo.rule("GI301").title("en") == "Table 三 balances in every column"
    assert govinfo.rule("GI301").title() == "表三各列收支平衡"
    assert govinfo.rule("GI303").values == ("row", "actual", "expected", "path")
    with pytest.raises(govinfo.UnknownNameError, match="GI999"):
        govinfo.rule("GI999")


def _cell_paths(table: str) -> list[str]:
    return [c.path for c in govinfo.edition("2021").cells if c.table.field == table]


def _expected_for_table3(path: str) -> set[str]:
    """From the spec: which rules a +1 in this table-三 cell must break."""
    row, column = path.removeprefix("requests.").rsplit(".", 1)
    expected = {"GI303"}  # every cell sits in its row's applicant total
    if row in BALANCED_ROWS:
        expected.add("GI301")
    elif row == "outcomes.total":
        expected |= {"GI301", "GI302"}
    else:  # an outcome part row
        expected.add("GI302")
    assert column in (*PART_COLUMNS, "total")
    return expected


@pytest.mark.parametrize("path", _cell_paths("requests"))
def test_every_table3_cell_changed_alone_is_caught(report: AnnualReport, path: str) -> None:
    for delta in (1, -1):
        value = govinfo.get_cell(report, path)
        assert isinstance(value, int)
        mutated = govinfo.replace_cells(report, {path: value + delta})
        expected = _expected_for_table3(path)
        if value + delta < 0:
            expected.add("GI001")
        assert fired(mutated) == expected


@pytest.mark.parametrize("path", _cell_paths("appeals"))
def test_every_table4_cell_changed_alone_is_caught(report: AnnualReport, path: str) -> None:
    group = path.split(".")[1]
    rule = {"reconsideration": "GI401", "litigation_direct": "GI402", "litigation_after_reconsideration": "GI403"}
    value = govinfo.get_cell(report, path)
    assert isinstance(value, int)
    assert fired(govinfo.replace_cells(report, {path: value + 1})) == {rule[group]}


@pytest.mark.parametrize("path", [p for p in _cell_paths("proactive") if not p.endswith("amount")])
def test_a_negative_table2_count_breaks_only_the_domain_rule(report: AnnualReport, path: str) -> None:
    findings = govinfo.check(govinfo.replace_cells(report, {path: -3}), narrative=False)
    assert [(f.rule_id, f.path, f.actual) for f in findings] == [("GI001", path, -3)]


@pytest.mark.parametrize("amount", ["-0.0001", "NaN", "sNaN", "Infinity", "-Infinity"])
def test_bad_amounts_break_only_gi002_and_never_raise(report: AnnualReport, amount: str) -> None:
    mutated = govinfo.replace_cells(report, {"proactive.fees.amount": Decimal(amount)})
    findings = govinfo.check(mutated, narrative=False)
    assert [f.rule_id for f in findings] == ["GI002"]
    assert findings[0].path == "proactive.fees.amount"


def test_balance_finding_names_the_cell_and_the_values(report: AnnualReport) -> None:
    mutated = govinfo.replace_cells(report, {"requests.received.natural_person": 215, "requests.received.total": 215})
    finding, in_total_column = govinfo.check(mutated, narrative=False)
    assert in_total_column.path == "requests.carried_forward.total"
    assert in_total_column.rule_id == "GI301"
    assert finding.rule_id == "GI301"
    assert finding.severity is Severity.ERROR
    assert finding.path == "requests.carried_forward.natural_person"
    assert finding.table == "三、收到和处理政府信息公开申请情况"
    assert finding.row == "四、结转下年度继续办理"
    assert finding.column == "申请人情况／自然人"
    assert (finding.expected, finding.actual) == (4, 1)
    assert finding.cells == (
        "requests.received.natural_person",
        "requests.carried_over.natural_person",
        "requests.outcomes.total.natural_person",
        "requests.carried_forward.natural_person",
    )
    assert finding.message_zh == (
        "表三“申请人情况／自然人”列不平衡：第一项加第二项为 215，第三项总计加第四项为 212；"
        "按勾稽关系“四、结转下年度继续办理”应为 4，报告为 1。"
    )
    assert finding.message("en") == (
        "table 三, column “申请人情况／自然人” does not balance: items 一 + 二 = 215, item 三 total + item 四 = 212; "
        "“四、结转下年度继续办理” (requests.carried_forward.natural_person) should be 4, reported 1."
    )
    assert finding.source is None


def test_outcome_and_applicant_findings(report: AnnualReport) -> None:
    mutated = govinfo.replace_cells(report, {"requests.outcomes.unavailable.not_held.commercial": 2})
    by_rule = {f.rule_id: f for f in govinfo.check(mutated, narrative=False)}
    assert set(by_rule) == {"GI302", "GI303"}
    outcome = by_rule["GI302"]
    assert (outcome.path, outcome.expected, outcome.actual) == ("requests.outcomes.total.commercial", 2, 0)
    assert outcome.row == "三、本年度办理结果／（七）总计"
    assert outcome.message_zh == (
        "表三“申请人情况／法人或其他组织／商业企业”列：“三、本年度办理结果／（七）总计”为 0，但各项办理结果之和为 2。"
    )
    assert len(outcome.cells) == 22
    applicant = by_rule["GI303"]
    assert (applicant.path, applicant.expected, applicant.actual) == (
        "requests.outcomes.unavailable.not_held.total",
        142,
        140,
    )
    assert applicant.column == "申请人情况／总计"
    assert applicant.message_zh == (
        "表三“三、本年度办理结果／（四）无法提供／1.本机关不掌握相关政府信息”行：总计为 140，但各类申请人之和为 142。"
    )


def test_appeal_finding_names_its_group(report: AnnualReport) -> None:
    mutated = govinfo.replace_cells(report, {"appeals.litigation_direct.pending": 4})
    (finding,) = govinfo.check(mutated, narrative=False)
    assert (finding.rule_id, finding.path, finding.expected, finding.actual) == (
        "GI402",
        "appeals.litigation_direct.total",
        4,
        0,
    )
    assert finding.row is None
    assert finding.column == "行政诉讼／未经复议直接起诉／总计"
    assert finding.message_zh == "表四“行政诉讼／未经复议直接起诉”：总计为 0，但同组四项之和为 4。"


def test_domain_finding_place_in_both_languages(report: AnnualReport) -> None:
    (finding,) = govinfo.check(govinfo.replace_cells(report, {"proactive.regulations.repealed": -1}), narrative=False)
    assert finding.message_zh == "表二“第二十条第（一）项／规章”行“本年废止件数”列为 -1：统计数应为非负整数。"
    assert finding.message_en == (
        "table 二, row “第二十条第（一）项／规章”, column “本年废止件数” (proactive.regulations.repealed) "
        "is -1: a count must be a non-negative integer."
    )


@pytest.mark.parametrize(("year", "fires"), [(2020, True), (2019, True), (2021, False), (2035, False)])
def test_edition_must_fit_the_year(report: AnnualReport, year: int, fires: bool) -> None:
    findings = govinfo.check(attrs.evolve(report, year=year), narrative=False)
    assert [f.rule_id for f in findings] == (["GI010"] if fires else [])
    if fires:
        assert findings[0].severity is Severity.WARNING
        assert findings[0].message_zh == f"{year} 年度报告使用了 2021 版格式，该版格式适用于 2021 年度起。"


@pytest.mark.parametrize("organ", ["", "   ", "\u3000"])
def test_organ_must_be_named(report: AnnualReport, organ: str) -> None:
    (finding,) = govinfo.check(attrs.evolve(report, organ=organ), narrative=False)
    assert (finding.rule_id, finding.path, finding.severity) == ("GI011", "organ", Severity.WARNING)


def test_one_mutation_can_break_several_families_at_once(report: AnnualReport) -> None:
    mutated = govinfo.replace_cells(
        report,
        {
            "requests.received.natural_person": -1,
            "appeals.reconsideration.total": 0,
            "proactive.fees.amount": Decimal("-1"),
        },
    )
    assert [f.rule_id for f in govinfo.check(mutated, narrative=False)] == ["GI001", "GI002", "GI301", "GI303", "GI401"]


def test_check_passes_sources_through(report: AnnualReport) -> None:
    source = govinfo.SourceLocation(file="a.xlsx", sheet="表三", cell="D9")
    mutated = govinfo.replace_cells(report, {"appeals.reconsideration.total": 3})
    (finding,) = govinfo.check(mutated, sources={"appeals.reconsideration.total": source}, narrative=False)
    assert finding.source == source
    assert finding.source.describe() == "a.xlsx:表三!D9"


def test_validate_raises_one_grouped_error_with_every_error(report: AnnualReport) -> None:
    mutated = govinfo.replace_cells(report, {"appeals.reconsideration.total": 3, "appeals.litigation_direct.total": 1})
    mutated = attrs.evolve(mutated, organ="")  # a warning: not part of the error
    with pytest.raises(govinfo.ReportInvalidError) as caught:
        govinfo.validate(mutated)
    assert [f.rule_id for f in caught.value.findings] == ["GI401", "GI402"]
    assert "报告有 2 项错误" in caught.value.message_zh
    assert "[GI401]" in str(caught.value)
    unnamed = attrs.evolve(report, organ="")
    assert govinfo.validate(unnamed) is unnamed


def test_huge_values_are_checked_exactly(report: AnnualReport) -> None:
    big = 2**63 - 2  # the largest counts the model takes, far beyond a float's exact integers
    mutated = govinfo.replace_cells(
        report,
        {"appeals.reconsideration.upheld": big, "appeals.reconsideration.total": big + 1},
    )
    assert govinfo.check(mutated, narrative=False) == []


def test_source_location_descriptions() -> None:
    assert govinfo.SourceLocation(line=3).describe() == "第 3 行"
    assert govinfo.SourceLocation(line=3).describe("en") == "line 3"
    assert govinfo.SourceLocation(cell="B2").describe() == "B2"
    assert govinfo.SourceLocation(file="x.txt").describe() == "x.txt"
    assert govinfo.SourceLocation().describe() == ""


def test_severity_names_and_order() -> None:
    assert [s.label_zh for s in Severity] == ["错误", "警告", "提示"]
    assert sorted(Severity, key=lambda s: s.rank) == [Severity.ERROR, Severity.WARNING, Severity.INFO]


def test_year_ranges_are_described_for_closed_editions() -> None:
    closed = attrs.evolve(govinfo.edition("2021"), first_year=2019, last_year=2020)
    assert _years(closed, "zh") == "2019—2020 年度"
    assert _years(closed, "en") == "report years 2019–2020"
    assert _years(govinfo.edition("2021"), "en") == "report years 2021 onward"

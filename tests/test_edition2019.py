"""The 2019 trial edition, end to end: model, rules, JSON, Excel, strategies, many reports."""

from __future__ import annotations

import io
from decimal import Decimal

import attrs
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import AnnualReport
from govinfo.model import ApplicantCounts
from govinfo.model.proactive2019 import DocumentsMade, FeeItems, ItemCounts, ProactiveDisclosure2019, Procurement
from govinfo.strategies import BREAKABLE_RULES, reports, reports_breaking
from tests.test_rules import _expected_for_table3


@pytest.fixture
def trial() -> AnnualReport:
    """A 2020 report in the trial format; table 二 as 武汉市生态环境局 and 会昌县中村乡 published it."""
    base = govinfo.example()
    outcomes = base.requests.outcomes
    assert isinstance(outcomes.other_handling, govinfo.model.OtherHandling)
    other = outcomes.other_handling
    return attrs.evolve(
        base,
        edition="2019",
        organ="武汉市生态环境局",
        year=2020,
        overview=base.overview.replace("2024", "2020"),
        proactive=ProactiveDisclosure2019(
            regulations=DocumentsMade(made=0, published=0, total_published=0),
            normative_documents=DocumentsMade(made=2, published=2, total_published=19),
            licensing=ItemCounts(items_last_year=8, items_change=5, decisions=93),
            other_services=ItemCounts(items_last_year=117, items_change=0, decisions=165),
            penalties=ItemCounts(items_last_year=90, items_change=-8, decisions=22),
            coercive_measures=ItemCounts(items_last_year=4, items_change=4, decisions=0),
            fees=FeeItems(items_last_year=0, items_change=0),
            procurement=Procurement(projects=12, amount=Decimal("240"), unit="万元"),
        ),
        requests=attrs.evolve(
            base.requests,
            outcomes=attrs.evolve(outcomes, other_handling=other.no_correction + other.fee_unpaid + other.other),
        ),
    )


def test_a_trial_report_is_valid_and_round_trips(trial: AnnualReport) -> None:
    assert govinfo.check(trial, narrative=False) == []
    assert govinfo.from_json(govinfo.to_json(trial)) == trial
    buffer = io.BytesIO()
    govinfo.write_xlsx(trial, buffer)
    assert tuple(govinfo.read_xlsx(buffer.getvalue())) == (trial, [])
    assert tuple(govinfo.read_xlsx(buffer.getvalue(), engine="calamine")) == (trial, [])


def test_the_trial_layout_as_written(trial: AnnualReport) -> None:
    buffer = io.BytesIO()
    govinfo.write_xlsx(trial, buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    two = book["表二"]
    labels = [two[f"A{r}"].value for r in range(2, 21)]
    assert labels[:4] == ["第二十条第（一）项", "信息内容", "规章", "规范性文件"]
    assert "第二十条第（九）项" in labels
    assert "其他对外管理服务事项" in labels
    row = labels.index("政府集中采购") + 2
    assert (two[f"B{row}"].value, two[f"C{row}"].value) == (12, "240万元")
    three = book["表三"]
    assert three["B25"].value == "（六）其他处理"
    assert "B25:C25" in {str(r) for r in three.merged_cells.ranges}
    assert three["B26"].value == "（七）总计"
    assert "A7:A26" in {str(r) for r in three.merged_cells.ranges}  # 三 spans 20 rows in the trial


def test_signed_changes_are_not_negative_counts(trial: AnnualReport) -> None:
    assert govinfo.check(govinfo.replace_cells(trial, {"proactive.fees.items_change": -3}), narrative=False) == []
    findings = govinfo.check(
        govinfo.replace_cells(trial, {"proactive.other_services.items_last_year": -1}), narrative=False
    )
    assert [(f.rule_id, f.path) for f in findings] == [("GI001", "proactive.other_services.items_last_year")]
    findings = govinfo.check(
        govinfo.replace_cells(trial, {"proactive.procurement.amount": Decimal("-1")}), narrative=False
    )
    assert [(f.rule_id, f.path) for f in findings] == [("GI002", "proactive.procurement.amount")]


def test_the_edition_must_fit_the_year(trial: AnnualReport) -> None:
    (finding,) = govinfo.check(attrs.evolve(trial, year=2022), narrative=False)
    assert finding.rule_id == "GI010"
    assert finding.message_zh == "2022 年度报告使用了 2019 版格式，该版格式适用于 2019—2020 年度。"


def _cells(table: str) -> list[str]:
    return [c.path for c in govinfo.edition("2019").cells if c.table.field == table]


@pytest.mark.parametrize("path", _cells("requests") + _cells("appeals"))
def test_every_table_3_and_4_cell_changed_alone_is_caught(trial: AnnualReport, path: str) -> None:
    value = govinfo.get_cell(trial, path)
    assert isinstance(value, int)
    fired = {f.rule_id for f in govinfo.check(govinfo.replace_cells(trial, {path: value + 1}), narrative=False)}
    if path.startswith("requests."):
        assert fired == _expected_for_table3(path)
    else:
        group = path.split(".")[1]
        assert fired == {"reconsideration": {"GI401"}, "litigation_direct": {"GI402"}}.get(group, {"GI403"})


@pytest.mark.parametrize("rule_id", BREAKABLE_RULES)
@given(data=st.data())
def test_reports_breaking_work_for_the_trial_edition(rule_id: str, data: st.DataObject) -> None:
    report = data.draw(reports_breaking(rule_id, edition_id="2019"))
    assert {f.rule_id for f in govinfo.check(report)} == {rule_id}


@given(reports(edition_id="2019"))
def test_generated_trial_reports_round_trip(report: AnnualReport) -> None:
    assert govinfo.check(report) == []
    assert govinfo.from_dict(govinfo.to_dict(report)) == report


def test_json_picks_the_classes_by_edition(trial: AnnualReport) -> None:
    data = govinfo.to_dict(trial)
    assert data["edition"] == "2019"
    assert data["proactive"]["procurement"] == {"projects": 12, "amount": "240", "unit": "万元"}
    assert data["requests"]["outcomes"]["other_handling"]["total"] == 0
    data["edition"] = "2021"
    with pytest.raises(govinfo.StructureError) as caught:
        govinfo.from_dict(data)
    paths = [p.path for p in caught.value.problems]
    assert "proactive.regulations.made" in paths
    assert "requests.outcomes.other_handling.no_correction" in paths


def test_editions_are_not_mixed(trial: AnnualReport) -> None:
    (finding,) = govinfo.compare(trial, attrs.evolve(govinfo.example(), organ=trial.organ, year=2021))
    assert finding.rule_id == "GI606"
    assert "不能混合比较" in finding.message_zh
    with pytest.raises(govinfo.AggregationError, match="同一年度、同一格式版本"):
        govinfo.aggregate([trial, attrs.evolve(govinfo.example(), year=2020)], organ="某市")
    with pytest.raises(govinfo.FieldTypeError, match="proactive"):
        attrs.evolve(trial, edition="2021")


def test_procurement_units_are_kept_and_never_mixed(trial: AnnualReport) -> None:
    other = attrs.evolve(trial, organ="另一局")
    total, _ = govinfo.aggregate([trial, other], organ="某市")
    assert isinstance(total.proactive, ProactiveDisclosure2019)
    assert (total.proactive.procurement.amount, total.proactive.procurement.unit) == (Decimal("480"), "万元")
    assert isinstance(trial.proactive, ProactiveDisclosure2019)
    yuan = attrs.evolve(trial.proactive, procurement=Procurement(projects=1, amount=Decimal("251000"), unit="元"))
    in_yuan = attrs.evolve(other, proactive=yuan)
    with pytest.raises(govinfo.AggregationError, match="单位不一致"):
        govinfo.aggregate([trial, in_yuan], organ="某市")


@pytest.mark.parametrize(
    ("written", "amount", "unit", "rules"),
    [
        ("251000元", "251000", "元", set()),
        (240, "240", "", set()),
        ("'240", "240", "", {"GI503"}),
        ("约240", "0", "", {"GI504"}),
    ],
)
def test_reading_amounts_with_their_units(
    trial: AnnualReport, written: object, amount: str, unit: str, rules: set[str]
) -> None:
    buffer = io.BytesIO()
    govinfo.write_xlsx(trial, buffer)
    book = openpyxl.load_workbook(io.BytesIO(buffer.getvalue()))
    two = book["表二"]
    cell = next(c for row in two.iter_rows() for c in row if c.value == "240万元")
    cell.value = written.lstrip("'") if isinstance(written, str) else written  # type: ignore[assignment]
    out = io.BytesIO()
    book.save(out)
    report, findings = govinfo.read_xlsx(out.getvalue())
    assert report.edition == "2019"
    assert govinfo.get_cell(report, "proactive.procurement.amount") == Decimal(amount)
    assert isinstance(report.proactive, ProactiveDisclosure2019)
    assert report.proactive.procurement.unit == unit
    assert {f.rule_id for f in findings} == rules


def test_row_sums_hold_for_the_single_other_handling_row(trial: AnnualReport) -> None:
    assert isinstance(trial.requests.outcomes.other_handling, ApplicantCounts)
    assert len(trial.requests.outcomes.parts()) == 19


def test_a_parent_in_another_unit_than_its_children_is_refused(trial: AnnualReport) -> None:
    proactive = trial.proactive
    assert isinstance(proactive, ProactiveDisclosure2019)
    in_yuan = attrs.evolve(
        trial,
        proactive=attrs.evolve(proactive, procurement=Procurement(projects=12, amount=Decimal("2400000"), unit="元")),
    )
    with pytest.raises(govinfo.AggregationError, match="单位不一致"):
        govinfo.compare_hierarchy(in_yuan, [trial])


def test_the_unit_of_an_amount_is_traced_to_its_cell(trial: AnnualReport) -> None:
    buffer = io.BytesIO()
    govinfo.write_xlsx(trial, buffer)
    found = govinfo.explain(govinfo.read_xlsx(buffer.getvalue()), "proactive.procurement.unit")
    assert found.value == "万元"
    assert found.source is not None
    assert found.source == govinfo.read_xlsx(buffer.getvalue()).sources["proactive.procurement.amount"]

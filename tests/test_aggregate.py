"""aggregate(): 汇总 over many organs, its refusals, its workbook and tidy rows."""

from __future__ import annotations

import builtins
from decimal import Decimal
from pathlib import Path
from typing import Any

import attrs
import openpyxl
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import AnnualReport
from govinfo.cli import main
from govinfo.strategies import reports


def organs(base: AnnualReport, *names: str) -> list[AnnualReport]:
    return [attrs.evolve(base, organ=name) for name in names]


@given(st.lists(reports(years=st.just(2024)), min_size=1, max_size=6))
def test_every_cell_is_the_sum_and_the_total_is_valid(given_reports: list[AnnualReport]) -> None:
    inputs = [attrs.evolve(r, organ=f"单位{i}") for i, r in enumerate(given_reports)]
    total, findings = govinfo.aggregate(inputs, organ="某县")
    assert findings == []
    sums = govinfo.cell_values(total)
    for path, value in sums.items():
        assert value == sum(govinfo.get_cell(r, path) for r in inputs)  # type: ignore[misc]
    assert (total.organ, total.year, total.overview) == ("某县", 2024, "")


def test_amounts_are_summed_exactly(report: AnnualReport) -> None:
    a, b = organs(report, "甲", "乙")
    b = govinfo.replace_cells(b, {"proactive.fees.amount": Decimal("0.0001")})
    total, _ = govinfo.aggregate([a, b], organ="合计")
    assert total.proactive.fees.amount == Decimal("14.4322")


def test_reports_with_errors_are_left_out_or_included_as_asked(report: AnnualReport) -> None:
    good, other, wrong = organs(report, "甲局", "乙局", "丙局")
    wrong = govinfo.replace_cells(wrong, {"appeals.reconsideration.total": 99})
    result = govinfo.aggregate([good, other, wrong], organ="某区")
    assert result.contributors == ("甲局", "乙局")
    assert [e.organ for e in result.excluded] == ["丙局"]
    assert [f.rule_id for f in result.excluded[0].findings] == ["GI401"]
    assert [(f.rule_id, f.message_zh) for f in result.findings] == [
        ("GI701", "“丙局”的报告有 1 项错误（GI401），未纳入汇总。")
    ]
    assert result.report.requests.received.total == 424
    included = govinfo.aggregate([good, other, wrong], organ="某区", include_invalid=True)
    assert [f.rule_id for f in included.findings] == ["GI702", "GI401"]
    assert included.contributors == ("甲局", "乙局", "丙局")
    assert included.report.appeals.reconsideration.total == 12 + 12 + 99


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"year": 2023}, "只能汇总同一年度"),
        ({"organ": "甲局"}, "同一机关的报告出现了不止一次：甲局"),
        ({"organ": "甲 局"}, "同一机关"),
    ],
)
def test_what_cannot_be_totalled(report: AnnualReport, change: dict[str, Any], fragment: str) -> None:
    first = attrs.evolve(report, organ="甲局")
    with pytest.raises(govinfo.AggregationError) as caught:
        govinfo.aggregate([first, attrs.evolve(report, **change)], organ="某区")
    assert fragment in caught.value.message_zh
    assert caught.value.message_en


def test_nothing_to_total(report: AnnualReport) -> None:
    with pytest.raises(govinfo.AggregationError, match="没有可汇总的报告"):
        govinfo.aggregate([], organ="某区")
    wrong = govinfo.replace_cells(report, {"appeals.reconsideration.total": 99})
    with pytest.raises(govinfo.AggregationError, match="均未纳入汇总"):
        govinfo.aggregate([wrong], organ="某区")


def test_the_total_workbook_has_the_breakdown(report: AnnualReport, tmp_path: Path) -> None:
    inputs = organs(report, "甲局", "乙局")
    inputs.append(govinfo.replace_cells(attrs.evolve(report, organ="丙局"), {"appeals.reconsideration.total": 0}))
    result = govinfo.aggregate(inputs, organ="某区")
    target = tmp_path / "汇总.xlsx"
    govinfo.write_aggregate_xlsx(result, target)
    assert tuple(govinfo.read_xlsx(target)) == (result.report, [])
    book = openpyxl.load_workbook(target)
    detail = book["分单位明细"]
    assert [c.value for c in detail[1]] == ["表", "行", "列", "路径", "合计", "甲局", "乙局"]
    row = next(r for r in detail.iter_rows(values_only=True) if r[3] == "requests.received.natural_person")
    assert row == (
        "表三",
        "一、本年新收政府信息公开申请数量",
        "申请人情况／自然人",
        "requests.received.natural_person",
        424,
        212,
        212,
    )
    notes = book["汇总说明"]
    lines = [(r[0], r[1]) for r in notes.iter_rows(values_only=True)]
    assert lines[:3] == [("纳入汇总的单位", "2 个"), (None, "甲局"), (None, "乙局")]
    assert lines[3] == ("未纳入汇总的单位", "1 个")
    assert lines[4][0] == "丙局"
    assert "[GI401]" in str(lines[4][1])


def test_tidy_rows_and_dataframe(report: AnnualReport) -> None:
    rows = list(govinfo.to_rows(organs(report, "甲", "乙"), files=["a.xlsx", None]))
    assert len(rows) == 2 * len(govinfo.edition("2021").cells)
    assert rows[0] == {
        "file": "a.xlsx",
        "organ": "甲",
        "year": 2024,
        "edition": "2021",
        "path": "proactive.regulations.issued",
        "value": 0,
    }
    assert rows[-1]["file"] is None
    frame = govinfo.to_dataframe(organs(report, "甲", "乙"))
    assert list(frame.columns[:3]) == ["organ", "year", "edition"]
    assert frame.shape == (2, 3 + len(govinfo.edition("2021").cells))
    assert frame.loc[1, "requests.received.total"] == 212
    assert frame.loc[0, "proactive.fees.amount"] == Decimal("14.4321")


def test_dataframe_without_pandas(monkeypatch: pytest.MonkeyPatch, report: AnnualReport) -> None:
    real = builtins.__import__

    def no_pandas(name: str, *args: object, **kwargs: object) -> object:
        if name == "pandas":
            raise ImportError(name)
        return real(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", no_pandas)
    with pytest.raises(govinfo.GovinfoError, match="pandas"):
        govinfo.to_dataframe([report])


def test_aggregate_unpacks_and_keeps_its_inputs(report: AnnualReport) -> None:
    result = govinfo.aggregate([report], organ="某区")
    total, findings = result
    assert total is result.report
    assert findings is result.findings
    assert result.inputs == (report,)


# ----- compare_hierarchy ------------------------------------------------------------------


def test_a_parent_that_is_the_total_of_its_children_has_no_findings() -> None:
    children = organs(govinfo.example(), "甲镇", "乙乡", "丙街道")
    parent = attrs.evolve(govinfo.aggregate(children, organ="某县").report, overview="全县情况")
    assert govinfo.compare_hierarchy(parent, children) == []


@given(st.lists(reports(years=st.just(2024)), min_size=1, max_size=4), st.integers(min_value=1, max_value=5))
def test_each_cell_that_differs_from_the_total_is_named(given_reports: list[AnnualReport], delta: int) -> None:
    children = [attrs.evolve(r, organ=f"单位{i}") for i, r in enumerate(given_reports)]
    parent = govinfo.aggregate(children, organ="某县").report
    path = "requests.outcomes.disclosed.commercial"
    changed = govinfo.replace_cells(parent, {path: govinfo.get_cell(parent, path) + delta})  # type: ignore[operator]
    (finding,) = govinfo.compare_hierarchy(changed, children)
    assert (finding.rule_id, finding.path, finding.actual - finding.expected) == ("GI704", path, delta)  # type: ignore[operator]
    assert finding.message_zh.startswith(
        "表三“三、本年度办理结果／（一）予以公开”行“申请人情况／法人或其他组织／商业企业”列："
    )
    assert f"所辖 {len(children)} 个单位的报告合计为 {finding.expected}" in finding.message_zh


def test_children_without_a_report_are_named_and_policy_sets_the_severity() -> None:
    base = govinfo.example()
    parent = govinfo.replace_cells(base, {"proactive.fees.amount": Decimal("1.5")})
    found = govinfo.compare_hierarchy(parent, {"甲镇": base, "乙乡": None}, severity=govinfo.Severity.WARNING)
    assert [(f.rule_id, f.severity.value) for f in found] == [("GI705", "warning"), ("GI704", "warning")]
    assert found[0].message_zh == "“乙乡”没有 2024 年度报告，上级报告与下级汇总的比较不含该单位。"
    assert found[1].expected == Decimal("14.4321")


def test_a_parent_of_another_year_is_refused() -> None:
    with pytest.raises(govinfo.AggregationError, match="上级报告为 2023 年度"):
        govinfo.compare_hierarchy(attrs.evolve(govinfo.example(), year=2023), [govinfo.example()])
    with pytest.raises(govinfo.AggregationError, match="没有可汇总的报告"):
        govinfo.compare_hierarchy(govinfo.example(), {"甲镇": None})


def test_the_hierarchy_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    kids = organs(govinfo.example(), "甲镇", "乙乡")
    parent = govinfo.aggregate(kids, organ="某县").report
    (tmp_path / "县.json").write_text(govinfo.to_json(parent), encoding="utf-8")
    folder = tmp_path / "乡镇"
    folder.mkdir()
    for kid in kids:
        (folder / f"{kid.organ}.json").write_text(govinfo.to_json(kid), encoding="utf-8")
    (folder / "坏.json").write_text("{", encoding="utf-8")
    members = tmp_path / "名单.txt"
    members.write_text("\ufeff甲镇\n乙乡\n\n丙街道\n", encoding="utf-8")
    status = main(["hierarchy", str(tmp_path / "县.json"), str(folder), "--members", str(members), "--warn"])
    out, err = capsys.readouterr()
    assert status == 2  # one child's file is unreadable
    assert "坏.json" in err
    assert "  警告  GI705  organ  “丙街道”没有 2024 年度报告" in out
    assert "GI704" not in out
    county = str(tmp_path / "县.json")
    status = main(["hierarchy", county, str(folder / "甲镇.json"), "--members", str(tmp_path / "无")])
    out, err = capsys.readouterr()
    assert status == 2
    assert "无法读取单位名单" in err


def test_hierarchy_and_aggregate_leave_out_the_same_reports() -> None:
    """One policy: a 汇总 checked against its own children agrees with itself."""
    good = attrs.evolve(govinfo.example(), organ="甲镇")
    wrong = govinfo.replace_cells(attrs.evolve(govinfo.example(), organ="乙乡"), {"appeals.reconsideration.total": 1})
    total = govinfo.aggregate([good, wrong], organ="县")
    findings = govinfo.compare_hierarchy(total.report, [good, wrong])
    assert [f.rule_id for f in findings] == ["GI701"]  # 乙乡 left out of both, and said
    assert "乙乡" in findings[0].message_zh
    both = govinfo.aggregate([good, wrong], organ="县", include_invalid=True)
    assert [f.rule_id for f in govinfo.compare_hierarchy(both.report, [good, wrong], include_invalid=True)] == ["GI702"]
    with pytest.raises(govinfo.AggregationError, match="所有下级报告都有错误"):
        govinfo.compare_hierarchy(total.report, [wrong])

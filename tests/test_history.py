"""compare(): last year's report against this year's, with the exact rule IDs that fire."""

from __future__ import annotations

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import AnnualReport
from govinfo.strategies import reports


def next_year(report: AnnualReport) -> AnnualReport:
    """A consistent report for the following year that continues ``report`` exactly.

    It receives what this year handled, carries over what this year carried forward and
    carries the same forward again, so every balance holds by construction; two documents
    of each kind are issued and one repealed. Its narrative is new text (none at all).
    """
    forward = report.requests.carried_forward
    requests = govinfo.Requests(
        received=report.requests.outcomes.total,
        carried_over=forward,
        outcomes=report.requests.outcomes,
        carried_forward=forward,
    )
    documents: dict[str, int] = {}
    for row in ("regulations", "normative_documents"):
        in_force = govinfo.get_cell(report, f"proactive.{row}.in_force")
        assert isinstance(in_force, int)
        documents |= {
            f"proactive.{row}.issued": 2,
            f"proactive.{row}.repealed": 1,
            f"proactive.{row}.in_force": in_force + 1,
        }
    following = attrs.evolve(
        report, year=report.year + 1, requests=requests, overview="", problems="", other_matters=""
    )
    return govinfo.replace_cells(following, documents)


@given(reports())
def test_a_faithful_next_year_raises_nothing(report: AnnualReport) -> None:
    following = next_year(report)
    assert govinfo.check(following) == []
    assert govinfo.compare(report, following) == []


@pytest.fixture
def pair(report: AnnualReport) -> tuple[AnnualReport, AnnualReport]:
    return report, next_year(report)


def fired(previous: AnnualReport, current: AnnualReport) -> list[str]:
    return [f.rule_id for f in govinfo.compare(previous, current)]


def test_another_organ_is_the_only_finding(pair: tuple[AnnualReport, AnnualReport]) -> None:
    last, now = pair
    (finding,) = govinfo.compare(last, attrs.evolve(now, organ="别的局", requests=last.requests))
    assert finding.rule_id == "GI601"
    assert finding.message_zh == "上年报告的机关是“湛河区人民政府”，本年报告的机关是“别的局”，不是同一机关，不作比较。"
    assert fired(last, attrs.evolve(now, organ="湛河区 人民政府")) == []  # spacing is not another organ


@pytest.mark.parametrize("year", [2024, 2026, 2020])
def test_years_that_do_not_follow_are_the_only_finding(pair: tuple[AnnualReport, AnnualReport], year: int) -> None:
    last, now = pair
    assert fired(last, attrs.evolve(now, year=year)) == ["GI602"]


def test_broken_carry_over(pair: tuple[AnnualReport, AnnualReport]) -> None:
    last, now = pair
    broken = govinfo.replace_cells(now, {"requests.carried_over.natural_person": 0, "requests.carried_over.total": 0})
    findings = govinfo.compare(last, broken)
    assert [(f.rule_id, f.path, f.expected, f.actual) for f in findings] == [
        ("GI603", "requests.carried_over.natural_person", 1, 0),
        ("GI603", "requests.carried_over.total", 1, 0),
    ]
    assert findings[0].message_zh == (
        "表三“申请人情况／自然人”列：本年“二、上年结转政府信息公开申请数量”为 0，"
        "但上年报告“四、结转下年度继续办理”为 1。"
    )
    assert findings[0].cells == ("requests.carried_over.natural_person", "requests.carried_forward.natural_person")


def test_documents_in_force_must_follow(pair: tuple[AnnualReport, AnnualReport]) -> None:
    last, now = pair
    broken = govinfo.replace_cells(now, {"proactive.normative_documents.in_force": 40})
    (finding,) = govinfo.compare(last, broken)
    assert (finding.rule_id, finding.severity, finding.expected, finding.actual) == (
        "GI604",
        govinfo.Severity.WARNING,
        29,
        40,
    )
    assert finding.message_zh == (
        "表二“第二十条第（一）项／行政规范性文件”：现行有效 40 件，"
        "但上年现行有效 28 件加本年制发 2 件、减本年废止 1 件应为 29 件。"
    )


def test_a_copy_of_last_years_tables(report: AnnualReport) -> None:
    copied = attrs.evolve(report, year=2025)
    # the example's 一 and 五 are long enough to compare; its one-sentence 六 is not
    assert fired(report, copied) == ["GI603", "GI603", "GI604", "GI605", "GI607", "GI607"]
    assert "GI605" not in fired(report, next_year(report))


def test_all_zero_tables_may_repeat(report: AnnualReport) -> None:
    zero = govinfo.replace_cells(report, {c.path: 0 for c in govinfo.edition("2021").cells if c.kind == "count"})
    zero = govinfo.replace_cells(zero, {"proactive.fees.amount": Decimal(0)})
    assert fired(zero, attrs.evolve(zero, year=2025, overview="", problems="")) == []


def test_sources_locate_the_current_cells(pair: tuple[AnnualReport, AnnualReport]) -> None:
    last, now = pair
    broken = govinfo.replace_cells(now, {"requests.carried_over.research": 5})
    where = govinfo.SourceLocation(sheet="表三", cell="F6")
    (finding,) = govinfo.compare(last, broken, sources={"requests.carried_over.research": where})
    assert finding.source == where


@given(reports(), st.integers(min_value=1, max_value=9))
def test_any_carry_over_change_is_caught(report: AnnualReport, delta: int) -> None:
    following = next_year(report)
    broken = govinfo.replace_cells(
        following,
        {"requests.carried_over.other": following.requests.carried_over.other + delta},
    )
    assert "GI603" in fired(report, broken)

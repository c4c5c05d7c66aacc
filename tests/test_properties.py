"""Properties over generated reports: valid by construction, round trips, exact breakage."""

from __future__ import annotations

import subprocess
import sys

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import AnnualReport
from govinfo.model import AppealCounts, ApplicantCounts
from govinfo.strategies import BREAKABLE_RULES, appeal_counts, applicant_counts, reports, reports_breaking


@given(reports())
def test_generated_reports_pass_every_rule(report: AnnualReport) -> None:
    assert govinfo.check(report) == []


@given(reports(mostly_zero=True, narratives=st.just("")))
def test_mostly_zero_reports_with_empty_narratives(report: AnnualReport) -> None:
    assert govinfo.check(report) == []
    assert report.overview == report.problems == report.other_matters == ""
    values = [v for v in govinfo.cell_values(report).values() if isinstance(v, int)]
    assert values.count(0) > 0


@given(reports(max_count=10**12))
def test_large_counts(report: AnnualReport) -> None:
    assert govinfo.check(report) == []
    assert govinfo.from_json(govinfo.to_json(report)) == report


@given(reports())
def test_json_round_trip(report: AnnualReport) -> None:
    assert govinfo.from_json(govinfo.to_json(report)) == report
    assert govinfo.from_dict(govinfo.to_dict(report)) == report


@given(reports(organs=st.just("某局"), years=st.just(2022), narratives=st.text(min_size=1)))
def test_metadata_options(report: AnnualReport) -> None:
    assert (report.organ, report.year) == ("某局", 2022)
    assert report.overview


@pytest.mark.parametrize("rule_id", BREAKABLE_RULES)
@given(data=st.data())
def test_reports_breaking_break_exactly_that_rule(rule_id: str, data: st.DataObject) -> None:
    report = data.draw(reports_breaking(rule_id, mostly_zero=data.draw(st.booleans())))
    assert {f.rule_id for f in govinfo.check(report)} == {rule_id}


def test_reports_breaking_refuses_unknown_rules() -> None:
    with pytest.raises(govinfo.UnknownNameError, match="GI501"):
        reports_breaking("GI501")


@given(st.from_type(AnnualReport), st.from_type(ApplicantCounts), st.from_type(AppealCounts))
def test_from_type_works_through_the_entry_point(
    report: AnnualReport, row: ApplicantCounts, group: AppealCounts
) -> None:
    assert govinfo.check(report) == []
    assert govinfo.edition(report.edition).fits(report.year)  # each edition with the years it is meant for
    assert row.total == sum(row.parts())
    assert group.total == group.upheld + group.corrected + group.other + group.pending


def test_from_type_draws_both_editions() -> None:
    seen: set[str] = set()

    @settings(max_examples=60, database=None)
    @given(st.from_type(AnnualReport))
    def draw(report: AnnualReport) -> None:
        seen.add(report.edition)

    draw()
    assert seen == set(govinfo.edition_ids())


@given(applicant_counts(mostly_zero=True), appeal_counts(max_count=3))
def test_row_strategies(row: ApplicantCounts, group: AppealCounts) -> None:
    assert row.total == sum(row.parts())
    assert 0 <= group.total <= 12


@given(reports(), st.data())
def test_any_single_table_cell_change_is_caught(report: AnnualReport, data: st.DataObject) -> None:
    cells = [c for c in govinfo.edition(report.edition).cells if c.table.field in ("requests", "appeals")]
    cell = data.draw(st.sampled_from(cells))
    delta = data.draw(st.integers(min_value=1, max_value=50))
    value = govinfo.get_cell(report, cell.path)
    assert isinstance(value, int)
    assert govinfo.check(govinfo.replace_cells(report, {cell.path: value + delta}))


@pytest.mark.parametrize("first", ["govinfo.strategies", "hypothesis", "govinfo"])
def test_strategies_import_in_a_fresh_interpreter_whatever_comes_first(first: str) -> None:
    code = (
        f"import {first}\n"
        "from hypothesis import strategies as st\n"
        "import govinfo, govinfo.strategies\n"
        "assert govinfo.check(st.from_type(govinfo.AnnualReport).example()) == []\n"
    )
    done = subprocess.run([sys.executable, "-W", "ignore", "-c", code], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr

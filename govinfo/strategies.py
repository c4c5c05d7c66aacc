"""Hypothesis strategies for annual reports (needs the ``hypothesis`` extra).

:func:`reports` builds reports that pass every rule **by construction**: it draws the
parts and computes the totals, so it never filters. :func:`reports_breaking` turns such a
report into one that breaks exactly one chosen rule. Installing govinfo registers
``st.from_type(AnnualReport)`` (and the row classes) through Hypothesis' entry point, so
users' tests need no setup.

>>> from hypothesis import given
>>> from govinfo import check
>>> from govinfo.strategies import reports
>>> @given(reports(mostly_zero=True))
... def test_valid(report):
...     assert check(report) == []
>>> test_valid()
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from typing import Any, TypeVar

import attrs
from hypothesis import strategies as st

from govinfo.editions import edition
from govinfo.errors import UnknownNameError
from govinfo.findings import Value
from govinfo.model.appeals import AppealCounts, Appeals
from govinfo.model.cells import cell_values, replace_cells
from govinfo.model.proactive import ProactiveDisclosure
from govinfo.model.proactive2019 import DocumentsMade, FeeItems, ItemCounts, ProactiveDisclosure2019, Procurement
from govinfo.model.report import AnnualReport, edition_class
from govinfo.model.requests import (
    ApplicantCounts,
    NotProcessed,
    OtherHandling,
    Outcomes,
    Requests,
    Unavailable,
    Withheld,
)

__all__ = [
    "BREAKABLE_RULES",
    "appeal_counts",
    "applicant_counts",
    "reports",
    "reports_breaking",
]

ORGAN_NAMES = (
    "湛河区人民政府",
    "平顶山市生态环境局",
    "会昌县中村乡人民政府",
    "深圳市龙岗区教育局",
    "威海市文登区审计局",
    "某市政务服务和数据管理局",
)

NARRATIVE_SAMPLES = (
    "",
    "无",
    "本年度没有产生信息公开处理费。",
    "2024 年，主动公开政府信息 7855 条。\n\n（一）主动公开：按照要求做好公开工作。",
    "=SUM(A1:A2)",
    "+86 010 1234 5678",
    "-（一）存在问题",
    "@某单位",
)


PASSING = (
    "本机关依法做好政府信息公开工作。",
    "下一步将进一步加强政府信息公开工作。",
    "本年度未收取信息处理费。",
)
"""A sentence for each narrative section (一、五、六) that satisfies the narrative rules."""


def _counts(max_count: int, mostly_zero: bool) -> st.SearchStrategy[int]:
    values = st.integers(min_value=0, max_value=max_count)
    if not mostly_zero:
        return values
    # Eight draws in ten are zero, as in most small organs' tables; shrinks to zero.
    return st.integers(min_value=0, max_value=9).flatmap(lambda k: st.just(0) if k < 8 else values)


def applicant_counts(*, max_count: int = 1000, mostly_zero: bool = False) -> st.SearchStrategy[ApplicantCounts]:
    """One table-三 row whose 总计 is the sum of its six applicant counts."""
    n = _counts(max_count, mostly_zero)
    return st.builds(
        ApplicantCounts.from_parts,
        natural_person=n,
        commercial=n,
        research=n,
        nonprofit=n,
        legal_service=n,
        other=n,
    )


def appeal_counts(*, max_count: int = 1000, mostly_zero: bool = False) -> st.SearchStrategy[AppealCounts]:
    """One table-四 group whose 总计 is the sum of its four outcomes."""
    n = _counts(max_count, mostly_zero)
    return st.builds(AppealCounts.from_parts, upheld=n, corrected=n, other=n, pending=n)


_Group = TypeVar("_Group", Withheld, Unavailable, NotProcessed, OtherHandling)


def _group(cls: type[_Group], rows: st.SearchStrategy[ApplicantCounts]) -> st.SearchStrategy[_Group]:
    return st.builds(cls, **{a.name: rows for a in attrs.fields(cls)})


def _applicant_parts(edition_id: str) -> tuple[str, ...]:
    """The applicant columns that add up to 总计, from table 三's declared row balance."""
    (grid,) = edition(edition_id).section("requests").grids  # type: ignore[union-attr]
    (balance,) = (b for b in grid.balances if b.over == "rows")
    return balance.right


@st.composite
def _requests(draw: st.DrawFn, max_count: int, mostly_zero: bool, edition_id: str) -> Requests:
    rows = applicant_counts(max_count=max_count, mostly_zero=mostly_zero)
    other: st.SearchStrategy[OtherHandling | ApplicantCounts] = (
        rows
        if edition_class(OtherHandling | ApplicantCounts, edition_id) is ApplicantCounts
        else _group(OtherHandling, rows)
    )
    outcomes = Outcomes.from_parts(
        disclosed=draw(rows),
        partially_disclosed=draw(rows),
        withheld=draw(_group(Withheld, rows)),
        unavailable=draw(_group(Unavailable, rows)),
        not_processed=draw(_group(NotProcessed, rows)),
        other_handling=draw(other),
    )
    forward = draw(rows)
    # Split what was handled plus what goes forward into carried-over and new requests,
    # column by column, so that the printed balance holds and nothing is negative.
    over: dict[str, int] = {}
    for name in _applicant_parts(edition_id):
        available = getattr(outcomes.total, name) + getattr(forward, name)
        over[name] = draw(st.integers(min_value=0, max_value=available))
    carried_over = ApplicantCounts.from_parts(**over)
    received = ApplicantCounts.from_parts(
        **{name: getattr(outcomes.total, name) + getattr(forward, name) - over[name] for name in over}
    )
    return Requests(received=received, carried_over=carried_over, outcomes=outcomes, carried_forward=forward)


def reports(
    *,
    edition_id: str = "2021",
    max_count: int = 1000,
    mostly_zero: bool = False,
    narratives: st.SearchStrategy[str] | None = None,
    organs: st.SearchStrategy[str] | None = None,
    years: st.SearchStrategy[int] | None = None,
) -> st.SearchStrategy[AnnualReport]:
    """Reports that pass every rule of :func:`govinfo.check`, the narrative rules included.

    ``max_count`` bounds each part count (totals are sums, so they may exceed it; use
    ``10**12`` for large counts); ``mostly_zero`` makes most cells 0, as small organs
    publish; ``narratives`` draws the three narrative sections (default: all three empty,
    as a data submission, or samples with text that looks like a formula and arbitrary
    text, each followed by a sentence that satisfies the narrative rules; given
    ``narratives`` are taken as drawn, and arbitrary ones need not pass them);
    ``organs`` and ``years`` draw the metadata (default: non-empty names, years the
    edition is meant for). ``edition_id="2019"`` gives reports in the 2019 trial format,
    with signed ``items_change`` and a procurement unit.
    """
    layout = edition(edition_id)
    n = _counts(max_count, mostly_zero)
    texts = narratives if narratives is not None else st.one_of(st.sampled_from(NARRATIVE_SAMPLES), st.text())
    sections = (
        st.tuples(texts, texts, texts)
        if narratives is not None
        else st.one_of(st.just(("", "", "")), st.tuples(*(st.builds(str.__add__, texts, st.just(s)) for s in PASSING)))
    )
    names = organs if organs is not None else st.builds(str.__add__, st.sampled_from(ORGAN_NAMES), st.text(max_size=8))
    last = layout.last_year if layout.last_year is not None else layout.first_year + 30
    report_years = years if years is not None else st.integers(min_value=layout.first_year, max_value=last)
    amounts = st.decimals(min_value=0, max_value=10**8, places=4, allow_nan=False, allow_infinity=False)
    proactive: st.SearchStrategy[ProactiveDisclosure | ProactiveDisclosure2019]
    if edition_class(ProactiveDisclosure | ProactiveDisclosure2019, layout.id) is ProactiveDisclosure2019:
        signed = st.integers(min_value=-max_count, max_value=max_count)
        items = st.builds(ItemCounts, items_last_year=n, items_change=signed, decisions=n)
        made = st.builds(DocumentsMade, made=n, published=n, total_published=n)
        proactive = st.builds(
            ProactiveDisclosure2019,
            regulations=made,
            normative_documents=made,
            licensing=items,
            other_services=items,
            penalties=items,
            coercive_measures=items,
            fees=st.builds(FeeItems, items_last_year=n, items_change=signed),
            procurement=st.builds(Procurement, projects=n, amount=amounts, unit=st.sampled_from(["", "元", "万元"])),
        )
    else:
        documents = st.tuples(n, n, n)
        proactive = st.builds(
            ProactiveDisclosure.from_values,
            regulations=documents,
            normative_documents=documents,
            licensing=n,
            penalties=n,
            coercive_measures=n,
            fees=amounts,
        )
    groups = appeal_counts(max_count=max_count, mostly_zero=mostly_zero)
    return st.builds(
        _report,
        sections,
        edition=st.just(layout.id),
        organ=names,
        year=report_years,
        proactive=proactive,
        requests=_requests(max_count, mostly_zero, layout.id),
        appeals=st.builds(
            Appeals, reconsideration=groups, litigation_direct=groups, litigation_after_reconsideration=groups
        ),
    )


def _report(sections: tuple[str, str, str], **parts: Any) -> AnnualReport:
    overview, problems, other_matters = sections
    return AnnualReport(overview=overview, problems=problems, other_matters=other_matters, **parts)


def _shift(*paths: str) -> Callable[[AnnualReport, int], AnnualReport]:
    """Add ``d`` to each cell in ``paths``: chosen so that exactly one rule breaks."""

    def mutate(report: AnnualReport, d: int) -> AnnualReport:
        values = cell_values(report)
        changed: dict[str, Value] = {p: values[p] + d for p in paths}  # type: ignore[operator]
        return replace_cells(report, changed)

    return mutate


def _negative_count(report: AnnualReport, d: int) -> AnnualReport:
    return replace_cells(report, {"proactive.licensing.decisions": -d})


def _negative_amount(report: AnnualReport, d: int) -> AnnualReport:
    amount = next(c.path for c in edition(report.edition).cells if c.kind == "amount")
    return replace_cells(report, {amount: Decimal(-d) / 100})


def _wrong_year(report: AnnualReport, d: int) -> AnnualReport:
    return attrs.evolve(report, year=edition(report.edition).first_year - d)


def _no_organ(report: AnnualReport, d: int) -> AnnualReport:
    return attrs.evolve(report, organ=" " * (d % 3))


_MUTATIONS: dict[str, Callable[[AnnualReport, int], AnnualReport]] = {
    "GI001": _negative_count,
    "GI002": _negative_amount,
    "GI010": _wrong_year,
    "GI011": _no_organ,
    # New requests up in one column and in the total: only the balance breaks.
    "GI301": _shift("requests.received.natural_person", "requests.received.total"),
    # Outcome total and new requests up alike: rows and balance hold, the outcome sum does not.
    "GI302": _shift(
        "requests.outcomes.total.natural_person",
        "requests.outcomes.total.total",
        "requests.received.natural_person",
        "requests.received.total",
    ),
    # Two row totals up: the total column still balances, the two rows do not add up.
    "GI303": _shift("requests.received.total", "requests.carried_forward.total"),
    "GI401": _shift("appeals.reconsideration.total"),
    "GI402": _shift("appeals.litigation_direct.total"),
    "GI403": _shift("appeals.litigation_after_reconsideration.total"),
}

BREAKABLE_RULES: tuple[str, ...] = tuple(_MUTATIONS)
"""The rule IDs :func:`reports_breaking` accepts: every rule ``check`` applies to one report."""


def reports_breaking(rule_id: str, **options: object) -> st.SearchStrategy[AnnualReport]:
    """Reports on which :func:`govinfo.check` reports rule ``rule_id`` and no other rule.

    ``options`` are those of :func:`reports`. The mutation for each rule is a small,
    documented change of a valid report (e.g. ``GI303`` raises two row totals of table 三
    by the same amount, so the total column still balances).
    """
    mutate = _MUTATIONS.get(rule_id)
    if mutate is None:
        raise UnknownNameError("可构造的规则", "breakable rule", rule_id, BREAKABLE_RULES)
    base = reports(**options)  # type: ignore[arg-type]
    return st.builds(mutate, base, st.integers(min_value=1, max_value=1000))

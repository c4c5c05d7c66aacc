"""Deterministic corpora of valid reports, and their plain-list equivalents for baselines."""

from __future__ import annotations

import random
from decimal import Decimal

import attrs

import govinfo
from govinfo import AnnualReport, Requests
from govinfo.model import ApplicantCounts, Outcomes
from govinfo.model.appeals import AppealCounts, Appeals
from govinfo.model.proactive import ProactiveDisclosure
from govinfo.model.requests import NotProcessed, OtherHandling, Unavailable, Withheld

PARTS = ("natural_person", "commercial", "research", "nonprofit", "legal_service", "other")


def _row(rng: random.Random) -> ApplicantCounts:
    return ApplicantCounts.from_parts(**{name: rng.choice((0, 0, 0, rng.randrange(50))) for name in PARTS})


def _group(rng: random.Random, cls: type) -> object:
    return cls(**{a.name: _row(rng) for a in attrs.fields(cls)})


def make_report(rng: random.Random, index: int) -> AnnualReport:
    """One valid report, its values drawn from ``rng``."""
    outcomes = Outcomes.from_parts(
        disclosed=_row(rng),
        partially_disclosed=_row(rng),
        withheld=_group(rng, Withheld),  # type: ignore[arg-type]
        unavailable=_group(rng, Unavailable),  # type: ignore[arg-type]
        not_processed=_group(rng, NotProcessed),  # type: ignore[arg-type]
        other_handling=_group(rng, OtherHandling),  # type: ignore[arg-type]
    )
    forward = _row(rng)
    received = ApplicantCounts.from_parts(
        **{name: getattr(outcomes.total, name) + getattr(forward, name) for name in PARTS}
    )
    zero = ApplicantCounts.from_parts()
    appeals = [AppealCounts.from_parts(upheld=rng.randrange(5), pending=rng.randrange(3)) for _ in range(3)]
    return AnnualReport(
        edition="2021",
        organ=f"测试单位{index:05d}",
        year=2024,
        overview="（一）主动公开：" + "按照要求做好公开工作。" * rng.randrange(1, 20),
        proactive=ProactiveDisclosure.from_values(
            regulations=(0, 0, rng.randrange(5)),
            normative_documents=(rng.randrange(5), rng.randrange(5), rng.randrange(40)),
            licensing=rng.randrange(10_000),
            penalties=rng.randrange(500),
            coercive_measures=rng.randrange(20),
            fees=Decimal(rng.randrange(1_000_000)) / 10_000,
        ),
        requests=Requests(received=received, carried_over=zero, outcomes=outcomes, carried_forward=forward),
        appeals=Appeals(
            reconsideration=appeals[0], litigation_direct=appeals[1], litigation_after_reconsideration=appeals[2]
        ),
        problems="存在问题：人员不足。" * rng.randrange(1, 10) + "下一步将加强培训。",
        other_matters="本年度没有产生信息公开处理费。",
    )


def make_reports(n: int, seed: int = 2024) -> list[AnnualReport]:
    """``n`` valid reports, the same ones for the same seed."""
    rng = random.Random(seed)
    reports = [make_report(rng, i) for i in range(n)]
    assert all(govinfo.check(r) == [] for r in reports[:50])
    return reports


PlainReport = tuple[list[list[int]], list[int], list[int], Decimal]


def to_plain(report: AnnualReport) -> PlainReport:
    """The same numbers as plain lists: table 三 as 25 rows of 7, table 四 as 15, table 二 counts, amount."""
    values = govinfo.cell_values(report)
    cells = govinfo.edition(report.edition).cells
    table3 = [int(values[c.path]) for c in cells if c.table.field == "requests"]
    rows = [table3[i : i + 7] for i in range(0, len(table3), 7)]
    table4 = [int(values[c.path]) for c in cells if c.table.field == "appeals"]
    table2 = [int(values[c.path]) for c in cells if c.table.field == "proactive" and c.kind == "count"]
    return rows, table4, table2, Decimal(values["proactive.fees.amount"])

"""check() and the JSON round trip against hand-written baselines on the same data."""

from __future__ import annotations

import json
from decimal import Decimal

import attrs

import govinfo
from benchmarks.corpus import PlainReport, make_reports, to_plain
from benchmarks.timing import Result, best_of


def plain_check(rows: list[list[int]], table4: list[int], table2: list[int], amount: Decimal) -> int:
    """The table checks of govinfo.check, hand-written on plain lists; returns the problem count."""
    problems = 0
    for values in (*rows, table4, table2):
        for value in values:
            if value < 0:
                problems += 1
    if not amount.is_finite() or amount < 0:
        problems += 1
    for column in range(7):
        received, carried_over = rows[0][column], rows[1][column]
        outcome_total, carried_forward = rows[23][column], rows[24][column]
        if received + carried_over != outcome_total + carried_forward:
            problems += 1
        if sum(row[column] for row in rows[2:23]) != outcome_total:
            problems += 1
    for row in rows:
        if sum(row[:6]) != row[6]:
            problems += 1
    for start in (0, 5, 10):
        if sum(table4[start : start + 4]) != table4[start + 4]:
            problems += 1
    return problems


def plain_total(plains: list[PlainReport]) -> tuple[list[list[int]], list[int], list[int], Decimal]:
    """The cell-wise sum of many reports held as plain nested lists, written by hand."""
    rows = [[0] * 7 for _ in range(25)]
    table4 = [0] * 15
    table2 = [0] * len(plains[0][2])
    amount = Decimal(0)
    for report_rows, report_table4, report_table2, report_amount in plains:
        for total_row, row in zip(rows, report_rows, strict=True):
            for j, value in enumerate(row):
                total_row[j] += value
        for j, value in enumerate(report_table4):
            table4[j] += value
        for j, value in enumerate(report_table2):
            table2[j] += value
        amount += report_amount
    return rows, table4, table2, amount


def run(quick: bool) -> list[Result]:
    """Measure both targets of the model issue."""
    n = 1_000 if quick else 10_000
    repeats = 3 if quick else 5
    reports = make_reports(n)
    plains: list[PlainReport] = [to_plain(r) for r in reports]

    def with_govinfo() -> None:
        for report in reports:
            govinfo.check(report, narrative=False)

    def by_hand() -> None:
        for plain in plains:
            plain_check(*plain)

    assert sum(len(govinfo.check(r, narrative=False)) for r in reports) == sum(plain_check(*p) for p in plains) == 0
    results = [Result(f"check() over {n:,} reports", best_of(with_govinfo, repeats), best_of(by_hand, repeats), 5.0)]

    organised = [attrs.evolve(r, organ=f"单位{i:05d}") for i, r in enumerate(reports)]
    total = govinfo.aggregate(organised, organ="合计").report
    assert to_plain(total) == plain_total(plains)
    results.append(
        Result(
            f"aggregate() of {n:,} reports",
            best_of(lambda: govinfo.aggregate(organised, organ="合计"), repeats),
            best_of(lambda: plain_total(plains), repeats),
            2.0,
        )
    )

    sample = reports[: n // 5]
    dicts = [govinfo.to_dict(r) for r in sample]

    def json_govinfo() -> None:
        for report in sample:
            govinfo.from_json(govinfo.to_json(report))

    def json_plain() -> None:
        for data in dicts:
            json.loads(json.dumps(data, ensure_ascii=False))

    results.append(
        Result(
            f"from_json(to_json(r)) over {len(sample):,} reports",
            best_of(json_govinfo, repeats),
            best_of(json_plain, repeats),
            3.0,
        )
    )
    return results

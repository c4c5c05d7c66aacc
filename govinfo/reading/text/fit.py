"""Fitting a row of published values of the wrong length through the row's balances."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterable

import attrs

from govinfo.editions.layout import Grid, Row, Table, join_path
from govinfo.findings import Finding, SourceLocation
from govinfo.reading.text.tokens import Token
from govinfo.reading.values import read_count
from govinfo.rules.catalog import RULES

MAX_MISFIT = 3
"""At most this many values too many or too few are resolved through the balances."""


@attrs.define
class TableValues:
    """Values found for one table: cell path → (raw token, where it stands), and findings."""

    raw: dict[str, tuple[str, SourceLocation]] = attrs.field(factory=dict)
    findings: list[Finding] = attrs.field(factory=list)
    exact: int = 0
    loose: int = 0


Pick = tuple[int, ...]
"""The tokens one cell takes its value from: none (a zero added), one, or two (a split number)."""
_DIGIT = re.compile(r"[1-9１-９][0-9０-９]?|[0０]")


def _merges(values: list[str], extra: int) -> Iterable[list[Pick]]:
    """Every way of joining ``extra`` disjoint pairs of adjacent single digits into one number."""
    pairs = [
        k
        for k in range(len(values) - 1)
        if len(values[k]) == 1 and values[k] not in "0０" and _DIGIT.fullmatch(values[k] + values[k + 1])
    ]
    for chosen in itertools.combinations(pairs, extra):
        if any(b - a < 2 for a, b in itertools.pairwise(chosen)):
            continue
        picks: list[Pick] = []
        k = 0
        while k < len(values):
            picks.append((k, k + 1) if k in chosen else (k,))
            k += 2 if k in chosen else 1
        yield picks


def fit(values: list[str], size: int, equations: list[tuple[list[int], list[int]]]) -> tuple[list[Pick] | None, int]:
    """Which tokens fill ``size`` cells: as they are, or the one way of dropping values, adding
    zeros or joining split digits that makes every equation hold. Returns (picks or None,
    number of fitting readings)."""
    if len(values) == size:
        return [(k,) for k in range(size)], 1
    if abs(len(values) - size) > MAX_MISFIT:
        return None, 0

    def holds(picks: list[Pick]) -> bool:
        numbers = [read_count("".join(values[k] for k in pick) or "0").value for pick in picks]
        return all(sum(numbers[i] for i in left) == sum(numbers[i] for i in right) for left, right in equations)

    candidates: list[list[Pick]] = []
    if len(values) > size:
        for dropped in itertools.combinations(range(len(values)), len(values) - size):
            candidates.append([(k,) for k in range(len(values)) if k not in dropped])
        candidates.extend(_merges(values, len(values) - size))
    else:
        for added in itertools.combinations(range(size), size - len(values)):
            remaining = iter(range(len(values)))
            candidates.append([() if k in added else (next(remaining),) for k in range(size)])
    readings: list[list[Pick]] = []
    seen: set[tuple[str, ...]] = set()
    for picks in candidates:
        texts = tuple("".join(values[k] for k in pick) or "0" for pick in picks)
        if texts not in seen and holds(picks):
            seen.add(texts)
            readings.append(picks)
    return (readings[0] if len(readings) == 1 else None), len(readings)


def _equations(grid: Grid) -> list[tuple[list[int], list[int]]]:
    """The grid's row balances as index lists into one row's values."""
    fields = [c.field for c in grid.columns]
    return [
        ([fields.index(f) for f in b.left], [fields.index(f) for f in b.right])
        for b in grid.balances
        if b.over == "rows"
    ]


def _shape_finding(
    table: Table, row_label: str, first: Token, *, found: int, cells: int, readings: int, paths: tuple[str, ...]
) -> Finding:
    rule = RULES["GI501"]
    if readings == 1:
        note_zh, note_en = (
            "只有一种读法能使表内勾稽关系成立，已按此读取。",
            "Exactly one reading makes the totals hold; it was used.",
        )
    elif readings:
        note_zh, note_en = (
            f"有 {readings} 种读法都能使勾稽关系成立，无法确定，已按顺序读取。",
            (f"{readings} readings make the totals hold; the position is ambiguous, read in order."),
        )
    else:
        note_zh, note_en = (
            "没有哪种读法能使勾稽关系成立，已按顺序读取。",
            "No reading makes the totals hold; read in order.",
        )
    named = {
        **_where(table, row_label),
        "found": found,
        "cells": cells,
        "note": note_zh,
        "note_en": note_en,
    }
    where = SourceLocation(line=first.line)
    return rule.finding(named, table=table.heading, source=where, expected=cells, actual=found, cells=paths)


def _where(table: Table, row_label: str) -> dict[str, str]:
    heading = table.heading
    if row_label:
        return {"where": f"“{heading}”的“{row_label}”行", "where_en": f"the row “{row_label}” of “{heading}”"}
    return {"where": f"“{heading}”的数值行", "where_en": f"the value row of “{heading}”"}


MAX_SPLITS = 20_000
"""The most ways of cutting a run of digits into numbers that are tried (a row's run has a few dozen)."""


def _cuts(digits: str, parts: int) -> Iterable[list[str]]:
    """``digits`` cut into ``parts`` numbers as one writes them (no leading zero but ``0`` itself)."""
    for cut in itertools.islice(itertools.combinations(range(1, len(digits)), parts - 1), MAX_SPLITS):
        bounds = (0, *cut, len(digits))
        pieces = [digits[a:b] for a, b in itertools.pairwise(bounds)]
        if all(p == "0" or p[0] != "0" for p in pieces):
            yield pieces


def _split_run(
    values: list[Token], size: int, equations: list[tuple[list[int], list[int]]]
) -> tuple[list[Token], int, list[str]] | None:
    """The row with a run of digits (cells that ran together: ``801000081``) cut into the numbers
    that make every equation hold, when exactly one such cut exists: the tokens, the run's index
    and its pieces."""
    found: list[tuple[int, list[str]]] = []
    for index, token in enumerate(values):
        digits = token.text
        parts = size - len(values) + 1
        if not (digits.isascii() and digits.isdigit()) or len(digits) < parts:
            continue
        for pieces in _cuts(digits, parts):
            texts = [t.text for t in values[:index]] + pieces + [t.text for t in values[index + 1 :]]
            numbers = [int(text) if text.isdigit() else read_count(text).value for text in texts]
            if all(sum(numbers[i] for i in left) == sum(numbers[i] for i in right) for left, right in equations):
                found.append((index, pieces))
                if len(found) > 1:
                    return None
    if len(found) != 1:
        return None
    index, pieces = found[0]
    token = values[index]
    split, offset = [], 0
    for piece in pieces:
        column = token.column + offset if token.column else 0
        split.append(Token(piece, token.line, True, column, column + len(piece) - 1 if column else 0))
        offset += len(piece)
    return [*values[:index], *split, *values[index + 1 :]], index, pieces


def assign(table: Table, grid: Grid, row: Row, values: list[Token], out: TableValues) -> None:
    """Give a row its values; a run of the wrong length is fitted through the row's balances and reported."""
    size = len(grid.columns)
    if len(values) < size and grid.balances:
        split = _split_run(values, size, _equations(grid))
        if split is not None:
            run = values[split[1]]
            values, _, pieces = split
            cut = {**_where(table, row.label), "token": run.text, "pieces": " ".join(pieces)}
            cells = tuple(join_path(table.field, row.path, column.field) for column in grid.columns)
            out.findings.append(RULES["GI527"].finding(cut, table=table.heading, source=run.location(), cells=cells))
    texts = [t.text for t in values]
    picks, readings = fit(texts, size, _equations(grid))
    paths = tuple(join_path(table.field, row.path, column.field) for column in grid.columns)
    joined = [pick for pick in picks or [] if len(pick) == 2]
    for first, second in joined:
        named = {
            **_where(table, row.label),
            "found": len(texts),
            "cells": size,
            "first": texts[first],
            "second": texts[second],
            "joined": texts[first] + texts[second],
        }
        where = values[first].location(until=values[second])
        shape = RULES["GI522"].finding(
            named, table=table.heading, source=where, expected=size, actual=len(texts), cells=paths
        )
        out.findings.append(shape)
    if len(texts) != size and not joined:
        shape = _shape_finding(
            table, row.label, values[0], found=len(texts), cells=size, readings=readings, paths=paths
        )
        out.findings.append(shape)
    chosen = picks or [(k,) if k < len(texts) else () for k in range(size)]
    for path, pick in zip(paths, chosen, strict=False):
        taken = [values[k] for k in pick]
        text = "".join(t.text for t in taken) or "0"
        where = taken[0].location(until=taken[-1]) if taken else SourceLocation(line=values[0].line)
        out.raw[path] = (text, where)

"""Where each value of a report came from: :class:`ReadResult` and :func:`explain`.

Both readers return a :class:`ReadResult`: the report, the findings, and for every value
they read its :class:`~govinfo.SourceLocation` (sheet and cell, or line, column span and
the text as the file writes it). :func:`explain` gathers what is known about one path.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any, Literal, overload

import attrs

from govinfo.editions import edition as _edition
from govinfo.errors import Lang, UnknownNameError, expect, expect_text
from govinfo.findings import Finding, SourceLocation, Value
from govinfo.model.cells import attrs_get, get_cell
from govinfo.model.report import AnnualReport
from govinfo.reading.made import Made
from govinfo.rules.engine import place
from govinfo.rules.narrative import SECTIONS


@attrs.frozen
class ReadResult:
    """What a reader made of a file: the report, its findings, and where each value came from.

    Unpacks, and indexes, as the pair ``report, findings`` that readers returned before.
    """

    report: AnnualReport
    findings: list[Finding]
    sources: Mapping[str, SourceLocation] = attrs.field(factory=dict)
    """Canonical path → where its value stands in the file; narrative fields by their name."""
    made: Made | None = None
    """The mark of a file govinfo wrote (an annotated copy, a 汇总), when the file carries one."""

    def __iter__(self) -> Iterator[Any]:
        """``report, findings`` (attribute access keeps the precise types)."""
        return iter((self.report, self.findings))

    def __len__(self) -> int:
        return 2

    @overload
    def __getitem__(self, index: Literal[0]) -> AnnualReport: ...
    @overload
    def __getitem__(self, index: Literal[1]) -> list[Finding]: ...
    @overload
    def __getitem__(self, index: int) -> AnnualReport | list[Finding]: ...
    def __getitem__(self, index: int) -> AnnualReport | list[Finding]:
        return (self.report, self.findings)[index]


@attrs.frozen
class Explanation:
    """One value of a report: what it is, where it came from and what the rules say of it."""

    path: str
    value: Value
    source: SourceLocation | None
    findings: tuple[Finding, ...]
    """Every finding about the path, involving it, or about its whole table."""
    edition: str = "2021"

    def coordinate(self, lang: Lang = "zh") -> str:
        """Where the path sits in the printed report: table, row and column, or the section."""
        layout = _edition(self.edition)
        if self.path in {c.path for c in layout.cells}:
            return place(layout.cell(self.path), lang)
        section = next((n for n in layout.narratives if n.field == self.path), None)
        return section.heading if section is not None else ""


_TEXTS = ("organ", "year", "edition", *SECTIONS)


def _at_cell(result: ReadResult, place: str) -> str:
    """The path whose value stands at ``place`` (``表三!D7``) in the workbook read."""
    sheet, _, cell = place.rpartition("!")
    wanted = (sheet.strip("'"), cell.replace("$", "").upper())
    cells = {f"{w.sheet}!{w.cell}": p for p, w in result.sources.items() if w.sheet and w.cell}
    for where, path in cells.items():
        if tuple(where.rsplit("!", 1)) == wanted:
            return path
    raise UnknownNameError("单元格", "cell", place, sorted(cells))


def explain(result: ReadResult, path: str) -> Explanation:
    """What ``result`` knows about ``path``: the value, its source and the findings involving it.

    ``path`` is a canonical path, or for a workbook the sheet and cell where the value stands
    (``表三!J5``).

    Raises :class:`~govinfo.UnknownNameError` for a path that is not a cell or field.

    >>> import govinfo
    >>> found = govinfo.explain(govinfo.read_text(govinfo.example_text()), "requests.received.total")
    >>> found.value, found.source.describe(), found.source.text
    (212, '第 43 行第 33–35 列', '212')
    """
    expect(
        result,
        ReadResult,
        function="explain",
        parameter="result",
        zh="读取结果（ReadResult，govinfo.read 的返回值）",
        en="a ReadResult (what govinfo.read returns)",
    )
    expect_text(path, function="explain", parameter="path")
    if "!" in path:  # a workbook's sheet and cell, as the office reads it: 表三!D7
        path = _at_cell(result, path)
    units = {c.unit_path for c in _edition(result.report.edition).cells if c.unit_path}
    value: Value = attrs_get(result.report, path) if path in _TEXTS or path in units else get_cell(result.report, path)
    involved = tuple(
        f
        for f in result.findings
        if f.path == path or path in f.cells or (f.path and path.startswith(f.path + "."))  # or its whole table
    )
    return Explanation(path, value, result.sources.get(path), involved, result.report.edition)

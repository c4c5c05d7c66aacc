"""Findings: what a rule or a reader says about a report, and exactly where."""

from __future__ import annotations

import enum
from decimal import Decimal

import attrs

from govinfo.errors import Lang

Value = int | Decimal | str
"""A value a finding reports: a count, an amount, or a text such as an edition id."""


class Severity(enum.StrEnum):
    """How bad a finding is: ``error`` (the report is wrong), ``warning``, ``info``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def label_zh(self) -> str:
        """The Chinese name users see (错误, 警告, 提示)."""
        return {"error": "错误", "warning": "警告", "info": "提示"}[self.value]

    @property
    def rank(self) -> int:
        """0 for errors, 1 for warnings, 2 for info: a sort key, worst first."""
        return ("error", "warning", "info").index(self.value)


@attrs.frozen(kw_only=True)
class SourceLocation:
    """Where in the user's file a value came from.

    A workbook cell is a ``sheet`` and A1 ``cell``; text is a ``line`` and ``column`` span;
    a table of a Word file or PDF is its ``table`` (counted from 1 in the document, or on
    the ``page``), ``row`` and ``column``; a paragraph of a Word file is its ``paragraph``.
    ``text`` is what the file holds there, as it holds it (``"２１２"``, ``"/"``, ``"251000元"``).
    """

    file: str | None = None
    sheet: str | None = None
    cell: str | None = None
    line: int | None = None
    column: int | None = None
    """The first column: a character in the ``line``, or a column of the ``table`` (1-based)."""
    end_column: int | None = None
    """The last column in the line."""
    text: str | None = None
    page: int | None = None
    """The page of a PDF (1-based)."""
    table: int | None = None
    """The table of a Word file or a PDF page (1-based), whose ``row`` and ``column`` are given."""
    row: int | None = None
    paragraph: int | None = None
    """The paragraph of a Word file (1-based, tables not counted)."""

    def describe(self, lang: Lang = "zh") -> str:
        """``Sheet1!C7``, ``第 12 行第 5–7 列``, ``第 5 页表格 2 第 3 行第 4 列``; prefixed by the file."""
        en = lang == "en"
        parts: list[str] = []
        if self.cell is not None:
            parts.append(f"{self.sheet}!{self.cell}" if self.sheet else self.cell)
        if self.page is not None:
            parts.append(f"page {self.page}" if en else f"第 {self.page} 页")
        if self.paragraph is not None:
            parts.append(f"paragraph {self.paragraph}" if en else f"第 {self.paragraph} 段")
        if self.table is not None:
            parts.append(f"table {self.table}" if en else f"表格 {self.table}")
        if self.cell is None and self.row is not None:
            parts.append(f"row {self.row}" if en else f"第 {self.row} 行")
            if self.column is not None:
                parts.append(f"column {self.column}" if en else f"第 {self.column} 列")
        elif self.cell is None and self.line is not None:
            parts.append(f"line {self.line}" if en else f"第 {self.line} 行")
            if self.column:
                span = str(self.column)
                if self.end_column and self.end_column != self.column:
                    span += f"–{self.end_column}"
                many = "s" if "–" in span else ""
                parts.append(f"column{many} {span}" if en else f"第 {span} 列")
        place = (
            ", ".join(parts)
            if en
            else "".join(f" {part}" if i and parts[i - 1][-1:].isdigit() else part for i, part in enumerate(parts))
        )
        if self.file:
            return f"{self.file}:{place}" if place else self.file
        return place


@attrs.frozen(kw_only=True)
class Finding:
    """One problem found in a report.

    ``path`` is the canonical model path of the cell or field concerned
    (``requests.outcomes.total.natural_person``); ``table``, ``row`` and ``column`` are
    its official coordinate (heading and label chains); ``cells`` lists every cell the
    rule involved; ``source`` is the place in the user's file, when the report was read
    from one; ``related`` are places in other files the finding draws on (the children's
    cells a 汇总 is checked against, GI704), each with its file and the value it holds.
    """

    rule_id: str
    severity: Severity
    message_zh: str
    message_en: str
    path: str | None = None
    table: str | None = None
    row: str | None = None
    column: str | None = None
    expected: Value | None = None
    actual: Value | None = None
    cells: tuple[str, ...] = ()
    source: SourceLocation | None = None
    related: tuple[SourceLocation, ...] = ()

    def message(self, lang: Lang = "zh") -> str:
        """The message in ``lang``."""
        return self.message_en if lang == "en" else self.message_zh

"""The workbook govinfo writes: sheet names and the labels of its own metadata sheet.

The official tables are laid out from the edition's declaration; only what the official
format does not print (where the metadata and narratives go) is declared here.
"""

from __future__ import annotations

from govinfo.editions.format2021 import DOCUMENT
from govinfo.editions.layout import Table

INFO_SHEET = "基本信息"
BREAKDOWN_SHEET = "分单位明细"
AGGREGATE_NOTES_SHEET = "汇总说明"
ORGAN = "机关名称"
YEAR = "报告年度"
EDITION = "格式版本"
CONTINUED = "（续）"
"""Marks a row that continues the text of the row above (text over 32,767 characters)."""

TITLE = DOCUMENT
"""The title of a blank workbook; a filled one reads ``{organ} {year} 年政府信息公开工作年度报告``."""


def table_sheet(table: Table) -> str:
    """The sheet a table is written to: ``表二``, ``表三``, ``表四``."""
    return f"表{table.number}"

"""The 2019 trial edition of the official format, as data (国办公开办函〔2019〕60号).

Only what differs from 2021 is spelled here: table 二 (five blocks, other rows and columns)
and the single （六）其他处理 row of table 三. Tables 三 and 四 and the narrative sections are
otherwise the 2021 declaration itself, reused, not copied.
"""

from __future__ import annotations

from govinfo.editions.format2021 import (
    APPEALS,
    CONTENT,
    ITEM_1,
    ITEM_5,
    ITEM_6,
    ITEM_8,
    OTHER_HANDLING,
    OTHER_MATTERS,
    OUTCOMES,
    OVERVIEW,
    PROBLEMS,
    requests_table,
)
from govinfo.editions.layout import Column, Edition, Grid, Row, Table

ITEM_9 = "第二十条第（九）项"
ITEMS_LAST_YEAR = Column("items_last_year", ("上一年项目数量",))
ITEMS_CHANGE = Column("items_change", ("本年增/减",), kind="signed")
DECISIONS = Column("decisions", ("处理决定数量",))


def _grid(title: str, columns: tuple[Column, ...], rows: tuple[tuple[str, str], ...]) -> Grid:
    return Grid(title=title, corner=CONTENT, columns=columns, rows=tuple(Row(p, (label,)) for p, label in rows))


PROACTIVE_2019 = Table(
    number="二",
    field="proactive",
    heading="二、主动公开政府信息情况",
    grids=(
        _grid(
            ITEM_1,
            (
                Column("made", ("本年新制作数量",)),
                Column("published", ("本年新公开数量",)),
                Column("total_published", ("对外公开总数量",)),
            ),
            (("regulations", "规章"), ("normative_documents", "规范性文件")),
        ),
        _grid(
            ITEM_5,
            (ITEMS_LAST_YEAR, ITEMS_CHANGE, DECISIONS),
            (("licensing", "行政许可"), ("other_services", "其他对外管理服务事项")),
        ),
        _grid(
            ITEM_6,
            (ITEMS_LAST_YEAR, ITEMS_CHANGE, DECISIONS),
            (("penalties", "行政处罚"), ("coercive_measures", "行政强制")),
        ),
        _grid(ITEM_8, (ITEMS_LAST_YEAR, ITEMS_CHANGE), (("fees", "行政事业性收费"),)),
        _grid(
            ITEM_9,
            (Column("projects", ("采购项目数量",)), Column("amount", ("采购总金额",), kind="amount", unit="unit")),
            (("procurement", "政府集中采购"),),
        ),
    ),
)

EDITION_2019 = Edition(
    id="2019",
    instrument="《中华人民共和国政府信息公开工作年度报告格式（试行）》（国办公开办函〔2019〕60号）",
    first_year=2019,
    last_year=2020,
    sections=(
        OVERVIEW,
        PROACTIVE_2019,
        requests_table((Row("outcomes.other_handling", (OUTCOMES, OTHER_HANDLING)),)),
        APPEALS,
        PROBLEMS,
        OTHER_MATTERS,
    ),
)

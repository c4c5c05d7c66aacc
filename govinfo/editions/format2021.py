"""The 2021 edition of the official format, as data (国办公开办函〔2021〕30号).

Every official label of the 2021 edition is written here once, character for character
(full-width punctuation and curly quotes included), with the canonical model path of every
row and column and the balances the tables print or imply. Readers, writers and the rule
engine interpret this declaration; nothing else in govinfo spells these labels.
"""

from __future__ import annotations

from govinfo.editions.layout import Balance, Column, Edition, Grid, Narrative, Row, Table

# Art. 20 block titles, the shared header and row-group labels, each spelled once.
ITEM_1, ITEM_5, ITEM_6, ITEM_8 = (f"第二十条第（{n}）项" for n in ("一", "五", "六", "八"))
CONTENT = "信息内容"
DECISIONS = "本年处理决定数量"
APPLICANTS = "申请人情况"
ORGANISATIONS = "法人或其他组织"
OUTCOMES = "三、本年度办理结果"
WITHHELD = "（三）不予公开"
UNAVAILABLE = "（四）无法提供"
NOT_PROCESSED = "（五）不予处理"
OTHER_HANDLING = "（六）其他处理"
RECONSIDERATION = "行政复议"
LITIGATION = "行政诉讼"
DIRECT = "未经复议直接起诉"
AFTER_RECONSIDERATION = "复议后起诉"
APPEAL_OUTCOMES = (("upheld", "结果维持"), ("corrected", "结果纠正"), ("other", "其他结果"), ("pending", "尚未审结"))
TOTAL = "总计"
DOCUMENT = "政府信息公开工作年度报告"
"""The name of the document; its title is ``{organ}{year}年政府信息公开工作年度报告`` (both editions)."""

OVERVIEW = Narrative("一", "overview", "一、总体情况")
PROBLEMS = Narrative("五", "problems", "五、存在的主要问题及改进情况")
OTHER_MATTERS = Narrative("六", "other_matters", "六、其他需要报告的事项")


def _documents_grid(row_labels: tuple[tuple[str, str], ...], columns: tuple[tuple[str, str], ...]) -> Grid:
    return Grid(
        title=ITEM_1,
        corner=CONTENT,
        columns=tuple(Column(f, (label,)) for f, label in columns),
        rows=tuple(Row(path, (label,)) for path, label in row_labels),
    )


def _single_column_grid(title: str, column: Column, rows: tuple[tuple[str, str], ...]) -> Grid:
    return Grid(title=title, corner=CONTENT, columns=(column,), rows=tuple(Row(p, (label,)) for p, label in rows))


PROACTIVE = Table(
    number="二",
    field="proactive",
    heading="二、主动公开政府信息情况",
    grids=(
        _documents_grid(
            (("regulations", "规章"), ("normative_documents", "行政规范性文件")),
            (("issued", "本年制发件数"), ("repealed", "本年废止件数"), ("in_force", "现行有效件数")),
        ),
        _single_column_grid(ITEM_5, Column("decisions", (DECISIONS,)), (("licensing", "行政许可"),)),
        _single_column_grid(
            ITEM_6,
            Column("decisions", (DECISIONS,)),
            (("penalties", "行政处罚"), ("coercive_measures", "行政强制")),
        ),
        _single_column_grid(
            ITEM_8, Column("amount", ("本年收费金额（单位：万元）",), kind="amount"), (("fees", "行政事业性收费"),)
        ),
    ),
)

REQUEST_COLUMNS = (
    Column("natural_person", (APPLICANTS, "自然人")),
    *(
        Column(field, (APPLICANTS, ORGANISATIONS, label))
        for field, label in (
            ("commercial", "商业企业"),
            ("research", "科研机构"),
            ("nonprofit", "社会公益组织"),
            ("legal_service", "法律服务机构"),
            ("other", "其他"),
        )
    ),
    Column("total", (APPLICANTS, TOTAL)),
)


def _group(path: str, label: str, rows: tuple[tuple[str, str], ...]) -> tuple[Row, ...]:
    return tuple(Row(f"outcomes.{path}.{field}", (OUTCOMES, label, sub)) for field, sub in rows)


OUTCOME_GROUPS = (
    Row("outcomes.disclosed", (OUTCOMES, "（一）予以公开")),
    Row("outcomes.partially_disclosed", (OUTCOMES, "（二）部分公开（区分处理的，只计这一情形，不计其他情形）")),
    *_group(
        "withheld",
        WITHHELD,
        (
            ("state_secret", "1.属于国家秘密"),
            ("prohibited_by_law", "2.其他法律行政法规禁止公开"),
            ("security_stability", "3.危及“三安全一稳定”"),
            ("third_party_rights", "4.保护第三方合法权益"),
            ("internal_affairs", "5.属于三类内部事务信息"),
            ("process_information", "6.属于四类过程性信息"),
            ("enforcement_files", "7.属于行政执法案卷"),
            ("administrative_query", "8.属于行政查询事项"),
        ),
    ),
    *_group(
        "unavailable",
        UNAVAILABLE,
        (
            ("not_held", "1.本机关不掌握相关政府信息"),
            ("needs_creation", "2.没有现成信息需要另行制作"),
            ("unclear_after_correction", "3.补正后申请内容仍不明确"),
        ),
    ),
    *_group(
        "not_processed",
        NOT_PROCESSED,
        (
            ("petition_complaint", "1.信访举报投诉类申请"),
            ("repeated", "2.重复申请"),
            ("publication", "3.要求提供公开出版物"),
            ("excessive", "4.无正当理由大量反复申请"),
            ("reconfirmation", "5.要求行政机关确认或重新出具已获取信息"),
        ),
    ),
)

OTHER_HANDLING_ROWS = _group(
    "other_handling",
    OTHER_HANDLING,
    (
        ("no_correction", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请"),
        ("fee_unpaid", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请"),
        ("other", "3.其他"),
    ),
)


def requests_table(other_handling: tuple[Row, ...]) -> Table:
    """Table 三 with the given （六）其他处理 rows (three in 2021, one in the 2019 trial)."""
    outcome_rows = (*OUTCOME_GROUPS, *other_handling)
    rows = (
        Row("received", ("一、本年新收政府信息公开申请数量",)),
        Row("carried_over", ("二、上年结转政府信息公开申请数量",)),
        *outcome_rows,
        Row("outcomes.total", (OUTCOMES, "（七）总计")),
        Row("carried_forward", ("四、结转下年度继续办理",)),
    )
    parts = tuple(c.field for c in REQUEST_COLUMNS if c.field != "total")
    return Table(
        number="三",
        field="requests",
        heading="三、收到和处理政府信息公开申请情况",
        grids=(
            Grid(
                corner="（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）",
                columns=REQUEST_COLUMNS,
                rows=rows,
                balances=(
                    Balance(
                        "GI301",
                        "columns",
                        ("received", "carried_over"),
                        ("outcomes.total", "carried_forward"),
                        target="carried_forward",
                    ),
                    Balance(
                        "GI302",
                        "columns",
                        ("outcomes.total",),
                        tuple(r.path for r in outcome_rows),
                        target="outcomes.total",
                    ),
                    Balance("GI303", "rows", ("total",), parts, target="total"),
                ),
            ),
        ),
    )


def _appeal_columns(group: str, labels: tuple[str, ...]) -> tuple[Column, ...]:
    return tuple(Column(f"{group}.{field}", (*labels, label)) for field, label in (*APPEAL_OUTCOMES, ("total", TOTAL)))


def _appeal_balance(rule_id: str, group: str) -> Balance:
    return Balance(
        rule_id,
        "rows",
        (f"{group}.total",),
        tuple(f"{group}.{field}" for field, _ in APPEAL_OUTCOMES),
        target=f"{group}.total",
    )


APPEALS = Table(
    number="四",
    field="appeals",
    heading="四、政府信息公开行政复议、行政诉讼情况",
    grids=(
        Grid(
            columns=(
                *_appeal_columns("reconsideration", (RECONSIDERATION,)),
                *_appeal_columns("litigation_direct", (LITIGATION, DIRECT)),
                *_appeal_columns("litigation_after_reconsideration", (LITIGATION, AFTER_RECONSIDERATION)),
            ),
            rows=(Row("", ()),),
            balances=(
                _appeal_balance("GI401", "reconsideration"),
                _appeal_balance("GI402", "litigation_direct"),
                _appeal_balance("GI403", "litigation_after_reconsideration"),
            ),
        ),
    ),
)

EDITION_2021 = Edition(
    id="2021",
    instrument="国务院办公厅政府信息与政务公开办公室《中华人民共和国政府信息公开工作年度报告格式》"
    "（国办公开办函〔2021〕30号）",
    first_year=2021,
    last_year=None,
    sections=(OVERVIEW, PROACTIVE, requests_table(OTHER_HANDLING_ROWS), APPEALS, PROBLEMS, OTHER_MATTERS),
)

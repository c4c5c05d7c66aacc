"""The rule catalog: every rule govinfo applies, with a stable ID and bilingual messages.

IDs are never renumbered or reused. They are grouped by what they look at:

* ``GI0xx`` — metadata and value domains (any table);
* ``GI1xx`` — the narrative sections 一、五、六 (:func:`govinfo.check_text`);
* ``GI3xx`` — table 三; ``GI4xx`` — table 四;
* ``GI5xx`` — reading: what a reader found, corrected or assumed in a file or text;
* ``GI6xx`` — two reports of one organ, last year's and this year's (:func:`govinfo.compare`);
* ``GI7xx`` — many reports together: 汇总 (:func:`govinfo.analysis.aggregate`), text shared between
  organs (:func:`govinfo.shared_text`), a parent against its children
  (:func:`govinfo.compare_hierarchy`);
* ``GI8xx`` — rendering: what the publishable document made from a report had to mark (:func:`govinfo.render`).

Message templates name their values (``{actual}``, ``{expected}``, ``{place}`` …); the
values each rule supplies are listed in ``Rule.values``. Rule families that are regular
(every 总计 is the sum of its parts) are declared with the layout, in
:mod:`govinfo.editions.format2021`, and checked by one engine in :mod:`govinfo.rules.engine`.
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from typing import Any, Literal

import attrs

from govinfo.editions.format2021 import (
    AFTER_RECONSIDERATION,
    DIRECT,
    DOCUMENT,
    OTHER_MATTERS,
    OVERVIEW,
    PROBLEMS,
    RECONSIDERATION,
)
from govinfo.errors import Lang, UnknownNameError, expect_text
from govinfo.findings import Finding, Severity

Scope = Literal["report", "narrative", "reading", "pair", "batch", "aggregate", "render"]


@attrs.frozen(kw_only=True)
class Rule:
    """One rule of the catalog."""

    id: str
    severity: Severity
    scope: Scope
    title_zh: str
    title_en: str
    clause: str
    message_zh: str
    message_en: str

    @property
    def values(self) -> tuple[str, ...]:
        """The named values the message templates use, in order of first use."""
        names: list[str] = []
        for template in (self.message_zh, self.message_en):
            for _, name, _, _ in string.Formatter().parse(template):
                if name and name not in names:
                    names.append(name)
        return tuple(names)

    def title(self, lang: Lang = "zh") -> str:
        """The title in ``lang``."""
        return self.title_en if lang == "en" else self.title_zh

    def format(self, lang: Lang, values: Mapping[str, object]) -> str:
        """The message in ``lang`` with ``values`` filled in."""
        template = self.message_en if lang == "en" else self.message_zh
        return template.format_map(values)

    def finding(self, values: Mapping[str, object] | None = None, **fields: Any) -> Finding:
        """A finding of this rule: both messages filled from ``values``, the rest from ``fields``.

        ``fields`` are :class:`~govinfo.Finding`'s own (``path``, ``expected``, ``source`` …).
        """
        named = values or {}
        return Finding(
            rule_id=self.id,
            severity=self.severity,
            message_zh=self.format("zh", named),
            message_en=self.format("en", named),
            **fields,
        )


_FORMAT = f"《{DOCUMENT}格式》"
_T3 = f"{_FORMAT}表三"
_T4 = f"{_FORMAT}表四"

RULES: Mapping[str, Rule] = {
    rule.id: rule
    for rule in (
        Rule(
            id="GI001",
            severity=Severity.ERROR,
            scope="report",
            title_zh="统计数不能为负数",
            title_en="Counts are not negative",
            clause=f"{_FORMAT}各表：统计数为非负整数",
            message_zh="{place}为 {actual}：统计数应为非负整数。",
            message_en="{place_en} is {actual}: a count must be a non-negative integer.",
        ),
        Rule(
            id="GI002",
            severity=Severity.ERROR,
            scope="report",
            title_zh="金额不能为负数",
            title_en="Amounts are finite and not negative",
            clause=f"{_FORMAT}表二 第二十条第（八）项：收费金额（单位：万元）",
            message_zh="{place}为 {actual}：金额应为非负数。",
            message_en="{place_en} is {actual}: an amount must be a finite, non-negative number.",
        ),
        Rule(
            id="GI010",
            severity=Severity.WARNING,
            scope="report",
            title_zh="格式版本与报告年度不符",
            title_en="The edition fits the report year",
            clause="国办公开办函〔2021〕30号：2021 年度起使用新格式；2019、2020 年度使用试行格式",
            message_zh="{year} 年度报告使用了 {edition} 版格式，该版格式适用于 {years}。",
            message_en="the {year} report uses the {edition} edition, which is for {years_en}.",
        ),
        Rule(
            id="GI011",
            severity=Severity.WARNING,
            scope="report",
            title_zh="未填写机关名称",
            title_en="The organ is named",
            clause="《政府信息公开条例》第四十九条：各级行政机关报告本机关政府信息公开工作",
            message_zh="报告未填写机关名称。",
            message_en="the report does not name its organ.",
        ),
        Rule(
            id="GI101",
            severity=Severity.WARNING,
            scope="narrative",
            title_zh="“总体情况”部分为空",
            title_en="Section 一 (overview) is not empty",
            clause=f"《政府信息公开条例》第五十条；{_FORMAT}" + OVERVIEW.heading,
            message_zh="报告有文字部分，但“" + OVERVIEW.heading + "”为空。",
            message_en="the report has narrative text, but section “" + OVERVIEW.heading + "” is empty.",
        ),
        Rule(
            id="GI102",
            severity=Severity.WARNING,
            scope="narrative",
            title_zh="“存在的主要问题及改进情况”为空或只写“无”",
            title_en="Section 五 states problems, not just 无",
            clause="《政府信息公开条例》第五十条第（四）项：政府信息公开工作存在的主要问题及改进情况",
            message_zh="“" + PROBLEMS.heading + "”{state}。",
            message_en="section “" + PROBLEMS.heading + "” {state_en}.",
        ),
        Rule(
            id="GI103",
            severity=Severity.WARNING,
            scope="narrative",
            title_zh="“存在的主要问题及改进情况”没有改进措施",
            title_en="Section 五 says how the problems are addressed",
            clause="《政府信息公开条例》第五十条第（四）项：存在的主要问题及改进情况",
            message_zh="“" + PROBLEMS.heading + "”只写了问题，没有改进措施或改进情况（如“加强”“完善”“下一步”）。"
            "原文：{quote}",
            message_en="section “" + PROBLEMS.heading + "” states no improvement (such as 加强, 完善, 下一步). "
            "The text: {quote}",
        ),
        Rule(
            id="GI104",
            severity=Severity.WARNING,
            scope="narrative",
            title_zh="“其他需要报告的事项”为空",
            title_en="Section 六 is not empty",
            clause="《政府信息公开条例》第五十条第（五）项；国办函〔2020〕109号：报告信息处理费收取情况",
            message_zh="报告有文字部分，但“" + OTHER_MATTERS.heading + "”为空。",
            message_en="the report has narrative text, but section “" + OTHER_MATTERS.heading + "” is empty.",
        ),
        Rule(
            id="GI105",
            severity=Severity.WARNING,
            scope="narrative",
            title_zh="“其他需要报告的事项”未说明信息处理费",
            title_en="Section 六 reports the information processing fee",
            clause="国办函〔2020〕109号《政府信息公开信息处理费管理办法》："
            "年度报告说明信息处理费收取情况（2021 年度起）",
            message_zh="{year} 年度报告的“" + OTHER_MATTERS.heading + "”没有说明信息处理费的收取情况。原文：{quote}",
            message_en="section “" + OTHER_MATTERS.heading + "” of the {year} report does not say whether "
            "information processing fees were charged. The text: {quote}",
        ),
        Rule(
            id="GI110",
            severity=Severity.WARNING,
            scope="narrative",
            title_zh="正文所述统计年度与报告年度不符",
            title_en="The year the narrative reports on is the report year",
            clause="《政府信息公开条例》第四十九条：报告上一年度政府信息公开工作；统计期限为报告年度",
            message_zh="{year} 年度报告的“{section}”写的是 {stated} 年（“{what}”）。原文：{sentence}",
            message_en="section “{section}” of the {year} report speaks of {stated} (“{what}”). "
            "The sentence: {sentence}",
        ),
        Rule(
            id="GI301",
            severity=Severity.ERROR,
            scope="report",
            title_zh="表三各列收支平衡",
            title_en="Table 三 balances in every column",
            clause=f"{_T3}（表内注明）：第一项加第二项之和，等于第三项加第四项之和",
            message_zh="表三“{column}”列不平衡：第一项加第二项为 {left}，第三项总计加第四项为 {right}；"
            "按勾稽关系“{row}”应为 {expected}，报告为 {actual}。",
            message_en="table 三, column “{column}” does not balance: items 一 + 二 = {left}, "
            "item 三 total + item 四 = {right}; “{row}” ({path}) should be {expected}, reported {actual}.",
        ),
        Rule(
            id="GI302",
            severity=Severity.ERROR,
            scope="report",
            title_zh="表三办理结果总计等于各项之和",
            title_en="Table 三 outcome total is the sum of the outcomes",
            clause=f"{_T3}：办理结果总计为各项办理结果之和",
            message_zh="表三“{column}”列：“{row}”为 {actual}，但各项办理结果之和为 {expected}。",
            message_en="table 三, column “{column}”: “{row}” ({path}) is {actual}, "
            "but the outcomes add up to {expected}.",
        ),
        Rule(
            id="GI303",
            severity=Severity.ERROR,
            scope="report",
            title_zh="表三申请人总计等于各类申请人之和",
            title_en="Table 三 applicant total is the sum of the applicants",
            clause=f"{_T3}：每行总计为各类申请人之和",
            message_zh="表三“{row}”行：总计为 {actual}，但各类申请人之和为 {expected}。",
            message_en="table 三, row “{row}” ({path}): the total is {actual}, "
            "but the applicant columns add up to {expected}.",
        ),
        *(
            Rule(
                id=rule_id,
                severity=Severity.ERROR,
                scope="report",
                title_zh=f"表四{group_zh}总计等于各项之和",
                title_en=f"Table 四 {group_en} total is the sum of its outcomes",
                clause=f"{_T4}：每组总计为该组各项结果之和",
                message_zh="表四“{group}”：总计为 {actual}，但同组四项之和为 {expected}。",
                message_en="table 四, “{group}” ({path}): the total is {actual}, "
                "but its four outcomes add up to {expected}.",
            )
            for rule_id, group_zh, group_en in (
                ("GI401", RECONSIDERATION, "reconsideration"),
                ("GI402", DIRECT, "direct litigation"),
                ("GI403", AFTER_RECONSIDERATION, "litigation after reconsideration"),
            )
        ),
        Rule(
            id="GI501",
            severity=Severity.ERROR,
            scope="reading",
            title_zh="数值行的数值个数与表格单元格数不符",
            title_en="A value row has as many values as the table has cells",
            clause=f"{_FORMAT}：每个单元格填写一个数值",
            message_zh="{where}有 {found} 个数，但表格只有 {cells} 个单元格。{note}",
            message_en="{where_en} has {found} numbers for {cells} cells. {note_en}",
        ),
        Rule(
            id="GI502",
            severity=Severity.WARNING,
            scope="reading",
            title_zh="空白或占位符按 0 读取",
            title_en="Blank cells and placeholders are read as 0",
            clause=f"{_FORMAT}：没有数据的单元格填 0",
            message_zh="{place}为{shown}，按 0 读取。",
            message_en="{place_en} is {shown_en}; read as 0.",
        ),
        Rule(
            id="GI503",
            severity=Severity.INFO,
            scope="reading",
            title_zh="文本形式的数字按数值读取",
            title_en="Numbers written as text are read as numbers",
            clause=f"{_FORMAT}：单元格填写数值",
            message_zh="{place}的“{token}”是文本形式的数字，按 {value} 读取。",
            message_en="{place_en} holds {token!r} as text; read as {value}.",
        ),
        Rule(
            id="GI504",
            severity=Severity.ERROR,
            scope="reading",
            title_zh="无法识别的数值",
            title_en="A value cell holds something that is not a number",
            clause=f"{_FORMAT}：单元格填写数值",
            message_zh="{place}的“{token}”不是有效的数值，按 0 读取。",
            message_en="{place_en} holds {token!r}, which is not a valid value; read as 0.",
        ),
        Rule(
            id="GI505",
            severity=Severity.WARNING,
            scope="reading",
            title_zh="金额单位已换算为万元",
            title_en="An amount in 元 was converted to 万元",
            clause=f"{_FORMAT}表二：本年收费金额（单位：万元）",
            message_zh="{place}的“{token}”以元为单位，已换算为 {value} 万元。",
            message_en="{place_en} holds {token!r} in 元; converted to {value} 万元.",
        ),
        Rule(
            id="GI506",
            severity=Severity.WARNING,
            scope="reading",
            title_zh="公式没有保存计算结果，已按求和计算",
            title_en="A formula without a saved result was evaluated as a sum",
            clause="工作簿由不计算公式的程序保存时，公式单元格没有计算结果",
            message_zh="{place}的公式“{formula}”没有保存计算结果，按表内单元格求和计算为 {value}。",
            message_en="{place_en} holds the formula {formula!r} without a saved result; "
            "evaluated as a sum of table cells: {value}.",
        ),
        Rule(
            id="GI507",
            severity=Severity.ERROR,
            scope="reading",
            title_zh="公式没有保存计算结果且无法计算",
            title_en="A formula without a saved result could not be evaluated",
            clause="工作簿由不计算公式的程序保存时，公式单元格没有计算结果",
            message_zh="{place}的公式“{formula}”没有保存计算结果，且不是表内单元格的求和，按 0 读取。",
            message_en="{place_en} holds the formula {formula!r} without a saved result, "
            "and it is not a sum of table cells; read as 0.",
        ),
        Rule(
            id="GI510",
            severity=Severity.ERROR,
            scope="reading",
            title_zh="未找到表格",
            title_en="A table of the report was not found",
            clause=f"《政府信息公开条例》第五十条；{_FORMAT}",
            message_zh="未找到“{table}”，其单元格按 0 读取。",
            message_en="“{table}” was not found; its cells are read as 0.",
        ),
        Rule(
            id="GI511",
            severity=Severity.ERROR,
            scope="reading",
            title_zh="未找到表格的行或列",
            title_en="A row or column of a table was not found",
            clause=f"{_FORMAT}",
            message_zh="“{table}”中未找到{what}“{label}”，相应单元格按 0 读取。",
            message_en="the {what_en} “{label}” of “{table}” was not found; its cells are read as 0.",
        ),
        Rule(
            id="GI512",
            severity=Severity.INFO,
            scope="reading",
            title_zh="标签与官方文字不一致",
            title_en="A label differs from the official wording",
            clause=f"{_FORMAT}：表格文字以官方格式为准",
            message_zh="“{text}”按官方标签“{label}”识别。",
            message_en="“{text}” was taken as the official label “{label}”.",
        ),
        Rule(
            id="GI513",
            severity=Severity.ERROR,
            scope="reading",
            title_zh="未找到报告年度",
            title_en="The report year was not found",
            clause="《政府信息公开条例》第四十九条：年度报告按年度编制",
            message_zh="未找到报告年度：请在“基本信息”表中填写报告年度，或读取时指定年度；报告年度暂按 0 处理。",
            message_en="the report year was not found: fill it in on the 基本信息 sheet or pass it when reading; "
            "it is taken as 0.",
        ),
        Rule(
            id="GI514",
            severity=Severity.INFO,
            scope="reading",
            title_zh="读取工作簿时的提示",
            title_en="A note from the spreadsheet library while reading",
            clause="—",
            message_zh="读取工作簿时的提示：{note}",
            message_en="note while reading the workbook: {note}",
        ),
        Rule(
            id="GI516",
            severity=Severity.ERROR,
            scope="reading",
            title_zh="表格不完整（文本中断）",
            title_en="A table stops early",
            clause="《政府信息公开条例》第五十条：年度报告应包括各项内容",
            message_zh="“{table}”不完整（最后读到第 {line} 行），其余 {missing} 个单元格按 0 读取。",
            message_en="“{table}” is incomplete (the last line read is {line}); "
            "its other {missing} cells are read as 0.",
        ),
        Rule(
            id="GI517",
            severity=Severity.WARNING,
            scope="reading",
            title_zh="缺少报告的某一部分",
            title_en="A section of the report is missing",
            clause=f"《政府信息公开条例》第五十条；{_FORMAT}六个部分",
            message_zh="没有找到“{heading}”部分。",
            message_en="the section “{heading}” was not found.",
        ),
        Rule(
            id="GI518",
            severity=Severity.INFO,
            scope="reading",
            title_zh="报告年度取自正文",
            title_en="The report year was taken from the text",
            clause="《政府信息公开条例》第四十九条：年度报告按年度编制",
            message_zh="没有找到报告标题，报告年度按正文所述取为 {year} 年。",
            message_en="no title was found; the report year was taken from the text as {year}.",
        ),
        Rule(
            id="GI519",
            severity=Severity.INFO,
            scope="reading",
            title_zh="无法从表格判断格式版本",
            title_en="The edition could not be told from the tables",
            clause="国办公开办函〔2021〕30号、〔2019〕60号：两版格式的表三、表四基本相同",
            message_zh="文本中只有两版格式共有的内容，无法判断格式版本，按 {edition} 版读取。",
            message_en="the text holds only what both editions share; it was read as edition {edition}.",
        ),
        Rule(
            id="GI520",
            severity=Severity.INFO,
            scope="reading",
            title_zh="文本编码",
            title_en="The text encoding used",
            clause="—",
            message_zh="文本不是 UTF-8 编码，已按 {encoding} 编码读取。",
            message_en="the text is not UTF-8; it was read as {encoding}.",
        ),
        Rule(
            id="GI521",
            severity=Severity.WARNING,
            scope="reading",
            title_zh="报告各部分顺序与格式不符",
            title_en="The sections are in the order of the format",
            clause=f"{_FORMAT}：一至六部分依次排列",
            message_zh="报告各部分的顺序为 {found}，格式规定为 {official}。",
            message_en="the sections stand in the order {found}; the format has {official}.",
        ),
        Rule(
            id="GI522",
            severity=Severity.WARNING,
            scope="reading",
            title_zh="一个数被拆成了两个单元格",
            title_en="A number split over two cells",
            clause=f"PDF 转文本时一个单元格中的数字常被拆开；{_FORMAT}：每个单元格填写一个数值",
            message_zh="{where}有 {found} 个数，但表格只有 {cells} 个单元格；把相邻的“{first}”“{second}”"
            "读作 {joined} 后勾稽关系成立，已按此读取，请核对原文。",
            message_en="{where_en} has {found} numbers for {cells} cells; reading the adjacent {first!r} {second!r} "
            "as {joined} makes the totals hold, so it was read that way; check the original.",
        ),
        Rule(
            id="GI523",
            severity=Severity.WARNING,
            scope="reading",
            title_zh="一行的数值与表头错位",
            title_en="A row's values stand shifted against the headers",
            clause=f"网页、Word 或 PDF 的表格中合并单元格常被拆错；{_FORMAT}：每个单元格填写一个数值",
            message_zh="{where}的数值比表头{direction} {shift} 列，按表头对齐后读取，请核对原文。",
            message_en="the values of {where_en} stand {shift} column(s) {direction_en} of the headers; "
            "read aligned with the headers; check the original.",
        ),
        Rule(
            id="GI524",
            severity=Severity.ERROR,
            scope="reading",
            title_zh="数值不在表格的任何一列之下",
            title_en="A value stands under none of the table's columns",
            clause=f"{_FORMAT}：每个单元格填写一个数值",
            message_zh="{where}中的“{token}”不在表格的任何一列之下，未读取。",
            message_en="{where_en} holds {token!r} under none of the table's columns; it was not read.",
        ),
        Rule(
            id="GI525",
            severity=Severity.INFO,
            scope="reading",
            title_zh="文件内容与扩展名不符",
            title_en="A file's content is not what its suffix says",
            clause="许多系统把网页或文本导出为 .xls 或 .doc 文件",
            message_zh="文件扩展名为 {suffix}，但内容是{kind}，已按{kind}读取。",
            message_en="the file is named {suffix} but holds a {kind_en}; it was read as one.",
        ),
        Rule(
            id="GI526",
            severity=Severity.WARNING,
            scope="reading",
            title_zh="繁体字文件未经繁简转换",
            title_en="A file in traditional script was read without conversion",
            clause="标签按简体字识别；繁简转换需安装可选依赖",
            message_zh="文件使用繁体字，但未安装繁简转换，部分标签可能无法识别；"
            '请运行：pip install "govinfo[traditional]"',
            message_en="the file is in traditional script, which is not converted; some labels may not be recognised. "
            'Run: pip install "govinfo[traditional]"',
        ),
        Rule(
            id="GI527",
            severity=Severity.WARNING,
            scope="reading",
            title_zh="几个数连在了一起",
            title_en="Numbers of several cells ran together",
            clause=f"网页或 PDF 转文本时单元格之间的分隔常会丢失；{_FORMAT}：每个单元格填写一个数值",
            message_zh="{where}的“{token}”是几个单元格的数连在一起，只有拆为 {pieces} 时勾稽关系成立，已按此读取，"
            "请核对原文。",
            message_en="in {where_en}, {token!r} is the numbers of several cells run together; only {pieces} makes "
            "the totals hold, so it was read that way; check the original.",
        ),
        Rule(
            id="GI528",
            severity=Severity.WARNING,
            scope="reading",
            title_zh="文字部分只有占位文字",
            title_en="A narrative section holds only a placeholder",
            clause=f"{_FORMAT}：各部分应如实填写",
            message_zh="“{heading}”只有占位文字“{text}”，按空白读取；发布前应填写该部分。",
            message_en="“{heading}” holds only the placeholder “{text}”, read as empty; fill it in before publishing.",
        ),
        Rule(
            id="GI529",
            severity=Severity.INFO,
            scope="reading",
            title_zh="落款不计入正文",
            title_en="The signature block is not part of the last section",
            clause="公文格式（GB/T 9704）：落款为发文机关署名和成文日期",
            message_zh="报告末尾的落款“{text}”（机关名称和日期）未计入“{heading}”。",
            message_en="the signature block at the end, “{text}” (organ and date), is not read into “{heading}”.",
        ),
        Rule(
            id="GI530",
            severity=Severity.WARNING,
            scope="narrative",
            title_zh="总体情况中的数字与表格不符",
            title_en="A figure in the overview contradicts the tables",
            clause=f"{_FORMAT}：总体情况与各表数据应一致",
            message_zh="“总体情况”中“{what}”，但表格中为 {table}。原文：{sentence}",
            message_en="the overview says “{what}”, but the tables give {table}. The sentence: {sentence}",
        ),
        Rule(
            id="GI601",
            severity=Severity.ERROR,
            scope="pair",
            title_zh="比较的两份报告不是同一机关",
            title_en="Compared reports are of the same organ",
            clause="《政府信息公开条例》第四十九条：各机关报告本机关上一年度工作",
            message_zh="上年报告的机关是“{previous}”，本年报告的机关是“{current}”，不是同一机关，不作比较。",
            message_en="last year's report is of “{previous}”, this year's of “{current}”: not the same organ; "
            "nothing else was compared.",
        ),
        Rule(
            id="GI602",
            severity=Severity.ERROR,
            scope="pair",
            title_zh="比较的两份报告年度不相连",
            title_en="Compared reports are of consecutive years",
            clause="《政府信息公开条例》第四十九条：年度报告按年度编制",
            message_zh="上年报告为 {previous} 年度，本年报告为 {current} 年度，不是相连的两个年度，不作比较。",
            message_en="the reports are for {previous} and {current}, not consecutive years; "
            "nothing else was compared.",
        ),
        Rule(
            id="GI603",
            severity=Severity.ERROR,
            scope="pair",
            title_zh="上年结转等于上年报告的结转下年度",
            title_en="Carried over equals last year's carried forward",
            clause=f"{_FORMAT}表三：二、上年结转政府信息公开申请数量",
            message_zh="表三“{column}”列：本年“{row}”为 {actual}，但上年报告“{forward}”为 {expected}。",
            message_en="table 三, column “{column}”: “{row}” ({path}) is {actual}, "
            "but “{forward}” of last year's report is {expected}.",
        ),
        Rule(
            id="GI604",
            severity=Severity.WARNING,
            scope="pair",
            title_zh="现行有效件数与上年数、本年制发和废止数相符",
            title_en="Documents in force follow from last year's, issued and repealed",
            clause=f"{_FORMAT}表二 第二十条第（一）项；修订、失效未废止的文件可使其不相符",
            message_zh="表二“{row}”：现行有效 {actual} 件，但上年现行有效 {last} 件加本年制发 {issued} 件、"
            "减本年废止 {repealed} 件应为 {expected} 件。",
            message_en="table 二, “{row}” ({path}): {actual} in force, but last year's {last} plus {issued} issued "
            "minus {repealed} repealed make {expected}.",
        ),
        Rule(
            id="GI605",
            severity=Severity.WARNING,
            scope="pair",
            title_zh="各表数据与上年完全相同",
            title_en="The tables are not a copy of last year's",
            clause="国办公开办函〔2021〕30号：年度报告内容雷同的，予以通报",
            message_zh="表二、表三、表四的全部 {cells} 个数据与上年报告完全相同，请核实是否照抄上年报告。",
            message_en="all {cells} values of tables 二, 三 and 四 are the same as last year's; "
            "check that last year's report was not copied.",
        ),
        Rule(
            id="GI606",
            severity=Severity.ERROR,
            scope="pair",
            title_zh="比较的两份报告格式版本不同",
            title_en="Compared reports are in the same edition of the format",
            clause="国办公开办函〔2021〕30号：2021 年度起使用新格式，与试行格式的表二不可比",
            message_zh="上年报告使用 {previous} 版格式，本年报告使用 {current} 版格式，"
            "两种格式不能混合比较，不作比较。",
            message_en="last year's report uses edition {previous} and this year's edition {current}; "
            "editions are not compared with each other.",
        ),
        Rule(
            id="GI607",
            severity=Severity.WARNING,
            scope="pair",
            title_zh="文字部分与上年报告雷同",
            title_en="A narrative section is not a copy of last year's",
            clause="国办公开办函〔2021〕30号：年度报告内容雷同的，予以通报",
            message_zh="“{section}”有 {percent}% 的文字与上年报告相同（{chars} 字中 {shared} 字）。"
            "最长的相同段落：{passage}",
            message_en="{percent}% of section “{section}” is the same text as last year's ({shared} of {chars} "
            "characters). The longest shared passage: {passage}",
        ),
        Rule(
            id="GI608",
            severity=Severity.WARNING,
            scope="pair",
            title_zh="上年报告中没有该机关",
            title_en="Last year's reports include this organ's",
            clause="与上年比较须有同一机关的上年报告",
            message_zh="给出的上年报告中没有“{organ}”的报告，未与上年比较（上年报告的机关：{organs}）。",
            message_en="last year's reports given include none of “{organ}”, so it was not compared "
            "(last year's organs: {organs}).",
        ),
        Rule(
            id="GI701",
            severity=Severity.WARNING,
            scope="aggregate",
            title_zh="有错误的报告未纳入汇总",
            title_en="A report with errors was left out of the total",
            clause="汇总前逐份检查；有错误的报告经调用方决定是否纳入",
            message_zh="“{organ}”的报告有 {errors} 项错误（{rules}），未纳入汇总。",
            message_en="the report of “{organ}” has {errors} error(s) ({rules_en}) and was left out of the total.",
        ),
        Rule(
            id="GI702",
            severity=Severity.INFO,
            scope="aggregate",
            title_zh="有错误的报告已纳入汇总",
            title_en="A report with errors was included in the total",
            clause="汇总前逐份检查；有错误的报告经调用方决定是否纳入",
            message_zh="“{organ}”的报告有 {errors} 项错误（{rules}），按要求仍纳入汇总。",
            message_en="the report of “{organ}” has {errors} error(s) ({rules_en}) and was included as asked.",
        ),
        Rule(
            id="GI703",
            severity=Severity.WARNING,
            scope="batch",
            title_zh="文字部分与其他单位的报告雷同",
            title_en="A narrative section is not shared with another organ's report",
            clause="国办公开办函〔2021〕30号：年度报告内容雷同的，予以通报",
            message_zh="“{section}”有 {percent}% 的文字与“{other}”的报告相同（{chars} 字中 {shared} 字）。"
            "最长的相同段落：{passage}",
            message_en="{percent}% of section “{section}” is the same text as in the report of “{other}” "
            "({shared} of {chars} characters). The longest shared passage: {passage}",
        ),
        Rule(
            id="GI704",
            severity=Severity.ERROR,
            scope="aggregate",
            title_zh="上级报告的数据等于下级报告的汇总",
            title_en="A parent's figure equals the total of its children's",
            clause="本级报告涵盖全辖区时，其表格数据应等于所辖各单位报告的汇总",
            message_zh="{place}：“{parent}”的报告为 {actual}，所辖 {children} 个单位的报告合计为 {expected}。",
            message_en="{place_en}: the report of “{parent}” gives {actual}; its {children} children's reports "
            "add up to {expected}.",
        ),
        Rule(
            id="GI705",
            severity=Severity.ERROR,
            scope="aggregate",
            title_zh="下级单位没有报告",
            title_en="Every child organ has a report",
            clause="《政府信息公开条例》第四十九条：各级行政机关均应报送年度报告",
            message_zh="“{organ}”没有 {year} 年度报告，上级报告与下级汇总的比较不含该单位。",
            message_en="“{organ}” has no report for {year}; the parent is compared without it.",
        ),
        Rule(
            id="GI706",
            severity=Severity.ERROR,
            scope="aggregate",
            title_zh="有文件无法读取，未纳入汇总",
            title_en="Every file handed in is in the total",
            clause="汇总须包括全部报送单位；无法读取的文件经调用方决定后才能不计",
            message_zh="文件“{file}”无法读取，未纳入汇总：{reason}",
            message_en="the file “{file}” could not be read and is not in the total: {reason_en}",
        ),
        Rule(
            id="GI801",
            severity=Severity.WARNING,
            scope="render",
            title_zh="生成的文档中有待填写的占位文字",
            title_en="The rendered document has nothing left to fill in",
            clause=f"{_FORMAT}：各部分应如实填写；公文格式（GB/T 9704）：落款有成文日期",
            message_zh="{what}为空，生成的文档中以“{text}”标出，发布前请填写。",
            message_en="{what_en} is empty; the document marks it “{text}”: fill it in before publishing.",
        ),
    )
}
"""Every rule, by ID, in catalog order."""


def rule(rule_id: str) -> Rule:
    """The rule ``rule_id``; :class:`~govinfo.UnknownNameError` if there is none."""
    expect_text(rule_id, function="rule", parameter="rule_id")
    found = RULES.get(rule_id)
    if found is None:
        raise UnknownNameError("规则", "rule", rule_id)
    return found

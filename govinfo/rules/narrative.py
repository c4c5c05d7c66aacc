"""The narrative sections 一、五、六: what evaluators check by reading them.

:func:`check_text` applies the GI1xx rules to one report: a section left empty, a section
五 that says only 无 or states no improvement, a section 六 silent on the information
processing fee, and a statistical year in the text that is not the report year.
:func:`check_figures` compares the figures the overview states (受理申请 N 件 …) with the
tables (GI530).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable

from govinfo.editions.format2021 import OTHER_MATTERS, OVERVIEW, PROBLEMS
from govinfo.findings import Finding, SourceLocation
from govinfo.model.cells import cell_values
from govinfo.model.report import AnnualReport, report_argument
from govinfo.rules.catalog import RULES

SECTIONS = {n.field: n.heading for n in (OVERVIEW, PROBLEMS, OTHER_MATTERS)}
"""The narrative fields and their headings, as the layout declares them (both editions share them)."""

Locate = Callable[[str, int], SourceLocation | None]
"""Where a character of a narrative field stands in the user's file: (field, offset) → place."""

_NIL = frozenset({"无", "暂无", "没有", "无问题", "没有问题", "本年度无", "无相关情况"})
_IMPROVEMENT = re.compile(
    r"改进|整改|改正|下一步|今后|将(?:进一步|继续|持续|着力|加强|不断|认真|严格)|加强|加大|完善|提升|提高|推进|强化|"
    r"落实|优化|规范|健全|深化|创新|拓展|巩固|措施|计划|努力|力争|确保"
)
_FEE = re.compile(r"处理费|收费|收取费用|费用")
_YEAR = re.compile(r"(?<![0-9])((?:19|20)[0-9]{2})\s*年")
_STATED_PERIOD = (
    re.compile(r"统计(?:期限|时限|区间|时段|时间|周期|范围)[^。；;\n]{0,40}?(?:12\s*月\s*31\s*日|(?=[。；;，,\n])|$)"),
    re.compile(
        r"(?<![0-9])(?:19|20)[0-9]{2}\s*年\s*0?1\s*月\s*0?1\s*日\s*(?:起\s*)?(?:至|到|—|－|-|~|～)\s*"
        r"(?:(?:19|20)[0-9]{2}\s*年\s*)?12\s*月\s*31\s*日"
    ),
    # 本局2023年度…, 我局2023年度…, but not a comparison (较本局2023年度, 与我局2023年度相比)
    re.compile(
        r"(?<![较比与同])[本我](?:单位|机关|部门|局|委|办|院|区|县|市|镇|乡|街道|中心|站)\s*(?:19|20)[0-9]{2}\s*年度"
    ),
    # 特编制…2023年政府信息公开工作年度报告, but not 针对2023年度报告中的问题
    re.compile(
        r"(?:编制|发布|公布|形成|撰写|现将|特此)[^。；;\n]{0,30}?(?<![0-9])(?:19|20)[0-9]{2}\s*年(?:度)?"
        r"[^。；;\n]{0,20}?政府信息公开(?:工作)?年度报告"
    ),
)
_DROPPED = re.compile(r"[\W_]+")
"""What a text is compared on: letters and digits (white space, punctuation and symbols dropped)."""
_SENTENCE = re.compile(r"[^。；;！？!?\n]+[。；;！？!?]?")
_QUOTE = 80


def quote(text: str, limit: int = _QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[:limit] + "……"


def dense(text: str) -> str:
    """The text without white space, punctuation and symbols, as a section's content is judged."""
    return _DROPPED.sub("", unicodedata.normalize("NFKC", text))


def _stated_years(report: AnnualReport, field: str, text: str, locate: Locate | None) -> list[Finding]:
    findings = []
    section = SECTIONS[field]
    for sentence in _SENTENCE.finditer(text):
        for pattern in _STATED_PERIOD:
            hit = next(
                (
                    (match, int(year.group(1)))
                    for match in pattern.finditer(sentence.group())
                    for year in _YEAR.finditer(match.group())
                    if int(year.group(1)) != report.year
                ),
                None,
            )
            if hit is None:
                continue
            match, stated = hit
            named = {
                "year": report.year,
                "section": section,
                "stated": stated,
                "what": quote(match.group(), 40),
                "sentence": quote(sentence.group(), 120),
            }
            where = locate(field, sentence.start() + match.start()) if locate else None
            rule = RULES["GI110"]
            findings.append(rule.finding(named, path=field, expected=report.year, actual=stated, source=where))
            break
    return findings


def check_text(report: AnnualReport, *, locate: Locate | None = None) -> list[Finding]:
    """The findings of the narrative rules (GI1xx) on ``report``.

    A report whose three narrative sections are all empty is a data submission (an Excel
    workbook often carries only the tables) and has none. ``locate`` maps a character of
    a narrative field to its place in the user's file; readers pass it.

    >>> import attrs, govinfo
    >>> govinfo.check_text(govinfo.example())
    []
    >>> [f.rule_id for f in govinfo.check_text(attrs.evolve(govinfo.example(), problems="无。"))]
    ['GI102']
    """
    report_argument(report, "check_text")
    texts = {field: getattr(report, field) for field in SECTIONS}
    if not any(t.strip() for t in texts.values()):
        return []
    findings: list[Finding] = []
    named: dict[str, object]

    def at(field: str) -> SourceLocation | None:
        return locate(field, 0) if locate else None

    if not dense(texts["overview"]):
        findings.append(RULES["GI101"].finding(path="overview", source=at("overview")))
    problems = dense(texts["problems"])
    if not problems or problems in _NIL:
        state = ("为空", "is empty") if not problems else (f"只写了“{problems}”", f"says only “{problems}”")
        named = {"state": state[0], "state_en": state[1]}
        findings.append(RULES["GI102"].finding(named, path="problems", actual=problems, source=at("problems")))
    elif not _IMPROVEMENT.search(texts["problems"]):
        named = {"quote": quote(texts["problems"])}
        findings.append(RULES["GI103"].finding(named, path="problems", source=at("problems")))
    other = dense(texts["other_matters"])
    if not other:
        findings.append(RULES["GI104"].finding(path="other_matters", source=at("other_matters")))
    elif report.year >= 2021 and not _FEE.search(texts["other_matters"]):
        named = {"year": report.year, "quote": quote(texts["other_matters"])}
        findings.append(RULES["GI105"].finding(named, path="other_matters", source=at("other_matters")))
    if report.year:
        for field, text in texts.items():
            findings += _stated_years(report, field, text, locate)
    return findings


_FIGURES = (
    (r"(?:受理|收到|新收)[^，。；,;]{0,12}?申请\s*(\d{1,15})\s*件", ("requests.received.total",)),
    (r"办结\s*(\d{1,15})\s*件", ("requests.outcomes.total.total",)),
    (r"予以公开\s*(\d{1,15})\s*件", ("requests.outcomes.disclosed.total",)),
    (r"部分公开\s*(\d{1,15})\s*件", ("requests.outcomes.partially_disclosed.total",)),
    (r"不予公开\s*(\d{1,15})\s*件", ("requests.outcomes.withheld.*.total",)),
    (r"无法提供\s*(\d{1,15})\s*件", ("requests.outcomes.unavailable.*.total",)),
    (r"不予处理\s*(\d{1,15})\s*件", ("requests.outcomes.not_processed.*.total",)),
    (r"结转下年度(?:继续办理)?\s*(\d{1,15})\s*件", ("requests.carried_forward.total",)),
    (r"行政复议\s*(\d{1,15})\s*(?:件|起)", ("appeals.reconsideration.total",)),
    (
        r"行政诉讼\s*(\d{1,15})\s*(?:件|起)",
        ("appeals.litigation_direct.total", "appeals.litigation_after_reconsideration.total"),
    ),
)
"""Figures the overview states (受理申请 N 件 …) and the cells whose sum they must equal."""


def check_figures(report: AnnualReport, *, locate: Locate | None = None) -> list[Finding]:
    """GI530 for each figure of the overview (受理申请 N 件 …) that contradicts the tables."""
    findings: list[Finding] = []
    if "件" not in report.overview and "起" not in report.overview:
        return findings
    values = cell_values(report)
    offset = 0
    for line in report.overview.split("\n"):
        start = offset
        offset += len(line) + 1
        if "件" not in line and "起" not in line:  # every figure compared is counted in 件 or 起
            continue
        for sentence in re.finditer(r"[^。；;]*[。；;]?", line):
            for pattern, paths in _FIGURES:
                for found in re.finditer(pattern, sentence.group()):
                    said = int(found.group(1))
                    total = 0
                    for path in paths:
                        head, star, tail = path.partition("*")
                        if star:
                            total += sum(int(v) for p, v in values.items() if p.startswith(head) and p.endswith(tail))
                        else:
                            total += int(values[path])
                    if said == total:
                        continue
                    named = {
                        "said": said,
                        "table": total,
                        "sentence": sentence.group().strip()[:120],
                        "what": found.group(0),
                    }
                    where = locate("overview", start + sentence.start()) if locate else None
                    findings.append(
                        RULES["GI530"].finding(named, path=paths[0], expected=total, actual=said, source=where)
                    )
    return findings

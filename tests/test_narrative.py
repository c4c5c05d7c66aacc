"""The narrative rules (GI1xx), 内容雷同 (GI607, GI703) and the section order (GI521).

Each rule is broken by one mutation of the valid example, with the exact rule IDs that fire.
"""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

import govinfo
from govinfo import AnnualReport
from govinfo.analysis.similarity import MIN_SECTION_CHARS, SHINGLE, _Automaton, _Text, similarity
from govinfo.cli import main


def fired(report: AnnualReport) -> list[str]:
    return [f.rule_id for f in govinfo.check_text(report)]


@pytest.mark.parametrize(
    ("changes", "expected"),
    [
        ({"overview": ""}, ["GI101"]),
        ({"problems": ""}, ["GI102"]),
        ({"problems": " 无。 "}, ["GI102"]),
        ({"problems": "暂无"}, ["GI102"]),
        ({"problems": "存在问题：人员不足，栏目信息更新不及时。"}, ["GI103"]),
        ({"problems": "人员不足。下一步，我局将配齐人员。"}, []),
        ({"other_matters": ""}, ["GI104"]),
        ({"other_matters": "无。"}, ["GI105"]),
        # the fee is reported from 2021 on
        ({"other_matters": "无。", "year": 2020, "overview": "2020 年，我区共受理申请 3 件。"}, []),
        ({"other_matters": "本年度未收取信息处理费。"}, []),
        ({"overview": "", "problems": "", "other_matters": ""}, []),  # tables only: a data submission
        ({"overview": "报告中所列数据统计期限为 2023 年 1 月 1 日至 2023 年 12 月 31 日。"}, ["GI110"]),
        ({"overview": "本单位2022年度共主动公开信息 10 条。"}, ["GI110"]),
        ({"overview": "我局2023年度共主动公开信息 10 条。"}, ["GI110"]),
        ({"overview": "2023年1月1日至12月31日，我局依法受理申请。"}, ["GI110"]),
        ({"overview": "特编制本局 2023 年政府信息公开工作年度报告。"}, ["GI110"]),
        ({"problems": "改进情况：统计期限自2023年1月1日起，将加强管理。"}, ["GI110"]),
        ({"overview": "2024 年主动公开 120 条，较 2023 年增加 20 条。"}, []),  # last year named as last year
        ({"overview": "统计期限为 2024 年 1 月 1 日至 2024 年 12 月 31 日。"}, []),
        ({"overview": "主动公开信息 120 条，较本局2023年度增加 20 条。"}, []),
        ({"problems": "针对2023年政府信息公开工作年度报告中指出的问题，已加强整改。"}, []),
        ({"overview": "现将本局2023年度政府信息公开工作年度报告公布如下。"}, ["GI110"]),
    ],
)
def test_each_narrative_rule_is_caught(changes: dict[str, Any], expected: list[str]) -> None:
    assert fired(attrs.evolve(govinfo.example(), **changes)) == expected


def test_the_valid_example_has_no_narrative_findings() -> None:
    assert fired(govinfo.example()) == []


def test_a_wrong_statistical_year_is_quoted() -> None:
    report = attrs.evolve(govinfo.example(), year=2025)
    title, finding = govinfo.check_text(report)  # one per sentence: the title's year, the period's
    assert "（“编制湛河区人民政府 2024 年政府信息公开工作年度报告”）" in title.message_zh
    assert finding.rule_id == "GI110"
    assert (finding.expected, finding.actual, finding.path) == (2025, 2024, "overview")
    assert finding.message_zh.startswith("2025 年度报告的“一、总体情况”写的是 2024 年（“统计期限为 2024 年 1 月 1 日至")
    assert "The sentence: 报告中所列数据统计期限为 2024 年 1 月 1 日至 2024 年 12 月 31 日。" in finding.message_en


def test_narrative_findings_are_located_in_published_text() -> None:
    text = govinfo.example_text().replace("统计期限为 2024 年", "统计期限为 2023 年")
    _, findings = govinfo.read_text(text)
    (stated,) = [f for f in findings if f.rule_id == "GI110"]
    assert stated.source == govinfo.SourceLocation(line=7)
    lines = govinfo.example_text().splitlines()
    start = lines.index("五、存在的主要问题及改进情况") + 1
    six = lines.index("六、其他需要报告的事项")
    section = "\n".join([*lines[: start + 1], "存在问题：人员不足。", "", *lines[six:]])
    _, findings = govinfo.read_text(section)
    (missing,) = [f for f in findings if f.rule_id == "GI103"]
    assert missing.source == govinfo.SourceLocation(line=start + 2)


def test_a_missing_section_is_reported_once() -> None:
    text = govinfo.example_text()
    head, _, tail = text.partition("五、存在的主要问题及改进情况")
    _, _, rest = tail.partition("六、其他需要报告的事项")
    _, findings = govinfo.read_text(head + "六、其他需要报告的事项" + rest)
    assert [f.rule_id for f in findings if f.rule_id.startswith(("GI1", "GI517"))] == ["GI517"]


def test_sections_out_of_order() -> None:
    text = govinfo.example_text()
    head, _, tail = text.partition("五、存在的主要问题及改进情况")
    five, _, six = tail.partition("六、其他需要报告的事项")
    swapped = head + "六、其他需要报告的事项" + six + "\n五、存在的主要问题及改进情况" + five
    _, findings = govinfo.read_text(swapped)
    (order,) = [f for f in findings if f.rule_id == "GI521"]
    assert order.message_zh == "报告各部分的顺序为 一、二、三、四、六、五，格式规定为 一、二、三、四、五、六。"
    assert [f.rule_id for f in govinfo.read_text(text)[1] if f.rule_id == "GI521"] == []


# ----- similarity -----------------------------------------------------------------------

LONG = st.text(alphabet="政府信息公开申请答复办理平台栏目建设", min_size=SHINGLE, max_size=200)


@given(LONG)
def test_a_text_is_all_found_in_itself(text: str) -> None:
    found = similarity(text, text)
    assert (found.ratio, found.shared, found.chars) == (1.0, len(text), len(text))


@given(st.text(alphabet="甲乙丙丁", max_size=40), st.text(alphabet="甲乙丙丁", max_size=40))
def test_the_longest_shared_passage_is_the_longest(a: str, b: str) -> None:
    start, length = _Automaton.of(a).longest_in(b)
    assert b[start : start + length] in a
    brute = max((j - i for i in range(len(b)) for j in range(i, len(b) + 1) if b[i:j] in a), default=0)
    assert length == brute


def test_similarity_ignores_spacing_punctuation_and_figures() -> None:
    last = "2023年，我局共受理政府信息公开申请12件，办结12件。"
    this = "2024 年,我局共受理政府信息公开申请 15 件,办结 15 件."
    assert similarity(last, this).ratio == 1.0
    assert similarity(last, "我局认真落实条例，强化平台建设。").ratio == 0.0
    assert similarity("", "").ratio == 0.0


def test_a_rewritten_section_is_not_copying() -> None:
    last = govinfo.example()
    now = attrs.evolve(last, year=2025, problems="今年的问题与去年不同：" + "新栏目建设滞后，" * 20, overview="")
    assert [f.rule_id for f in govinfo.compare(attrs.evolve(last, year=2024), now) if f.rule_id == "GI607"] == []


def test_a_section_copied_with_new_figures_is_copying() -> None:
    last = govinfo.example()
    now = attrs.evolve(last, year=2025, overview=last.overview.replace("2024", "2025").replace("212", "230"))
    (copied,) = [f for f in govinfo.compare(last, now) if f.rule_id == "GI607" and f.path == "overview"]
    assert copied.message_zh.startswith("“一、总体情况”有 100% 的文字与上年报告相同")
    assert "2025 年政府信息公开工作年度报告" in copied.message_zh  # quoted as this year's text writes it


def test_short_sections_are_not_compared() -> None:
    assert len(_Text.of(govinfo.example().other_matters).chars) < MIN_SECTION_CHARS


def test_shared_text_names_the_other_organ() -> None:
    a = govinfo.example()
    b = attrs.evolve(a, organ="平顶山市卫东区人民政府", overview="卫东区" + "自行编写的总体情况，" * 15)
    c = attrs.evolve(a, organ="平顶山市新华区人民政府", overview="新华区" + "完全不同的总结内容。" * 15, problems="")
    again = attrs.evolve(a, year=2023)  # the same organ: compare()'s job, not the batch's
    found = govinfo.shared_text([a, b, c, again])
    assert [[(f.rule_id, f.path) for f in fs] for fs in found] == [
        [("GI703", "problems")],
        [("GI703", "problems")],
        [],
        [("GI703", "problems")],
    ]
    assert "与“平顶山市卫东区人民政府”的报告相同" in found[0][0].message_zh
    assert "湛河区人民政府" in found[1][0].message_zh


def test_check_reports_text_shared_between_organs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = govinfo.example()
    (tmp_path / "a.json").write_text(govinfo.to_json(a), encoding="utf-8")
    (tmp_path / "b.json").write_text(govinfo.to_json(attrs.evolve(a, organ="平顶山市卫东区人民政府")), "utf-8")
    status = main(["check", str(tmp_path)])
    out = capsys.readouterr().out
    assert status == 0
    assert out.count("——与其他单位比较") == 2
    assert out.count("  警告  GI703  ") == 4
    assert "共检查 2 个文件" in out


def test_copied_sections_are_located(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = tmp_path / "2023.txt"
    last.write_text(govinfo.example_text().replace("2024", "2023"), encoding="utf-8")
    now = tmp_path / "2024.txt"
    now.write_text(govinfo.example_text(), encoding="utf-8")
    status = main(["compare", str(last), str(now)])
    out = capsys.readouterr().out
    assert status == 1  # the carry-over does not follow (the same tables twice)
    assert f"  警告  GI607  {now.name}:第 7 行  “一、总体情况”有 100% 的文字与上年报告相同" in out


def test_narrative_findings_of_a_workbook_point_at_its_cell() -> None:
    report = attrs.evolve(govinfo.example(), problems="无")
    buffer = io.BytesIO()
    govinfo.write_xlsx(report, buffer)
    read = govinfo.read_xlsx(buffer.getvalue())
    (finding,) = [f for f in read.findings if f.rule_id.startswith("GI1")]
    assert finding.rule_id == "GI102"
    assert finding.source is not None
    assert finding.source == read.sources["problems"]
    assert (finding.source.sheet, finding.source.text) == ("基本信息", "无")

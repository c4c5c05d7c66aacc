"""Fingerprints, the review file, ``govinfo check --review``, ``review`` and ``explain``."""

from __future__ import annotations

import io
import json
from pathlib import Path

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import Reviews
from govinfo.reading.context import cell_context
from govinfo.strategies import reports_breaking
from tests.test_cli import run


def broken(total: int = 213) -> govinfo.AnnualReport:
    # the overview's own figure for this cell is left out, so that only the table rules fire
    overview = govinfo.example().overview.replace("共受理政府信息公开申请 212 件，", "")
    return govinfo.replace_cells(attrs.evolve(govinfo.example(), overview=overview), {"requests.received.total": total})


def test_a_fingerprint_keeps_its_key_when_the_values_change() -> None:
    once, twice = broken(213), broken(214)
    (a, b), (c, d) = (
        govinfo.fingerprints(govinfo.check(once, narrative=False), once),
        govinfo.fingerprints(govinfo.check(twice, narrative=False), twice),
    )
    assert (a.key, b.key) == (c.key, d.key)
    assert a.key != b.key  # GI301 and GI303 of the same cell
    assert (a.values, b.values) != (c.values, d.values)
    again = govinfo.fingerprints(govinfo.check(once, narrative=False), once)
    assert [a, b] == again  # stable across runs


def test_the_key_names_organ_and_year() -> None:
    report = broken()
    (finding, _) = govinfo.check(report, narrative=False)
    keys = {
        govinfo.fingerprint(finding, r).key
        for r in (report, attrs.evolve(report, organ="别的区"), attrs.evolve(report, year=2025))
    }
    assert len(keys) == 3
    assert govinfo.fingerprint(finding, attrs.evolve(report, organ=" 湛河区人民政府 ")).key in keys


def test_findings_alike_are_told_apart_by_order() -> None:
    report = attrs.evolve(govinfo.example(), year=2025)  # two sentences name 2024
    prints = govinfo.fingerprints(govinfo.check_text(report), report)
    assert prints[1].key == prints[0].key + "#2"


def test_the_review_cycle(tmp_path: Path) -> None:
    file = tmp_path / "审核.json"
    report = broken()
    findings = govinfo.check(report, narrative=False)
    reviews = Reviews.load(file)
    prints = govinfo.fingerprints(findings, report)
    assert [reviews.status(p) for p in prints] == ["new", "new"]
    for finding, print_ in zip(findings, prints, strict=True):
        reviews.record(finding, report, print_)
    reviews.decide(prints[0].key[:6], "accepted", by="张三", reason="已电话核实")
    reviews.save(file)
    again = Reviews.load(file)
    assert [again.status(p) for p in prints] == ["accepted", "pending"]
    assert again.entries[prints[0].key].by == "张三"
    changed = broken(215)
    later = govinfo.fingerprints(govinfo.check(changed, narrative=False), changed)
    assert [again.status(p) for p in later] == ["changed", "pending"]
    for finding, print_ in zip(govinfo.check(changed, narrative=False), later, strict=True):
        again.record(finding, changed, print_)
    assert again.entries[prints[0].key].decision == "accepted"  # re-running never loses a review
    again.decide(prints[0].key, "accepted", by="李四")
    assert again.status(later[0]) == "accepted"


def test_deciding_needs_one_matching_key(tmp_path: Path) -> None:
    reviews = Reviews()
    with pytest.raises(govinfo.UnknownNameError, match="未知的审核记录"):
        reviews.decide("abc", "accepted", by="张三")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"{", "不是有效的 JSON"),
        (b"[]", "不是 govinfo 审核记录"),
        (b'{"format": "govinfo-review", "version": 9, "findings": {}}', "版本 9 不受支持"),
        (b'{"format": "govinfo-review", "version": 1, "findings": {"k": {"decision": "maybe"}}}', "记录无效"),
        (b'{"format": "govinfo-review", "version": 1, "findings": {"k": {"decision": "accepted"}}}', "记录不完整"),
    ],
)
def test_a_bad_review_file_is_a_clear_error(tmp_path: Path, content: bytes, message: str) -> None:
    file = tmp_path / "r.json"
    file.write_bytes(content)
    with pytest.raises(govinfo.FileFormatError, match=message):
        Reviews.load(file)


def test_check_review_hides_accepted_and_shows_changed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    report_file, review = tmp_path / "某区.json", tmp_path / "审核.json"
    report_file.write_text(govinfo.to_json(broken()), encoding="utf-8")
    status, out, _ = run(capsys, "check", str(report_file), "--review", str(review))
    assert status == 1
    keys = list(json.loads(review.read_text("utf-8"))["findings"])
    assert len(keys) == 2
    assert all(f"[{key[:8]}]" in out for key in keys)
    status, _, err = run(capsys, "review", str(review), "accept", *(k[:8] for k in keys), "--by", "张三")
    assert status == 0
    assert "已接受" in err
    status, out, _ = run(capsys, "check", str(report_file), "--review", str(review))
    assert status == 0
    assert "已审核、未显示 2 项" in out
    status, out, _ = run(capsys, "check", str(report_file), "--review", str(review), "--format", "json")
    findings = [r for r in map(json.loads, out.splitlines()) if "rule" in r]
    assert {r["review"]["status"] for r in findings} == {"accepted"}
    report_file.write_text(govinfo.to_json(broken(220)), encoding="utf-8")
    status, out, _ = run(capsys, "check", str(report_file), "--review", str(review))
    assert status == 1
    assert out.count("（审核后数值已变化）") == 2
    status, out, _ = run(capsys, "review", str(review))
    assert out.count("已接受") == 2
    assert "张三" in out


def test_review_command_errors(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    review = tmp_path / "审核.json"
    status, _, err = run(capsys, "review", str(review), "accept", "abc")
    assert status == 2
    assert "--by" in err
    status, _, err = run(capsys, "review", str(review), "accept", "abc", "--by", "张三")
    assert status == 2
    assert "未知的审核记录“abc”" in err
    review.write_text("[]", encoding="utf-8")
    status, _, err = run(capsys, "check", "--review", str(review), str(review))
    assert status == 2
    assert "不是 govinfo 审核记录" in err


def test_explain_a_value_of_published_text(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "年报.txt"
    text.write_text(govinfo.example_text().replace("行政许可\t7661", "行政许可\t７６６１"), encoding="utf-8")
    status, out, _ = run(capsys, "explain", str(text), "proactive.licensing.decisions")
    assert status == 0
    assert out.splitlines()[:3] == [
        "proactive.licensing.decisions = 7661",
        "表格位置：表二“第二十条第（五）项／行政许可”行“本年处理决定数量”列",
        "来源：年报.txt:第 29 行第 6–9 列（原文“７６６１”）",
    ]
    assert "（原文“７６６１”）" in out
    assert "【７６６１】" in out
    assert "GI503" in out


def test_explain_a_value_of_a_workbook(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book = tmp_path / "某区.xlsx"
    govinfo.write_xlsx(broken(), book)
    status, out, _ = run(capsys, "explain", str(book), "requests.received.total", "--lang", "en")
    assert status == 1
    assert "requests.received.total = 213" in out
    assert "source: 某区.xlsx:表三!" in out
    assert "(as written: '213')" in out
    assert "【" in out
    assert "GI301" in out
    status, out, _ = run(capsys, "explain", str(book), "overview")
    assert status == 0
    status, _, err = run(capsys, "explain", str(book), "requests.nothing")
    assert status == 2
    assert "未知" in err


def test_explain_a_value_of_json(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    file = tmp_path / "某区.json"
    file.write_text(govinfo.to_json(govinfo.example()), encoding="utf-8")
    status, out, _ = run(capsys, "explain", str(file), "proactive.fees.amount")
    assert status == 0
    assert "来源：文件中没有该值" in out
    assert "没有涉及该值的问题" in out


def test_explain_in_html_points_at_the_page_source() -> None:
    page = (
        "<html><body>\n<p>一、总体情况</p>\n<table>\n<tr><td>三、收到和处理政府信息公开申请情况</td></tr>\n"
        "<tr>\n  <td>一、本年新收政府信息公开申请数量</td><td>3</td><td>0</td><td>0</td><td>0</td><td>0</td>"
        "<td>0</td><td>3</td></tr>\n</table></body></html>"
    )
    result = govinfo.read_text(page)
    found = govinfo.explain(result, "requests.received.total")
    assert found.value == 3
    assert found.source is not None
    assert found.source.line == 6
    line = page.splitlines()[5]
    assert found.source.column is not None
    assert line[found.source.column - 1] == "3"


def test_a_finding_about_cells_the_report_lacks_still_has_a_fingerprint() -> None:
    made = govinfo.rule("GI514").finding({"note": "x"}, cells=("no.such.path",))
    assert len(govinfo.fingerprint(made, govinfo.example()).values) == 16


def test_a_review_file_that_cannot_be_written_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(govinfo.GovinfoError, match="无法写入审核记录文件"):
        Reviews().save(tmp_path / "没有的目录" / "审核.json")
    assert list(tmp_path.iterdir()) == []


def test_context_of_a_cell(tmp_path: Path) -> None:
    book = tmp_path / "某区.xlsx"
    govinfo.write_xlsx(govinfo.example(), book)
    (line,) = cell_context(book, govinfo.SourceLocation(sheet="表三", cell="Z5"))
    assert line.startswith("表三 第 5 行：【Z5=（空）】")
    assert cell_context(book, govinfo.SourceLocation(sheet="没有", cell="A1")) == []
    (line,) = cell_context(book, govinfo.SourceLocation(sheet="表三", cell="Z5"), "en")
    assert line.startswith("表三 row 5: 【Z5=(empty)】")


@pytest.mark.parametrize(
    "entry",
    [
        '{"decision": "accepted", "year": "2024"}',
        '{"decision": "accepted", "by": 5}',
        '{"decision": "accepted", "year": true}',
        '{"decision": "accepted", "unknown": ""}',
        "[]",
    ],
)
def test_entries_of_the_wrong_type_are_refused(tmp_path: Path, entry: str) -> None:
    file = tmp_path / "r.json"
    file.write_text(f'{{"format": "govinfo-review", "version": 1, "findings": {{"k": {entry}}}}}', "utf-8")
    with pytest.raises(govinfo.FileFormatError, match="记录无效"):
        Reviews.load(file)


def test_hostile_review_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000, "utf-8")
    with pytest.raises(govinfo.FileFormatError, match="不是有效的 JSON"):
        Reviews.load(deep)
    monkeypatch.setattr("govinfo.review.MAX_BYTES", 10)
    with pytest.raises(govinfo.FileFormatError, match="超过 0 MB，不是审核记录"):
        Reviews.load(deep)


def test_the_built_in_example_can_be_reviewed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    review = tmp_path / "审核.json"
    assert run(capsys, "check", "--review", str(review))[0] == 1
    (key,) = json.loads(review.read_text("utf-8"))["findings"]
    run(capsys, "review", str(review), "accept", key, "--by", "张三", "--reason", "原文如此，已说明")
    status, out, _ = run(capsys, "check", "--review", str(review))
    assert status == 0
    assert "已审核、未显示 1 项" in out


def test_findings_alike_are_decided_by_their_short_key(tmp_path: Path) -> None:
    report = attrs.evolve(govinfo.example(), year=2025)
    findings = govinfo.check_text(report)
    prints = govinfo.fingerprints(findings, report)
    reviews = Reviews()
    for finding, print_ in zip(findings, prints, strict=True):
        reviews.record(finding, report, print_)
    assert prints[1].short == prints[0].short + "#2"
    reviews.decide(prints[1].short, "dismissed", by="张三")
    assert [reviews.status(p) for p in prints] == ["pending", "dismissed"]
    reviews.decide(prints[0].short, "accepted", by="张三")
    assert [reviews.status(p) for p in prints] == ["accepted", "dismissed"]


def test_explain_names_the_findings_about_the_whole_table() -> None:
    cut = govinfo.example_text().split("四、结转下年度继续办理")[0]
    found = govinfo.explain(govinfo.read_text(cut), "requests.carried_forward.total")
    assert found.source is None
    assert "GI516" in [f.rule_id for f in found.findings]


@settings(max_examples=25)
@given(
    st.sampled_from(["GI301", "GI302", "GI303", "GI401"]).flatmap(
        lambda rule: reports_breaking(rule, narratives=st.just(""))
    )
)
def test_a_review_survives_re_exporting_the_report(report: govinfo.AnnualReport) -> None:
    """The same findings, read back from the workbook and from JSON, keep their fingerprints."""
    direct = govinfo.fingerprints(govinfo.check(report, narrative=False), report)
    buffer = io.BytesIO()
    govinfo.write_xlsx(report, buffer)
    read = govinfo.read_xlsx(buffer.getvalue())
    assert govinfo.fingerprints(read.findings, read.report) == direct
    again = govinfo.from_json(govinfo.to_json(report))
    assert govinfo.fingerprints(govinfo.check(again, narrative=False), again) == direct


def test_annotate_leaves_out_what_the_office_settled(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    book, review = tmp_path / "某区.xlsx", tmp_path / "审核.json"
    govinfo.write_xlsx(broken(), book)
    assert run(capsys, "check", str(book), "--review", str(review))[0] == 1
    first = sorted(json.loads(review.read_text("utf-8"))["findings"])[0]
    run(capsys, "review", str(review), "dismiss", first[:8], "--by", "张三", "--reason", "误报")
    status, _, err = run(capsys, "annotate", str(book), str(tmp_path / "批注.xlsx"), "--review", str(review))
    assert status == 0  # done; the error left is in the copy
    assert "问题 1 项" in err
    assert json.loads(review.read_text("utf-8"))["findings"][first]["decision"] == "dismissed"


def test_compare_and_hierarchy_take_reviews(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    review = tmp_path / "审核.json"
    last, now = tmp_path / "2023.json", tmp_path / "2024.json"
    last.write_text(govinfo.to_json(attrs.evolve(govinfo.example(), year=2023)), "utf-8")
    now.write_text(govinfo.to_json(govinfo.example()), "utf-8")
    status, out, _ = run(capsys, "compare", str(last), str(now), "--review", str(review))
    assert status == 1
    keys = list(json.loads(review.read_text("utf-8"))["findings"])
    assert len(keys) == 6  # GI603 ×2, GI604, GI605, GI607 ×2
    run(capsys, "review", str(review), "accept", *(k[:8] + k[16:] for k in keys), "--by", "张三")
    status, out, _ = run(capsys, "compare", str(last), str(now), "--review", str(review))
    assert status == 0
    assert "已审核、未显示 6 项" in out
    status, out, _ = run(capsys, "hierarchy", str(now), str(now), "--review", str(review))
    assert status == 0
    review.write_text("{", "utf-8")
    assert run(capsys, "hierarchy", str(now), str(now), "--review", str(review))[0] == 2
    assert run(capsys, "compare", str(last), str(now), "--review", str(review))[0] == 2


def test_a_review_file_that_cannot_be_saved_is_said(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "check", "--review", str(tmp_path / "没有" / "审核.json"))
    assert status == 2
    assert "无法写入审核记录文件" in err

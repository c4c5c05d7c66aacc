"""The ``govinfo`` command, in process (for coverage) and as the installed console script."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest

import govinfo
from govinfo.cli import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_check_without_paths_checks_the_built_in_example(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check")
    assert status == 1
    lines = out.splitlines()
    assert lines[0] == "内置示例 zhanhe-2024.txt — 湛河区人民政府 2024 年度报告（2021 版格式）"
    assert lines[1].startswith("  错误  GI501  zhanhe-2024.txt:第 74 行  “四、政府信息公开行政复议、行政诉讼情况”")
    assert "的数值行有 16 个数" in lines[1]
    assert lines[-1] == "共检查 1 个文件，0 个无法读取：错误 1 项，警告 0 项，提示 0 项。最常见的规则：GI501×1。"


def test_check_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "check", "--lang", "en")
    assert status == 1
    assert "  error  GI501  zhanhe-2024.txt:line 74  the value row" in out
    assert out.splitlines()[-1] == (
        "1 file(s) checked, 0 unreadable: 1 error(s), 0 warning(s), 0 info. Most frequent rules: GI501×1."
    )


def _write(path: Path, report: govinfo.AnnualReport) -> Path:
    path.write_text(govinfo.to_json(report), encoding="utf-8")
    return path


def test_check_json_files_and_folders(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "各单位 报告"
    (folder / "子目录").mkdir(parents=True)
    good = _write(folder / "好.json", govinfo.example())
    wrong = govinfo.replace_cells(govinfo.example(), {"appeals.reconsideration.total": 13})
    _write(folder / "子目录" / "错.json", wrong)
    (folder / "说明.md").write_text("not a report", encoding="utf-8")
    (folder / "~$好.json").write_text("an office lock file", encoding="utf-8")
    (folder / ".hidden.json").write_text("a hidden file", encoding="utf-8")
    status, out, err = run(capsys, "check", str(folder))
    assert status == 2  # 说明.md is read, found to hold no report, and said: nothing is skipped silently
    assert f"{good} — 湛河区人民政府 2024 年度报告（2021 版格式）\n  未发现问题" in out
    assert "  错误  GI401  appeals.reconsideration.total  表四“行政复议”：总计为 13" in out
    assert "共检查 3 个文件，1 个无法读取：错误 1 项" in out
    assert f"{folder / '说明.md'}: 文本中没有找到年度报告的任何表格" in err
    assert f"已跳过 {folder / '~$好.json'}：Office 打开文件时生成的临时锁文件" in err
    assert f"已跳过 {folder / '.hidden.json'}：隐藏文件" in err
    status, out, _ = run(capsys, "check", str(good), "--lang", "en")
    assert status == 0
    assert "no findings" in out


def test_check_json_output(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = govinfo.replace_cells(govinfo.example(), {"requests.outcomes.disclosed.natural_person": 50})
    path = _write(tmp_path / "r.json", wrong)
    status, out, err = run(capsys, "check", "--format", "json", str(path))
    assert status == 1
    lines = [json.loads(line) for line in out.splitlines()]
    records = [r for r in lines if "rule" in r]
    assert [r["rule"] for r in records] == ["GI302", "GI303"]
    assert lines[-1] == {  # one record for each input: what became of it
        "record": "file",
        "file": str(path),
        "status": "read",
        "organ": "湛河区人民政府",
        "year": 2024,
        "edition": "2021",
        "findings": 2,
        "errors": 2,
    }
    assert records[0] == {
        "file": str(path),
        "rule": "GI302",
        "severity": "error",
        "message": "表三“申请人情况／自然人”列：“三、本年度办理结果／（七）总计”为 211，但各项办理结果之和为 212。",
        "path": "requests.outcomes.total.natural_person",
        "table": "三、收到和处理政府信息公开申请情况",
        "row": "三、本年度办理结果／（七）总计",
        "column": "申请人情况／自然人",
        "location": "requests.outcomes.total.natural_person",
        "expected": 212,
        "actual": 211,
        "fingerprint": govinfo.fingerprints(govinfo.check(wrong, narrative=False), wrong)[0].key,
    }
    assert "错误 2 项" in err


def test_decimal_values_in_json_output_are_strings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = govinfo.replace_cells(govinfo.example(), {"proactive.fees.amount": Decimal("-1.50")})
    path = _write(tmp_path / "r.json", wrong)
    _, out, _ = run(capsys, "check", "--format", "json", str(path))
    assert json.loads(out.splitlines()[0])["actual"] == "-1.50"


def test_unreadable_files_are_reported_and_counted(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    broken = tmp_path / "坏.json"
    broken.write_text('{"edition": "2021"', encoding="utf-8")
    other = tmp_path / "报告.csv"
    other.write_bytes(b"PK")
    good = _write(tmp_path / "好.json", govinfo.example())
    status, out, err = run(capsys, "check", str(broken), str(other), str(tmp_path / "缺失.json"), str(good))
    assert status == 2
    assert f"{broken}: JSON 内容不是有效的年度报告" in err
    assert f"{other}: 不支持的文件类型“.csv”" in err
    assert "无法读取文件" in err
    assert "共检查 4 个文件，3 个无法读取" in out
    status, _, err = run(capsys, "check", "--lang", "en", str(other))
    assert status == 2
    assert "unsupported file type '.csv'" in err


@pytest.mark.parametrize("fmt", ["text", "json", "markdown"])
def test_rules_command(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    status, out, _ = run(capsys, "rules", "--format", fmt)
    assert status == 0
    if fmt == "json":
        assert [r["id"] for r in json.loads(out)] == list(govinfo.RULES)
    elif fmt == "markdown":
        assert out.startswith("# 规则目录 Rule catalog")
    else:
        assert out.splitlines()[0] == "GI001  错误  统计数不能为负数"
    _, out, _ = run(capsys, "rules", "--lang", "en")
    assert out.splitlines()[0] == "GI001  error  Counts are not negative"


def test_usage_errors_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as caught:
        main(["nope"])
    assert caught.value.code == 2
    with pytest.raises(SystemExit) as caught:
        main(["--version"])
    assert caught.value.code == 0
    assert capsys.readouterr().out.strip() == f"govinfo {govinfo.__version__}"


def test_installed_console_script_and_module() -> None:
    script = shutil.which("govinfo", path=str(Path(sys.executable).parent))
    assert script is not None, "the govinfo console script is not installed beside this Python"
    done = subprocess.run([script, "check"], capture_output=True, text=True, check=False)
    assert done.returncode == 1
    assert "GI501" in done.stdout
    done = subprocess.run([sys.executable, "-m", "govinfo", "rules"], capture_output=True, text=True, check=False)
    assert done.returncode == 0
    assert "GI301" in done.stdout


def test_check_workbooks_reports_findings_at_cells(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = govinfo.replace_cells(govinfo.example(), {"appeals.reconsideration.total": 13})
    govinfo.write_xlsx(wrong, tmp_path / "某局.xlsx")
    (tmp_path / "坏.xlsx").write_bytes(b"not a workbook")
    status, out, err = run(capsys, "check", str(tmp_path))
    assert status == 2
    assert "  错误  GI401  某局.xlsx:表四!E5  表四“行政复议”：总计为 13，但同组四项之和为 12。" in out
    assert "坏.xlsx: 文件扩展名为 .xlsx，但内容是文本，已按文本读取。文本中没有找到年度报告的任何表格" in err


def test_compare_two_years(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    last = tmp_path / "2023.xlsx"
    govinfo.write_xlsx(attrs.evolve(govinfo.example(), year=2023), last)
    now = _write(tmp_path / "2024.json", govinfo.example())
    status, out, _ = run(capsys, "compare", str(last), str(now))
    assert status == 1
    assert "GI603  requests.carried_over.natural_person  表三“申请人情况／自然人”列：本年" in out
    assert "GI605" in out
    status, out, err = run(capsys, "compare", str(last), str(tmp_path / "缺.json"), "--format", "json")
    assert status == 2
    assert "无法读取文件" in err


def test_check_with_previous_pairs_by_organ(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "2023").mkdir()
    (tmp_path / "2024").mkdir()
    _write(tmp_path / "2023" / "a.json", attrs.evolve(govinfo.example(), year=2023))
    (tmp_path / "2023" / "坏.json").write_text("{", encoding="utf-8")
    _write(tmp_path / "2024" / "a.json", govinfo.example())
    _write(tmp_path / "2024" / "b.json", attrs.evolve(govinfo.example(), organ="别的局"))
    status, out, err = run(capsys, "check", str(tmp_path / "2024"), "--previous", str(tmp_path / "2023"))
    assert status == 1
    assert out.count("  错误  GI603  ") == 2  # only the paired organ is compared
    assert "坏.json" in err


def test_aggregate_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "各单位"
    folder.mkdir()
    _write(folder / "a.json", govinfo.example())
    govinfo.write_xlsx(attrs.evolve(govinfo.example(), organ="乙局"), folder / "b.xlsx")
    wrong = govinfo.replace_cells(attrs.evolve(govinfo.example(), organ="丙局"), {"appeals.reconsideration.total": 1})
    _write(folder / "c.json", wrong)
    target = tmp_path / "全区汇总.xlsx"
    status, out, _ = run(capsys, "aggregate", str(folder), "-o", str(target), "--organ", "湛河区")
    assert status == 0
    assert "警告  GI701  organ  “丙局”的报告有 1 项错误（GI401），未纳入汇总。" in out
    total, findings = govinfo.read_xlsx(target)
    assert (total.organ, total.requests.received.total, findings) == ("湛河区", 424, [])
    as_json = tmp_path / "汇总.json"
    status, _, _ = run(capsys, "aggregate", str(folder), "-o", str(as_json), "--organ", "湛河区", "--include-invalid")
    assert status == 1
    assert govinfo.from_json(as_json.read_text(encoding="utf-8")).requests.received.total == 636
    (folder / "坏.json").write_text("[]", encoding="utf-8")
    status, _, err = run(capsys, "aggregate", str(folder), "-o", str(tmp_path / "x.xlsx"), "--organ", "湛河区")
    assert status == 2
    assert "有文件无法读取，未生成汇总" in err
    assert not (tmp_path / "x.xlsx").exists()
    (folder / "~$b.xlsx").write_bytes(b"lock")  # an office lock file: skipped with a note, not unreadable
    status, out, err = run(
        capsys, "aggregate", str(folder), "-o", str(tmp_path / "x.xlsx"), "--organ", "湛河区", "--allow-unread"
    )
    assert status == 2  # written, and the unread file still counts against the run
    assert f"已跳过 {folder / '~$b.xlsx'}" in err
    assert "错误  GI706" in out
    assert f"文件“{folder / '坏.json'}”无法读取，未纳入汇总：JSON 内容不是有效的年度报告" in out
    notes = openpyxl.load_workbook(tmp_path / "x.xlsx")["汇总说明"]
    texts = [str(c.value) for row in notes.iter_rows() for c in row if c.value]
    assert "无法读取、未纳入汇总的文件" in texts
    assert any("坏.json" in t for t in texts)
    assert govinfo.read_xlsx(tmp_path / "x.xlsx").report.requests.received.total == 424


def test_aggregate_refusal_is_reported(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = _write(tmp_path / "a.json", govinfo.example())
    b = _write(tmp_path / "b.json", govinfo.example())
    status, _, err = run(capsys, "aggregate", str(a), str(b), "-o", str(tmp_path / "t.xlsx"), "--organ", "区")
    assert status == 2
    assert "同一机关的报告出现了不止一次" in err


def test_template_annotate_and_convert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blank = tmp_path / "模板 2020.xlsx"
    status, _, err = run(capsys, "template", str(blank), "--edition", "2019")
    assert status == 0
    assert "已生成空白表格" in err
    assert govinfo.read_xlsx(blank)[0].edition == "2019"
    wrong = govinfo.replace_cells(govinfo.example(), {"appeals.reconsideration.total": 13})
    submitted = tmp_path / "某局.xlsx"
    govinfo.write_xlsx(wrong, submitted)
    marked = tmp_path / "某局-审核.xlsx"
    status, _, err = run(capsys, "annotate", str(submitted), str(marked))
    assert status == 0  # it did its job; the findings are in the copy
    assert "问题 1 项，其中错误 1 项" in err
    assert run(capsys, "annotate", str(submitted), str(marked), "--strict")[0] == 1
    assert "审核意见" in openpyxl.load_workbook(marked).sheetnames
    as_json = tmp_path / "某局.json"
    status, _, err = run(capsys, "convert", str(submitted), str(as_json), "--lang", "en", "--strict")
    assert status == 1
    assert govinfo.from_json(as_json.read_text(encoding="utf-8")) == wrong
    back = tmp_path / "back.xlsx"
    assert run(capsys, "convert", str(as_json), str(back))[0] == 0
    assert govinfo.read_xlsx(back)[0] == wrong
    status, _, err = run(capsys, "convert", str(as_json), str(tmp_path / "x.csv"))
    assert (status, "不支持写入“.csv”" in err) == (2, True)
    status, _, err = run(capsys, "annotate", str(as_json), str(tmp_path / "y.xlsx"))
    assert status == 2
    status, _, err = run(capsys, "template", str(tmp_path))
    assert (status, "文件夹" in err) == (2, True)


def test_check_published_text_and_html(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = tmp_path / "湛河区 2024.txt"
    text.write_text(govinfo.example_text(), encoding="utf-8")
    page = tmp_path / "年报.html"
    page.write_text(
        "<html><body><p>" + govinfo.example_text().replace("\n", "</p><p>") + "</p></body></html>", encoding="gb18030"
    )
    status, out, _ = run(capsys, "check", str(text), str(page))
    assert status == 1
    assert out.count("GI501") == 3  # two findings and the summary
    assert "湛河区 2024.txt:第 74 行" in out
    assert "提示  GI520" in out  # the page was not UTF-8
    target = tmp_path / "年报.xlsx"
    assert run(capsys, "convert", str(text), str(target))[0] == 0
    assert govinfo.read_xlsx(target)[0] == govinfo.example()
    assert run(capsys, "convert", str(text), str(target), "--strict")[0] == 1  # the table-四 defect


def test_previous_takes_one_path_and_leaves_the_rest_to_check(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    last = tmp_path / "2023.json"
    last.write_text(govinfo.to_json(attrs.evolve(govinfo.example(), year=2023)), encoding="utf-8")
    now = _write(tmp_path / "2024.json", govinfo.example())
    status, out, _ = run(capsys, "check", "--previous", str(last), str(now))
    assert "2024.json" in out  # the file given after the option is checked, not swallowed by it
    assert "内置示例" not in out
    assert status in (0, 1)
    assert "GI608" not in out
    other = _write(tmp_path / "乙局2024.json", attrs.evolve(govinfo.example(), organ="乙局"))
    status, out, _ = run(capsys, "check", "--previous", str(last), str(other))
    assert status == 0  # a warning
    assert "警告  GI608" in out
    assert "给出的上年报告中没有“乙局”的报告，未与上年比较（上年报告的机关：湛河区人民政府）" in out


def test_an_output_that_is_the_input_or_of_the_wrong_type_is_refused(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    submitted = tmp_path / "某局.xlsx"
    govinfo.write_xlsx(govinfo.example(), submitted)
    original = submitted.read_bytes()
    link = tmp_path / "链接.xlsx"
    link.symlink_to(submitted)
    for output in (str(submitted), str(link), str(tmp_path / "." / "某局.xlsx")):
        status, _, err = run(capsys, "annotate", str(submitted), output)
        assert status == 2
        assert "就是输入文件" in err
    status, _, err = run(capsys, "convert", str(submitted), str(submitted))
    assert (status, "就是输入文件" in err) == (2, True)
    assert submitted.read_bytes() == original
    for command in (
        ["template", str(tmp_path / "t.csv")],
        ["annotate", str(submitted), str(tmp_path / "a.json")],
        ["aggregate", str(submitted), "-o", str(tmp_path / "out.csv"), "--organ", "区"],
    ):
        status, _, err = run(capsys, *command)
        assert status == 2, command
        assert "此命令写入 .xlsx" in err, command
    assert not list(tmp_path.glob("*.csv"))
    assert not list(tmp_path.glob("*.json"))
    status, _, err = run(capsys, "aggregate", str(tmp_path), "-o", str(submitted), "--organ", "区")
    assert (status, "就是输入文件" in err) == (2, True)
    assert submitted.read_bytes() == original


def test_every_input_has_a_json_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A script tells "clean" from "not checked": every input is read, unreadable or skipped, and said."""
    good = _write(tmp_path / "好.json", govinfo.example())
    (tmp_path / "坏.json").write_text("[]", encoding="utf-8")
    (tmp_path / "~$好.json").write_text("lock", encoding="utf-8")
    status, out, _ = run(capsys, "check", "--format", "json", str(tmp_path))
    assert status == 2
    files = {r["file"]: r for r in map(json.loads, out.splitlines()) if r.get("record") == "file"}
    assert files[str(good)]["status"] == "read"
    assert files[str(good)]["findings"] == 0
    assert files[str(tmp_path / "坏.json")]["status"] == "unreadable"
    assert "JSON" in files[str(tmp_path / "坏.json")]["message"]
    assert files[str(tmp_path / "~$好.json")]["status"] == "skipped"
    other = _write(tmp_path / "乙.json", attrs.evolve(govinfo.example(), organ="乙局"))
    total = tmp_path / "总.json"
    status, out, err = run(
        capsys, "aggregate", str(good), str(other), "-o", str(total), "--organ", "区", "--format", "json"
    )
    assert status == 0
    statuses = [(r["file"], r["status"]) for r in map(json.loads, out.splitlines()) if r.get("record") == "file"]
    assert statuses == [(str(good), "read"), (str(other), "read"), (str(total), "written")]
    assert "共检查 2 个文件，0 个无法读取" in err  # the inputs, not the 汇总 written


def test_severity_and_quiet_filter_what_is_printed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = _write(tmp_path / "好.json", govinfo.example())
    page = tmp_path / "网页.html"
    page.write_text(govinfo.render_html(govinfo.example()).replace(">0</td>", ">&nbsp;</td>"), encoding="utf-8")
    status, out, _ = run(capsys, "check", str(good), str(page))
    assert status == 0
    assert "GI502" in out  # blanks read as 0: warnings
    assert "未发现问题" in out
    status, out, _ = run(capsys, "check", str(good), str(page), "--severity", "error", "--quiet")
    assert status == 0
    assert "GI502" not in out
    assert str(good) not in out  # clean: no line
    assert "共检查 2 个文件，0 个无法读取：错误 0 项，警告 0 项" in out
    status, out, _ = run(capsys, "check", str(page), "--severity", "error")
    assert "没有该级别及以上的问题" in out  # the warnings are left out, not absent
    assert "未发现问题" not in out
    status, out, _ = run(capsys, "check", str(page), "--severity", "error", "--format", "json")
    assert [json.loads(line).get("rule") for line in out.splitlines()] == [None]  # only the file's record


def test_hierarchy_members_saved_by_notepad_in_gbk(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    parent = _write(tmp_path / "县.json", govinfo.example())
    child = _write(tmp_path / "甲镇.json", attrs.evolve(govinfo.example(), organ="甲镇"))
    members = tmp_path / "名单.txt"
    members.write_bytes("甲镇\r\n乙乡\r\n".encode("gbk"))  # what Notepad saves as "ANSI" on a Chinese Windows
    status, out, err = run(capsys, "hierarchy", str(parent), str(child), "--members", str(members))
    assert "乙乡" in out + err  # read, and the missing township named (GI705)
    assert "GI705" in out
    assert status in (0, 1)


def test_explain_takes_a_sheet_and_cell_and_suggests_the_nearest_path(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    book = tmp_path / "某局.xlsx"
    govinfo.write_xlsx(govinfo.example(), book)
    status, out, _ = run(capsys, "explain", str(book), "表三!J5")
    assert status in (0, 1)
    assert out.startswith("requests.received.total = 212")
    status, _, err = run(capsys, "explain", str(book), "requests.recieved.total")
    assert status == 2
    assert "最接近的：requests.received.total" in err


def test_argparse_speaks_chinese_first(capsys: pytest.CaptureFixture[str]) -> None:
    import argparse  # noqa: PLC0415

    from govinfo.cli import main  # noqa: PLC0415

    with pytest.raises(SystemExit) as caught:
        main(["aggregate"])
    assert caught.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("用法 usage: govinfo aggregate")
    assert "缺少必需的参数 the following arguments are required" in err
    with pytest.raises(SystemExit):
        main(["template", "--help"])
    assert "位置参数 positional arguments" in capsys.readouterr().out
    assert argparse._("usage: ") == "usage: "  # type: ignore[attr-defined]  # restored for everyone else


def test_aggregate_reads_with_workers_as_with_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    folder = tmp_path / "各局"
    folder.mkdir()
    for organ in ("甲局", "乙局", "丙局"):
        _write(folder / f"{organ}.json", attrs.evolve(govinfo.example(), organ=organ))
    one = run(capsys, "aggregate", str(folder), "-o", str(tmp_path / "一.json"), "--organ", "区", "-j", "1")
    two = run(capsys, "aggregate", str(folder), "-o", str(tmp_path / "二.json"), "--organ", "区", "-j", "2")
    assert one[0] == two[0] == 0
    assert (tmp_path / "一.json").read_text(encoding="utf-8") == (tmp_path / "二.json").read_text(encoding="utf-8")
    assert "共检查 3 个文件" in one[1]


def test_check_writes_a_csv_list_of_findings_for_excel(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    wrong = _write(
        tmp_path / "某局.json", govinfo.replace_cells(govinfo.example(), {"appeals.reconsideration.total": 13})
    )
    (tmp_path / "坏.json").write_text("[]", encoding="utf-8")
    status, out, err = run(capsys, "check", "--format", "csv", str(tmp_path))
    assert status == 2
    assert out.startswith("\ufeff文件,机关,年度,规则,级别,路径,位置,问题\n")
    rows = list(csv.reader(out.lstrip("\ufeff").splitlines()))
    assert [r[3] for r in rows[1:]] == ["无法读取", "GI401"]
    assert rows[2][:6] == [str(wrong), "湛河区人民政府", "2024", "GI401", "错误", "appeals.reconsideration.total"]
    assert "共检查 2 个文件" in err  # the summary goes to stderr, the list stays clean


def test_annotate_a_folder_into_an_output_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    submitted = tmp_path / "报送"
    (submitted / "乡镇").mkdir(parents=True)
    wrong = govinfo.replace_cells(govinfo.example(), {"appeals.reconsideration.total": 13})
    govinfo.write_xlsx(wrong, submitted / "甲局.xlsx")
    govinfo.write_xlsx(govinfo.example(), submitted / "乡镇" / "乙镇.xlsx")
    _write(submitted / "丙局.json", govinfo.example())
    marked = tmp_path / "批注"
    status, _, err = run(capsys, "annotate", str(submitted), str(marked))
    assert status == 0
    assert sorted(p.relative_to(marked).as_posix() for p in marked.rglob("*.xlsx")) == ["乡镇/乙镇.xlsx", "甲局.xlsx"]
    assert "审核意见" in openpyxl.load_workbook(marked / "甲局.xlsx").sheetnames
    assert "未批注" in err  # the JSON file: only workbooks are annotated
    assert "丙局.json" in err
    assert run(capsys, "annotate", str(submitted), str(marked), "--strict")[0] == 1
    assert run(capsys, "annotate", str(submitted), str(submitted / "批注"))[0] == 2  # not inside the input


def _township(tmp_path: Path, name: str, organ: str) -> Path:
    path = tmp_path / "下级" / name
    path.parent.mkdir(exist_ok=True)
    govinfo.write_xlsx(attrs.evolve(govinfo.example(), organ=organ), path)
    return path


def test_hierarchy_reads_children_in_workers_and_names_their_cells(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    first = _township(tmp_path, "甲镇.xlsx", "甲镇人民政府")
    _township(tmp_path, "乙乡.xlsx", "乙乡人民政府")
    county = govinfo.aggregate([govinfo.read(first).report, attrs.evolve(govinfo.example(), organ="乙")], organ="某县")
    parent = tmp_path / "县.xlsx"
    govinfo.write_xlsx(govinfo.replace_cells(county.report, {"requests.received.natural_person": 1}), parent)
    status, out, _ = run(capsys, "hierarchy", str(parent), str(tmp_path / "下级"), "-j", "2")
    assert status == 1
    assert "错误  GI704  县.xlsx:表三!D5" in out  # in the parent's file
    assert "来自：乙乡.xlsx:表三!D5：212；甲镇.xlsx:表三!D5：212" in out  # and where each child's value stood
    assert "共检查 3 个文件，0 个无法读取" in out
    status, out, _ = run(capsys, "hierarchy", str(parent), str(tmp_path / "下级"), "--format", "json")
    found = [json.loads(line) for line in out.splitlines() if '"rule"' in line]
    assert found[0]["related"] == ["乙乡.xlsx:表三!D5：212", "甲镇.xlsx:表三!D5：212"]


def test_batches_leave_out_blank_forms_and_govinfos_own_copies(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "下级"
    _township(tmp_path, "甲镇.xlsx", "甲镇人民政府")
    second = _township(tmp_path, "乙乡.xlsx", "乙乡人民政府")
    assert run(capsys, "aggregate", str(folder), "-o", str(folder / "汇总.xlsx"), "--organ", "某县")[0] == 0
    assert run(capsys, "annotate", str(second), "-o", str(folder / "乙乡（批注版）.xlsx"))[0] == 0
    assert run(capsys, "template", str(folder / "空白.xlsx"))[0] == 0
    edited = folder / "乙乡（改后重报）.xlsx"  # an organ corrected its annotated copy and sent it back
    shutil.copy(folder / "乙乡（批注版）.xlsx", edited)
    book = openpyxl.load_workbook(edited)
    book["表三"]["D5"] = 213
    book.save(edited)
    second.unlink()  # the first submission, replaced by the corrected one

    again = ("aggregate", str(folder), "-o", str(tmp_path / "再汇总.xlsx"), "--organ", "某县", "--include-invalid")
    status, _, err = run(capsys, *again)  # the edited copy no longer balances: included as it is
    assert status == 1
    assert "已跳过" in err
    assert "汇总.xlsx：这是 govinfo 生成的汇总（数据与生成时一致）" in err
    assert "乙乡（批注版）.xlsx：这是 govinfo 生成的批注版" in err
    assert "空白.xlsx：这是未填写的空白表格" in err
    assert "乙乡（改后重报）" not in err  # edited since: a submission like any other
    total = govinfo.read(tmp_path / "再汇总.xlsx").report
    assert total.requests.received.natural_person == 212 + 213
    status, out, err = run(capsys, "export", str(folder), "-o", str(tmp_path / "明细.csv"))
    assert status == 0
    assert "共检查 2 个文件，0 个无法读取" in out + err
    assert "另有 3 个文件未计入（空白表格或 govinfo 生成的文件）" in out + err
    status, out, _ = run(capsys, "check", str(folder), "--format", "json")  # check still checks every file
    assert sum('"record": "file"' in line for line in out.splitlines()) == 5


def test_every_command_that_writes_one_file_takes_o(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    form = tmp_path / "空白.xlsx"
    assert run(capsys, "template", "-o", str(form))[0] == 0
    assert run(capsys, "convert", str(form), "-o", str(tmp_path / "空白.json"))[0] == 0
    assert run(capsys, "annotate", str(form), "--output", str(tmp_path / "批注.xlsx"))[0] == 0
    assert (tmp_path / "空白.json").exists()
    assert (tmp_path / "批注.xlsx").exists()
    with pytest.raises(SystemExit):
        main(["template", str(tmp_path / "a.xlsx"), "-o", str(tmp_path / "b.xlsx")])
    assert "输出文件给了两次" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["convert", str(form)])
    assert "缺少输出文件（-o OUT）" in capsys.readouterr().err

"""Batch behaviour of the command: workers, order, progress, colour, interruption, export, schema."""

from __future__ import annotations

import csv
import json
import subprocess
import sys
from pathlib import Path

import attrs
import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import cli
from govinfo.schema import json_schema
from govinfo.strategies import reports


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    """A folder mixing good, wrong and unreadable files in several formats."""
    root = tmp_path / "各单位 报告"
    root.mkdir()
    for i in range(6):
        report = attrs.evolve(govinfo.example(), organ=f"单位{i}")
        if i % 3 == 1:
            report = govinfo.replace_cells(report, {"appeals.reconsideration.total": 13})
        if i % 2:
            govinfo.write_xlsx(report, root / f"{i}.xlsx")
        else:
            (root / f"{i}.json").write_text(govinfo.to_json(report), encoding="utf-8")
    (root / "坏.xlsx").write_bytes(b"PK\x03\x04 truncated")
    (root / "年报.txt").write_text(govinfo.example_text(), encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    status = cli.main(list(args))
    out, err = capsys.readouterr()
    return status, out, err


def test_workers_give_the_same_output_in_the_same_order(folder: Path, capsys: pytest.CaptureFixture[str]) -> None:
    one = run(capsys, "check", str(folder), "-j", "1", "--format", "json")
    two = run(capsys, "check", str(folder), "-j", "2", "--format", "json")
    assert one == two
    status, out, err = one
    assert status == 2
    records = [r for r in map(json.loads, out.splitlines()) if "rule" in r]
    own = [r for r in records if r["rule"] != "GI703"]  # the copies share their text: 内容雷同, at the end
    assert [r["file"].rsplit("/", 1)[-1] for r in own] == ["1.xlsx", "4.json", "年报.txt"]
    assert {r["rule"] for r in own} == {"GI401", "GI501"}
    assert records[: len(own)] == own
    assert "坏.xlsx" in err
    assert "共检查 8 个文件，1 个无法读取：错误 3 项" in err


def test_an_internal_error_in_one_file_does_not_stop_the_batch(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = cli._open

    def flaky(path: Path) -> object:
        if path.name == "2.json":
            raise RuntimeError("boom")
        return real(path)

    monkeypatch.setattr(cli, "_open", flaky)
    status, out, err = run(capsys, "check", str(folder), "-j", "1")
    assert status == 2
    assert "2.json: 内部错误，请报告此问题（RuntimeError: boom）" in err
    assert "共检查 8 个文件，2 个无法读取" in out


def test_progress_and_colour_only_for_a_person(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.delenv("NO_COLOR", raising=False)
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    monkeypatch.setattr(sys.stdout, "isatty", lambda: True)
    _, out, err = run(capsys, "check", str(folder), "-j", "1")
    assert "已检查 8/8" in err
    assert "\033[31m错误\033[0m  GI401" in out
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("CI", "true")
    _, out, err = run(capsys, "check", str(folder), "-j", "1")
    assert "已检查" not in err
    assert "\033[" not in out


def test_ctrl_c_stops_with_a_partial_summary(
    folder: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    real = cli._work
    seen: list[Path] = []

    def interrupted(path: Path) -> cli._Result:
        if len(seen) == 3:
            raise KeyboardInterrupt
        seen.append(path)
        return real(path)

    monkeypatch.setattr(cli, "_work", interrupted)
    status, out, _ = run(capsys, "check", str(folder), "-j", "1")
    assert status == 130
    assert out.splitlines()[-1].startswith("已中断。共检查 3 个文件")
    status, _, _ = run(capsys, "export", str(folder), "-o", str(folder / "x.csv"), "-j", "1")
    assert status == 130
    assert not (folder / "x.csv").exists()


def test_export_csv_and_jsonl(folder: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    target = tmp_path / "明细.csv"
    status, _, err = run(capsys, "export", str(folder), "-o", str(target), "-j", "2")
    assert status == 2  # one file is unreadable; the rest is exported
    assert "坏.xlsx" in err
    data = target.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel opens UTF-8 with a BOM correctly
    rows = list(csv.DictReader(data.decode("utf-8-sig").splitlines()))
    cells = len(govinfo.edition("2021").cells)
    assert len(rows) == 7 * cells
    assert list(rows[0]) == ["文件", "机关", "年度", "格式版本", "路径", "表格", "行", "列", "数值"]
    assert rows[0]["文件"].endswith("0.json")
    assert (rows[0]["表格"], rows[0]["行"], rows[0]["列"]) == ("表二", "第二十条第（一）项／规章", "本年制发件数")
    assert {r["数值"] for r in rows if r["路径"] == "proactive.fees.amount"} == {"14.4321"}
    keyed = tmp_path / "keys.csv"
    assert run(capsys, "export", str(folder / "0.json"), "-o", str(keyed), "--header", "paths")[0] == 0
    plain = list(csv.DictReader(keyed.read_text(encoding="utf-8-sig").splitlines()))
    assert list(plain[0]) == ["file", "organ", "year", "edition", "path", "value"]
    lines = tmp_path / "明细.jsonl"
    assert run(capsys, "export", str(folder / "0.json"), "-o", str(lines))[0] == 0
    first = json.loads(lines.read_text(encoding="utf-8").splitlines()[0])
    assert first == {
        "file": str(folder / "0.json"),
        "organ": "单位0",
        "year": 2024,
        "edition": "2021",
        "path": "proactive.regulations.issued",
        "value": 0,
    }
    status, _, err = run(capsys, "export", str(folder), "-o", str(tmp_path / "x.txt"))
    assert (status, "此命令写入 .csv、.jsonl" in err) == (2, True)


def test_schema_command_prints_a_valid_schema(capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "schema")
    assert status == 0
    schema = json.loads(out)
    jsonschema.Draft202012Validator.check_schema(schema)
    assert [v["properties"]["edition"] for v in schema["oneOf"]] == [{"const": "2021"}, {"const": "2019"}]


@settings(max_examples=40)
@given(st.sampled_from(["2021", "2019"]).flatmap(lambda e: reports(edition_id=e)))
def test_every_to_json_output_validates_against_the_schema(report: govinfo.AnnualReport) -> None:
    jsonschema.validate(json.loads(govinfo.to_json(report)), json_schema())


def test_the_schema_rejects_what_from_json_rejects() -> None:
    data = govinfo.to_dict(govinfo.example())
    data["extra"] = 1
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())
    data = govinfo.to_dict(govinfo.example())
    data["proactive"]["fees"]["amount"] = 14.4321
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, json_schema())


def test_the_installed_command_on_a_mixed_folder(folder: Path) -> None:
    script = Path(sys.executable).parent / "govinfo"
    done = subprocess.run(
        [str(script), "check", str(folder), "--format", "json", "--lang", "en", "-j", "2"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    records = [r for r in map(json.loads, done.stdout.splitlines()) if "rule" in r]
    assert {r["rule"] for r in records} == {"GI401", "GI501", "GI703"}
    assert all(
        set(r) >= {"file", "rule", "severity", "message", "path", "location", "expected", "actual"} for r in records
    )
    assert "1 unreadable" in done.stderr
    commands = ("check", "compare", "aggregate", "hierarchy", "template", "annotate", "convert", "export", "explain")
    for command in (*commands, "review", "rules", "schema"):
        helped = subprocess.run([str(script), command, "--help"], capture_output=True, text=True, check=False)
        assert helped.returncode == 0
        assert "示例 example:" in helped.stdout


def test_convert_through_standard_streams(tmp_path: Path) -> None:
    script = str(Path(sys.executable).parent / "govinfo")
    done = subprocess.run(
        [script, "convert", "-", "-", "--from", "txt", "--to", "json"],
        input=govinfo.example_text().encode(),
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0  # converted: the table-四 defect is said, and --strict would make it 1
    assert govinfo.from_json(done.stdout) == govinfo.example()
    to_xlsx = subprocess.run(
        [script, "convert", "-", "-", "--from", "json", "--to", "xlsx"],
        input=done.stdout,
        capture_output=True,
        check=False,
    )
    assert to_xlsx.returncode == 0
    assert tuple(govinfo.read_xlsx(to_xlsx.stdout)) == (govinfo.example(), [])
    back = subprocess.run(
        [script, "convert", "-", "out.json"], input=b"{}", capture_output=True, check=False, cwd=tmp_path
    )
    assert back.returncode == 2
    assert "--from/--to" in back.stderr.decode()

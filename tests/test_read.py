"""``govinfo.read``: one entry point for every kind of file, told by content first."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

import govinfo
from govinfo.reading.kinds import KINDS, SUFFIXES, detect, kind_of


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    report = govinfo.example()
    made = {
        "xlsx": tmp_path / "a.xlsx",
        "json": tmp_path / "a.json",
        "text": tmp_path / "a.txt",
        "html": tmp_path / "a.html",
    }
    govinfo.write_xlsx(report, made["xlsx"])
    made["json"].write_text(govinfo.to_json(report), encoding="utf-8")
    made["text"].write_text(govinfo.example_text(), encoding="utf-8")
    made["html"].write_text(
        "<html><body><p>" + govinfo.example_text().replace("\n", "</p><p>") + "</p></body></html>", encoding="utf-8"
    )
    return made


@pytest.mark.parametrize("kind", ["xlsx", "json", "text", "html"])
def test_every_kind_reads_by_path_bytes_and_stream(files: dict[str, Path], kind: str) -> None:
    path = files[kind]
    by_path = govinfo.read(path)
    assert by_path.report.requests.received.total == 212
    assert govinfo.read(str(path)).report == by_path.report  # a str is a path
    with path.open("rb") as stream:
        assert govinfo.read(stream).report == by_path.report
    assert govinfo.read(path.read_bytes(), kind=kind).report == by_path.report
    placed = [f for f in by_path.findings if f.source is not None]
    assert all(f.source is not None and f.source.file == path.name for f in placed)


def test_the_content_decides_before_the_suffix(files: dict[str, Path], tmp_path: Path) -> None:
    disguised = tmp_path / "报告.txt"
    disguised.write_bytes(files["xlsx"].read_bytes())  # a workbook named as text
    assert govinfo.read(disguised).report == govinfo.read(files["xlsx"]).report
    assert detect(files["json"].read_bytes()).name == "json"  # no name: JSON by its first byte
    assert detect(b"\xef\xbb\xbf  {").name == "json"
    assert detect(govinfo.example_text().encode()).name == "text"


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "旧.xls", "不是 Excel 或 Word 文件"),
        (b"%PDF-1.7\n", "年报.pdf", "PDF"),
        (b"plain", "报告.csv", "不支持的文件类型“.csv”"),
        (b"PK\x03\x04" + b"\x00" * 30, "坏.zip", "压缩包"),
    ],
)
def test_what_no_reader_takes_is_refused_with_what_to_do(data: bytes, name: str, says: str, tmp_path: Path) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(govinfo.FileFormatError) as caught:
        govinfo.read(path)
    assert says in caught.value.message_zh
    assert caught.value.message_en


def test_a_zip_that_is_neither_a_workbook_nor_a_document(tmp_path: Path) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w:document/>")  # no [Content_Types].xml
    with pytest.raises(govinfo.FileFormatError, match="Word document is damaged"):
        govinfo.read(buffer.getvalue())
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("images/a.png", b"png")
    with pytest.raises(govinfo.FileFormatError, match="not an Excel, Word or ODF file"):
        govinfo.read(buffer.getvalue())


def test_a_file_whose_suffix_lies_says_so_when_it_cannot_be_read(tmp_path: Path) -> None:
    path = tmp_path / "报告.docx"
    path.write_bytes(b"plain text, no report")
    with pytest.raises(govinfo.LayoutError) as caught:
        govinfo.read(path)
    assert caught.value.message_zh.startswith("文件扩展名为 .docx，但内容是文本，已按文本读取。")
    assert caught.value.message_en.startswith("the file is named .docx but holds a text")


def test_kinds_are_declared_once() -> None:
    assert [k.name for k in KINDS] == ["xlsx", "xls", "ods", "docx", "doc", "pdf", "html", "text", "json"]
    assert SUFFIXES == (
        ".xlsx", ".xlsm", ".xls", ".et", ".ods", ".docx", ".doc", ".wps", ".odt", ".pdf",
        ".html", ".htm", ".shtml", ".xhtml", ".txt", ".md", ".json",
    )  # fmt: skip
    assert kind_of("txt") is kind_of(".txt") is kind_of("text")
    assert kind_of("wps") is kind_of("doc")
    with pytest.raises(govinfo.FileFormatError, match="unsupported file type"):
        kind_of("csv")


def test_a_file_too_large_for_its_kind_is_refused(tmp_path: Path) -> None:
    big = tmp_path / "大.json"
    big.write_bytes(b"{" + b" " * (21 * 2**20))
    with pytest.raises(govinfo.UnsafeFileError):
        govinfo.read(big)


def test_read_text_takes_a_string_only() -> None:
    with pytest.raises(TypeError, match="str"):
        govinfo.read_text(b"bytes")  # type: ignore[arg-type]

"""Refusing files that are not workbooks, or that would cost unbounded time or memory.

Checked on the raw bytes before any parser sees them: the file kind (a zip, not an old
``.xls``, an encrypted workbook, CSV or HTML), the declared uncompressed sizes and ratios
of the zip members (zip bombs), and the parts a workbook needs. Then each worksheet's XML
is scanned as it inflates, before a parser builds anything from it: too many cells, or
merged ranges covering too many, are refused there (a parser would spend minutes and
gigabytes first), and the sheet's extent and formulas are noted for choosing the engine.
XML entity expansion is refused by openpyxl itself, through ``defusedxml`` (a dependency
of govinfo).
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from typing import IO

import attrs

from govinfo.errors import FileFormatError, UnsafeFileError

MAX_FILE_BYTES = 50 * 2**20
MAX_UNCOMPRESSED_BYTES = 200 * 2**20
MAX_RATIO = 200
MAX_MEMBERS = 5_000
MAX_CELLS = 1_000_000
"""Far beyond any annual report (a full report has a few hundred cells)."""
MAX_MERGED = 100_000
"""Cells covered by merged ranges: a report merges a few hundred; openpyxl makes an object for each."""
MAX_EXTENT = 1_000_000
"""Rows × columns up to the farthest cell beyond which calamine, which allocates the whole
rectangle, is not used (openpyxl, which keeps only the cells present, reads it alike)."""

_CHUNK = 2**20
_CELL = re.compile(rb"<(?:\w+:)?c[\s>/]")
_REF = re.compile(rb"<(?:\w+:)?c\s[^>]*?\br=\"([A-Z]{1,3})([0-9]{1,7})\"")
_MERGE = re.compile(rb"<(?:\w+:)?mergeCell\s[^>]*?\bref=\"([A-Z]{1,3})([0-9]{1,7})(?::([A-Z]{1,3})([0-9]{1,7}))?\"")
_FORMULA = re.compile(rb"<(?:\w+:)?f[\s>/]")


@attrs.frozen
class Scan:
    """What the worksheets' XML holds, counted before any parser reads it."""

    cells: int = 0
    extent: int = 0
    """Rows × columns up to the farthest cell of the largest sheet."""
    formulas: bool = False


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _too_many(what_zh: str, what_en: str, count: int, limit: int) -> UnsafeFileError:
    return UnsafeFileError(
        f"工作簿{what_zh}过多（超过 {limit} 个），疑似恶意文件", f"too many {what_en} (over {limit}; a hostile file?)"
    )


def _scan_sheet(stream: IO[bytes], cells: int) -> tuple[int, int, bool]:
    """(cells so far, extent, has formulas) of one worksheet, read as it inflates."""
    rows = columns = merged = 0
    formulas = False
    pending = b""
    while True:
        chunk = stream.read(_CHUNK)
        data = pending + chunk
        cut = data.rfind(b">") + 1 if chunk else len(data)  # whole tags only; the rest waits for more
        body, pending = data[:cut], data[cut:]
        cells += len(_CELL.findall(body))
        if cells > MAX_CELLS:
            raise _too_many("单元格", "cells", cells, MAX_CELLS)
        for ref in _REF.finditer(body):
            columns, rows = max(columns, _column(ref.group(1))), max(rows, int(ref.group(2)))
        for ref in _MERGE.finditer(body):
            if ref.group(3):
                height = int(ref.group(4)) - int(ref.group(2)) + 1
                merged += abs(height) * (abs(_column(ref.group(3)) - _column(ref.group(1))) + 1)
            if merged > MAX_MERGED:
                raise _too_many("合并单元格覆盖的单元格", "cells in merged ranges", merged, MAX_MERGED)
        formulas = formulas or _FORMULA.search(body) is not None
        if not chunk:
            return cells, rows * columns, formulas


_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def _not_a_workbook(data: bytes) -> FileFormatError:
    head = data[:512].lstrip().lower()
    if data[:8] == _OLE:
        if "EncryptionInfo".encode("utf-16-le") in data:
            return FileFormatError(
                "工作簿已加密（设置了打开密码），请去掉密码后另存为 .xlsx 再提交",
                "the workbook is encrypted (password-protected); remove the password and save it as .xlsx",
            )
        return FileFormatError(
            "这是旧版 Excel 97-2003 文件（.xls），请在 Excel 或 WPS 中另存为 .xlsx",
            "this is an old Excel 97-2003 file (.xls); save it as .xlsx in Excel or WPS",
        )
    if head.startswith((b"<!doctype html", b"<html", b"<?xml", b"<table")):
        return FileFormatError(
            "这是网页或 XML 文本，不是 .xlsx 工作簿", "this is HTML or XML text, not an .xlsx workbook"
        )
    if not data:
        return FileFormatError("文件是空的", "the file is empty")
    try:
        sample = data[:4096].decode("utf-8")
    except UnicodeDecodeError:
        sample = ""
    if sample and ("," in sample or "\t" in sample) and "\x00" not in sample:
        return FileFormatError(
            "这是 CSV 或纯文本，不是 .xlsx 工作簿", "this is CSV or plain text, not an .xlsx workbook"
        )
    return FileFormatError(
        "文件不是 .xlsx 工作簿（无法识别的内容）", "the file is not an .xlsx workbook (unrecognised content)"
    )


def inspect(data: bytes) -> Scan:
    """What the worksheets hold; :class:`~govinfo.FileFormatError` or :class:`~govinfo.UnsafeFileError` unless sane."""
    if len(data) > MAX_FILE_BYTES:
        raise UnsafeFileError(
            f"文件过大（{len(data) // 2**20} MB），超过 {MAX_FILE_BYTES // 2**20} MB 的上限",
            f"the file is too large ({len(data) // 2**20} MB; the limit is {MAX_FILE_BYTES // 2**20} MB)",
        )
    if not data.startswith(b"PK\x03\x04"):
        raise _not_a_workbook(data)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except (zipfile.BadZipFile, ValueError, EOFError, NotImplementedError) as error:
        raise FileFormatError(
            f"工作簿已损坏或不完整（{error}）", f"the workbook is damaged or truncated ({error})"
        ) from None
    if len(members) > MAX_MEMBERS:
        raise UnsafeFileError(
            f"压缩包内文件过多（{len(members)} 个）", f"too many parts in the archive ({len(members)})"
        )
    total = sum(m.file_size for m in members)
    if total > MAX_UNCOMPRESSED_BYTES:
        raise UnsafeFileError(
            f"解压后过大（{total // 2**20} MB），疑似压缩炸弹", f"it would inflate to {total // 2**20} MB (a zip bomb?)"
        )
    for member in members:
        if member.file_size > 2**20 and member.file_size > MAX_RATIO * max(1, member.compress_size):
            raise UnsafeFileError(
                f"“{member.filename}”压缩比异常（{member.file_size // max(1, member.compress_size)} 倍），疑似压缩炸弹",
                f"{member.filename!r} has an abnormal compression ratio (a zip bomb?)",
            )
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        kind = "Word 文档" if "word/document.xml" in names else "其他压缩文件"
        raise FileFormatError(f"这是{kind}，不是 .xlsx 工作簿", "this zip archive is not an .xlsx workbook")
    cells = extent = 0
    formulas = False
    try:
        for member in members:
            if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
                with archive.open(member) as stream:
                    cells, size, found = _scan_sheet(stream, cells)
                extent, formulas = max(extent, size), formulas or found
    except UnsafeFileError:
        raise
    # zlib.error for a damaged deflate stream, RuntimeError for an encrypted member
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError, OSError, RuntimeError, NotImplementedError) as error:
        raise FileFormatError(
            f"工作簿已损坏或不完整（{error}）", f"the workbook is damaged or truncated ({error})"
        ) from None
    return Scan(cells, extent, formulas)

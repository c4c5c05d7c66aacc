"""Refusing files that are not workbooks, or that would cost unbounded time or memory.

Checked on the raw bytes before any parser sees them: the file kind (a zip, not an old
``.xls``, an encrypted workbook, CSV or HTML), the declared uncompressed sizes and ratios
of the zip members (zip bombs), and the parts a workbook needs. XML entity expansion is
refused by openpyxl itself, through ``defusedxml`` (a dependency of govinfo).
"""

from __future__ import annotations

import io
import zipfile

from govinfo.errors import FileFormatError, UnsafeFileError

MAX_FILE_BYTES = 50 * 2**20
MAX_UNCOMPRESSED_BYTES = 200 * 2**20
MAX_RATIO = 200
MAX_MEMBERS = 5_000
MAX_CELLS = 1_000_000
"""Far beyond any annual report (a full report has a few hundred cells)."""

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


def inspect(data: bytes) -> None:
    """Raise :class:`~govinfo.FileFormatError` or :class:`~govinfo.UnsafeFileError` unless ``data`` is sane."""
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

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
import math
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
_NUMBER_CELL = re.compile(
    rb"<(?:\w+:)?c((?:\s[^>]*)?)>(?:<(?:\w+:)?f\b[^>]*?(?:/>|>[^<]*</(?:\w+:)?f>))?<(?:\w+:)?v>([^<]*)</"
)
_TYPED = re.compile(rb'\st="(?!n")')
_ODD_VALUE = re.compile(rb"<(?:\w+:)?v>(?:[^<]*[^0-9.<]|[^<]{16})")
"""A value that is not a short run of digits: only then are number cells looked at one by one."""
_FLOAT_DIGITS = 15
_FAR = re.compile(rb'\sr="(?:[A-Z]{3}|[A-Z]{1,2}[0-9]{4})')
"""A cell at row 1000 or beyond, or at column AAA or beyond: only then is the extent worked out
(below, rows × columns stay under 999 × 702, within :data:`MAX_EXTENT`)."""


@attrs.frozen
class Scan:
    """What the worksheets' XML holds, counted before any parser reads it."""

    cells: int = 0
    extent: int = 0
    """Rows × columns up to the farthest cell of the largest sheet."""
    formulas: bool = False
    long_numbers: bool = False
    """Whether a number cell has more digits than a float holds (calamine reads floats)."""


def _column(letters: bytes) -> int:
    number = 0
    for letter in letters:
        number = number * 26 + letter - 64
    return number


def _too_many(what_zh: str, what_en: str, count: int, limit: int) -> UnsafeFileError:
    return UnsafeFileError(
        f"工作簿{what_zh}过多（超过 {limit} 个），疑似恶意文件", f"too many {what_en} (over {limit}; a hostile file?)"
    )


_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)")


_ROOT = re.compile(rb"<[A-Za-z_]")
"""The first element's start tag: the prolog, where a DTD stands, ends there."""
_PROLOG_PIECE = 4096


def _declares_a_dtd(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """Whether the part's prolog declares a document type or entities (a DTD comes before the root).

    Read in small pieces up to the root's start tag (a few dozen bytes in a real part), at most
    :data:`_CHUNK` bytes: the whole part is never inflated for this.
    """
    head = b""
    with archive.open(member) as stream:
        while len(head) < _CHUNK:
            piece = stream.read(_PROLOG_PIECE)
            head += piece
            root = _ROOT.search(head)
            prolog = head[: root.start()] if root else head
            if _DTD.search(prolog):
                return True
            if root or not piece:
                return False
    return True  # a prolog of a megabyte is no Office part


def _is_number(text: bytes) -> bool:
    """Whether a number cell's text is a number as spreadsheet programs write one (as openpyxl reads it)."""
    try:
        if any(c in text for c in b".eE"):
            return math.isfinite(float(text)) or b"e" in text.lower()
        int(text)
    except ValueError:
        return False
    return True


def _scan_sheet(stream: IO[bytes], cells: int) -> tuple[int, int, bool, bool]:
    """(cells so far, extent, has formulas, has long numbers) of one worksheet, read as it inflates."""
    rows = columns = merged = 0
    formulas = long = False
    pending = b""
    while True:
        chunk = stream.read(_CHUNK)
        data = pending + chunk
        cut = data.rfind(b">") + 1 if chunk else len(data)  # whole tags only; the rest waits for more
        body, pending = data[:cut], data[cut:]
        # plain tags are counted by substring; a namespace prefix (x:c) needs the pattern
        counted = body.count(b"<c ") + body.count(b"<c>") + body.count(b"<c/")
        cells += len(_CELL.findall(body)) if b":c" in body else counted
        if cells > MAX_CELLS:
            raise _too_many("单元格", "cells", cells, MAX_CELLS)
        refs = _REF.findall(body) if _FAR.search(body) else []  # below row 1000 and column AAA: small
        if refs:  # few distinct columns and rows, however many cells
            columns = max(columns, *map(_column, {letters for letters, _ in refs}))
            rows = max(rows, *map(int, {row for _, row in refs}))
        for ref in _MERGE.finditer(body) if b"mergeCell" in body else ():
            if ref.group(3):
                height = int(ref.group(4)) - int(ref.group(2)) + 1
                width = _column(ref.group(3)) - _column(ref.group(1)) + 1
                if height < 1 or width < 1:
                    raise FileFormatError(
                        f"工作簿已损坏：合并单元格范围“{ref.group(0)[-30:].decode(errors='replace')}”首尾颠倒",
                        "the workbook is damaged: a merged range ends before it starts",
                    )
                merged += height * width
            if merged > MAX_MERGED:
                raise _too_many("合并单元格覆盖的单元格", "cells in merged ranges", merged, MAX_MERGED)
        formulas = formulas or ((b"f>" in body or b"f " in body) and _FORMULA.search(body) is not None)
        # each number cell is looked at only where some value is not plain digits, or is long
        for cell in _NUMBER_CELL.finditer(body) if _ODD_VALUE.search(body) else ():
            if _TYPED.search(cell.group(1)):
                continue
            long = long or sum(c in b"0123456789" for c in cell.group(2)) > _FLOAT_DIGITS
            if not _is_number(cell.group(2)):
                raise FileFormatError(
                    f"工作簿已损坏：数值单元格中是“{cell.group(2)[:20].decode(errors='replace')}”",
                    f"the workbook is damaged: a number cell holds {cell.group(2)[:20]!r}",
                )
        if not chunk:
            return cells, rows * columns, formulas, long


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
    archive = open_archive(data, "工作簿", "workbook")
    members = archive.infolist()
    names = {m.filename for m in members}
    if "xl/workbook.xml" not in names:
        kind = "Word 文档" if "word/document.xml" in names else "其他压缩文件"
        raise FileFormatError(f"这是{kind}，不是 .xlsx 工作簿", "this zip archive is not an .xlsx workbook")
    return _scan(archive, members)


BROKEN_ZIP = (zipfile.BadZipFile, zlib.error, ValueError, EOFError, OSError, RuntimeError, NotImplementedError)
"""What a damaged or truncated zip makes :mod:`zipfile` raise (zlib.error for a damaged deflate
stream, RuntimeError for an encrypted member)."""


def _damaged(what_zh: str, what_en: str, error: BaseException) -> FileFormatError:
    return FileFormatError(f"{what_zh}已损坏或不完整（{error}）", f"the {what_en} is damaged or truncated ({error})")


def open_archive(data: bytes, what_zh: str, what_en: str) -> zipfile.ZipFile:
    """The zip archive of an Office file (``what``: 工作簿/workbook, 文档/document) once it is sane.

    Refused before anything inflates: a damaged or truncated archive, too many parts, a total
    or a ratio of a zip bomb, and an XML document type or entity declaration in any part (no
    parser of govinfo's needs one; entity expansion is how XML bombs work).
    """
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except BROKEN_ZIP as error:
        raise _damaged(what_zh, what_en, error) from None
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
    try:
        for member in members:
            if member.filename.endswith((".xml", ".rels", ".vml")) and _declares_a_dtd(archive, member):
                raise UnsafeFileError(
                    f"{what_zh}中含有被禁止的 XML 实体或文档类型声明（可能是恶意文件）",
                    f"the {what_en} contains forbidden XML entities or DTDs (possibly hostile)",
                )
    except UnsafeFileError:
        raise
    except BROKEN_ZIP as error:
        raise _damaged(what_zh, what_en, error) from None
    return archive


def _scan(archive: zipfile.ZipFile, members: list[zipfile.ZipInfo]) -> Scan:
    """Every part's prolog and every worksheet's cells, merges and extent, read as they inflate."""
    cells = extent = 0
    formulas = long = False
    try:
        for member in members:
            if member.filename.startswith("xl/worksheets/") and member.filename.endswith(".xml"):
                with archive.open(member) as stream:
                    cells, size, found, longer = _scan_sheet(stream, cells)
                extent, formulas, long = max(extent, size), formulas or found, long or longer
    except (UnsafeFileError, FileFormatError):
        raise
    except BROKEN_ZIP as error:
        raise _damaged("工作簿", "workbook", error) from None
    return Scan(cells, extent, formulas, long)

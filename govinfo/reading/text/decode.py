"""Decoding published text: the encoding a page or copied text was saved in."""

from __future__ import annotations

import os
import re
from typing import IO

from govinfo.errors import FileFormatError
from govinfo.reading.inputs import read_bytes

Source = str | bytes | os.PathLike[str] | IO[bytes]
MAX_BYTES = 20 * 2**20
"""Far beyond any report; larger input is refused before it is decoded."""


def _bytes(source: Source) -> tuple[bytes | str, str | None]:
    """The text itself (a ``str``), or the bytes of a file, and its name."""
    return (source, None) if isinstance(source, str) else read_bytes(source, limit=MAX_BYTES)


def decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in: BOM, UTF-8, the declared charset, GB18030 or Big5."""
    for bom, name in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                raise FileFormatError(
                    f"文本以 {name.upper()} 标记开头，但内容不是有效的 {name.upper()}",
                    f"the text starts with a {name.upper()} byte-order mark but is not valid {name.upper()}",
                ) from None
    if b"\x00" in data[:4096]:
        raise FileFormatError("输入是二进制数据，不是文本或网页", "the input is binary data, not text or a web page")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4096])
    if declared:
        name = declared.group(1).decode("ascii").lower()
        try:
            return data.decode(name), name
        except (UnicodeError, LookupError):  # not valid in it, not a text encoding, or no such codec
            pass
    simplified = _attempt(data, "gb18030")
    traditional = _attempt(data, "big5")
    # GB18030 decodes almost any bytes; a page of traditional-script sites reads as words only in Big5
    if traditional is not None and _words(traditional, _TRADITIONAL_WORDS) > _words(simplified, _SIMPLIFIED_WORDS):
        return traditional, "big5"
    if simplified is not None:
        return simplified, "gb18030"
    raise FileFormatError(
        "无法确定文本编码（不是 UTF-8、GB18030/GBK，也不是 Big5）",
        "the text encoding is not recognised (neither UTF-8, GB18030/GBK nor Big5)",
    )


_SIMPLIFIED_WORDS = ("政府", "信息", "公开", "申请", "情况", "年度", "报告")
_TRADITIONAL_WORDS = ("政府", "資訊", "信息", "公開", "申請", "情況", "年度", "報告")


def _attempt(data: bytes, encoding: str) -> str | None:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        return None


def _words(text: str | None, words: tuple[str, ...]) -> int:
    """How many of the report's common words ``text`` holds: a decoding that makes sense has some."""
    return 0 if text is None else sum(text.count(w) for w in words)


def listed(data: bytes) -> list[str]:
    """The items of a list, one a line (the organs that should report), as a text reader decodes it
    (UTF-8, or what Notepad saves as "ANSI": GBK): non-blank lines, stripped, each once."""
    text, _ = decode(data)
    return list(dict.fromkeys(line.strip() for line in text.splitlines() if line.strip()))

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
    """The text and the encoding it was read in: BOM, UTF-8, the declared charset, GB18030."""
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
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    for name in [*candidates, "gb18030"]:
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    raise FileFormatError(
        "无法确定文本编码（既不是 UTF-8，也不是 GB18030/GBK）", "the text encoding is neither UTF-8 nor GB18030/GBK"
    )

"""Getting the bytes of an input that readers accept: a path, a binary stream or bytes.

A ``str`` is always a path, for every reader.
"""

from __future__ import annotations

import os
import stat
from pathlib import Path
from typing import IO

from govinfo.errors import ArgumentError, FileFormatError, UnsafeFileError

Binary = str | bytes | os.PathLike[str] | IO[bytes]
"""What a reader accepts: a path (``str`` or path object), the bytes of a file or a binary stream."""


def read_bytes(source: Binary, *, limit: int) -> tuple[bytes, str | None]:
    """The bytes of ``source`` and its file name (if it has one); at most ``limit`` bytes are accepted.

    :class:`~govinfo.FileFormatError` for a path that cannot be read or a text stream,
    :class:`~govinfo.UnsafeFileError` for input larger than ``limit``.
    """
    if isinstance(source, bytes):
        data, name = source, None
    elif isinstance(source, str | os.PathLike):
        path = Path(source)
        try:
            info = path.stat()
            if stat.S_ISDIR(info.st_mode):
                raise FileFormatError(f"“{path}”是文件夹，不是文件", f"{str(path)!r} is a folder, not a file")
            if not stat.S_ISREG(info.st_mode):  # a FIFO would block, a device (/dev/zero) never end
                raise FileFormatError(f"“{path}”不是普通文件", f"{str(path)!r} is not a regular file")
            if info.st_size > limit:
                raise UnsafeFileError(
                    f"文件过大（{info.st_size // 2**20} MB），超过 {limit // 2**20} MB 的上限",
                    f"the file is too large (over {limit // 2**20} MB)",
                )
            with path.open("rb") as stream:
                data, name = stream.read(limit + 1), path.name  # bounded, whatever the size said
        except OSError as error:
            raise FileFormatError(
                f"无法读取文件“{path}”：{error.strerror}", f"cannot read {str(path)!r}: {error.strerror}"
            ) from None
    else:
        if not callable(getattr(source, "read", None)):
            raise ArgumentError(
                "参数 source 应为文件路径（str 或 Path）、文件内容（bytes）或以二进制方式打开的文件，"
                f"而不是 {type(source).__name__}",
                f"source takes a path (str or Path), the file's bytes or a binary stream, not {type(source).__name__}",
            )
        read = source.read(limit + 1)
        if not isinstance(read, bytes):
            raise FileFormatError("需要以二进制方式打开的文件", "a binary stream is needed")
        stream_name = getattr(source, "name", None)
        data, name = read, Path(stream_name).name if isinstance(stream_name, str) else None
    if len(data) > limit:
        raise UnsafeFileError(
            f"输入过大，超过 {limit // 2**20} MB 的上限", f"the input is too large (over {limit // 2**20} MB)"
        )
    return data, name

"""Writing a file so that it is whole or untouched: every file govinfo writes goes through here.

The content goes to a temporary file of the target's own folder (``.NAME.XXXX.govinfo-tmp``),
is flushed to disk and renamed over the target only when it is complete; on any failure or
interruption the temporary file is removed and the old target is left as it was. Temporary
files left by a process that was killed (no cleanup can run then) are removed by the next
write of the same target once they are an hour old. The file gets the permissions of any
new file (the umask), not the private ones of a temporary file, so that colleagues on a
shared drive can open it.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from govinfo.errors import ArgumentError, FileFormatError, OutputError

SUFFIX = ".govinfo-tmp"
STALE_SECONDS = 3600
"""A temporary file of ours older than this is left over from a killed process."""


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _unwritable(target: Path, error: OSError) -> OutputError:
    reason = error.strerror or str(error)
    if isinstance(error, FileNotFoundError):
        return OutputError(
            f"无法写入“{target}”：文件夹“{target.parent}”不存在",
            f"cannot write {str(target)!r}: the folder {str(target.parent)!r} does not exist",
        )
    return OutputError(
        f"无法写入“{target}”（{reason}），原文件未改动",
        f"cannot write {str(target)!r} ({reason}); the old file is untouched",
    )


def _remove_stale(target: Path) -> None:
    now = time.time()
    with contextlib.suppress(OSError):
        for leftover in target.parent.glob(f".{target.name}.*{SUFFIX}"):
            with contextlib.suppress(OSError):
                if now - leftover.stat().st_mtime > STALE_SECONDS:
                    leftover.unlink()


@contextlib.contextmanager
def atomic(target: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """A binary stream whose content becomes ``target`` when the block ends without an error.

    Raises :class:`~govinfo.OutputError` (with the old file untouched) when the target's
    folder is missing or the disk, permissions or another program refuse the write, and
    :class:`~govinfo.FileFormatError` when the target is a folder.
    """
    path = Path(target)
    if path.is_dir():
        raise FileFormatError(f"目标是一个文件夹：{path}", f"the target is a folder: {path}")
    _remove_stale(path)
    try:
        handle, name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=SUFFIX, dir=path.parent)
    except OSError as error:
        raise _unwritable(path, error) from None
    temp = Path(name)
    try:
        with os.fdopen(handle, "wb") as stream:
            yield stream
            stream.flush()
            os.fsync(stream.fileno())
        os.chmod(temp, 0o666 & ~_umask())
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        raise _unwritable(path, error) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise


def write_atomically(target: str | os.PathLike[str], data: bytes) -> None:
    """Write ``data`` to ``target`` whole or not at all (see :func:`atomic`)."""
    with atomic(target) as stream:
        stream.write(data)


def target_argument(target: object, function: str, parameter: str = "target") -> None:
    """:class:`~govinfo.ArgumentError` unless ``target`` is a path (``str`` or path object) or a
    stream opened for writing bytes."""
    if isinstance(target, str | os.PathLike) or callable(getattr(target, "write", None)):
        return
    raise ArgumentError(
        f"{function}() 的参数 {parameter} 应为文件路径（str 或 Path）或以二进制方式打开的可写文件，"
        f"而不是 {type(target).__name__}",
        f"{function}() takes a path (str or Path) or a binary stream to write as {parameter}, "
        f"not {type(target).__name__}",
    )

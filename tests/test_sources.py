"""The shared input helper: paths, streams and bytes, each within a size limit."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

import govinfo
from govinfo.reading.inputs import read_bytes


def test_paths_streams_and_bytes(tmp_path: Path) -> None:
    path = tmp_path / "报告 一.xlsx"
    path.write_bytes(b"data")
    assert read_bytes(path, limit=10) == (b"data", "报告 一.xlsx")
    with path.open("rb") as stream:
        assert read_bytes(stream, limit=10) == (b"data", "报告 一.xlsx")
    assert read_bytes(io.BytesIO(b"data"), limit=10) == (b"data", None)
    assert read_bytes(b"data", limit=10) == (b"data", None)


def test_limits(tmp_path: Path) -> None:
    path = tmp_path / "big.bin"
    path.write_bytes(b"x" * 11)
    for source in (path, io.BytesIO(b"x" * 11), b"x" * 11):
        with pytest.raises(govinfo.UnsafeFileError):
            read_bytes(source, limit=10)


def test_what_cannot_be_read(tmp_path: Path) -> None:
    with pytest.raises(govinfo.FileFormatError, match="无法读取文件"):
        read_bytes(tmp_path / "none.xlsx", limit=10)
    with pytest.raises(govinfo.FileFormatError, match="二进制"):
        read_bytes(io.StringIO("text"), limit=10)  # type: ignore[arg-type]

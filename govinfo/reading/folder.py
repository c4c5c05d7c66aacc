"""The files of a folder to read: every one, or said why not.

A folder handed to the command is read whole: each file in it (and its subfolders) is
read by :func:`govinfo.read`, which reads it or says why it cannot, so nothing is skipped
without a word. Only what no one hands in on purpose is left out, each with a note: the
lock files office programs leave beside an open file (``~$报告.xlsx``), hidden files and
folders (``.DS_Store``, ``.~lock…#``), and the files Windows keeps in folders.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from pathlib import Path, PurePath, PurePosixPath

import attrs

_SYSTEM = frozenset({"thumbs.db", "desktop.ini", "ehthumbs.db"})


@attrs.frozen
class Skipped:
    """A file left out of a folder's reading, and why (not a report: a lock, hidden or system file)."""

    path: Path
    reason_zh: str
    reason_en: str


def skipped_reason(relative: PurePath | str) -> tuple[str, str] | None:
    """Why a file at ``relative`` (inside a folder or a zip) is no one's submission (Chinese, English), or
    ``None``: a lock file, a hidden file or one in a hidden folder (``__MACOSX`` included), a system file."""
    parts = [p for p in PurePosixPath(str(relative).replace("\\", "/")).parts if p not in (".", "..")]
    name = parts[-1] if parts else ""
    if name.startswith("~$"):
        return "Office 打开文件时生成的临时锁文件", "a lock file an office program leaves beside an open file"
    if any(part.startswith(".") or part == "__MACOSX" for part in parts):
        return "隐藏文件", "a hidden file"
    if name.lower() in _SYSTEM:
        return "系统文件", "a system file"
    return None


def _skipped(path: Path, relative: Path) -> Skipped | None:
    reason = skipped_reason(relative)
    return None if reason is None else Skipped(path, *reason)


def files(paths: Iterable[str | os.PathLike[str]]) -> tuple[list[Path], list[Skipped]]:
    """The files to read for ``paths`` (files as given, folders searched whole, in name order) and
    those left out with the reason."""
    found: list[Path] = []
    skipped: list[Skipped] = []
    for name in paths:
        path = Path(name)
        if not path.is_dir():
            found.append(path)
            continue
        for child in sorted(p for p in path.rglob("*") if p.is_file()):
            left_out = _skipped(child, child.relative_to(path))
            if left_out is None:
                found.append(child)
            else:
                skipped.append(left_out)
    return found, skipped

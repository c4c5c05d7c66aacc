"""Files govinfo made itself, recognised when they come back in a folder of submissions.

A clerk's folder often holds, beside the organs' workbooks, what govinfo wrote from them: the
annotated copies sent back, last run's 汇总, the blank form. Read as reports they would be
counted twice (or a blank counted as an organ). The annotated copy and the 汇总 carry a mark
(:func:`mark`): a line naming what the file is and a digest of the report's data when it was
written. A marked file whose data still match the digest is that copy, unchanged; one whose
data differ was edited since (an organ correcting its annotated copy and sending it back) and
is a submission like any other. A blank form is known by its content: no organ and no value.
`derived` says why a read file is one of these; the commands that total or export a
batch leave such files out with that note.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable
from typing import Literal

import attrs

from govinfo.jsonio import to_json
from govinfo.model.cells import cell_values
from govinfo.model.report import AnnualReport

Kind = Literal["annotated", "aggregate"]

_NAMES: dict[Kind, tuple[str, str]] = {"annotated": ("批注版", "annotated copy"), "aggregate": ("汇总", "total")}
_MARK = "本文件由 govinfo 生成："
_READ = re.compile(re.escape(_MARK) + r"(批注版|汇总)，数据校验码 ([0-9a-f]{16})")

MARKED_SHEETS = ("审核意见", "汇总说明")
"""The sheets a mark is written on (the annotated copy's findings sheet, the 汇总's notes)."""


def digest(report: AnnualReport) -> str:
    """A digest of everything the report holds, as its JSON writes it."""
    return hashlib.sha256(to_json(report).encode("utf-8")).hexdigest()[:16]


def mark(kind: Kind, report: AnnualReport) -> str:
    """The line a written file carries: what it is and the digest of ``report``."""
    return f"{_MARK}{_NAMES[kind][0]}，数据校验码 {digest(report)}"


@attrs.frozen
class Made:
    """A mark found in a file: what govinfo wrote it as, and whether its data are as written."""

    kind: Kind
    unchanged: bool


def made(texts: Iterable[object], report: AnnualReport) -> Made | None:
    """The mark among ``texts`` (the cells of the marked sheets), checked against ``report``."""
    for text in texts:
        if isinstance(text, str) and text.startswith(_MARK):
            found = _READ.match(text)
            if found is not None:
                kind: Kind = "annotated" if found[1] == "批注版" else "aggregate"
                return Made(kind, found[2] == digest(report))
    return None


def derived(report: AnnualReport, found: Made | None) -> tuple[str, str] | None:
    """Why a file read as ``report`` with the mark ``found`` (:attr:`~govinfo.ReadResult.made`) is not an
    organ's submission (Chinese, English), or ``None`` when it is one."""
    if found is not None and found.unchanged:
        zh, en = _NAMES[found.kind]
        return (
            f"这是 govinfo 生成的{zh}（数据与生成时一致），不是单位报送的原件",
            f"a {en} govinfo wrote (its data as written), not an organ's submission",
        )
    if not report.organ.strip() and not any(cell_values(report).values()) and not any(_narratives(report)):
        return "这是未填写的空白表格（没有机关名称，也没有任何数值）", "a blank form (no organ, no value)"
    return None


def _narratives(report: AnnualReport) -> list[str]:
    return [report.overview.strip(), report.problems.strip(), report.other_matters.strip()]

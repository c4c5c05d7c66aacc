"""What a published report holds beside its sections: placeholders and the signature block.

The renderer writes these and the readers know them again, so that a rendered report reads
back to the report it came from: an empty narrative is printed as a visible placeholder
(``【请填写：存在的主要问题及改进情况】``) and read back as empty (GI528); the signature block at
the end (the organ and the date, or the date's placeholder) is not part of section 六 (GI529).
"""

from __future__ import annotations

import datetime
import re

from govinfo.editions.layout import Narrative

PLACEHOLDER = re.compile(r"^\s*【请填写：([^】]{1,40})】\s*$")
"""A placeholder line as the renderer prints it."""

DATE_WANTED = "成文日期"
"""What the date's placeholder asks for."""

_DATE = re.compile(r"^\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*$")
_ORGAN_MAX = 40


def placeholder(wanted: str) -> str:
    """The visible placeholder for what is missing (``【请填写：成文日期】``)."""
    return f"【请填写：{wanted}】"


def section_placeholder(section: Narrative) -> str:
    """The placeholder of an empty narrative section: its heading without the numeral."""
    return placeholder(section.heading.split("、", 1)[-1])


def date_line(date: datetime.date | None) -> str:
    """The date of the signature block, in the Chinese form (``2025年1月20日``), or its placeholder."""
    return placeholder(DATE_WANTED) if date is None else f"{date.year}年{date.month}月{date.day}日"


def is_date(line: str) -> bool:
    """Whether ``line`` is the date of a signature block (or its placeholder)."""
    found = PLACEHOLDER.match(line)
    return bool(_DATE.match(line)) or (found is not None and found[1] == DATE_WANTED)


def signature(lines: list[str], organ: str) -> int:
    """How many of ``lines`` (a last section's, blank ones left out) at the end are the signature block:
    a date line, with the organ's line above it (its name as the title gives it, or a short line
    without sentence punctuation). 0 when the section does not end with one."""
    if not lines or not is_date(lines[-1]):
        return 0
    if len(lines) >= 2:
        above = lines[-2].strip()
        named = bool(organ) and above.replace(" ", "") == organ.replace(" ", "")
        if named or (len(above) <= _ORGAN_MAX and not any(mark in above for mark in "。，；：！？,;:")):
            return 2
    return 1

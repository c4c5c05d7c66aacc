"""The built-in example: 湛河区人民政府's 2024 report, as published and as an object.

The text ships unedited as package data (``govinfo/data/zhanhe-2024.txt``). Its values
were entered here by hand from that text and checked against it; the narratives are the
text under each section heading.
"""

from __future__ import annotations

import functools
from decimal import Decimal
from importlib import resources

from govinfo.editions import edition
from govinfo.findings import Finding, SourceLocation
from govinfo.model.appeals import AppealCounts, Appeals
from govinfo.model.proactive import ProactiveDisclosure
from govinfo.model.report import AnnualReport
from govinfo.model.requests import ZERO, ApplicantCounts, NotProcessed, Outcomes, Requests, Unavailable, Withheld
from govinfo.rules.catalog import RULES
from govinfo.rules.engine import check

EXAMPLE_FILE = "zhanhe-2024.txt"

# The 行政复议/行政诉讼 value row exactly as published: 16 numbers for 15 cells.
PUBLISHED_APPEALS_ROW = (11, 0, 1, 0, 12, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1, 3)


def example_text() -> str:
    """The 2024 report of 湛河区人民政府 exactly as published (UTF-8 text)."""
    return resources.files("govinfo").joinpath("data", EXAMPLE_FILE).read_text(encoding="utf-8")


def _section_texts(text: str) -> dict[str, str]:
    layout = edition("2021")
    lines = text.splitlines()
    starts = {s.field: lines.index(s.heading) for s in layout.sections}
    ordered = sorted(starts.items(), key=lambda item: item[1])
    bodies = {}
    for (field, start), (_, end) in zip(ordered, [*ordered[1:], ("", len(lines))], strict=True):
        bodies[field] = "\n".join(lines[start + 1 : end]).strip()
    return bodies


def _natural(n: int) -> ApplicantCounts:
    return ApplicantCounts.from_parts(natural_person=n)


@functools.cache
def example() -> AnnualReport:
    """The 湛河区人民政府 2024 report as an :class:`~govinfo.AnnualReport`.

    Every value was entered by hand from the published text. Table 四 as published has
    **16** numbers for its 15 cells (``11 0 1 0 12 0 0 0 0 0 0 0 0 2 1 3``). The only
    reading under which every group total holds is that one of the zeros in positions
    6–13 is extra: 行政复议 11, 0, 1, 0, 12; 未经复议直接起诉 all 0; 复议后起诉
    0, 0, 2, 1, 3. This object uses that reading. The report was not clean:
    :func:`read_example` returns the finding that says so.
    """
    narratives = _section_texts(example_text())
    requests = Requests.from_parts(
        received=_natural(212),
        carried_over=ZERO,
        outcomes=Outcomes.from_parts(
            disclosed=_natural(49),
            partially_disclosed=_natural(1),
            withheld=Withheld(
                state_secret=ZERO,
                prohibited_by_law=ZERO,
                security_stability=ZERO,
                third_party_rights=ZERO,
                internal_affairs=_natural(7),
                process_information=_natural(2),
                enforcement_files=ZERO,
                administrative_query=ZERO,
            ),
            unavailable=Unavailable(not_held=_natural(140), needs_creation=_natural(11), unclear_after_correction=ZERO),
            not_processed=NotProcessed(
                petition_complaint=_natural(1), repeated=ZERO, publication=ZERO, excessive=ZERO, reconfirmation=ZERO
            ),
        ),
    )
    return AnnualReport(
        edition="2021",
        organ="湛河区人民政府",
        year=2024,
        overview=narratives["overview"],
        proactive=ProactiveDisclosure.from_values(
            regulations=(0, 0, 0),
            normative_documents=(1, 4, 28),
            licensing=7661,
            penalties=151,
            coercive_measures=0,
            fees=Decimal("14.4321"),
        ),
        requests=requests,
        appeals=Appeals(
            reconsideration=AppealCounts.from_parts(upheld=11, corrected=0, other=1, pending=0),
            litigation_direct=AppealCounts.from_parts(),
            litigation_after_reconsideration=AppealCounts.from_parts(upheld=0, corrected=0, other=2, pending=1),
        ),
        problems=narratives["problems"],
        other_matters=narratives["other_matters"],
    )


def _appeals_row_line(text: str) -> int:
    published = "\t".join(map(str, PUBLISHED_APPEALS_ROW))
    return text.splitlines().index(published) + 1


def read_example() -> tuple[AnnualReport, list[Finding]]:
    """The example as a reader returns a report: the object and every finding about it.

    The findings are the table-四 defect of the published text (rule ``GI501``, with its
    line) followed by what :func:`govinfo.check` finds in the object.

    >>> import govinfo
    >>> report, findings = govinfo.read_example()
    >>> [(f.rule_id, f.source.line) for f in findings]
    [('GI501', 74)]
    """
    report = example()
    appeals = edition("2021").section("appeals")
    rule = RULES["GI501"]
    cells = [c.path for c in edition("2021").cells if c.table is appeals]
    named = {
        "where": f"“{appeals.heading}”的数值行",
        "where_en": f"the value row of “{appeals.heading}”",
        "found": len(PUBLISHED_APPEALS_ROW),
        "cells": len(cells),
        "note": "能使三组总计都成立的读法只有一种：第 6 至 13 个数中多出一个 0，"
        "即未经复议直接起诉各项为 0，复议后起诉为 0、0、2、1、3；其余读法都使某组总计不成立。",
        "note_en": "Only one reading makes all three group totals hold: one of the zeros in positions "
        "6–13 is extra, so direct litigation is all 0 and litigation after reconsideration is 0, 0, 2, 1, 3.",
    }
    defect = rule.finding(
        named,
        path="appeals",
        table=appeals.heading,
        expected=len(cells),
        actual=len(PUBLISHED_APPEALS_ROW),
        cells=tuple(p for p in cells if not p.startswith("appeals.reconsideration.")),
        source=SourceLocation(file=EXAMPLE_FILE, line=_appeals_row_line(example_text())),
    )
    return report, [defect, *check(report)]

"""Last year against this year: :func:`compare` (rules GI601–GI607).

The carry-over between two consecutive reports of one organ is printed in both: what one
report carries forward (四、结转下年度继续办理) the next carries over (二、上年结转). The
stock of rules and normative documents in force also follows from one year to the next,
except where documents were amended or lapsed without repeal, so that rule only warns.
Tables or narrative sections that repeat last year's are 内容雷同 (GI605, GI607).
"""

from __future__ import annotations

from collections.abc import Mapping

from govinfo.analysis.similarity import compare_text
from govinfo.editions import edition
from govinfo.findings import Finding, SourceLocation
from govinfo.model.cells import cell_values
from govinfo.model.report import AnnualReport, organ_key, report_argument
from govinfo.rules.catalog import RULES, Rule
from govinfo.rules.engine import cell_finding, row_label

_DOCUMENT_ROWS = ("proactive.regulations", "proactive.normative_documents")


def _plain(rule: Rule, path: str | None, **values: object) -> Finding:
    return rule.finding(values, path=path)


def compare(
    previous: AnnualReport, current: AnnualReport, *, sources: Mapping[str, SourceLocation] | None = None
) -> list[Finding]:
    """Findings from comparing an organ's report with its report of the year before.

    If the two are not of the same organ (GI601), not of consecutive years (GI602) or
    not in the same edition of the format (GI606), that is the only finding. ``sources``
    locates cells of ``current`` in its file.

    >>> import attrs, govinfo
    >>> last = attrs.evolve(govinfo.example(), year=2023)
    >>> [f.rule_id for f in govinfo.compare(last, govinfo.example())]
    ['GI603', 'GI603', 'GI604', 'GI605', 'GI607', 'GI607']
    """
    report_argument(previous, "compare", "previous")
    report_argument(current, "compare", "current")
    if organ_key(previous.organ) != organ_key(current.organ):
        return [_plain(RULES["GI601"], "organ", previous=previous.organ, current=current.organ)]
    if current.year != previous.year + 1:
        return [_plain(RULES["GI602"], "year", previous=previous.year, current=current.year)]
    if current.edition != previous.edition:
        return [_plain(RULES["GI606"], "edition", previous=previous.edition, current=current.edition)]
    where = sources or {}
    layout = edition(current.edition)
    before, now = cell_values(previous), cell_values(current)
    findings = []
    for column in layout.section("requests").grids[0].columns:  # type: ignore[union-attr]
        path = f"requests.carried_over.{column.field}"
        forward = f"requests.carried_forward.{column.field}"
        last = before.get(forward)
        if last is not None and now[path] != last:
            findings.append(
                cell_finding(
                    RULES["GI603"],
                    layout.cell(path),
                    actual=now[path],
                    expected=last,
                    source=where.get(path),
                    cells=(path, forward),
                    forward=layout.cell(forward).row.label,
                )
            )
    for row in _DOCUMENT_ROWS:
        path = f"{row}.in_force"
        if path not in now or path not in before:
            continue
        issued, repealed, last = now[f"{row}.issued"], now[f"{row}.repealed"], before[path]
        expected = last + issued - repealed  # type: ignore[operator]
        if now[path] != expected:
            cell = layout.cell(path)
            findings.append(
                cell_finding(
                    RULES["GI604"],
                    cell,
                    actual=now[path],
                    expected=expected,
                    source=where.get(path),
                    cells=(path, f"{row}.issued", f"{row}.repealed"),
                    row=row_label(cell),
                    last=last,
                    issued=issued,
                    repealed=repealed,
                )
            )
    if now == before and any(now.values()):
        findings.append(_plain(RULES["GI605"], None, cells=len(now)))
    return findings + compare_text(previous, current, sources=where)

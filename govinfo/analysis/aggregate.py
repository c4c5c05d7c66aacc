"""汇总: one report totalling many organs' reports of one year (:func:`aggregate`), and a
parent's report checked against its children's (:func:`compare_hierarchy`).

Every count of the result is the sum over the inputs and the 万元 amount their exact
decimal sum; narratives are not summed. Each input is checked first, and the result
records which organs contributed and which were left out, and why.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from govinfo.editions.layout import Cell
from govinfo.errors import AggregationError
from govinfo.findings import Finding, Severity, SourceLocation, Value
from govinfo.model.cells import attrs_get as get_field
from govinfo.model.cells import build_report
from govinfo.model.report import AnnualReport, organ_key, report_argument, reports_argument
from govinfo.rules.catalog import RULES
from govinfo.rules.engine import cell_finding, check, compile_edition, findings_of


@attrs.frozen
class Exclusion:
    """An organ left out of the total, and the error-level findings that kept it out."""

    organ: str
    findings: tuple[Finding, ...]


@attrs.frozen
class Aggregate:
    """The total report, its findings, who contributed and who was left out.

    Unpacks as ``report, findings = govinfo.aggregate(...)``.
    """

    report: AnnualReport
    findings: list[Finding]
    inputs: tuple[AnnualReport, ...]
    """The reports that were summed, in the order given."""
    excluded: tuple[Exclusion, ...]
    unread: tuple[Finding, ...] = ()
    """One finding (GI706) for each file handed in that could not be read: who is missing."""

    @property
    def contributors(self) -> tuple[str, ...]:
        """The organs whose reports were summed."""
        return tuple(r.organ for r in self.inputs)

    def __iter__(self) -> Iterator[Any]:
        """``report, findings`` (attribute access keeps the precise types)."""
        return iter((self.report, self.findings))


def _refuse(reports: list[AnnualReport]) -> None:
    if not reports:
        raise AggregationError("没有可汇总的报告", "there are no reports to total")
    kinds = Counter((r.year, r.edition) for r in reports)
    if len(kinds) > 1:
        listed_zh = "、".join(f"{y} 年度（{e} 版格式）{n} 份" for (y, e), n in sorted(kinds.items()))
        listed_en = ", ".join(f"{n} for {y} (edition {e})" for (y, e), n in sorted(kinds.items()))
        raise AggregationError(
            f"只能汇总同一年度、同一格式版本的报告，现有：{listed_zh}",
            f"only reports of one year and one edition can be totalled; given: {listed_en}",
        )
    organs = Counter(organ_key(r.organ) for r in reports)
    twice = sorted(r.organ for r in reports if organs[organ_key(r.organ)] > 1)
    if twice:
        raise AggregationError(
            f"同一机关的报告出现了不止一次：{'、'.join(dict.fromkeys(twice))}",
            f"the same organ appears more than once: {', '.join(dict.fromkeys(twice))}",
        )


def _units(cells: tuple[Cell, ...], reports: list[AnnualReport]) -> dict[str, Value]:
    """The common unit of each amount written with one; mixing units is refused, not converted."""
    units: dict[str, Value] = {}
    for cell in cells:
        if cell.unit_path is None:
            continue
        seen = Counter(str(get_field(r, cell.unit_path)) for r in reports)
        if len(seen) > 1:
            listed = "、".join(f"“{u or '未写单位'}” {n} 份" for u, n in sorted(seen.items()))
            raise AggregationError(
                f"{cell.path} 的单位不一致（{listed}），请先统一单位再汇总",
                f"{cell.path} is given in different units ({listed}); make them one unit before totalling",
            )
        units[cell.unit_path] = next(iter(seen))
    return units


def _note(rule_id: str, report: AnnualReport, errors: list[Finding]) -> Finding:
    rule = RULES[rule_id]
    ids = list(dict.fromkeys(f.rule_id for f in errors))
    named = {"organ": report.organ, "errors": len(errors), "rules": "、".join(ids), "rules_en": ", ".join(ids)}
    return rule.finding(named, path="organ", actual=report.organ)


def aggregate(
    reports: Iterable[AnnualReport],
    *,
    organ: str,
    include_invalid: bool = False,
    unread: Iterable[tuple[str, str, str]] = (),
) -> Aggregate:
    """The 汇总 of ``reports`` as the report of ``organ``.

    Reports with error-level findings are left out (GI701) unless ``include_invalid``
    (then GI702 notes each). ``unread`` names the files handed in that could not be read
    (file, reason in Chinese, in English), when the caller chose to total without them:
    each is an error (GI706) in the findings and in :attr:`Aggregate.unread`, so that the
    汇总 says who is missing. The total is checked again; its findings follow. Mixed years
    or editions, the same organ twice, or nothing to total raise
    :class:`~govinfo.AggregationError`.

    >>> import govinfo
    >>> total, findings = govinfo.aggregate([govinfo.example()], organ="平顶山市")
    >>> total.requests.received.total, findings
    (212, [])
    """
    reports = reports_argument(reports, "aggregate")
    given = list(reports)
    _refuse(given)
    first = given[0]
    compiled = compile_edition(first.edition)
    included: list[AnnualReport] = []
    rows: list[tuple[Value, ...]] = []
    excluded: list[Exclusion] = []
    notes: list[Finding] = []
    for report in given:
        values = compiled.values(report)
        errors = [f for f in findings_of(report, compiled, values) if f.severity is Severity.ERROR]
        if errors and not include_invalid:
            excluded.append(Exclusion(report.organ, tuple(errors)))
            notes.append(_note("GI701", report, errors))
            continue
        if errors:
            notes.append(_note("GI702", report, errors))
        included.append(report)
        rows.append(values)
    if not included:
        raise AggregationError(
            "所有报告都有错误，均未纳入汇总（可选择纳入有错误的报告）",
            "every report has errors and was left out (include_invalid=True includes them)",
        )
    sums = map(sum, zip(*rows, strict=True))
    totals: dict[str, Value] = dict(zip((c.path for c in compiled.cells), sums, strict=True))
    totals |= _units(compiled.cells, included)
    total = build_report(first.edition, totals, organ=organ, year=first.year)
    missing = tuple(
        RULES["GI706"].finding({"file": file, "reason": zh, "reason_en": en}, actual=file) for file, zh, en in unread
    )
    return Aggregate(total, [*missing, *notes, *check(total)], tuple(included), tuple(excluded), missing)


def compare_hierarchy(
    parent: AnnualReport,
    children: Mapping[str, AnnualReport | None] | Iterable[AnnualReport],
    *,
    severity: Severity = Severity.ERROR,
    include_invalid: bool = False,
    sources: Mapping[str, SourceLocation] | None = None,
    child_sources: Mapping[str, Mapping[str, SourceLocation]] | None = None,
) -> list[Finding]:
    """A parent report covering its whole area against the 汇总 of its children's reports.

    ``children`` are the reports of the organs under ``parent``, or a mapping from each
    organ that should have reported to its report, ``None`` where it has none: each of
    those is named (GI705) and the others are compared without it. Every cell of the
    parent that differs from the children's sum is a finding (GI704), located in the
    printed table. ``severity`` is the caller's policy for both rules (the catalog's
    default is an error). The policy for children's reports with errors is
    :func:`aggregate`'s: they are left out (GI701, and the parent is compared with the others)
    unless ``include_invalid`` (then summed as they are, GI702), so that a 汇总 checked against
    its own children agrees with itself. ``sources`` (the parent's, from
    :attr:`~govinfo.ReadResult.sources`) locate a GI704 in the parent's file; ``child_sources``
    (each child's, by its organ as given) list where every child's value stood, in the
    finding's ``related``. Mixed years or editions,
    the same organ twice, or no child report at all raise :class:`~govinfo.AggregationError`.

    >>> import attrs, govinfo
    >>> county = govinfo.replace_cells(govinfo.example(), {"requests.received.natural_person": 211})
    >>> townships = {"甲镇": govinfo.example(), "乙乡": None}
    >>> [(f.rule_id, f.path) for f in govinfo.compare_hierarchy(county, townships)]
    [('GI705', 'organ'), ('GI704', 'requests.received.natural_person')]
    """
    report_argument(parent, "compare_hierarchy", "parent")
    if isinstance(children, Mapping):
        named = {
            organ: None if report is None else report_argument(report, "compare_hierarchy", f"children[{organ!r}]")
            for organ, report in children.items()
        }
    else:
        named = {r.organ: r for r in reports_argument(children, "compare_hierarchy", "children")}
    missing = [organ for organ, report in named.items() if report is None]
    given = [report for report in named.values() if report is not None]
    _refuse(given)
    if (parent.year, parent.edition) != (given[0].year, given[0].edition):
        raise AggregationError(
            f"上级报告为 {parent.year} 年度（{parent.edition} 版格式），下级报告为 {given[0].year} 年度"
            f"（{given[0].edition} 版格式），不能比较",
            f"the parent's report is for {parent.year} (edition {parent.edition}), its children's for "
            f"{given[0].year} (edition {given[0].edition}): they cannot be compared",
        )
    findings = [
        attrs.evolve(
            RULES["GI705"].finding({"organ": organ, "year": parent.year}, path="organ", actual=organ),
            severity=severity,
        )
        for organ in missing
    ]
    compiled = compile_edition(parent.edition)
    kept = []
    for child in given:
        errors = [f for f in findings_of(child, compiled, compiled.values(child)) if f.severity is Severity.ERROR]
        if errors:
            findings.append(_note("GI702" if include_invalid else "GI701", child, errors))
        if not errors or include_invalid:
            kept.append(child)
    if not kept:
        raise AggregationError(
            "所有下级报告都有错误，均未纳入比较（可选择纳入有错误的报告）",
            "every child's report has errors and was left out (include_invalid=True includes them)",
        )
    given = kept
    _units(compiled.cells, [parent, *given])  # amounts in one unit, or refused
    sums = [sum(column) for column in zip(*(compiled.values(r) for r in given), strict=True)]
    located = {organ: child_sources[organ] for organ in named if child_sources and organ in child_sources}
    organs = {id(report): organ for organ, report in named.items() if report is not None}
    for cell, own, total in zip(compiled.cells, compiled.values(parent), sums, strict=True):
        if own != total:
            related = tuple(
                located[organs[id(child)]][cell.path]
                for child in given
                if cell.path in located.get(organs[id(child)], {})
            )
            found = cell_finding(
                RULES["GI704"],
                cell,
                actual=own,
                expected=total,
                source=(sources or {}).get(cell.path),
                parent=parent.organ,
                children=len(given),
            )
            findings.append(attrs.evolve(found, severity=severity, related=related))
    return findings

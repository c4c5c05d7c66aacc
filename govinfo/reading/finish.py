"""The one finishing step of every reader: what a reader found becomes a :class:`ReadResult`.

A reader of a source kind finds, for each edition it tries, a :class:`Found`: the cells it
read (each a :class:`~govinfo.reading.values.Reading` and its place in the file), the
metadata and narratives, and what it noticed itself (labels matched loosely, rows of the
wrong length, tables missing). :func:`finish` does the rest the same way for every kind:
it picks the edition that fits best (GI519 when two fit equally), fills the cells not found
with 0, reports each assumption a reading made (GI502–GI505), builds the report and applies
every single-report rule (:func:`govinfo.check`) with the sources, so that every finding
says where in the user's file it stands.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal

import attrs

from govinfo.editions.layout import Cell, Edition
from govinfo.errors import LayoutError
from govinfo.findings import Finding, SourceLocation, Value
from govinfo.model.cells import build_report
from govinfo.reading.result import ReadResult
from govinfo.reading.values import Note, Reading
from govinfo.rules.catalog import RULES
from govinfo.rules.engine import cell_finding, check
from govinfo.rules.narrative import Locate

Place = Callable[[SourceLocation], SourceLocation]
"""Turns a place in what the reader read into a place in the user's file (HTML: the page source)."""


@attrs.frozen
class FoundCell:
    """One value cell as a reader found it: the reading and where it stands."""

    reading: Reading
    source: SourceLocation | None = None
    unit: str = ""
    """For an amount written with its unit (2019's 采购总金额): the unit as written."""
    finding: Finding | None = None
    """What the reader noticed about this cell itself (a formula evaluated), reported in cell order."""


@attrs.define
class Found:
    """What a reader found in one source, read against one edition."""

    layout: Edition
    score: int
    """How well the source fits the edition: the edition with the highest score is taken."""
    cells: Mapping[str, FoundCell] | Callable[[], Mapping[str, FoundCell]] = attrs.field(factory=dict)
    """Canonical path → the value read; cells not found are absent (and read as 0). A reader
    whose reading costs may give a function instead: only the chosen edition's cells are read."""
    findings: list[Finding] = attrs.field(factory=list)
    """What the reader noticed itself, in the order it noticed it."""
    organ: str | None = None
    year: int | None = None
    """``None`` when the source does not say (GI513)."""
    narratives: dict[str, str] = attrs.field(factory=dict)
    sources: dict[str, SourceLocation] = attrs.field(factory=dict)
    """Where the metadata and narrative fields stand."""
    locate: Locate | None = None
    """Where a character of a narrative field stands; by default, where the field starts."""
    absent: frozenset[str] = frozenset()
    """Narrative sections the source lacks, which the reader has reported already."""


def _shown(raw: object) -> tuple[str, str]:
    if raw is None:
        return "空白", "blank"
    if isinstance(raw, str):
        return f"“{raw}”", repr(raw)
    return str(raw), repr(raw)


def _noted(cell: Cell, found: FoundCell) -> Finding:
    """The finding that says what reading this cell assumed or corrected."""
    reading = found.reading
    assert reading.note is not None
    shown, shown_en = _shown(reading.raw)
    return cell_finding(
        RULES[reading.note.rule_id],
        cell,
        actual=reading.value,
        source=found.source,
        token=reading.raw,
        shown=shown,
        shown_en=shown_en,
        value=reading.value,
    )


def _blanks(group: list[tuple[Cell, FoundCell]]) -> Finding:
    """GI502 for a table's cells read as 0 from blanks and placeholders: one finding listing them all
    (a report whose empty cells mean 0 has a hundred), at the first; for one cell, that cell's own."""
    if len(group) == 1:
        return _noted(*group[0])
    cell = group[0][0]
    shown = list(dict.fromkeys(_shown(found.reading.raw) for _, found in group))
    named = {
        "place": f"表{cell.table.number}中 {len(group)} 个单元格",
        "place_en": f"{len(group)} cells of table {cell.table.number}",
        "shown": "、".join(zh for zh, _ in shown),
        "shown_en": " or ".join(en for _, en in shown),
    }
    return RULES["GI502"].finding(
        named,
        path=cell.table.field,
        table=cell.table.heading,
        cells=tuple(c.path for c, _ in group),
        source=group[0][1].source,
    )


def zero(cell: Cell) -> int | Decimal:
    """What a cell that is not in the source reads as: 0 of its kind."""
    return Decimal(0) if cell.kind == "amount" else 0


def _values(
    layout: Edition, cells: Mapping[str, FoundCell]
) -> tuple[dict[str, Value], dict[str, SourceLocation], list[Finding]]:
    """Every cell's value (0 where not found), where each stands, and what reading them assumed, in cell order."""
    findings: list[Finding] = []
    values: dict[str, Value] = {}
    sources: dict[str, SourceLocation] = {}
    blanks: list[tuple[Cell, FoundCell]] = []  # one table's cells read as 0 from a blank or placeholder
    for cell in layout.cells:
        if blanks and blanks[0][0].table is not cell.table:
            findings.append(_blanks(blanks))
            blanks = []
        found = cells.get(cell.path)
        if found is None:
            values[cell.path] = zero(cell)
            continue
        values[cell.path] = found.reading.value
        if cell.unit_path:
            values[cell.unit_path] = found.unit
        if found.source is not None:
            sources[cell.path] = found.source
            if cell.unit_path:  # the unit is read from the amount's own cell
                sources[cell.unit_path] = found.source
        if found.finding is not None:
            findings.append(found.finding)
        if found.reading.note in (Note.BLANK, Note.PLACEHOLDER):
            blanks.append((cell, found))
        elif found.reading.note is not None:
            findings.append(_noted(cell, found))
    if blanks:
        findings.append(_blanks(blanks))
    return values, sources, findings


def finish(
    candidates: Sequence[Found],
    *,
    nothing: LayoutError,
    before: Sequence[Finding] = (),
    place: Place | None = None,
) -> ReadResult:
    """The :class:`ReadResult` of the best-fitting candidate.

    ``nothing`` is raised when not one cell was found; ``before`` are findings about the
    source as a whole (its encoding, its engine), listed first; ``place`` turns the places
    the reader recorded into places in the user's file.
    """
    best = max(candidates, key=lambda c: c.score)  # the first, newest edition wins a tie
    cells = best.cells() if callable(best.cells) else best.cells
    if not cells:
        raise nothing
    layout = best.layout
    findings = list(before)
    if [c.score for c in candidates].count(best.score) > 1:
        findings.append(RULES["GI519"].finding({"edition": layout.id}, path="edition", actual=layout.id))
    findings += best.findings
    values, sources, noted = _values(layout, cells)
    findings += noted
    if best.year is None:
        findings.append(RULES["GI513"].finding(path="year"))
    texts = best.narratives
    report = build_report(
        layout.id,
        values,
        organ=best.organ or "",
        year=best.year or 0,
        overview=texts.get("overview", ""),
        problems=texts.get("problems", ""),
        other_matters=texts.get("other_matters", ""),
    )
    sources |= best.sources
    locate = best.locate or (lambda field, _: sources.get(field))
    # A missing section is reported already; a rule that it is empty would say it twice.
    findings += [
        f for f in check(report, locate=locate, tables=False) if f.path not in best.absent or f.rule_id == "GI110"
    ]
    if place is not None:
        findings = [attrs.evolve(f, source=place(f.source)) if f.source else f for f in findings]
        sources = {path: place(where) for path, where in sources.items()}
    # A rule over cells that were never read (a table cut off, a row not found) would only
    # repeat what the reader reported about them.
    checked = [f for f in check(report, sources=sources, narrative=False) if all(p in sources for p in f.cells)]
    if best.year is None:
        checked = [f for f in checked if f.rule_id != "GI010"]  # the year is unknown, not wrong
    return ReadResult(report, findings + checked, sources)

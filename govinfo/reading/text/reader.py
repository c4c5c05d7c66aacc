"""Reading reports as they are published: web pages and text copied from pages and PDFs.

:func:`read_published` decodes the input (saying which encoding it took), flattens HTML
tables into tab-separated rows (spans become empty cells, as on a copied page), splits the
six sections by their headings and reads each table as a stream of label and value tokens:
a token that matches a row label of the edition's layout starts that row, the value tokens
after it are its cells. So tab-, bar- and line-separated tables, PDF text with a value row
on one line and split header labels all read alike. What does not fit (a row with a value
too many or too few, a table that stops early) is resolved through the layout's balances
where exactly one reading fits, and reported either way.
"""

from __future__ import annotations

import bisect
import functools
import itertools
import re
from collections.abc import Callable, Sequence

import attrs

from govinfo.editions import EDITIONS, publish
from govinfo.editions.format2021 import DOCUMENT
from govinfo.editions.layout import Cell, Edition, Grid, Narrative, Table
from govinfo.errors import LayoutError, UnsafeFileError
from govinfo.findings import Finding, SourceLocation
from govinfo.reading import grid as cell_grid
from govinfo.reading.finish import Found, FoundCell, finish
from govinfo.reading.grid import Part, Sheet
from govinfo.reading.inputs import Binary, read_bytes
from govinfo.reading.labels import Match, find_title, match, traditional, with_hint
from govinfo.reading.result import ReadResult
from govinfo.reading.text.decode import MAX_BYTES, decode
from govinfo.reading.text.fit import TableValues, assign
from govinfo.reading.text.html import Page, flatten, is_html
from govinfo.reading.text.tokens import Token, canonical, heading_at, tokens
from govinfo.reading.values import Note, Reading, read_written
from govinfo.rules.catalog import RULES

_STATED_YEAR = re.compile(r"(?:统计期限[^0-9]{0,6}|我[局委办区县市乡镇]?)(?P<year>(?:19|20)\d{2})\s*年(?:度)?")


def _row_match(tokens: list[Token], i: int, key: str) -> tuple[int, Match] | None:
    """Whether the label tokens from ``i`` (up to three joined) are the label ``key``: tokens used and how."""
    joined = ""
    for used in range(1, 4):
        if i + used > len(tokens) or tokens[i + used - 1].value:
            return None
        joined += tokens[i + used - 1].key
        how = match(joined, key)
        if how is not None:
            return used, how
        if not key.startswith(joined) and len(joined) >= len(key):
            return None
    return None


def _read_value_row(table: Table, grid: Grid, tokens: list[Token], out: TableValues) -> None:
    """A grid without row labels (table 四): the values after its first header label."""
    anchor = canonical(grid.columns[0].labels[0])
    starts = [k for k, t in enumerate(tokens) if not t.value and anchor in t.key]
    if not starts:
        return
    values = [t for t in tokens[starts[0] :] if t.value]
    if values:
        assign(table, grid, grid.rows[0], values, out)
        out.exact += len(grid.columns)


def _read_rows(table: Table, grid: Grid, tokens: list[Token], out: TableValues) -> None:
    """A grid with row labels: each row label token, then the value tokens that follow it."""
    pending = list(grid.rows)
    keys = {row.path: canonical(row.labels[-1]) for row in grid.rows}
    # A row whose official label stands somewhere in the text is matched only exactly there,
    # so that a header (总计, 其他) never takes the place of a row (（七）总计, 3.其他).
    found = {t.key for t in tokens if not t.value}
    present = {path for path, key in keys.items() if key in found}
    after = 0  # the first token not yet taken by a row
    for i in (k for k, token in enumerate(tokens) if not token.value):  # value tokens start no row
        if i < after or not pending:
            continue
        hit = None
        for row in pending:
            got = _row_match(tokens, i, keys[row.path])
            if got and (got[1] is Match.EXACT or row.path not in present):
                hit = (row, *got)
                break
        if hit is None:
            continue
        row, used, how = hit
        pending.remove(row)
        if how is Match.LOOSE:
            text = " ".join(t.text for t in tokens[i : i + used])
            where = SourceLocation(line=tokens[i].line)
            out.findings.append(RULES["GI512"].finding({"text": text, "label": row.labels[-1]}, source=where))
            out.loose += 1
        else:
            out.exact += 1
        values = list(itertools.takewhile(lambda t: t.value, itertools.islice(tokens, i + used, None)))
        after = i + used + len(values)
        if values:
            assign(table, grid, row, values, out)


def _read_table(table: Table, tokens: list[Token]) -> TableValues:
    out = TableValues()
    for grid in table.grids:
        (_read_rows if grid.label_depth else _read_value_row)(table, grid, tokens, out)
    return out


def _lines(data: bytes | str) -> tuple[list[tuple[int, str]], Page | None, tuple[Sheet, ...], list[Finding]]:
    """The input as numbered lines (HTML flattened), where they stand in a page, its tables' grids, and how it
    was decoded."""
    findings = []
    if isinstance(data, bytes):
        text, encoding = decode(data)
        if encoding not in ("utf-8", "utf-8-sig"):
            findings.append(RULES["GI520"].finding({"encoding": encoding.upper()}))
    else:
        text = data
    if not is_html(text):
        return list(enumerate(text.splitlines(), start=1)), None, (), findings
    lines, page = flatten(text)
    return list(enumerate(lines, start=1)), page, page.sheets, findings


def _sections(layout: Edition, lines: list[tuple[int, str]]) -> dict[str, list[tuple[int, str]]]:
    """The lines under each section heading of ``layout`` (``""``: before the first heading)."""
    headings = [(s.field, s.heading) for s in layout.sections]
    sections: dict[str, list[tuple[int, str]]] = {"": []}
    current = ""
    for number, line in lines:
        field = heading_at(line, headings)
        if field is not None and field not in sections:
            current = field
            sections[current] = []
            continue
        sections[current].append((number, line))
    return sections


def _parts(layout: Edition, tables: dict[str, TableValues]) -> dict[str, Part]:
    """Each table read from the text (``tables``): its cells and the findings about its tokens (in the lines read)."""
    parts: dict[str, Part] = {}
    for table in layout.tables:
        if table.field not in tables:
            continue
        found = tables[table.field]
        findings = list(found.findings)
        paths = [c for c in layout.cells if c.table is table]
        if not found.raw:
            findings.append(RULES["GI510"].finding({"table": table.heading}, path=table.field, table=table.heading))
        missing = [c for c in paths if c.path not in found.raw]
        if found.raw and missing:
            last = max(where.line or 0 for _, where in found.raw.values())
            named = {"table": table.heading, "missing": len(missing), "line": last}
            where = SourceLocation(line=last)
            findings.append(RULES["GI516"].finding(named, path=table.field, table=table.heading, source=where))
        cells: dict[str, FoundCell] = {}
        for cell in paths:
            if cell.path in found.raw:
                raw, where = found.raw[cell.path]
                reading, unit = _value(cell, raw)
                cells[cell.path] = FoundCell(reading, where, unit)
        parts[table.field] = Part(
            len(found.raw), 2 * found.exact + found.loose, findings, functools.partial(dict, cells)
        )
    return parts


def _value(cell: Cell, raw: str) -> tuple[Reading, str]:
    reading, unit = read_written(cell.kind, raw, unit=cell.unit_path is not None)
    if reading.note is Note.BLANK:
        reading = attrs.evolve(reading, note=None)
    return reading, unit


MAX_ORGAN = 40
"""The longest organ name taken from the line above a title."""


def _metadata(lines: list[tuple[int, str]]) -> tuple[str, int | None, list[Finding]]:
    """Organ and year from the title, or the year as the text states it (said as GI518).

    A title set on two lines (the organ above ``2024年政府信息公开工作年度报告``) is one title.
    """
    above = ""
    for _, line in lines[:40]:
        title = find_title(canonical(line).replace("(", "").replace(")", ""))
        if title:
            organ, year = title
            if not organ and 0 < len(above) <= MAX_ORGAN and find_title(f"{above}{year}年{DOCUMENT}", whole=True):
                organ = above
            return organ, year, []
        if line.strip():
            above = line.strip()
    for number, line in lines[:40]:
        stated = _STATED_YEAR.search(canonical(line))
        if stated:
            year = int(stated.group("year"))
            where = SourceLocation(line=number)
            return "", year, [RULES["GI518"].finding({"year": year}, path="year", actual=year, source=where)]
    return "", None, []


@attrs.frozen
class _Narrative:
    """A narrative section's text and the line each of its lines stands on."""

    text: str
    starts: tuple[tuple[int, int], ...]
    """(offset in ``text``, line number) of each line."""

    @classmethod
    def of(cls, lines: list[tuple[int, str]]) -> _Narrative:
        kept = [(n, t.strip()) for n, t in lines]
        while kept and not kept[0][1]:
            kept.pop(0)
        while kept and not kept[-1][1]:
            kept.pop()
        starts, offset = [], 0
        for number, text in kept:
            starts.append((offset, number))
            offset += len(text) + 1
        return cls("\n".join(t for _, t in kept), tuple(starts))

    def locate(self, offset: int) -> SourceLocation | None:
        if not self.starts:
            return None
        line = self.starts[bisect.bisect_right(self.starts, (offset, 1 << 62)) - 1][1]
        return SourceLocation(line=line)


def _order(layout: Edition, sections: dict[str, list[tuple[int, str]]]) -> list[Finding]:
    """GI521 when the sections found stand in another order than the format's."""
    official = [s.field for s in layout.sections]
    found = [field for field in sections if field]
    if found == [f for f in official if f in found]:
        return []
    number = {s.field: s.number for s in layout.sections}
    named = {
        "found": "、".join(number[f] for f in found),
        "official": "、".join(number[f] for f in official),
    }
    return [RULES["GI521"].finding(named, actual=named["found"], expected=named["official"])]


def _published(layout: Edition, sections: dict[str, list[tuple[int, str]]], organ: str) -> list[Finding]:
    """Take what a published report holds beside its narratives out of their lines, said: the signature
    block ending the last section (GI529) and a placeholder standing for an empty section (GI528)."""
    findings = []
    last = layout.sections[-1]
    if isinstance(last, Narrative) and last.field in sections:
        lines = sections[last.field]
        filled = [k for k, (_, text) in enumerate(lines) if text.strip()]
        signed = publish.signature([lines[k][1] for k in filled], organ)
        if signed:
            block = [lines[k] for k in filled[-signed:]]
            sections[last.field] = lines[: filled[-signed]]
            named = {"text": " ".join(t.strip() for _, t in block), "heading": last.heading}
            findings.append(RULES["GI529"].finding(named, path=last.field, source=SourceLocation(line=block[0][0])))
    for section in layout.narratives:
        lines = [(n, t) for n, t in sections.get(section.field, []) if t.strip()]
        if len(lines) == 1 and publish.PLACEHOLDER.match(lines[0][1]):
            sections[section.field] = []
            named = {"heading": section.heading, "text": lines[0][1].strip()}
            where = SourceLocation(line=lines[0][0], text=lines[0][1].strip())
            findings.append(RULES["GI528"].finding(named, path=section.field, source=where))
    return findings


def _against(
    layout: Edition,
    lines: list[tuple[int, str]],
    organ: str,
    year: int | None,
    split: Callable[[list[tuple[int, str]]], list[Token]],
    *,
    grids: Callable[[Edition], dict[str, Part]] | None = None,
) -> Found:
    """The text read against one edition: its sections, its tables, how well it fits."""
    sections = _sections(layout, lines)
    # a table found in a cell grid is read there, by position; the others from the text
    placed = {f: part for f, part in (grids(layout) if grids is not None else {}).items() if part.placed}
    unplaced = [t for t in layout.tables if t.field not in placed]
    tables = {t.field: _read_table(t, split(sections.get(t.field, sections[""]))) for t in unplaced}
    read = _parts(layout, tables) | placed
    parts = {t.field: read[t.field] for t in layout.tables}
    findings = [f for part in parts.values() for f in part.findings]

    def cells() -> dict[str, FoundCell]:
        return {path: cell for part in parts.values() for path, cell in part.cells().items()}

    absent = frozenset(n.field for n in layout.narratives if n.field not in sections)
    findings += [
        RULES["GI517"].finding({"heading": n.heading}, path=n.field) for n in layout.narratives if n.field in absent
    ]
    findings += _order(layout, sections)
    findings += _published(layout, sections, organ)
    texts = {n.field: _Narrative.of(sections.get(n.field, [])) for n in layout.narratives}
    sources = {}
    for field, text in texts.items():
        start = text.locate(0)
        if start is not None:
            sources[field] = attrs.evolve(start, text=_clip(text.text))
    return Found(
        layout,
        score=sum(part.score for part in parts.values()),
        cells=cells,
        findings=findings,
        organ=organ,
        year=year,
        narratives={f: t.text for f, t in texts.items()},
        sources=sources,
        locate=lambda field, offset: texts[field].locate(offset),
        absent=absent,
    )


class _Splitter:
    """Tokens of a run of lines, each run split once: the tables of every edition read the same
    sections (all of the text, when it has no headings)."""

    def __init__(self) -> None:
        self.done: dict[tuple[int, int], list[Token]] = {}

    def __call__(self, lines: list[tuple[int, str]]) -> list[Token]:
        key = (lines[0][0], len(lines)) if lines else (0, 0)  # sections are runs of consecutive lines
        if key not in self.done:
            self.done[key] = tokens(lines)
        return self.done[key]


def by_line(places: Sequence[SourceLocation]) -> Callable[[SourceLocation], SourceLocation]:
    """The ``place`` of :func:`read_lines` for a document whose line *n* stands at ``places[n - 1]``
    (a Word paragraph, a PDF page's line), keeping the text found there."""

    def place(where: SourceLocation) -> SourceLocation:
        assert where.line is not None
        at = places[where.line - 1] if 0 < where.line <= len(places) else SourceLocation()
        return attrs.evolve(at, text=where.text)

    return place


def read_lines(
    lines: Sequence[tuple[int, str]],
    *,
    sheets: Sequence[Sheet] = (),
    file: str | None = None,
    place: Callable[[SourceLocation], SourceLocation] | None = None,
    before: Sequence[Finding] = (),
    nothing: LayoutError | None = None,
) -> ReadResult:
    """Read a report from a document's numbered lines and, where it has them, its tables' cell grids.

    Every reader of a published document ends here: the web page, the Word file and the PDF
    give their text as lines (tables flattened into them) and their tables as :class:`Sheet`
    grids. Sections, metadata and narratives are read from the lines; each table is read from
    a grid where one holds it (by position, so a blank cell stays where it stands) and from
    the lines otherwise. ``place`` turns a place in the lines (``line`` and ``column``) into a
    place in the user's file; the grids' places are the file's already.
    """
    lines = list(lines)
    if nothing is None:
        nothing = LayoutError("文本中没有找到年度报告的任何表格", "none of the report's tables was found in the text")
    if traditional(line for _, line in lines[:200]):
        before = [*before, RULES["GI526"].finding()]
        nothing = with_hint(nothing)
    organ, year, said = _metadata(lines)
    split = _Splitter()
    book = cell_grid.Book(tuple(sheets), file) if sheets else None
    grids = None if book is None else functools.partial(cell_grid.parts, book)
    candidates = [_against(layout, lines, organ, year, split, grids=grids) for layout in EDITIONS.values()]
    for found in candidates:
        found.findings += said

    def placed(where: SourceLocation) -> SourceLocation:
        if where.line is not None and place is not None:
            where = place(where)
        return attrs.evolve(where, file=file) if file and not where.file else where

    return finish(candidates, nothing=nothing, before=before, place=placed)


def _read(data: bytes | str, file: str | None) -> ReadResult:
    lines, page, sheets, before = _lines(data)
    return read_lines(lines, sheets=sheets, file=file, place=page.place if page else None, before=before)


def read_published(source: Binary) -> ReadResult:
    """Read a report as published from a file: a web page, or text copied from a page or PDF.

    ``source`` is a path (``str`` or path object), the bytes of a file or a binary stream;
    :func:`read_text` reads text already in memory. Returns the report and every finding:
    how it was decoded, what each table row held and what was assumed (with line numbers),
    then every rule of :func:`govinfo.check` (narrative figures that contradict the tables
    among them) located at the lines of the text. It unpacks as ``report, findings``; its
    ``sources`` say where each value stands (line, columns and the text as written; for
    HTML, in the page source).

    Raises :class:`~govinfo.FileFormatError` for input that is not text and
    :class:`~govinfo.LayoutError` when none of the report's tables is in it.
    """
    data, file = read_bytes(source, limit=MAX_BYTES)
    return _read(data, file)


def read_text(text: str) -> ReadResult:
    """Read a report from its published text (or a page's HTML) given as a string.

    As :func:`read_published`, for text already in memory.

    >>> import govinfo
    >>> report, findings = govinfo.read_text(govinfo.example_text())
    >>> report.requests.received.total, [f.rule_id for f in findings]
    (212, ['GI501'])
    """
    if not isinstance(text, str):
        raise TypeError(f"read_text() takes the text as a str, not {type(text).__name__}")
    if len(text) > MAX_BYTES:
        raise UnsafeFileError(
            f"文本过长，超过 {MAX_BYTES // 2**20} M 个字符的上限",
            f"the text is too long (over {MAX_BYTES // 2**20} M characters)",
        )
    return _read(text, None)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "……"

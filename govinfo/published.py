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
import html.parser
import itertools
import os
import re
from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import IO

import attrs

from govinfo.cells import build_report
from govinfo.consistency import cell_finding, check
from govinfo.editions import EDITIONS
from govinfo.errors import FileFormatError, LayoutError
from govinfo.findings import Finding, SourceLocation, Value
from govinfo.labels import Match, match, normalize
from govinfo.layout import Cell, Edition, Grid, Row, Table, join_path
from govinfo.narrative import check_text
from govinfo.provenance import ReadResult
from govinfo.rules import NOTE_RULES, RULES
from govinfo.sources import read_bytes
from govinfo.values import PLACEHOLDERS, Note, Reading, read_cell, read_count

Source = str | bytes | os.PathLike[str] | IO[bytes]
MAX_BYTES = 20 * 2**20
"""Far beyond any report; larger input is refused before it is decoded."""

# Traditional forms of the characters of the official labels (reports republished in
# traditional script), mapped before matching.
_TRADITIONAL = str.maketrans(
    "開資訊請數結轉辦處區這屬國禁穩護權類內務過執詢無機關沒現補後確訪舉報訴複復當認獲費納繳續組織業構會總計議訟維糾審規範廢許強徵額項條單萬製發採購點擊檔體說問題進況總觀與為個實際應對於"
    "們來時網頁",
    "开资讯请数结转办处区这属国禁稳护权类内务过执询无机关没现补后确访举报诉复复当认获费纳缴续组织业构会总计议讼维纠审规范废许强征额项条单万制发采购点击档体说问题进况总观与为个实际应对于"
    "们来时网页",
)
_NUMBER_RUN = re.compile(r"(?:^|\s)((?:[-+]?[0-9０-９][0-9０-９,，.．]*\s*)+)$")
_VALUE = re.compile(r"^(?:[-+]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?(?:万元|元|件|项)?|减[0-9]+|增[0-9]+)$")
_TITLE = re.compile(r"(?P<organ>[^\s，。]*?)\s*(?P<year>(?:19|20)\d{2})\s*年(?:度)?政府信息公开工作年度报告")
_STATED_YEAR = re.compile(r"(?:统计期限[^0-9]{0,6}|我[局委办区县市乡镇]?)(?P<year>(?:19|20)\d{2})\s*年(?:度)?")
_HEADING_MAX = 40
MAX_MISFIT = 3
"""At most this many values too many or too few are resolved through the balances."""
_PLAIN = re.compile(r"[+-]?[0-9]+(?:\.[0-9]+)?")  # ASCII: \d would take ２１２ as plain


@attrs.frozen
class Token:
    """One cell of published text: a label or a value, and where it stands."""

    text: str
    line: int
    value: bool
    column: int = 0
    """The column of its first character in the line (1-based; 0 when not known)."""
    end: int = 0
    """The column of its last character."""
    key: str = attrs.field(init=False)
    """The canonical form labels are matched on (simplified, NFKC, no white space)."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "key", "" if self.value else _canonical(self.text))

    def location(self, *, until: Token | None = None) -> SourceLocation:
        """Where this token (through ``until``) stands: line, column span and the text."""
        last = until or self
        if last is self:
            return SourceLocation(line=self.line, column=self.column, end_column=self.end, text=self.text)
        text = f"{self.text} {last.text}"
        end = last.end if last.line == self.line else None
        return SourceLocation(line=self.line, column=self.column, end_column=end, text=text)


# ----- decoding ------------------------------------------------------------------------


def _bytes(source: Source) -> tuple[bytes | str, str | None]:
    """The text itself (a ``str``), or the bytes of a file, and its name."""
    return (source, None) if isinstance(source, str) else read_bytes(source, limit=MAX_BYTES)


def _decode(data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read in: BOM, UTF-8, the declared charset, GB18030."""
    for bom, name in ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16")):
        if data.startswith(bom):
            try:
                return data.decode(name), name
            except UnicodeDecodeError:
                raise FileFormatError(
                    f"文本以 {name.upper()} 标记开头，但内容不是有效的 {name.upper()}",
                    f"the text starts with a {name.upper()} byte-order mark but is not valid {name.upper()}",
                ) from None
    if b"\x00" in data[:4096]:
        raise FileFormatError("输入是二进制数据，不是文本或网页", "the input is binary data, not text or a web page")
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    declared = re.search(rb"charset\s*=\s*[\"']?([A-Za-z0-9_-]+)", data[:4096])
    candidates = [declared.group(1).decode("ascii").lower()] if declared else []
    for name in [*candidates, "gb18030"]:
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    raise FileFormatError(
        "无法确定文本编码（既不是 UTF-8，也不是 GB18030/GBK）", "the text encoding is neither UTF-8 nor GB18030/GBK"
    )


# ----- HTML to lines -------------------------------------------------------------------


Origin = tuple[int, int, int]
"""A cell of a flattened line: (its offset in the line, the line and column of its text in the page)."""


class _Flatten(html.parser.HTMLParser):
    """HTML as lines of text; each table row one line of tab-separated cells, spans expanded.

    ``origins`` says, for each line, where each of its cells stands in the page source.
    """

    BLOCKS = frozenset({"p", "div", "br", "li", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "table", "section"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self.origins: list[tuple[Origin, ...]] = []
        self.text: list[str] = []
        self.text_at: tuple[int, int] | None = None
        self.tables: list[list[list[tuple[str, int, int, tuple[int, int]]]]] = []
        self.cell: list[str] | None = None
        self.cell_at = (1, 0)
        self.span = (1, 1)
        self.skip = 0

    def handle_starttag(self, tag: str, attrs_: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "style"):
            self.skip += 1
        elif tag == "table":
            self._flush()
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            found = dict(attrs_)
            self.cell = []
            self.cell_at = self.getpos()
            self.span = (_span(found.get("colspan")), _span(found.get("rowspan")))
        elif tag in self.BLOCKS:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in ("script", "style"):
            self.skip = max(0, self.skip - 1)
        elif tag in ("td", "th") and self.cell is not None and self.tables and self.tables[-1]:
            self.tables[-1][-1].append((" ".join("".join(self.cell).split()), *self.span, self.cell_at))
            self.cell = None
        elif tag == "table" and self.tables:
            for line, origins in _grid_lines(self.tables.pop()):
                self.lines.append(line)
                self.origins.append(origins)
        elif tag in self.BLOCKS:
            self._flush()

    def handle_data(self, data: str) -> None:
        if self.skip:
            return
        if self.cell is not None:
            if not "".join(self.cell).strip() and data.strip():
                self.cell_at = self._text_at(data)
            self.cell.append(data)
        elif not self.tables:
            if self.text_at is None and data.strip():
                self.text_at = self._text_at(data)
            self.text.append(data)

    def _text_at(self, data: str) -> tuple[int, int]:
        """Where the first character of ``data`` that is not white space stands in the page."""
        line, column = self.getpos()
        return line, column + _lead(data)

    def _flush(self) -> None:
        line = " ".join("".join(self.text).split())
        if line and self.text_at is not None:
            self.lines.append(line)
            self.origins.append(((0, *self.text_at),))
        self.text = []
        self.text_at = None


def _lead(text: str) -> int:
    """How many white-space characters ``text`` starts with."""
    return len(text) - len(text.lstrip())


def _span(value: str | None) -> int:
    try:
        return max(1, min(int(value or 1), 50))
    except ValueError:
        return 1


def _grid_lines(rows: list[list[tuple[str, int, int, tuple[int, int]]]]) -> list[tuple[str, tuple[Origin, ...]]]:
    """Table rows as tab-separated lines, and where each cell came from; a spanned position is empty."""
    taken: dict[tuple[int, int], str] = {}
    lines = []
    for r, row in enumerate(rows):
        c = 0
        cells: list[str] = []
        origins: list[Origin] = []
        for text, colspan, rowspan, at in row:
            while (r, c) in taken:
                cells.append("")
                c += 1
            origins.append((sum(len(x) + 1 for x in cells), *at))
            cells.append(text)
            for dr, dc in itertools.product(range(rowspan), range(colspan)):
                if (dr, dc) != (0, 0):
                    taken[(r + dr, c + dc)] = ""
            c += 1
            cells.extend("" for _ in range(colspan - 1))
            c += colspan - 1
        lines.append(("\t".join(cells), tuple(origins)))
    return lines


def _is_html(text: str) -> bool:
    head = text[:2048].lower()
    return "<html" in head or "<table" in head or "<body" in head or "<p>" in head or "<div" in head


# ----- sections and tokens -------------------------------------------------------------


def _canonical(text: str) -> str:
    # 檔案 is the Taiwan word for 文件 in republished copies (其他主動公開檔案, 規範性檔案).
    return normalize(text.replace("檔案", "文件").translate(_TRADITIONAL))


def _heading_at(line: str, headings: Sequence[tuple[str, str]]) -> str | None:
    """The section whose heading this line is, if it is one."""
    text = _canonical(line)
    if not text or len(text) > _HEADING_MAX:
        return None
    for field, heading in headings:
        label = _canonical(heading)
        if text == label or text.rstrip(":：") == label:
            return field
        number, _, name = label.partition("、")
        if text.endswith(name) and len(text) <= len(label) + 2 and text.startswith(number):
            return field
    return None


_CELL = {"\t": re.compile(r"[^\t]+"), "|": re.compile(r"[^|]+"), "": re.compile(r".+")}


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The tokens of one cell's text: (text, is a value)."""
    run = _NUMBER_RUN.search(text)
    label = text[: run.start(1)].strip() if run else text
    parts = run.group(1).split() if run else []
    if not label and len(parts) > 1:  # a whole value row in one cell, as PDF text gives
        return [(p, True) for p in parts]
    if label and (len(parts) > 1 or (parts and not _VALUE.match(text))):
        return [(label, False), *((p, True) for p in parts)]
    if _VALUE.match(text.replace(" ", "")) or text in PLACEHOLDERS:
        return [(text.replace(" ", ""), True)]
    if all(_VALUE.match(p) for p in text.split()):
        return [(p, True) for p in text.split()]
    return [(text, False)]


def _tokens(lines: Iterable[tuple[int, str]]) -> list[Token]:
    tokens = []
    for number, line in lines:
        separator = "\t" if "\t" in line else ("|" if "|" in line else "")
        for cell in _CELL[separator].finditer(line):
            text = " ".join(cell.group().split())
            if not text:
                continue
            cursor = cell.start()
            for piece, value in _pieces(text):
                found = line.find(piece, cursor, cell.end())
                if found >= 0:
                    stop = found + len(piece)
                else:  # its white space was closed up (商业  企业, 1 234): count its characters
                    found = cursor + _lead(line[cursor : cell.end()])
                    stop = _label_end(line, found, piece, cell.end())
                tokens.append(Token(piece, number, value=value, column=found + 1, end=stop))
                cursor = stop
    return tokens


def _label_end(line: str, start: int, label: str, limit: int) -> int:
    """Where a label whose white space was closed up ends in the line (exclusive)."""
    wanted = len("".join(label.split()))
    position = start
    while position < limit and wanted:
        if not line[position].isspace():
            wanted -= 1
        position += 1
    return position


# ----- reading one table -----------------------------------------------------------------


@attrs.define
class _Table:
    """Values found for one table: cell path → (raw token, where it stands), and findings."""

    raw: dict[str, tuple[str, SourceLocation]] = attrs.field(factory=dict)
    findings: list[Finding] = attrs.field(factory=list)
    exact: int = 0
    loose: int = 0


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


Pick = tuple[int, ...]
"""The tokens one cell takes its value from: none (a zero added), one, or two (a split number)."""
_DIGIT = re.compile(r"[1-9１-９][0-9０-９]?|[0０]")


def _merges(values: list[str], extra: int) -> Iterable[list[Pick]]:
    """Every way of joining ``extra`` disjoint pairs of adjacent single digits into one number."""
    pairs = [
        k
        for k in range(len(values) - 1)
        if len(values[k]) == 1 and values[k] not in "0０" and _DIGIT.fullmatch(values[k] + values[k + 1])
    ]
    for chosen in itertools.combinations(pairs, extra):
        if any(b - a < 2 for a, b in itertools.pairwise(chosen)):
            continue
        picks: list[Pick] = []
        k = 0
        while k < len(values):
            picks.append((k, k + 1) if k in chosen else (k,))
            k += 2 if k in chosen else 1
        yield picks


def _fit(values: list[str], size: int, equations: list[tuple[list[int], list[int]]]) -> tuple[list[Pick] | None, int]:
    """Which tokens fill ``size`` cells: as they are, or the one way of dropping values, adding
    zeros or joining split digits that makes every equation hold. Returns (picks or None,
    number of fitting readings)."""
    if len(values) == size:
        return [(k,) for k in range(size)], 1
    if abs(len(values) - size) > MAX_MISFIT:
        return None, 0

    def holds(picks: list[Pick]) -> bool:
        numbers = [read_count("".join(values[k] for k in pick) or "0").value for pick in picks]
        return all(sum(numbers[i] for i in left) == sum(numbers[i] for i in right) for left, right in equations)

    candidates: list[list[Pick]] = []
    if len(values) > size:
        for dropped in itertools.combinations(range(len(values)), len(values) - size):
            candidates.append([(k,) for k in range(len(values)) if k not in dropped])
        candidates.extend(_merges(values, len(values) - size))
    else:
        for added in itertools.combinations(range(size), size - len(values)):
            remaining = iter(range(len(values)))
            candidates.append([() if k in added else (next(remaining),) for k in range(size)])
    readings: list[list[Pick]] = []
    seen: set[tuple[str, ...]] = set()
    for picks in candidates:
        texts = tuple("".join(values[k] for k in pick) or "0" for pick in picks)
        if texts not in seen and holds(picks):
            seen.add(texts)
            readings.append(picks)
    return (readings[0] if len(readings) == 1 else None), len(readings)


def _equations(grid: Grid) -> list[tuple[list[int], list[int]]]:
    """The grid's row balances as index lists into one row's values."""
    fields = [c.field for c in grid.columns]
    return [
        ([fields.index(f) for f in b.left], [fields.index(f) for f in b.right])
        for b in grid.balances
        if b.over == "rows"
    ]


def _shape_finding(
    table: Table, row_label: str, first: Token, *, found: int, cells: int, readings: int, paths: tuple[str, ...]
) -> Finding:
    rule = RULES["GI501"]
    if readings == 1:
        note_zh, note_en = (
            "只有一种读法能使表内勾稽关系成立，已按此读取。",
            "Exactly one reading makes the totals hold; it was used.",
        )
    elif readings:
        note_zh, note_en = (
            f"有 {readings} 种读法都能使勾稽关系成立，无法确定，已按顺序读取。",
            (f"{readings} readings make the totals hold; the position is ambiguous, read in order."),
        )
    else:
        note_zh, note_en = (
            "没有哪种读法能使勾稽关系成立，已按顺序读取。",
            "No reading makes the totals hold; read in order.",
        )
    named = {
        **_where(table, row_label),
        "found": found,
        "cells": cells,
        "note": note_zh,
        "note_en": note_en,
    }
    where = SourceLocation(line=first.line)
    return rule.finding(named, table=table.heading, source=where, expected=cells, actual=found, cells=paths)


def _where(table: Table, row_label: str) -> dict[str, str]:
    heading = table.heading
    if row_label:
        return {"where": f"“{heading}”的“{row_label}”行", "where_en": f"the row “{row_label}” of “{heading}”"}
    return {"where": f"“{heading}”的数值行", "where_en": f"the value row of “{heading}”"}


def _assign(table: Table, grid: Grid, row: Row, values: list[Token], out: _Table) -> None:
    """Give a row its values; a run of the wrong length is fitted through the row's balances and reported."""
    size = len(grid.columns)
    texts = [t.text for t in values]
    picks, readings = _fit(texts, size, _equations(grid))
    paths = tuple(join_path(table.field, row.path, column.field) for column in grid.columns)
    joined = [pick for pick in picks or [] if len(pick) == 2]
    for first, second in joined:
        named = {
            **_where(table, row.label),
            "found": len(texts),
            "cells": size,
            "first": texts[first],
            "second": texts[second],
            "joined": texts[first] + texts[second],
        }
        where = values[first].location(until=values[second])
        shape = RULES["GI522"].finding(
            named, table=table.heading, source=where, expected=size, actual=len(texts), cells=paths
        )
        out.findings.append(shape)
    if len(texts) != size and not joined:
        shape = _shape_finding(
            table, row.label, values[0], found=len(texts), cells=size, readings=readings, paths=paths
        )
        out.findings.append(shape)
    chosen = picks or [(k,) if k < len(texts) else () for k in range(size)]
    for path, pick in zip(paths, chosen, strict=False):
        taken = [values[k] for k in pick]
        text = "".join(t.text for t in taken) or "0"
        where = taken[0].location(until=taken[-1]) if taken else SourceLocation(line=values[0].line)
        out.raw[path] = (text, where)


def _read_value_row(table: Table, grid: Grid, tokens: list[Token], out: _Table) -> None:
    """A grid without row labels (table 四): the values after its first header label."""
    anchor = _canonical(grid.columns[0].labels[0])
    starts = [k for k, t in enumerate(tokens) if not t.value and anchor in t.key]
    if not starts:
        return
    values = [t for t in tokens[starts[0] :] if t.value]
    if values:
        _assign(table, grid, grid.rows[0], values, out)
        out.exact += len(grid.columns)


def _read_rows(table: Table, grid: Grid, tokens: list[Token], out: _Table) -> None:
    """A grid with row labels: each row label token, then the value tokens that follow it."""
    pending = list(grid.rows)
    keys = {row.path: _canonical(row.labels[-1]) for row in grid.rows}
    # A row whose official label stands somewhere in the text is matched only exactly there,
    # so that a header (总计, 其他) never takes the place of a row (（七）总计, 3.其他).
    present = {path for path, key in keys.items() if key in {t.key for t in tokens}}
    i = 0
    while i < len(tokens):
        hit = None
        if not tokens[i].value:
            for row in pending:
                got = _row_match(tokens, i, keys[row.path])
                if got and (got[1] is Match.EXACT or row.path not in present):
                    hit = (row, *got)
                    break
        if hit is None:
            i += 1
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
        i += used
        values = list(itertools.takewhile(lambda t: t.value, tokens[i:]))
        i += len(values)
        if values:
            _assign(table, grid, row, values, out)


def _read_table(table: Table, tokens: list[Token]) -> _Table:
    out = _Table()
    for grid in table.grids:
        (_read_rows if grid.label_depth else _read_value_row)(table, grid, tokens, out)
    return out


# ----- the report ----------------------------------------------------------------------


def _value(cell: Cell, raw: str) -> tuple[Reading, str]:
    if cell.kind == "signed":  # published text writes a decrease as 减4, an increase as 增3
        raw = raw.replace("减", "-").replace("增", "+")
    return read_cell(cell.kind, raw, unit=cell.unit_path is not None)


_NARRATIVE = (
    (r"(?:受理|收到|新收)[^，。；,;]{0,12}?申请\s*(\d+)\s*件", ("requests.received.total",)),
    (r"办结\s*(\d+)\s*件", ("requests.outcomes.total.total",)),
    (r"予以公开\s*(\d+)\s*件", ("requests.outcomes.disclosed.total",)),
    (r"部分公开\s*(\d+)\s*件", ("requests.outcomes.partially_disclosed.total",)),
    (r"不予公开\s*(\d+)\s*件", ("requests.outcomes.withheld.*.total",)),
    (r"无法提供\s*(\d+)\s*件", ("requests.outcomes.unavailable.*.total",)),
    (r"不予处理\s*(\d+)\s*件", ("requests.outcomes.not_processed.*.total",)),
    (r"结转下年度(?:继续办理)?\s*(\d+)\s*件", ("requests.carried_forward.total",)),
    (r"行政复议\s*(\d+)\s*(?:件|起)", ("appeals.reconsideration.total",)),
    (
        r"行政诉讼\s*(\d+)\s*(?:件|起)",
        ("appeals.litigation_direct.total", "appeals.litigation_after_reconsideration.total"),
    ),
)


def _narrative_findings(lines: list[tuple[int, str]], values: dict[str, Value]) -> list[Finding]:
    findings = []
    for number, line in lines:
        for sentence in re.split(r"(?<=[。；;])", line):
            for pattern, paths in _NARRATIVE:
                for found in re.finditer(pattern, sentence):
                    said = int(found.group(1))
                    total = 0
                    for path in paths:
                        if "*" in path:
                            head, tail = path.split("*")
                            total += sum(int(v) for p, v in values.items() if p.startswith(head) and p.endswith(tail))
                        else:
                            total += int(values[path])
                    if said != total:
                        named = {
                            "said": said,
                            "table": total,
                            "sentence": sentence.strip()[:120],
                            "what": found.group(0),
                        }
                        findings.append(
                            RULES["GI530"].finding(
                                named, path=paths[0], expected=total, actual=said, source=SourceLocation(line=number)
                            )
                        )
    return findings


@attrs.frozen
class _Page:
    """Turns places in the lines read into places in the user's file (for HTML, the page source)."""

    file: str | None
    origins: tuple[tuple[Origin, ...], ...] | None = None

    def place(self, where: SourceLocation) -> SourceLocation:
        if self.file and not where.file:
            where = attrs.evolve(where, file=self.file)
        if self.origins is None or where.line is None or not self.origins[where.line - 1]:
            return where
        cells = self.origins[where.line - 1]
        if where.column is None:
            return attrs.evolve(where, line=cells[0][1])
        offset, line, column = next(c for c in reversed(cells) if c[0] <= where.column - 1)
        start = column + where.column - offset
        end = where.end_column + start - where.column if where.end_column is not None else None
        return attrs.evolve(where, line=line, column=start, end_column=end)

    def finding(self, finding: Finding) -> Finding:
        return attrs.evolve(finding, source=self.place(finding.source)) if finding.source else finding


def _lines(source: Source) -> tuple[list[tuple[int, str]], _Page, list[Finding]]:
    """The input as numbered lines (HTML flattened), where they stand in the file, and how it was decoded."""
    data, file = _bytes(source)
    findings = []
    if isinstance(data, bytes):
        text, encoding = _decode(data)
        if encoding not in ("utf-8", "utf-8-sig"):
            findings.append(RULES["GI520"].finding({"encoding": encoding.upper()}))
    else:
        text = data
    if not _is_html(text):
        return list(enumerate(text.splitlines(), start=1)), _Page(file), findings
    flatten = _Flatten()
    flatten.feed(text)
    flatten.close()
    flatten._flush()
    return list(enumerate(flatten.lines, start=1)), _Page(file, tuple(flatten.origins)), findings


@attrs.frozen
class _Reading:
    """The text read against one edition: its sections, its tables, how well it fits."""

    layout: Edition
    sections: dict[str, list[tuple[int, str]]]
    tables: dict[str, _Table]

    @property
    def score(self) -> int:
        return sum(2 * t.exact + t.loose for t in self.tables.values())


def _against(layout: Edition, lines: list[tuple[int, str]]) -> _Reading:
    headings = [(s.field, s.heading) for s in layout.sections]
    sections: dict[str, list[tuple[int, str]]] = {"": []}
    current = ""
    for number, line in lines:
        field = _heading_at(line, headings)
        if field is not None and field not in sections:
            current = field
            sections[current] = []
            continue
        sections[current].append((number, line))
    tables = {t.field: _read_table(t, _tokens(sections.get(t.field, sections[""]))) for t in layout.tables}
    return _Reading(layout, sections, tables)


def _cells(reading: _Reading) -> tuple[dict[str, Value], dict[str, SourceLocation], list[Finding]]:
    """Every cell's value and source, and the findings about tables and tokens (in the lines read)."""
    values: dict[str, Value] = {}
    sources: dict[str, SourceLocation] = {}
    findings: list[Finding] = []
    for table in reading.layout.tables:
        found = reading.tables[table.field]
        findings += found.findings
        cells = [c for c in reading.layout.cells if c.table is table]
        if not found.raw:
            findings.append(RULES["GI510"].finding({"table": table.heading}, path=table.field, table=table.heading))
        missing = [c for c in cells if c.path not in found.raw]
        if found.raw and missing:
            last = max(where.line or 0 for _, where in found.raw.values())
            named = {"table": table.heading, "missing": len(missing), "line": last}
            where = SourceLocation(line=last)
            findings.append(RULES["GI516"].finding(named, path=table.field, table=table.heading, source=where))
        for cell in cells:
            token = found.raw.get(cell.path)
            if token is None:
                values[cell.path] = Decimal(0) if cell.kind == "amount" else 0
                continue
            raw, where = token
            reading_, unit = _value(cell, raw)
            values[cell.path] = reading_.value
            if cell.unit_path:
                values[cell.unit_path] = unit
                sources[cell.unit_path] = where  # the unit is read from the amount's own cell
            sources[cell.path] = where
            note = reading_.note
            if note is None or note is Note.BLANK or (note is Note.TEXT and _PLAIN.fullmatch(raw)):
                continue  # a plain number in text is simply a number
            findings.append(
                cell_finding(
                    RULES[NOTE_RULES[note]],
                    cell,
                    actual=reading_.value,
                    source=sources[cell.path],
                    token=raw,
                    shown=f"“{raw}”",
                    shown_en=repr(raw),
                    value=reading_.value,
                )
            )
    return values, sources, findings


def _metadata(lines: list[tuple[int, str]]) -> tuple[str, int, list[Finding]]:
    """Organ and year from the title, or the year as the text states it (said as GI518)."""
    for _, line in lines[:40]:
        title = _TITLE.search(_canonical(line).replace("(", "").replace(")", ""))
        if title:
            return title.group("organ"), int(title.group("year")), []
    for number, line in lines[:40]:
        stated = _STATED_YEAR.search(_canonical(line))
        if stated:
            year = int(stated.group("year"))
            where = SourceLocation(line=number)
            return "", year, [RULES["GI518"].finding({"year": year}, path="year", actual=year, source=where)]
    return "", 0, [RULES["GI513"].finding(path="year")]


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


def _order(reading: _Reading) -> list[Finding]:
    """GI521 when the sections found stand in another order than the format's."""
    official = [s.field for s in reading.layout.sections]
    found = [field for field in reading.sections if field]
    if found == [f for f in official if f in found]:
        return []
    number = {s.field: s.number for s in reading.layout.sections}
    named = {
        "found": "、".join(number[f] for f in found),
        "official": "、".join(number[f] for f in official),
    }
    return [RULES["GI521"].finding(named, actual=named["found"], expected=named["official"])]


def read_published(source: Source) -> ReadResult:
    """Read a report as published: the text of a web page or PDF, or the page's HTML.

    ``source`` is the text itself (``str``), the bytes of a file, a path or a binary
    stream. Returns the report and every finding: how it was decoded, what each table row
    held and what was assumed (with line numbers), narrative figures that contradict the
    tables, the narrative rules (:func:`govinfo.check_text`), then :func:`govinfo.check`'s
    findings located at the lines of the text. It unpacks as ``report, findings``; its
    ``sources`` say where each value stands (line, columns and the text as written; for
    HTML, in the page source).

    Raises :class:`~govinfo.FileFormatError` for input that is not text and
    :class:`~govinfo.LayoutError` when none of the report's tables is in it.
    """
    lines, page, findings = _lines(source)
    readings = [_against(layout, lines) for layout in EDITIONS.values()]
    best = max(readings, key=lambda r: r.score)  # the first, newest edition wins a tie
    if not any(t.raw for t in best.tables.values()):
        raise LayoutError("文本中没有找到年度报告的任何表格", "none of the report's tables was found in the text")
    if [r.score for r in readings].count(best.score) > 1:
        findings.append(RULES["GI519"].finding({"edition": best.layout.id}, path="edition", actual=best.layout.id))
    values, sources, cell_findings = _cells(best)
    findings += cell_findings
    missing = {n.field for n in best.layout.narratives if n.field not in best.sections}
    for narrative in best.layout.narratives:
        if narrative.field in missing:
            findings.append(RULES["GI517"].finding({"heading": narrative.heading}, path=narrative.field))
    findings += _order(best)
    organ, year, said = _metadata(lines)
    findings += said
    texts = {n.field: _Narrative.of(best.sections.get(n.field, [])) for n in best.layout.narratives}
    report = build_report(best.layout.id, values, organ=organ, year=year, **{f: t.text for f, t in texts.items()})
    findings += _narrative_findings(best.sections.get("overview", []), values)
    for field, text in texts.items():
        start = text.locate(0)
        if start is not None:
            sources[field] = attrs.evolve(start, text=_clip(text.text))

    def locate(field: str, offset: int) -> SourceLocation | None:
        return texts[field].locate(offset)

    # A missing section is GI517 already; a rule that it is empty would say it twice.
    findings += [f for f in check_text(report, locate=locate) if f.path not in missing or f.rule_id == "GI110"]
    # Everything so far points into the lines read; from here on, into the user's file.
    findings = [page.finding(f) for f in findings]
    sources = {path: page.place(where) for path, where in sources.items()}
    # A rule over cells that were never read (a table cut off) would only repeat GI516.
    checked = [f for f in check(report, sources=sources) if all(p in sources for p in f.cells)]
    if not year:
        checked = [f for f in checked if f.rule_id != "GI010"]  # the year is unknown, not wrong
    return ReadResult(report, findings + checked, sources)


def _clip(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit] + "……"

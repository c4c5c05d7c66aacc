"""The publishable report, made from its data: :func:`render` to Word, a web page or PDF.

Every form is written from one plan (:func:`plan`): the title, the six sections in the
edition's order (each narrative as paragraphs, the organ's own sub-headings kept, each table
as the official format prints it — :mod:`govinfo.editions.printed`, the plan the workbook
writer follows too), and the signature block. An empty narrative and a missing date are
printed as visible placeholders (:mod:`govinfo.editions.publish`) and said as GI801; the
readers know both again, so a rendered report reads back to the report it came from.

The web page stands alone (inline style, no script, nothing fetched; ``<th scope>`` headers,
real ``rowspan``/``colspan``). The Word file follows GB/T 9704 (A4 with the standard margins,
title in 小标宋, body in 仿宋_GB2312 三号, headings in 黑体 and 楷体) through named styles,
so a clerk can edit the narrative in Word or WPS without touching the tables; the PDF is that
Word file printed by LibreOffice.
"""

from __future__ import annotations

import datetime
import html
import io
import re
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from typing import Any, Literal

import attrs

from govinfo.editions import edition, publish
from govinfo.editions.format2021 import DOCUMENT
from govinfo.editions.layout import Table
from govinfo.editions.printed import Printed, printed
from govinfo.errors import ArgumentError, ReportInvalidError, expect
from govinfo.findings import Finding, Severity
from govinfo.model.cells import attrs_get, cell_values
from govinfo.model.report import AnnualReport, report_argument
from govinfo.rules.catalog import RULES
from govinfo.rules.engine import check
from govinfo.rules.narrative import check_text
from govinfo.writing.atomic import target_argument, write_atomically

Kind = Literal["title", "heading", "subheading", "paragraph", "placeholder", "table", "signature"]


@attrs.frozen
class Block:
    """One block of the document: a line of text of some kind, or a table."""

    kind: Kind
    text: str = ""
    table: Table | None = None


_SUBHEADING = re.compile(r"^(?:[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+是|\d+[.、．]|[（(]\d+[）)])")
"""A narrative line the organ wrote as a sub-heading: numbered, short, not a sentence."""
_SUBHEADING_MAX = 30


def title(report: AnnualReport) -> str:
    """The report's title: ``{organ}{year}年政府信息公开工作年度报告``."""
    return f"{report.organ}{report.year}年{DOCUMENT}"


_TITLE_LINE = 20
"""Characters of 二号 (22 pt) on a line of A4 between GB/T 9704's margins."""


def title_lines(report: AnnualReport) -> list[str]:
    """The title as printed: on one line when it fits, else the organ above the rest (as organs set it,
    never a break inside a word)."""
    whole = title(report)
    organ = report.organ.strip()
    if len(whole) <= _TITLE_LINE or not organ:
        return [whole]
    return [organ, f"{report.year}年{DOCUMENT}"]


def _is_subheading(line: str) -> bool:
    return (
        len(line) <= _SUBHEADING_MAX and bool(_SUBHEADING.match(line)) and not any(mark in line[:-1] for mark in "。；")
    )


def plan(report: AnnualReport, *, date: datetime.date | None = None) -> tuple[list[Block], list[Finding]]:
    """The blocks of the published document, and the GI801 findings for what it marks to fill in."""
    report_argument(report, "plan")
    layout = edition(report.edition)
    blocks = [Block("title", "\n".join(title_lines(report)))]
    findings: list[Finding] = []
    for section in layout.sections:
        blocks.append(Block("heading", section.heading))
        if isinstance(section, Table):
            blocks.append(Block("table", table=section))
            continue
        lines = [line.strip() for line in str(getattr(report, section.field)).strip().splitlines()]
        if not lines:
            text = publish.section_placeholder(section)
            blocks.append(Block("placeholder", text))
            named = {"what": f"“{section.heading}”", "what_en": f"section “{section.heading}”", "text": text}
            findings.append(RULES["GI801"].finding(named, path=section.field))
        # a blank line between paragraphs is kept as an empty paragraph, as the organ wrote it
        blocks += [Block("subheading" if _is_subheading(line) else "paragraph", line) for line in lines]
    if report.organ.strip():
        blocks.append(Block("signature", report.organ.strip()))
    blocks.append(Block("signature", publish.date_line(date)))
    if date is None:
        named = {
            "what": "落款的成文日期",
            "what_en": "the date of the signature block",
            "text": publish.date_line(None),
        }
        findings.append(RULES["GI801"].finding(named))
    return blocks, findings


def _shown(report: AnnualReport, values: dict[str, int | Decimal | str], placed: Printed) -> str:
    cell = placed.cell
    if cell is None:
        return placed.text
    value = values[cell.path]
    shown = format(value, "f") if isinstance(value, Decimal) else str(value)
    if cell.unit_path:
        shown += str(attrs_get(report, cell.unit_path) or "")
    return shown


def _rows(table: Table) -> tuple[list[list[Printed]], int]:
    """The printed cells of a table row by row, and the number of columns."""
    cells, _ = printed(table, heading=False)
    rows: dict[int, list[Printed]] = {}
    for placed in cells:
        rows.setdefault(placed.row, []).append(placed)
    width = max(p.end_col for p in cells)
    return [sorted(rows[n], key=lambda p: p.col) for n in sorted(rows)], width


# --- the web page -------------------------------------------------------------------------------

_STYLE = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm; }
body { font-family: "FangSong_GB2312", "仿宋_GB2312", "FangSong", "仿宋", "STFangsong", serif; font-size: 16pt;
       line-height: 1.75; max-width: 48em; margin: 2em auto; padding: 0 1em; color: #000; }
h1 { font-family: "方正小标宋简体", "FZXiaoBiaoSong-B05S", "SimSun", "宋体", serif; font-size: 22pt;
     font-weight: normal; text-align: center; }
h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 16pt; font-weight: normal; margin: 0.6em 0 0.3em; }
h3 { font-family: "KaiTi_GB2312", "楷体_GB2312", "KaiTi", "楷体", serif; font-size: 16pt; font-weight: normal;
     margin: 0.3em 0; text-indent: 2em; }
p { text-indent: 2em; margin: 0.3em 0; }
p.placeholder { background: #fff2a8; }
p.signature { text-align: right; text-indent: 0; margin: 0; }
p.signature.first { margin-top: 2em; }
table { border-collapse: collapse; width: 100%; margin: 0.5em 0 1em; page-break-inside: auto; }
tr { page-break-inside: avoid; }
td, th { border: 1px solid #000; padding: 2px 4px; text-align: center; vertical-align: middle; font-weight: normal; }
th.label, th.title { text-align: left; }
th.title { font-weight: bold; }
@media print { body { max-width: none; margin: 0; padding: 0; } }
"""

_CELL = ' style="font-size:9pt"'
"""Table text in 小五 (9 pt), set on each cell: office suites importing the page (and so the Word file
and the PDF made from it) honour it there, and the widest table then fits a portrait A4 page."""

_SCOPES = {"header": "col", "corner": "col", "title": "colgroup", "label": "row"}


def table_html(report: AnnualReport, table: Table, marks: Mapping[str, str] | None = None) -> str:
    """One table as the official format prints it, as HTML (``<th scope>`` headers, real spans); each
    value cell carries its path (``data-path``) and, where ``marks`` names it, that CSS class (the
    web page of ``govinfo serve`` marks the cells its findings are about)."""
    return "\n".join(_html_table(report, table, cell_values(report), marks or {}))


def _html_table(
    report: AnnualReport, table: Table, values: dict[str, int | Decimal | str], marks: Mapping[str, str] | None = None
) -> list[str]:
    rows, _ = _rows(table)
    out = [f'<table border="1" cellspacing="0" cellpadding="2" width="100%" aria-label="{html.escape(table.heading)}">']
    for row in rows:
        out.append("<tr>")
        for placed in row:
            spans = ""
            if placed.rowspan > 1:
                spans += f' rowspan="{placed.rowspan}"'
            if placed.colspan > 1:
                spans += f' colspan="{placed.colspan}"'
            text = html.escape(_shown(report, values, placed))
            if placed.cell is not None:
                if marks is None:
                    out.append(f"<td{spans}{_CELL}>{text}</td>")
                else:
                    path = placed.cell.path
                    mark = f' class="{marks[path]}"' if path in marks else ""
                    out.append(f'<td{spans}{mark} data-path="{path}">{text}</td>')
                continue
            scope = _SCOPES.get(placed.role, "col")
            if scope == "col" and placed.colspan > 1:
                scope = "colgroup"
            if scope == "row" and placed.rowspan > 1:
                scope = "rowgroup"
            kind = {"label": ' class="label"', "title": ' class="title"'}.get(placed.role, "")
            out.append(f'<th scope="{scope}"{spans}{kind}{_CELL}>{text}</th>')
        out.append("</tr>")
    out.append("</table>")
    return out


def render_html(report: AnnualReport, *, date: datetime.date | None = None) -> str:
    """The report as a publishable web page (one self-contained HTML document).

    >>> import govinfo
    >>> page = govinfo.render_html(govinfo.example())
    >>> page.count("<table"), "湛河区人民政府2024年政府信息公开工作年度报告" in page
    (3, True)
    """
    return _html(report, plan(report, date=date)[0])


def _html(report: AnnualReport, blocks: list[Block]) -> str:
    """The web page of ``report``'s planned ``blocks``."""
    values = cell_values(report)
    heading = html.escape(title(report))
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        '<head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        f"<title>{heading}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        "<main>",
    ]
    signed = False
    for block in blocks:
        text = html.escape(block.text)
        if block.kind == "title":
            out.append(f"<h1>{text.replace(chr(10), '<br>')}</h1>")
        elif block.kind == "heading":
            out.append(f"<h2>{text}</h2>")
        elif block.kind == "subheading":
            out.append(f"<h3>{text}</h3>")
        elif block.kind == "table":
            assert block.table is not None
            out += _html_table(report, block.table, values)
        elif block.kind == "signature":
            out.append(f'<p class="signature{"" if signed else " first"}">{text}</p>')
            signed = True
        else:
            out.append(
                f'<p class="placeholder">{text}</p>' if block.kind == "placeholder" else f"<p>{text or '&nbsp;'}</p>"
            )
    out += ["</main>", "</body>", "</html>", ""]
    return "\n".join(out)


# --- the Word file ------------------------------------------------------------------------------

_MM = 36000
"""EMU in a millimetre."""
_TEXT_WIDTH_MM = 210 - 28 - 26
"""A4 less GB/T 9704's left (28 mm) and right (26 mm) margins."""

FONTS = {
    "title": "方正小标宋简体",
    "body": "仿宋_GB2312",
    "heading": "黑体",
    "subheading": "楷体_GB2312",
}
"""The fonts of GB/T 9704, by what they set. A machine without one substitutes its nearest
(Word and WPS by the font's family, LibreOffice through fontconfig)."""


def _fonts(style_or_run: Any, east_asian: str, size: float, *, bold: bool = False) -> None:
    """Set a style's or run's fonts: ``east_asian`` for Chinese and for Latin letters and digits too (one
    font a line: no gap between a digit and a character that a PDF's reader would take for a space)."""
    from docx.oxml.ns import qn  # noqa: PLC0415 — python-docx is the optional word extra
    from docx.shared import Pt, RGBColor  # noqa: PLC0415

    font = style_or_run.font
    font.name = east_asian
    font.size = Pt(size)
    font.bold = bold
    font.color.rgb = RGBColor(0, 0, 0)
    properties = style_or_run.element.get_or_add_rPr()
    fonts = properties.find(qn("w:rFonts"))
    if fonts is None:
        fonts = properties.makeelement(qn("w:rFonts"), {})
        properties.append(fonts)
    for theme in ("w:asciiTheme", "w:eastAsiaTheme", "w:hAnsiTheme", "w:cstheme"):  # a theme font wins over a name
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:eastAsia"), east_asian)
    fonts.set(qn("w:hint"), "eastAsia")


def _styles(document: Any) -> None:
    """The named styles of the document (the clerk edits text; the look stays with the styles)."""
    from docx.enum.style import WD_STYLE_TYPE  # noqa: PLC0415
    from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING  # noqa: PLC0415
    from docx.shared import Pt  # noqa: PLC0415

    styles = document.styles
    normal = styles["Normal"]
    _fonts(normal, FONTS["body"], 16)
    normal.paragraph_format.first_line_indent = Pt(32)  # two characters of 三号
    normal.paragraph_format.alignment = (
        WD_ALIGN_PARAGRAPH.JUSTIFY
    )  # 两端对齐: every line but a paragraph's last is full
    normal.paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    normal.paragraph_format.line_spacing = Pt(28.95)  # 22 lines a page
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)

    present = {s.name for s in styles}

    def paragraph_style(name: str, base: str, font: str, size: float, **look: Any) -> None:
        style = styles[name] if name in present else styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
        style.base_style = styles[base]
        _fonts(style, font, size, bold=look.get("bold", False))
        form = style.paragraph_format
        form.first_line_indent = look.get("indent", Pt(0))
        form.alignment = look.get("align", WD_ALIGN_PARAGRAPH.JUSTIFY)
        form.space_before = look.get("before", Pt(0))
        form.space_after = look.get("after", Pt(0))
        form.line_spacing_rule = WD_LINE_SPACING.EXACTLY
        form.line_spacing = look.get("spacing", Pt(28.95))
        form.keep_with_next = look.get("keep", False)

    paragraph_style(
        "报告标题", "Normal", FONTS["title"], 22, align=WD_ALIGN_PARAGRAPH.CENTER, spacing=Pt(36), after=Pt(28)
    )
    paragraph_style("Heading 1", "Normal", FONTS["heading"], 16, indent=Pt(32), keep=True)
    paragraph_style("Heading 2", "Normal", FONTS["subheading"], 16, indent=Pt(32), keep=True)
    paragraph_style("报告表格", "Normal", FONTS["body"], 9, align=WD_ALIGN_PARAGRAPH.CENTER, spacing=Pt(11))
    paragraph_style("报告表格标签", "报告表格", FONTS["body"], 9, spacing=Pt(11))
    paragraph_style("落款", "Normal", FONTS["body"], 16, align=WD_ALIGN_PARAGRAPH.RIGHT)


_DIGIT_MM = 1.7
"""The width of a digit in 9 pt, in millimetres (a Chinese character is about twice as wide)."""
_CELL_MARGIN_MM = 1.0
"""Left and right padding of a table cell."""


def _widths(rows: list[list[Printed]], width: int, report: AnnualReport, values: dict[str, Any]) -> list[float]:
    """Column widths in millimetres: every column wide enough for its numbers on one line (and two
    characters of a header); the rest of the line shared by how much text each column holds, a row
    label counting twice a column header's (headers wrap well over two or three lines)."""
    least = [2 * 2 * _DIGIT_MM + 2 * _CELL_MARGIN_MM] * width
    want = [0.0] * width
    for row in rows:
        for placed in row:
            if placed.colspan != 1:
                continue
            c = placed.col - 1
            if placed.cell is not None:
                digits = len(_shown(report, values, placed))
                least[c] = max(least[c], digits * _DIGIT_MM + 2 * _CELL_MARGIN_MM + 0.5)
            elif placed.role in ("label", "corner", "title"):
                want[c] = max(want[c], min(float(len(placed.text)), 14.0))
            else:  # a column header wraps well over two or three lines
                want[c] = max(want[c], min(float(len(placed.text)), 14.0) / 2)
    want = [w or 1.0 for w in want]
    spare = max(0.0, _TEXT_WIDTH_MM - sum(least))
    return [low + spare * w / sum(want) for low, w in zip(least, want, strict=True)]


def _margins(grid: Any, mm: float) -> None:
    """The left and right padding of every cell of ``grid`` (Word's default, 1.9 mm, is too wide)."""
    from docx.oxml.ns import qn  # noqa: PLC0415

    properties = grid._tbl.tblPr
    margins = properties.makeelement(qn("w:tblCellMar"), {})
    for side in ("left", "right"):
        margin = margins.makeelement(qn(f"w:{side}"), {qn("w:w"): str(round(mm * 56.7)), qn("w:type"): "dxa"})
        margins.append(margin)
    properties.append(margins)


def _docx_table(document: Any, report: AnnualReport, table: Table, values: dict[str, Any]) -> None:
    from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT  # noqa: PLC0415
    from docx.oxml.ns import qn  # noqa: PLC0415
    from docx.shared import Emu  # noqa: PLC0415

    rows, width = _rows(table)
    grid = document.add_table(rows=len(rows), cols=width)
    grid.style = document.styles["Table Grid"]
    grid.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid.autofit = False
    _margins(grid, _CELL_MARGIN_MM)
    widths = [Emu(int(w * _MM)) for w in _widths(rows, width, report, values)]
    for column, size in zip(grid.columns, widths, strict=True):
        column.width = size
    first = rows[0][0].row
    cells = [list(r.cells) for r in grid.rows]
    for line in cells:  # Word takes each cell's width, not the column's; a merge adds up those it spans
        for cell, size in zip(line, widths, strict=True):
            cell.width = size
    # style ids set on the XML: python-docx's ``paragraph.style = …`` looks the default style up each time
    label_style = document.styles["报告表格标签"].style_id
    value_style = document.styles["报告表格"].style_id
    for row in rows:
        for placed in row:
            top, left = placed.row - first, placed.col - 1
            cell = cells[top][left]
            if placed.rowspan > 1 or placed.colspan > 1:
                cell = cell.merge(cells[placed.end_row - first][placed.end_col - 1])
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
            paragraph = cell.paragraphs[0]
            paragraph._p.get_or_add_pPr().style = label_style if placed.role in ("label", "title") else value_style
            paragraph.add_run(_shown(report, values, placed))
    for row in grid.rows:
        row_properties = row._tr.get_or_add_trPr()
        row_properties.append(row_properties.makeelement(qn("w:cantSplit"), {}))  # a row is never cut by a page


def docx_bytes(report: AnnualReport, *, date: datetime.date | None = None) -> bytes:
    """The publishable report as the bytes of a Word file (``.docx``); needs the ``word`` extra."""
    return _docx(report, plan(report, date=date)[0])


def _docx(report: AnnualReport, blocks: list[Block]) -> bytes:
    """The Word file of ``report``'s planned ``blocks``."""
    from govinfo.reading.extras import need  # noqa: PLC0415

    docx = need("docx", "word", " Word 文件", "Word files", doing=("生成", "writing"))
    from docx.shared import Mm  # noqa: PLC0415

    values = cell_values(report)
    document = docx.Document()
    _styles(document)
    section = document.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(37), Mm(35)
    section.left_margin, section.right_margin = Mm(28), Mm(26)
    document.core_properties.title = title(report)
    document.core_properties.author = report.organ
    document.core_properties.comments = "govinfo"
    names = {"title": "报告标题", "heading": "Heading 1", "subheading": "Heading 2", "signature": "落款"}
    styles = {kind: document.styles[name].style_id for kind, name in names.items()}
    signed = False
    for block in blocks:
        if block.kind == "table":
            assert block.table is not None
            _docx_table(document, report, block.table, values)
            continue
        paragraph = document.add_paragraph()
        if block.kind in styles:
            paragraph._p.get_or_add_pPr().style = styles[block.kind]
        first, *more = block.text.split("\n")
        run = paragraph.add_run(first)
        for line in more:  # a title set on two lines
            run.add_break()
            run = paragraph.add_run(line)
        if block.kind == "placeholder":
            from docx.enum.text import WD_COLOR_INDEX  # noqa: PLC0415

            run.font.highlight_color = WD_COLOR_INDEX.YELLOW
        if block.kind == "signature" and not signed:
            from docx.shared import Pt  # noqa: PLC0415

            paragraph.paragraph_format.space_before = Pt(58)  # two blank lines above the signature
            signed = True
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


# --- render -------------------------------------------------------------------------------------

FORMATS = (".docx", ".html", ".htm", ".pdf")
"""The suffixes :func:`render` writes."""


def render(
    report: AnnualReport,
    target: str | Path,
    *,
    date: datetime.date | None = None,
    allow_errors: bool = False,
) -> list[Finding]:
    """Write the publishable report to ``target``: a Word file, a web page or a PDF, by its suffix.

    The document is made from the checked data (:func:`plan`), so its numbers are the
    report's. A report with errors (:func:`govinfo.check`) is refused with
    :class:`~govinfo.ReportInvalidError` unless ``allow_errors``. ``date`` is the date of the
    signature block (a placeholder when not given). Returns the report's findings and the
    GI801 findings for what the document marks to fill in. ``.pdf`` needs LibreOffice (the
    Word file printed by it); ``.docx`` and ``.pdf`` need the ``word`` extra. The file is
    written whole or not at all.
    """
    report_argument(report, "render")
    target_argument(target, "render")
    if date is not None:
        expect(date, datetime.date, function="render", parameter="date", zh="日期（datetime.date）", en="a date")
    path = Path(target)
    suffix = path.suffix.lower()
    if suffix not in FORMATS:
        raise ArgumentError(
            f"render() 只能生成 {'、'.join(FORMATS)} 文件，不能生成“{path.suffix or path.name}”",
            f"render() writes {', '.join(FORMATS)} files, not {path.suffix or path.name!r}",
        )
    findings = [*check(report), *check_text(report)]
    errors = [f for f in findings if f.severity is Severity.ERROR]
    if errors and not allow_errors:
        raise ReportInvalidError(errors)
    blocks, marks = plan(report, date=date)
    if suffix in (".html", ".htm"):
        data = _html(report, blocks).encode("utf-8")
    else:
        data = _docx(report, blocks)
        if suffix == ".pdf":
            from govinfo.reading.convert import to_pdf  # noqa: PLC0415

            data = to_pdf(data)
    write_atomically(path, data)
    return [*findings, *marks]

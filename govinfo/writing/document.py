"""The publishable report as a web page: :func:`render_html`.

The document every organ publishes: the title, the six sections in the edition's order,
each narrative as paragraphs under its heading and each table as the official format
prints it (:mod:`govinfo.editions.printed`: merged label and header cells as ``rowspan``
and ``colspan``). The page stands alone (inline style, no script, nothing fetched) and is
what an office suite turns into a Word file or a PDF.
"""

from __future__ import annotations

import html
from decimal import Decimal

from govinfo.editions import edition
from govinfo.editions.format2021 import DOCUMENT
from govinfo.editions.layout import Narrative, Table
from govinfo.editions.printed import Printed, printed
from govinfo.model.cells import attrs_get, cell_values
from govinfo.model.report import AnnualReport, report_argument

_STYLE = """
body { font-family: "FangSong", "仿宋", "SimSun", serif; font-size: 16pt; line-height: 1.6;
       max-width: 48em; margin: 2em auto; padding: 0 1em; }
h1 { font-family: "SimHei", "黑体", sans-serif; font-size: 20pt; text-align: center; }
h2 { font-family: "SimHei", "黑体", sans-serif; font-size: 16pt; }
p { text-indent: 2em; margin: 0.3em 0; }
table { border-collapse: collapse; width: 100%; font-size: 11pt; margin: 0.5em 0 1em; }
td, th { border: 1px solid #000; padding: 2px 4px; text-align: center; vertical-align: middle; }
td.label { text-align: left; }
td.title { text-align: left; font-weight: bold; }
"""


_CELL = ' style="font-size:9pt"'
"""Table text in 小五 (9 pt), set on each cell: office suites importing the page (and so the Word file
and the PDF made from it) honour it there, and the widest table then fits a portrait A4 page."""


def title(report: AnnualReport) -> str:
    """The report's title: ``{organ}{year}年政府信息公开工作年度报告``."""
    return f"{report.organ}{report.year}年{DOCUMENT}"


def _value(report: AnnualReport, values: dict[str, int | Decimal | str], placed: Printed) -> str:
    cell = placed.cell
    assert cell is not None
    value = values[cell.path]
    shown = format(value, "f") if isinstance(value, Decimal) else str(value)
    if cell.unit_path:
        shown += str(attrs_get(report, cell.unit_path) or "")
    return shown


def _table(report: AnnualReport, table: Table, values: dict[str, int | Decimal | str]) -> list[str]:
    cells, _ = printed(table, heading=False)
    rows: dict[int, list[Printed]] = {}
    for placed in cells:
        rows.setdefault(placed.row, []).append(placed)
    out = ['<table border="1" cellspacing="0" cellpadding="2" width="100%">']
    for number in sorted(rows):
        out.append("<tr>")
        for placed in sorted(rows[number], key=lambda p: p.col):
            spans = ""
            if placed.rowspan > 1:
                spans += f' rowspan="{placed.rowspan}"'
            if placed.colspan > 1:
                spans += f' colspan="{placed.colspan}"'
            text = _value(report, values, placed) if placed.cell is not None else placed.text
            kind = {"label": ' class="label"', "title": ' class="title"'}.get(placed.role, "")
            out.append(f"<td{spans}{kind}{_CELL}>{html.escape(text)}</td>")
        out.append("</tr>")
    out.append("</table>")
    return out


def _narrative(report: AnnualReport, section: Narrative) -> list[str]:
    text = str(getattr(report, section.field))
    return [f"<p>{html.escape(line.strip())}</p>" for line in text.splitlines() if line.strip()]


def render_html(report: AnnualReport) -> str:
    """The report as a publishable web page (one self-contained HTML document).

    >>> import govinfo
    >>> page = govinfo.render_html(govinfo.example())
    >>> page.count("<table"), "湛河区人民政府2024年政府信息公开工作年度报告" in page
    (3, True)
    """
    report_argument(report, "render_html")
    layout = edition(report.edition)
    values = cell_values(report)
    heading = html.escape(title(report))
    out = [
        "<!DOCTYPE html>",
        '<html lang="zh-CN">',
        '<head><meta charset="utf-8">',
        f"<title>{heading}</title>",
        f"<style>{_STYLE}</style>",
        "</head>",
        "<body>",
        f"<h1>{heading}</h1>",
    ]
    for section in layout.sections:
        out.append(f"<h2>{html.escape(section.heading)}</h2>")
        out += _table(report, section, values) if isinstance(section, Table) else _narrative(report, section)
    out += ["</body>", "</html>", ""]
    return "\n".join(out)

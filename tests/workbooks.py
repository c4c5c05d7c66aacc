"""Hand-made workbooks in the shapes real organs send, written inline as Markdown-like tables.

In a fixture table, ``| a | b |`` is a row; an empty cell is left empty; ``212`` is a
number, ``'212`` the text "212" (a number stored as text), ``=…`` a formula (openpyxl saves
it without a cached value, as tools that do not calculate do); anything else is text.
``<<`` marks a cell merged into the cell on its left, ``^^`` into the cell above.
"""

from __future__ import annotations

import io

import openpyxl
from openpyxl.worksheet.worksheet import Worksheet


def _value(token: str) -> object:
    if token.startswith("'"):
        return token[1:]
    try:
        return int(token)
    except ValueError:
        pass
    try:
        float(token)
    except ValueError:
        return token
    return float(token)


def fill(ws: Worksheet, table: str, *, top: int = 1, left: int = 1) -> None:
    """Write a Markdown-like table into ``ws`` with its first cell at (top, left)."""
    rows = [line.strip() for line in table.strip().splitlines()]
    for r, line in enumerate(rows):
        cells = [c.strip() for c in line.strip("|").split("|")]
        for c, token in enumerate(cells):
            row, col = top + r, left + c
            if token == "<<":
                _extend(ws, row, col, horizontal=True)
            elif token == "^^":
                _extend(ws, row, col, horizontal=False)
            elif token:
                ws.cell(row=row, column=col).value = _value(token)  # type: ignore[assignment]


def _extend(ws: Worksheet, row: int, col: int, *, horizontal: bool) -> None:
    anchor = (row, col - 1) if horizontal else (row - 1, col)
    for merged in list(ws.merged_cells.ranges):
        if merged.min_row <= anchor[0] <= merged.max_row and merged.min_col <= anchor[1] <= merged.max_col:
            ws.unmerge_cells(str(merged))
            ws.merge_cells(
                start_row=merged.min_row,
                start_column=merged.min_col,
                end_row=max(merged.max_row, row),
                end_column=max(merged.max_col, col),
            )
            return
    ws.merge_cells(start_row=anchor[0], start_column=anchor[1], end_row=row, end_column=col)


def workbook(sheets: dict[str, list[tuple[str, int, int]]]) -> bytes:
    """A workbook: for each sheet name, fixture tables with their (top, left) positions."""
    book = openpyxl.Workbook()
    assert book.active is not None
    book.remove(book.active)
    for name, tables in sheets.items():
        ws = book.create_sheet(name)
        for table, top, left in tables:
            fill(ws, table, top=top, left=left)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


TABLE_2 = """
| 第二十条第(一)项 | << | << | << |
| 信息内容 | 本年新制发件数 | 本年废止件数 | 现行有效件数 |
| 规章 | 0 | 0 | 0 |
| 规范性文件 | 1 | 4 | 28 |
| 第二十条第(五)项 | << | << | << |
| 信息内容 | 本年处理决定数量 | << | << |
| 行政许可 | '7,661 | << | << |
| 第二十条第(六)项 | << | << | << |
| 信息内容 | 本年处理决定数量 | << | << |
| 行政处罚 | '１５１ | << | << |
| 行政强制 | / | << | << |
| 第二十条第(八)项 | << | << | << |
| 信息内容 | 本年收费金额(单位:万元) | << | << |
| 行政事业性收费 | 14.4321 | << | << |
"""
"""Table 二 as organs send it: half-width brackets, drifted labels, text numbers, a slash."""

TABLE_3 = """
| (本列数据的勾稽关系为:第一项加第二项之和,等于第三项加第四项之和) | << | << | 申请人情况 | << | << | << | << | << | << |
| ^^ | ^^ | ^^ | 自然人 | 法人或其他组织 | << | << | << | << | 总计 |
| ^^ | ^^ | ^^ | ^^ | 商业 企业 | 科研机构 | 社会公益组织 | 法律服务机构 | 其他 | ^^ |
| 一、本年新收政府信息公开申请数量 | << | << | 212 | 0 | 0 | 0 | 0 | 0 | =SUM(E23:J23) |
| 二、上年结转政府信息公开申请数量 | << | << | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| 三、本年度办理结果 | (一)予以公开 | << | 49 | 0 | 0 | 0 | 0 | 0 | 49 |
| ^^ | (二)部分公开(区分处理的,只计这一情形,不计其他情形) | << | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| ^^ | (三)不予公开 | 1.属于国家秘密 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | ^^ | 2.其他法律行政法规禁止公开 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | ^^ | 3.危及"三安全一稳定" | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | ^^ | 4.保护第三方合法权益 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | ^^ | 5.属于三类内部事务信息 | 7 | 0 | 0 | 0 | 0 | 0 | 7 |
| ^^ | ^^ | 6.属于四类过程性信息 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |
| ^^ | ^^ | 7.属于行政执法案卷 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | ^^ | 8.属于行政查询事项 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | (四)无法提供 | 1.本机关不掌握相关政府信息 | 140 | 0 | 0 | 0 | 0 | 0 | 140 |
| ^^ | ^^ | 2.没有现成信息需要另行制作 | 11 | 0 | 0 | 0 | 0 | 0 | 11 |
| ^^ | ^^ | 3.补正后申请内容仍不明确 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | (五)不予处理 | 1.信访举报投诉类申请 | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
| ^^ | ^^ | 2.重复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | ^^ | 3.要求提供公开出版物 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | ^^ | 4.无正当理由大量反复申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | ^^ | 5.要求行政机关确认或重新出具已获取信息 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | (六)其他处理 | 1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | ^^ | 2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | ^^ | 3.其他 | 0 | 0 | 0 | 0 | 0 | 0 | 0 |
| ^^ | (七)总计 | << | 211 | 0 | 0 | 0 | 0 | 0 | 211 |
| 四、结转下年度继续办理 | << | << | 1 | 0 | 0 | 0 | 0 | 0 | 1 |
"""
"""Table 三 as organs send it: half-width punctuation, a split label, a formula total.

The formula refers to the sheet cells the table takes when placed at row 20, column B.
"""

TABLE_4 = """
| 行政复议 | << | << | << | << | 行政诉讼 | << | << | << | << | << | << | << | << | << |
| 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 未经复议直接起诉 | << | << | << | << | 复议后起诉 | << | << | << | << |
| ^^ | ^^ | ^^ | ^^ | ^^ | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 | 结果维持 | 结果纠正 | 其他结果 | 尚未审结 | 总计 |
| 11 | 0 | 1 | 0 | 12 | 0 | 0 | 0 | 0 | 0 | 0 | 0 | 2 | 1 | 3 |
"""
"""Table 四 with its three header rows and one value row."""


def html(*tables: str, title: str = "") -> str:
    """The fixture tables as an HTML page, ``<<`` and ``^^`` becoming colspan and rowspan."""
    parts = [f'<html><head><meta charset="utf-8"><title>{title}</title></head><body><p>{title}</p>']
    for table in tables:
        grid = [[c.strip() for c in line.strip().strip("|").split("|")] for line in table.strip().splitlines()]
        parts.append('<table border="1">')
        for r, row in enumerate(grid):
            cells = []
            for c, token in enumerate(row):
                if token in ("<<", "^^"):
                    continue
                span = 1
                while c + span < len(row) and row[c + span] == "<<":
                    span += 1
                down = 1
                while r + down < len(grid) and c < len(grid[r + down]) and grid[r + down][c] == "^^":
                    down += 1
                attributes = (f' colspan="{span}"' if span > 1 else "") + (f' rowspan="{down}"' if down > 1 else "")
                cells.append(f"<td{attributes}>{token.lstrip(chr(39))}</td>")
            parts.append("<tr>" + "".join(cells) + "</tr>")
        parts.append("</table><p></p>")
    parts.append("</body></html>")
    return "\n".join(parts)

"""``govinfo.render`` to Word against bare python-docx writing the same paragraphs and tables.

The baseline replays what the renderer writes — every paragraph's text, every table's rows,
columns, merged cells and cell texts — with python-docx's plain calls and its default styles,
taken from the renderer's own plan before the clock starts. What the ratio measures is
govinfo's own work on top: the plan from the report, the GB/T 9704 styles, the column widths,
the cell margins and the rows kept whole.
"""

from __future__ import annotations

import functools
import io

import attrs
import docx

import govinfo
from benchmarks.timing import Result, best_of
from govinfo.model.cells import cell_values
from govinfo.writing import document as rendering

Span = tuple[int, int, int, int, str]
"""A printed cell: first row, first column, last row, last column (0-based, in its table), text."""


@attrs.frozen
class Replay:
    """What the renderer writes, as plain data: paragraphs and tables in document order."""

    blocks: tuple[str | tuple[int, int, tuple[Span, ...]], ...]


def replay_of(report: govinfo.AnnualReport) -> Replay:
    """The renderer's plan for ``report`` as plain paragraphs and tables."""
    blocks, _ = rendering.plan(report)
    values = cell_values(report)
    out: list[str | tuple[int, int, tuple[Span, ...]]] = []
    for block in blocks:
        if block.table is None:
            out.append(block.text)
            continue
        rows, width = rendering._rows(block.table)
        first = rows[0][0].row
        spans = tuple(
            (p.row - first, p.col - 1, p.end_row - first, p.end_col - 1, rendering._shown(report, values, p))
            for row in rows
            for p in row
        )
        out.append((len(rows), width, spans))
    return Replay(tuple(out))


def bare_docx(replay: Replay) -> bytes:
    """python-docx writing the replayed paragraphs and tables, merges included, with its defaults."""
    document = docx.Document()
    for block in replay.blocks:
        if isinstance(block, str):
            document.add_paragraph(block)
            continue
        height, width, spans = block
        table = document.add_table(rows=height, cols=width)
        table.style = document.styles["Table Grid"]
        cells = [list(row.cells) for row in table.rows]
        for top, left, bottom, right, text in spans:
            cell = cells[top][left]
            if (top, left) != (bottom, right):
                cell = cell.merge(cells[bottom][right])
            cell.paragraphs[0].add_run(text)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def run(quick: bool) -> list[Result]:
    """The built-in example, and a 2019-edition report, rendered to Word against the bare replay."""
    repeats = 3 if quick else 7
    results = []
    examples = [("example (2021)", govinfo.example())]
    example = govinfo.example()
    old = govinfo.build_report(
        "2019", {}, organ=example.organ, year=2020, overview=example.overview, problems=example.problems, fill=True
    )
    examples.append(("2019 edition", old))
    for name, report in examples:
        replay = replay_of(report)
        rendering.docx_bytes(report)  # warm: imports, templates
        bare_docx(replay)
        ours = best_of(functools.partial(rendering.docx_bytes, report), repeats)
        bare = best_of(functools.partial(bare_docx, replay), repeats)
        results.append(Result(f"render DOCX {name}", ours, bare, 2.0))
    return results

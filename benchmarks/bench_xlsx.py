"""read_xlsx and write_xlsx against bare openpyxl doing the same work, the calamine engine, and
read_published against read_xlsx on the same report."""

from __future__ import annotations

import io
from copy import copy
from typing import Any

import openpyxl
from openpyxl.worksheet.datavalidation import DataValidation

import govinfo
from benchmarks.corpus import make_reports
from benchmarks.timing import Result, best_of


def bare_read(data: bytes) -> int:
    """openpyxl.load_workbook and a walk over every cell: the floor any reader pays."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    seen = 0
    for ws in book.worksheets:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None:
                    seen += 1
    return seen


def _recipe(data: bytes) -> list[dict[str, Any]]:
    """What a govinfo workbook contains, sheet by sheet: cells with styles, merges, sizes, validation."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    sheets = []
    for ws in book.worksheets:
        cells = [
            (
                cell.row,
                cell.column,
                cell.value,
                copy(cell.font),
                copy(cell.alignment),
                copy(cell.border),
                cell.number_format,
            )
            for row in ws.iter_rows()
            for cell in row
            if cell.has_style or cell.value is not None
        ]
        sheets.append(
            {
                "title": ws.title,
                "cells": cells,
                "merges": [str(r) for r in ws.merged_cells.ranges],
                "widths": {k: d.width for k, d in ws.column_dimensions.items()},
                "heights": {k: d.height for k, d in ws.row_dimensions.items()},
                "validations": [(v.type, [str(r) for r in v.sqref.ranges]) for v in ws.data_validations.dataValidation],
            }
        )
    return sheets


def bare_write(recipe: list[dict[str, Any]]) -> bytes:
    """Bare openpyxl writing the same cells, styles, merges, sizes and validation."""
    book = openpyxl.Workbook()
    first = True
    for sheet in recipe:
        ws = book.active if first else book.create_sheet()
        assert ws is not None
        first = False
        ws.title = sheet["title"]
        for row, column, value, font, alignment, border, number_format in sheet["cells"]:
            cell = ws.cell(row=row, column=column)
            if value is not None:
                cell.value = value
            cell.font = font
            cell.alignment = alignment
            cell.border = border
            cell.number_format = number_format
        for merged in sheet["merges"]:
            ws.merge_cells(merged)
        for key, width in sheet["widths"].items():
            ws.column_dimensions[key].width = width
        for key, height in sheet["heights"].items():
            ws.row_dimensions[key].height = height
        for kind, ranges in sheet["validations"]:
            rule = DataValidation(type=kind, operator="greaterThanOrEqual", formula1="0")
            for cell_range in ranges:
                rule.add(cell_range)
            ws.add_data_validation(rule)
        ws.page_setup.paperSize = ws.PAPERSIZE_A4
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def run(quick: bool) -> list[Result]:
    """Measure the three targets of the Excel issue over a few workbooks."""
    repeats = 3 if quick else 7
    reports = make_reports(5 if quick else 20, seed=7)
    files = []
    for report in reports:
        buffer = io.BytesIO()
        govinfo.write_xlsx(report, buffer)
        files.append(buffer.getvalue())
    for report, data in zip(reports, files, strict=True):
        expected = (report, [f.rule_id for f in govinfo.check_text(report)])  # the corpus's texts are short
        for engine in ("openpyxl", "calamine"):
            read, findings = govinfo.read_xlsx(data, engine=engine)
            assert (read, [f.rule_id for f in findings]) == expected

    def read_govinfo() -> None:
        for data in files:
            govinfo.read_xlsx(data, engine="openpyxl")

    def read_bare() -> None:
        for data in files:
            bare_read(data)

    def read_calamine() -> None:
        for data in files:
            govinfo.read_xlsx(data, engine="calamine")

    recipes = [_recipe(data) for data in files]

    def write_govinfo() -> None:
        for report in reports:
            govinfo.write_xlsx(report, io.BytesIO())

    def write_bare() -> None:
        for recipe in recipes:
            bare_write(recipe)

    openpyxl_read = best_of(read_govinfo, repeats)
    n = len(files)
    seed = govinfo.example_text()
    seed_workbook = io.BytesIO()
    govinfo.write_xlsx(govinfo.example(), seed_workbook)
    seed_data = seed_workbook.getvalue()
    assert govinfo.read_text(seed)[0] == govinfo.read_xlsx(seed_data)[0] == govinfo.example()
    rounds = 10 if quick else 30

    def read_seed_text() -> None:
        for _ in range(rounds):
            govinfo.read_text(seed)

    def read_seed_workbook() -> None:
        for _ in range(rounds):
            govinfo.read_xlsx(seed_data, engine="openpyxl")

    return [
        Result(
            f"read_text(seed text) x{rounds}",
            best_of(read_seed_text, repeats),
            best_of(read_seed_workbook, repeats),
            0.5,
        ),
        Result(f"read_xlsx over {n} workbooks", openpyxl_read, best_of(read_bare, repeats), 1.3),
        Result(f"write_xlsx of {n} reports", best_of(write_govinfo, repeats), best_of(write_bare, repeats), 1.5),
        # Inverted so that "ratio <= target" reads the same way: calamine time / openpyxl time <= 1/5.
        Result(f"read_xlsx engine='calamine' over {n} workbooks", best_of(read_calamine, repeats), openpyxl_read, 0.2),
    ]

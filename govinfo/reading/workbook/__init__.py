"""Workbooks (``.xlsx``): safety checks on the bytes, loading, and the label-located reader.

:mod:`~govinfo.reading.workbook.safety` checks the zip before anything parses it,
:mod:`~govinfo.reading.workbook.load` loads the sheets with openpyxl or calamine,
:mod:`~govinfo.reading.workbook.reader` finds the tables by their labels.
:mod:`~govinfo.reading.workbook.text` (the lossless cell-text encoding) and
:mod:`~govinfo.reading.workbook.sheets` (govinfo's own sheet names and labels) are shared
with the writer.
"""

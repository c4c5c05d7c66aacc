"""Reading reports from files: every source kind, one finishing step, one entry point.

A reader of a source kind (:mod:`govinfo.reading.workbook`, :mod:`govinfo.reading.text`)
finds what the file holds: each cell's value with its place in the file, the narratives,
organ and year, and what it had to assume. :mod:`govinfo.reading.finish` turns that into a
:class:`~govinfo.reading.result.ReadResult` the same way for every kind (zero-fill, notes as
findings, the edition, every single-report rule located in the file).
:mod:`govinfo.reading.inputs` gets bytes within limits and tells the kind of a file;
:func:`govinfo.read` reads any of them.

May import: :mod:`govinfo.errors`, :mod:`govinfo.findings`, :mod:`govinfo.editions`,
:mod:`govinfo.model`, :mod:`govinfo.rules`.
"""

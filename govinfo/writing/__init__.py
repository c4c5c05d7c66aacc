"""Writing reports to files: the official workbook (:mod:`govinfo.writing.workbook`) and the
annotated copy of a user's workbook (:mod:`govinfo.writing.annotate`).

May import everything below it: :mod:`govinfo.errors`, :mod:`govinfo.findings`,
:mod:`govinfo.editions`, :mod:`govinfo.model`, :mod:`govinfo.rules`, :mod:`govinfo.reading`,
:mod:`govinfo.analysis`.
"""

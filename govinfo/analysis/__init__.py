"""Many reports together: last year against this year (:mod:`~govinfo.analysis.history`),
汇总 and a parent against its children (:mod:`~govinfo.analysis.aggregate`), 内容雷同
(:mod:`~govinfo.analysis.similarity`) and tidy rows for analysts
(:mod:`~govinfo.analysis.tabular`).

May import: :mod:`govinfo.errors`, :mod:`govinfo.findings`, :mod:`govinfo.editions`,
:mod:`govinfo.model`, :mod:`govinfo.rules`.
"""

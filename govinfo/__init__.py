"""govinfo: China's 政府信息公开工作年度报告 as typed objects, checked by rule.

The public API is what this module lists in ``__all__``, and the public sub-packages:
:mod:`govinfo.model` (every model class, the row classes included),
:mod:`govinfo.editions` (the official layout as data), :mod:`govinfo.rules` (the catalog)
and :mod:`govinfo.strategies`. Every other module is an implementation detail.

The workbook functions load openpyxl when first used, so that ``import govinfo`` stays
quick for work that never touches a workbook.
"""

from typing import TYPE_CHECKING, Any

from govinfo.analysis.aggregate import Aggregate, Exclusion, aggregate, compare_hierarchy
from govinfo.analysis.history import compare
from govinfo.analysis.similarity import Similarity, shared_text, similarity
from govinfo.analysis.tabular import to_dataframe, to_rows
from govinfo.editions import edition, edition_ids
from govinfo.errors import (
    AggregationError,
    ArgumentError,
    ConversionError,
    FieldTypeError,
    FileFormatError,
    GovinfoError,
    LayoutError,
    MissingExtraError,
    OutputError,
    Problem,
    ReportInvalidError,
    StructureError,
    UnknownNameError,
    UnsafeFileError,
    UnwritableValueError,
)
from govinfo.example import example, example_text, read_example
from govinfo.findings import Finding, Severity, SourceLocation
from govinfo.jsonio import from_dict, from_json, to_dict, to_json
from govinfo.model import AnnualReport, Appeals, ProactiveDisclosure, ProactiveDisclosure2019, Requests
from govinfo.model.cells import build_report, cell_values, get_cell, replace_cells
from govinfo.reading.kinds import KINDS, read
from govinfo.reading.result import Explanation, ReadResult, explain
from govinfo.reading.text.reader import read_published, read_text
from govinfo.review import Fingerprint, Review, Reviews, fingerprint, fingerprints
from govinfo.rules import RULES, Rule, rule
from govinfo.rules.engine import check, validate
from govinfo.rules.narrative import check_text
from govinfo.writing.document import render, render_html

if TYPE_CHECKING:
    from govinfo.reading.workbook.reader import read_xlsx
    from govinfo.writing.annotate import annotate_xlsx
    from govinfo.writing.workbook import template, write_aggregate_xlsx, write_xlsx

_LAZY = {
    "read_xlsx": "govinfo.reading.workbook.reader",
    "annotate_xlsx": "govinfo.writing.annotate",
    "template": "govinfo.writing.workbook",
    "write_aggregate_xlsx": "govinfo.writing.workbook",
    "write_xlsx": "govinfo.writing.workbook",
}


def __getattr__(name: str) -> Any:
    """The workbook functions, imported on first use (PEP 562)."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'govinfo' has no attribute {name!r}")
    import importlib  # noqa: PLC0415

    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


__version__ = "0.1.0"

__all__ = [
    "Aggregate",
    "AggregationError",
    "AnnualReport",
    "Appeals",
    "ArgumentError",
    "ConversionError",
    "Exclusion",
    "Explanation",
    "FieldTypeError",
    "FileFormatError",
    "Finding",
    "Fingerprint",
    "GovinfoError",
    "KINDS",
    "LayoutError",
    "MissingExtraError",
    "OutputError",
    "ProactiveDisclosure",
    "ProactiveDisclosure2019",
    "Problem",
    "RULES",
    "ReadResult",
    "ReportInvalidError",
    "Requests",
    "Review",
    "Reviews",
    "Rule",
    "Severity",
    "Similarity",
    "SourceLocation",
    "StructureError",
    "UnknownNameError",
    "UnsafeFileError",
    "UnwritableValueError",
    "aggregate",
    "annotate_xlsx",
    "build_report",
    "cell_values",
    "check",
    "check_text",
    "compare",
    "compare_hierarchy",
    "edition",
    "edition_ids",
    "example",
    "example_text",
    "explain",
    "fingerprint",
    "fingerprints",
    "from_dict",
    "from_json",
    "get_cell",
    "read",
    "read_example",
    "read_published",
    "read_text",
    "read_xlsx",
    "render",
    "render_html",
    "replace_cells",
    "rule",
    "shared_text",
    "similarity",
    "template",
    "to_dataframe",
    "to_dict",
    "to_json",
    "to_rows",
    "validate",
    "write_aggregate_xlsx",
    "write_xlsx",
]

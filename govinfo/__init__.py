"""govinfo: China's 政府信息公开工作年度报告 as typed objects, checked by rule.

The public API is what this module lists in ``__all__``; every other module is an
implementation detail unless its own docstring says otherwise (:mod:`govinfo.layout`,
:mod:`govinfo.rules` and :mod:`govinfo.strategies` are public).
"""

from govinfo.aggregate import Aggregate, Exclusion, aggregate, compare_hierarchy
from govinfo.appeals import AppealCounts, Appeals
from govinfo.cells import build_report, cell_values, get_cell, replace_cells
from govinfo.consistency import check, validate
from govinfo.editions import edition, edition_ids
from govinfo.errors import (
    AggregationError,
    FieldTypeError,
    FileFormatError,
    GovinfoError,
    LayoutError,
    Problem,
    ReportInvalidError,
    StructureError,
    UnknownNameError,
    UnsafeFileError,
    UnwritableValueError,
)
from govinfo.example import example, example_text, read_example
from govinfo.findings import Finding, Severity, SourceLocation
from govinfo.history import compare
from govinfo.jsonio import from_dict, from_json, to_dict, to_json
from govinfo.narrative import Similarity, check_text, shared_text, similarity
from govinfo.proactive import DecisionCount, DocumentCounts, FeeAmount, ProactiveDisclosure
from govinfo.proactive2019 import DocumentsMade, FeeItems, ItemCounts, ProactiveDisclosure2019, Procurement
from govinfo.provenance import Explanation, ReadResult, explain
from govinfo.published import read_published
from govinfo.report import AnnualReport
from govinfo.requests import (
    ApplicantCounts,
    NotProcessed,
    OtherHandling,
    Outcomes,
    Requests,
    Unavailable,
    Withheld,
)
from govinfo.review import Fingerprint, Review, Reviews, fingerprint, fingerprints
from govinfo.rules import RULES, Rule, rule
from govinfo.tabular import to_dataframe, to_rows
from govinfo.xlsx.annotate import annotate_xlsx
from govinfo.xlsx.read import read_xlsx
from govinfo.xlsx.write import template, write_aggregate_xlsx, write_xlsx

__version__ = "0.1.0"

__all__ = [
    "Aggregate",
    "AggregationError",
    "AnnualReport",
    "AppealCounts",
    "Appeals",
    "ApplicantCounts",
    "DecisionCount",
    "DocumentCounts",
    "DocumentsMade",
    "Exclusion",
    "Explanation",
    "FeeAmount",
    "FeeItems",
    "FieldTypeError",
    "FileFormatError",
    "Finding",
    "Fingerprint",
    "GovinfoError",
    "ItemCounts",
    "LayoutError",
    "NotProcessed",
    "OtherHandling",
    "Outcomes",
    "ProactiveDisclosure",
    "ProactiveDisclosure2019",
    "Problem",
    "Procurement",
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
    "Unavailable",
    "UnknownNameError",
    "UnsafeFileError",
    "UnwritableValueError",
    "Withheld",
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
    "read_example",
    "read_published",
    "read_xlsx",
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

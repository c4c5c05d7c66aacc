from __future__ import annotations

from importlib import resources

import govinfo


def test_all_is_sorted_and_pinned() -> None:
    assert govinfo.__all__ == sorted(govinfo.__all__)
    assert govinfo.__all__ == [
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


def test_every_public_name_resolves() -> None:
    for name in govinfo.__all__:
        assert getattr(govinfo, name) is not None


def test_every_error_is_a_govinfo_error() -> None:
    errors = [getattr(govinfo, n) for n in govinfo.__all__ if n.endswith("Error")]
    assert errors
    assert all(issubclass(e, govinfo.GovinfoError) for e in errors)


def test_errors_are_also_the_matching_builtins() -> None:
    assert issubclass(govinfo.FieldTypeError, TypeError)
    assert issubclass(govinfo.StructureError, ValueError)
    assert issubclass(govinfo.ReportInvalidError, ValueError)
    assert issubclass(govinfo.UnknownNameError, KeyError)
    for error in (
        govinfo.FileFormatError,
        govinfo.UnsafeFileError,
        govinfo.LayoutError,
        govinfo.UnwritableValueError,
        govinfo.AggregationError,
    ):
        assert issubclass(error, ValueError)


def test_package_is_typed() -> None:
    assert resources.files("govinfo").joinpath("py.typed").is_file()

from __future__ import annotations

import ast
import subprocess
import sys
from collections.abc import Iterator
from importlib import resources
from pathlib import Path

import govinfo


def test_all_is_sorted_and_pinned() -> None:
    assert govinfo.__all__ == sorted(govinfo.__all__)
    assert govinfo.__all__ == [
        "Aggregate",
        "AggregationError",
        "AnnualReport",
        "Appeals",
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


def test_the_model_namespace_lists_every_model_class() -> None:
    assert govinfo.model.__all__ == sorted(govinfo.model.__all__)
    assert govinfo.model.__all__ == [
        "AnnualReport",
        "AppealCounts",
        "Appeals",
        "ApplicantCounts",
        "DecisionCount",
        "DocumentCounts",
        "DocumentsMade",
        "FeeAmount",
        "FeeItems",
        "ItemCounts",
        "NotProcessed",
        "OtherHandling",
        "Outcomes",
        "ProactiveDisclosure",
        "ProactiveDisclosure2019",
        "Procurement",
        "Requests",
        "Unavailable",
        "Withheld",
    ]
    for name in govinfo.model.__all__:
        assert getattr(govinfo.model, name).__module__.startswith("govinfo.model.")


def test_import_govinfo_leaves_openpyxl_for_later() -> None:
    code = "import sys, govinfo; print('openpyxl' in sys.modules); govinfo.read_xlsx; print('openpyxl' in sys.modules)"
    shown = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.split()
    assert shown == ["False", "True"]


def _imports(path: Path) -> Iterator[tuple[str, str]]:
    """(module, name) of every ``from govinfo… import name`` in ``path``."""
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module and node.module.startswith("govinfo"):
            for alias in node.names:
                yield node.module, alias.name


def _package(module: str) -> str:
    """The layer package of a module: ``govinfo.reading`` for ``govinfo.reading.text.reader``."""
    parts = module.split(".")
    return ".".join(parts[:2])


def test_no_private_name_crosses_a_package() -> None:
    root = Path(govinfo.__file__).parent
    crossing = []
    for path in root.rglob("*.py"):
        relative = path.relative_to(root.parent).with_suffix("")
        importer = ".".join(p for p in relative.parts if p != "__init__")
        for module, name in _imports(path):
            private = name.startswith("_") or any(p.startswith("_") for p in module.split(".")[1:])
            if private and _package(module) != _package(importer):
                crossing.append(f"{importer}: from {module} import {name}")
    assert crossing == []


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
    assert issubclass(govinfo.OutputError, OSError)
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

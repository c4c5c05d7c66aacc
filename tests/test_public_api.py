from __future__ import annotations

import ast
import inspect
import io
import subprocess
import sys
from collections.abc import Callable, Iterator
from importlib import resources
from pathlib import Path

import attrs
import pytest

import govinfo


def test_all_is_sorted_and_pinned() -> None:
    assert govinfo.__all__ == sorted(govinfo.__all__)
    assert govinfo.__all__ == [
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


REPORT = govinfo.example()
VALID: dict[str, object] = {
    "reports": [REPORT],
    "report": REPORT,
    "previous": REPORT,
    "current": REPORT,
    "parent": REPORT,
    "children": [REPORT],
    "organ": "某区",
    "edition_id": "2021",
    "values": {},
    "year": 2024,
    "path": "requests.received.total",
    "findings": [],
    "data": govinfo.to_dict(REPORT),
    "text": govinfo.example_text(),
    "source": govinfo.example_text().encode(),
    "rule_id": "GI301",
    "other": "甲乙丙",
}
WRONG = (None, 1, 2.5, "x", b"x", object(), [1], {"a": 1}, ("x",))


def _valid(name: str) -> object:
    made: dict[str, Callable[[], object]] = {
        "result": lambda: govinfo.read_text(govinfo.example_text()),
        "finding": lambda: govinfo.check(govinfo.replace_cells(REPORT, {"appeals.reconsideration.total": 1}))[0],
        "target": io.BytesIO,
        "total": lambda: govinfo.aggregate([REPORT], organ="区"),
    }
    return made[name]() if name in made else VALID[name]


def _required(function: Callable[..., object]) -> list[inspect.Parameter]:
    """The parameters a call must give."""
    kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    parameters = inspect.signature(function).parameters.values()
    return [p for p in parameters if p.default is inspect.Parameter.empty and p.kind in kinds]


def _misuse(function: Callable[..., object], parameter: str, **arguments: object) -> None:
    """The call works (the value was acceptable after all) or fails as a GovinfoError, or a TypeError
    naming the parameter: never an internal error."""
    error: BaseException | None = None
    try:
        result = function(**arguments)
        if isinstance(result, Iterator):  # a generator checks its arguments as it runs
            list(result)
    except (govinfo.GovinfoError, TypeError) as raised:
        error = raised
    if isinstance(error, govinfo.GovinfoError):
        assert error.message_zh
        assert error.message_en
    elif error is not None:
        assert parameter in str(error), (function, parameter, error)


@pytest.mark.parametrize("name", [n for n in govinfo.__all__ if inspect.isfunction(getattr(govinfo, n))])
def test_every_public_function_says_what_a_wrong_argument_should_be(
    name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)  # a wrong value that is a valid file name ("x") is written here
    function = getattr(govinfo, name)
    required = _required(function)
    for target in required:
        for wrong in WRONG:
            arguments = {p.name: wrong if p is target else _valid(p.name) for p in required}
            _misuse(function, target.name, **arguments)


def test_a_read_result_where_a_report_belongs_says_to_take_its_report() -> None:
    result = govinfo.read_text(govinfo.example_text())
    with pytest.raises(govinfo.ArgumentError, match=r"take a read result's \.report") as caught:
        govinfo.to_dataframe([result])  # type: ignore[list-item]
    assert "reports[0]" in caught.value.message_zh
    assert "读取结果请取其 .report" in caught.value.message_zh


@pytest.mark.parametrize(
    "cls", [c for c in vars(govinfo.model).values() if isinstance(c, type) and hasattr(c, "from_parts")]
)
def test_every_from_parts_says_what_a_wrong_row_should_be(cls: type) -> None:
    build = cls.from_parts  # type: ignore[attr-defined]
    names = [p.name for p in inspect.signature(build).parameters.values() if p.kind is not p.VAR_KEYWORD]
    names = names or [a.name for a in attrs.fields(cls)]  # the groups take their rows by name
    for name in names:
        for wrong in WRONG:
            _misuse(build, name, **{name: wrong})

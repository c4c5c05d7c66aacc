"""Reports as tidy rows, for analysts: one row per cell (:func:`to_rows`), or a DataFrame.

A year of a province's reports becomes one table: ``file``, ``organ``, ``year``,
``edition``, ``path`` and ``value`` per cell, or with the ``pandas`` extra one row per
report and one column per canonical path (:func:`to_dataframe`).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from decimal import Decimal
from typing import TYPE_CHECKING, TypedDict

from govinfo.errors import MissingExtraError
from govinfo.model.cells import cell_values
from govinfo.model.report import AnnualReport, reports_argument

if TYPE_CHECKING:
    import pandas as pd


class Row(TypedDict):
    """One cell of one report."""

    file: str | None
    organ: str
    year: int
    edition: str
    path: str
    value: int | Decimal


def to_rows(reports: Iterable[AnnualReport], files: Sequence[str | None] | None = None) -> Iterator[Row]:
    """One :class:`Row` per cell of each report, in layout order; ``files`` names each report's source.

    >>> import govinfo
    >>> next(govinfo.to_rows([govinfo.example()]))["path"]
    'proactive.regulations.issued'
    """
    reports = reports_argument(reports, "to_rows")
    for index, report in enumerate(reports):
        file = files[index] if files is not None else None
        for path, value in cell_values(report).items():
            assert not isinstance(value, str)
            yield Row(file=file, organ=report.organ, year=report.year, edition=report.edition, path=path, value=value)


def to_dataframe(reports: Iterable[AnnualReport]) -> pd.DataFrame:
    """A pandas DataFrame: one row per report (``organ``, ``year``, ``edition``), one column per path.

    Needs the ``pandas`` extra (``pip install govinfo[pandas]``). Amounts stay ``Decimal``.
    """
    reports = reports_argument(reports, "to_dataframe")
    try:
        import pandas as pd  # noqa: PLC0415 — an optional extra
    except ImportError:
        raise MissingExtraError(
            '需要安装 pandas，请运行：pip install "govinfo[pandas]"',
            'pandas is needed; run: pip install "govinfo[pandas]"',
            extra="pandas",
        ) from None
    records = [{"organ": r.organ, "year": r.year, "edition": r.edition, **cell_values(r)} for r in reports]
    return pd.DataFrame.from_records(records)

"""Workbooks written by a real office program (LibreOffice, run headless).

Skipped where LibreOffice is not installed (see :mod:`tests.office`).
"""

from __future__ import annotations

from pathlib import Path

import attrs
import pytest

import govinfo
from govinfo import AnnualReport
from tests import office
from tests.office import needs_office
from tests.workbooks import TABLE_2, TABLE_3, TABLE_4, html

pytestmark = needs_office


def convert(source: Path, out: Path, *, infilter: str | None = None) -> bytes:
    """``source`` opened and saved as .xlsx by LibreOffice."""
    return office.convert(source, "xlsx", out, infilter=infilter).read_bytes()


@pytest.mark.parametrize("engine", ["openpyxl", "calamine"])
def test_written_then_resaved_by_libreoffice_reads_the_same(report: AnnualReport, tmp_path: Path, engine: str) -> None:
    odd = attrs.evolve(report, organ="=湛河区人民政府", problems="-（一）问题\n+（二）改进 @某单位\t完")
    source = tmp_path / "报告.xlsx"
    govinfo.write_xlsx(odd, source)
    resaved = convert(source, tmp_path / "out")
    assert resaved != source.read_bytes()
    read, findings = govinfo.read_xlsx(resaved, engine=engine)  # type: ignore[arg-type]
    assert findings == []
    assert read == odd


def test_an_html_table_converted_by_libreoffice(tmp_path: Path) -> None:
    page = tmp_path / "年报.html"
    three = TABLE_3.replace("=SUM(E23:J23)", "212")
    page.write_text(
        html(TABLE_2, three, TABLE_4, title="湛河区人民政府2024年政府信息公开工作年度报告"), encoding="utf-8"
    )
    data = convert(page, tmp_path / "out", infilter="HTML (StarCalc)")
    report, findings = govinfo.read_xlsx(data)
    assert govinfo.cell_values(report) == govinfo.cell_values(govinfo.example())
    assert (report.organ, report.year) == ("湛河区人民政府", 2024)
    assert {f.rule_id for f in findings} <= {"GI502", "GI503", "GI512"}
    assert {f.rule_id for f in findings} >= {"GI502", "GI512"}
    slash = next(f for f in findings if f.rule_id == "GI502")
    assert slash.path == "proactive.coercive_measures.decisions"
    assert slash.source is not None
    assert slash.source.sheet

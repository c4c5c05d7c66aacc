"""The 2021 layout against the model and against the format reference."""

from __future__ import annotations

import types
import typing
from pathlib import Path

import attrs
import pytest

import govinfo
from govinfo.editions.layout import Grid, Narrative, Table, join_path
from govinfo.model.report import SHAPES

SPEC = (Path(__file__).parent / "data" / "format.md").read_text(encoding="utf-8")
LAYOUT = govinfo.edition("2021")
TRIAL = govinfo.edition("2019")


def _edition_type(kind: type, edition_id: str) -> type:
    if isinstance(kind, types.UnionType):
        return next(k for k in typing.get_args(kind) if k in SHAPES[edition_id])
    return kind


def _leaves(cls: type, prefix: str, edition_id: str) -> list[str]:
    hints = typing.get_type_hints(_edition_type(cls, edition_id))
    paths = []
    for field in attrs.fields(_edition_type(cls, edition_id)):
        kind = _edition_type(hints[field.name], edition_id)
        path = join_path(prefix, field.name)
        paths.extend(_leaves(kind, path, edition_id) if attrs.has(kind) else [path])
    return paths


@pytest.mark.parametrize("edition_id", ["2021", "2019"])
def test_layout_covers_every_model_cell_exactly_once(edition_id: str) -> None:
    layout = govinfo.edition(edition_id)
    hints = typing.get_type_hints(govinfo.AnnualReport)
    model = [p for table in layout.tables for p in _leaves(hints[table.field], table.field, edition_id)]
    cells = [c.path for c in layout.cells] + [c.unit_path for c in layout.cells if c.unit_path]
    assert len(cells) == len(set(cells))
    assert sorted(cells) == sorted(model)


def test_sections_follow_the_model_fields_in_order() -> None:
    fields = [f.name for f in attrs.fields(govinfo.AnnualReport)]
    assert [s.field for s in LAYOUT.sections] == [
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
        "other_matters",
    ]
    assert all(s.field in fields for s in LAYOUT.sections)
    assert [s.number for s in LAYOUT.sections] == ["一", "二", "三", "四", "五", "六"]


def _labels(section: Narrative | Table) -> list[str]:
    if isinstance(section, Narrative):
        return [section.heading]
    labels = [section.heading]
    for grid in section.grids:
        labels += [x for x in (grid.title, grid.corner) if x]
        labels += [label for row in grid.rows for label in row.labels]
        labels += [label for column in grid.columns for label in column.labels]
    return labels


@pytest.mark.parametrize("section", [*LAYOUT.sections, *TRIAL.tables[:2]], ids=lambda s: s.field)
def test_every_label_is_verbatim_from_the_format(section: Narrative | Table) -> None:
    missing = [label for label in _labels(section) if label not in SPEC]
    assert missing == []


def test_table_shapes_match_the_official_layout() -> None:
    proactive, requests, appeals = LAYOUT.tables
    assert [g.title for g in proactive.grids] == [f"第二十条第（{n}）项" for n in "一五六八"]
    assert proactive.width == 4
    grid: Grid = requests.grids[0]
    assert (len(grid.rows), len(grid.columns), grid.label_depth, grid.header_depth) == (25, 7, 3, 3)
    assert requests.width == 10
    assert (len(appeals.grids[0].columns), appeals.grids[0].label_depth, appeals.grids[0].header_depth) == (15, 0, 3)
    assert [c.kind for c in LAYOUT.cells].count("amount") == 1


def test_cell_lookup_and_coordinates() -> None:
    cell = LAYOUT.cell("requests.outcomes.withheld.internal_affairs.natural_person")
    assert cell.row.label == "三、本年度办理结果／（三）不予公开／5.属于三类内部事务信息"
    assert cell.column.label == "申请人情况／自然人"
    assert cell.table.number == "三"
    with pytest.raises(govinfo.UnknownNameError, match=r"requests\.nope"):
        LAYOUT.cell("requests.nope")


def test_grid_and_edition_lookups_name_what_is_known() -> None:
    grid = LAYOUT.tables[1].grids[0]
    assert grid.row("received").labels == ("一、本年新收政府信息公开申请数量",)
    with pytest.raises(govinfo.UnknownNameError, match="received"):
        grid.row("nope")
    with pytest.raises(govinfo.UnknownNameError, match="natural_person"):
        grid.column("nope")
    with pytest.raises(govinfo.UnknownNameError, match="overview"):
        LAYOUT.section("nope")
    with pytest.raises(govinfo.UnknownNameError, match="2021"):
        govinfo.edition("2018")


def test_edition_years() -> None:
    assert govinfo.edition_ids() == ("2021", "2019")
    assert LAYOUT.fits(2021)
    assert LAYOUT.fits(2040)
    assert not LAYOUT.fits(2020)
    assert [n.field for n in LAYOUT.narratives] == ["overview", "problems", "other_matters"]


def test_every_balance_names_a_catalog_rule_and_real_lines() -> None:
    for table in LAYOUT.tables:
        for grid in table.grids:
            for balance in grid.balances:
                assert balance.rule_id in govinfo.RULES
                names = {r.path for r in grid.rows} if balance.over == "columns" else {c.field for c in grid.columns}
                assert {*balance.left, *balance.right} <= names
                assert balance.target in {*balance.left, *balance.right}

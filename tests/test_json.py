"""The JSON form: its keys, strictness, and errors that list every bad path."""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import govinfo
from govinfo import AnnualReport, StructureError
from govinfo.jsonio import _problems
from govinfo.strategies import reports


def problems(data: object) -> list[tuple[str, str]]:
    with pytest.raises(StructureError) as caught:
        if isinstance(data, str | bytes):
            govinfo.from_json(data)
        else:
            govinfo.from_dict(data)
    assert caught.value.problems
    return [(p.path, p.found) for p in caught.value.problems]


def test_top_level_keys_and_decimal_strings(report: AnnualReport) -> None:
    data = json.loads(govinfo.to_json(report))
    assert list(data) == [
        "edition",
        "organ",
        "year",
        "overview",
        "proactive",
        "requests",
        "appeals",
        "problems",
        "other_matters",
    ]
    assert data["proactive"]["fees"] == {"amount": "14.4321"}
    assert data["requests"]["outcomes"]["withheld"]["internal_affairs"]["natural_person"] == 7
    assert list(data["appeals"]) == ["reconsideration", "litigation_direct", "litigation_after_reconsideration"]
    assert govinfo.to_dict(report) == data


def test_indent_and_chinese_kept_readable(report: AnnualReport) -> None:
    text = govinfo.to_json(report, indent=2)
    assert '\n  "organ": "湛河区人民政府"' in text
    assert govinfo.from_json(text.encode("utf-8")) == report


def test_decimal_precision_and_trailing_zeros_survive(report: AnnualReport) -> None:
    for amount in ("14.43210", "0.0001", "123456789012345678901234567890.123456789"):
        r = govinfo.replace_cells(report, {"proactive.fees.amount": Decimal(amount)})
        assert govinfo.to_dict(r)["proactive"]["fees"]["amount"] == amount
        assert str(govinfo.get_cell(govinfo.from_json(govinfo.to_json(r)), "proactive.fees.amount")) == amount


def test_non_finite_amounts_are_refused_on_write(report: AnnualReport) -> None:
    r = govinfo.replace_cells(report, {"proactive.fees.amount": Decimal("NaN")})
    with pytest.raises(StructureError, match=r"proactive\.fees\.amount"):
        govinfo.to_json(r)


@pytest.fixture
def data(report: AnnualReport) -> dict[str, Any]:
    return govinfo.to_dict(report)


def test_every_bad_path_is_listed_at_once(data: dict[str, Any]) -> None:
    data["year"] = True
    data["organ"] = 7
    data["requests"]["received"]["total"] = 1.5
    data["requests"]["received"]["commercial"] = "0"
    data["proactive"]["fees"]["amount"] = 14.4321
    data["appeals"]["reconsideration"]["extra"] = 1
    del data["requests"]["outcomes"]["withheld"]["state_secret"]
    data["surplus"] = {}
    assert problems(data) == [
        ("organ", "int 7"),
        ("year", "bool True"),
        ("proactive.fees.amount", "float 14.4321"),
        ("requests.received.commercial", "str '0'"),
        ("requests.received.total", "float 1.5"),
        ("requests.outcomes.withheld.state_secret", ""),
        ("appeals.reconsideration.extra", ""),
        ("surplus", ""),
    ]


def test_error_message_is_bilingual_and_names_the_paths(data: dict[str, Any]) -> None:
    data["year"] = "2024"
    del data["overview"]
    with pytest.raises(StructureError) as caught:
        govinfo.from_dict(data)
    assert caught.value.message_zh.splitlines() == [
        "JSON 内容不是有效的年度报告，共 2 处问题：",
        "  year：应为整数，实际为 str '2024'",
        "  overview：缺少必填字段",
    ]
    assert caught.value.message_en.splitlines() == [
        "JSON input is not a valid annual report; 2 problem(s):",
        "  year: expected an integer, found str '2024'",
        "  overview: required field missing",
    ]


@pytest.mark.parametrize(
    ("amount", "ok"),
    [("14.4321", True), ("-1", True), ("0", True), ("1e3", False), (" 1", False), ("1_000", False), ("NaN", False)],
)
def test_amount_strings_are_plain_decimals(data: dict[str, Any], amount: str, ok: bool) -> None:
    data["proactive"]["fees"]["amount"] = amount
    if ok:
        assert str(govinfo.get_cell(govinfo.from_dict(data), "proactive.fees.amount")) == amount
    else:
        assert problems(data) == [("proactive.fees.amount", f"str {amount!r}")]


def test_unknown_edition(data: dict[str, Any]) -> None:
    data["edition"] = "2022"
    with pytest.raises(StructureError) as caught:
        govinfo.from_dict(data)
    assert caught.value.problems[0].message("en") == "edition: expected an edition id (2021, 2019), found str '2022'"


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("", ""),
        ("{", ""),
        ('{"year": 1, "year": 2}', "year"),
        ("[]", ""),
        ("null", ""),
        ("1" * 5000, ""),
        ("[" * 100_000 + "]" * 100_000, ""),
        ('{"organ": "a\x01b"}', ""),
        (b"\xff\xfe\x00garbage", ""),
        (b"\x80\x81", ""),
    ],
)
def test_invalid_json_text(text: str | bytes, path: str) -> None:
    found = problems(text)
    assert found
    assert found[0][0] == path


def test_json_decode_error_says_where() -> None:
    with pytest.raises(StructureError) as caught:
        govinfo.from_json('{\n  "organ": oops}')
    assert "第 2 行第 12 列" in caught.value.message_zh
    assert "line 2, column 12" in caught.value.message_en


def test_non_text_input() -> None:
    with pytest.raises(StructureError, match="str or bytes"):
        govinfo.from_json(123)  # type: ignore[arg-type]


def test_nan_and_infinity_tokens_are_not_counts(data: dict[str, Any]) -> None:
    text = json.dumps(data).replace('"total": 212', '"total": NaN', 1).replace('"total": 1}', '"total": Infinity}', 1)
    found = problems(text)
    assert ("requests.received.total", "float nan") in found


def test_nested_junk_is_reported_at_its_path(data: dict[str, Any]) -> None:
    data["requests"]["outcomes"] = [1, 2]
    data["appeals"] = "无"
    assert problems(data) == [("requests.outcomes", "list [1, 2]"), ("appeals", "str '无'")]


JSON_VALUES = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text()
    | st.sampled_from(["2021", "14.4321", "NaN", "\x00", "=1+1"]),
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=8), children, max_size=4),
    max_leaves=20,
)


@given(JSON_VALUES)
def test_junk_dicts_give_only_structure_errors(junk: object) -> None:
    with pytest.raises(StructureError):
        govinfo.from_dict(junk)


@given(st.binary(max_size=200) | st.text(max_size=200))
def test_junk_text_gives_only_structure_errors(junk: str | bytes) -> None:
    with pytest.raises(StructureError):
        govinfo.from_json(junk)


def _leaf_paths(node: object, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    if isinstance(node, dict):
        return [p for key, child in node.items() for p in _leaf_paths(child, (*prefix, key))]
    return [prefix]


@given(st.data(), JSON_VALUES)
def test_junk_at_any_path_is_reported_at_that_path(data: st.DataObject, junk: object) -> None:
    valid = govinfo.to_dict(govinfo.example())
    path = data.draw(st.sampled_from(_leaf_paths(valid)))
    broken = copy.deepcopy(valid)
    node = broken
    for key in path[:-1]:
        node = node[key]
    original = node[path[-1]]
    if type(junk) is type(original) and not isinstance(junk, dict | list):
        return  # the same type may be a valid value (another count, another text)
    node[path[-1]] = junk
    with pytest.raises(StructureError) as caught:
        govinfo.from_dict(broken)
    assert [p.path for p in caught.value.problems][:1] == [".".join(path)]


def test_an_unforeseen_error_still_becomes_a_problem() -> None:
    assert _problems(RuntimeError("boom"), "requests") == [
        govinfo.Problem("requests", "有效值", "a valid value", "RuntimeError: boom")
    ]


@settings(max_examples=5)
@given(reports(edition_id="2019"))
def test_a_non_finite_amount_of_the_trial_edition_is_named_at_its_path(trial: AnnualReport) -> None:
    broken = govinfo.replace_cells(trial, {"proactive.procurement.amount": Decimal("NaN")})
    with pytest.raises(StructureError) as caught:
        govinfo.to_json(broken)
    assert [p.path for p in caught.value.problems] == ["proactive.procurement.amount"]

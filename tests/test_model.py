from __future__ import annotations

from decimal import Decimal

import attrs
import pytest

import govinfo
from govinfo import AnnualReport, ProactiveDisclosure, Requests
from govinfo.model import AppealCounts, ApplicantCounts, Outcomes


def test_applicant_row_from_parts_computes_the_total() -> None:
    row = ApplicantCounts.from_parts(natural_person=3, commercial=1, other=2)
    assert row.total == 6
    assert row.parts() == (3, 1, 0, 0, 0, 2)


def test_rows_add_cell_by_cell_keeping_reported_totals() -> None:
    a = ApplicantCounts(natural_person=1, commercial=0, research=0, nonprofit=0, legal_service=0, other=0, total=5)
    b = ApplicantCounts.from_parts(natural_person=2, research=1)
    assert a + b == ApplicantCounts(
        natural_person=3, commercial=0, research=1, nonprofit=0, legal_service=0, other=0, total=8
    )
    assert a.__add__(1) is NotImplemented  # type: ignore[operator]


def test_outcomes_from_parts_sums_every_outcome_row() -> None:
    one = ApplicantCounts.from_parts(natural_person=1)
    outcomes = Outcomes.from_parts(disclosed=one, partially_disclosed=one)
    assert outcomes.total == ApplicantCounts.from_parts(natural_person=2)
    assert len(outcomes.parts()) == 21  # 2 + 8 + 3 + 5 + 3 rows add up to （七）总计 in 2021


def test_requests_from_parts_computes_the_carried_forward_balance() -> None:
    received = ApplicantCounts.from_parts(natural_person=5)
    done = Outcomes.from_parts(disclosed=ApplicantCounts.from_parts(natural_person=7))
    table = Requests.from_parts(received=received, outcomes=done)
    assert table.carried_forward.natural_person == -2  # kept as implied; the rules report it
    assert table.carried_forward.total == -2


def test_appeal_group_from_parts() -> None:
    assert AppealCounts.from_parts(upheld=1, pending=2).total == 3


@pytest.mark.parametrize("bad", [True, 1.0, "1", None, Decimal(1)])
def test_counts_must_be_int(bad: object) -> None:
    with pytest.raises(govinfo.FieldTypeError, match="natural_person") as caught:
        ApplicantCounts.from_parts(natural_person=bad)  # type: ignore[arg-type]
    assert "应为整数" in caught.value.message_zh
    assert "expected an int" in caught.value.message_en


def test_int_subclasses_other_than_bool_are_counts() -> None:
    class Count(int):
        pass

    assert AppealCounts.from_parts(upheld=Count(2)).upheld == 2


@pytest.mark.parametrize("bad", [14.4321, True, "14,4321", "", None])
def test_amount_must_be_decimal_or_convert_to_one_exactly(bad: object) -> None:
    with pytest.raises(govinfo.FieldTypeError, match="amount"):
        ProactiveDisclosure.from_values(fees=bad)  # type: ignore[arg-type]


@pytest.mark.parametrize(("given", "amount"), [(14, "14"), ("14.4321", "14.4321"), (" 0.10 ", "0.10")])
def test_amount_from_an_int_or_a_numeral_is_exact(given: int | str, amount: str) -> None:
    assert govinfo.model.FeeAmount(amount=given).amount == Decimal(amount)
    assert str(ProactiveDisclosure.from_values(fees=given).fees.amount) == amount
    assert govinfo.model.Procurement(projects=1, amount=given, unit="万元").amount == Decimal(amount)


def test_a_misspelt_field_names_the_fields_the_class_takes() -> None:
    with pytest.raises(govinfo.ArgumentError) as caught:
        ApplicantCounts.from_parts(natural_persn=1)  # type: ignore[call-arg]
    assert "natural_persn（natural_person？）" in caught.value.message_zh
    assert "it takes natural_person, commercial, research, nonprofit, legal_service, other" in caught.value.message_en
    with pytest.raises(TypeError, match="has no parameter fee \\(fees\\?\\)"):  # still a TypeError
        ProactiveDisclosure.from_values(fee=1)  # type: ignore[call-arg]
    with pytest.raises(govinfo.ArgumentError, match="缺少参数：research、nonprofit、legal_service、other、total"):
        ApplicantCounts(natural_person=1, commercial=0)
    with pytest.raises(govinfo.ArgumentError, match="AppealCounts\\(\\) 只接受按名称给出的参数"):
        AppealCounts(1, 2, 3, 4, 10)  # type: ignore[call-arg]


def test_errors_inside_a_constructor_are_not_reworded() -> None:
    with pytest.raises(govinfo.FieldTypeError):  # raised by a validator, below the call
        AppealCounts(upheld=None, corrected=0, other=0, pending=0, total=0)  # type: ignore[arg-type]


def test_texts_and_parts_are_type_checked(report: AnnualReport) -> None:
    with pytest.raises(govinfo.FieldTypeError, match="organ"):
        attrs.evolve(report, organ=None)  # type: ignore[arg-type]
    with pytest.raises(govinfo.FieldTypeError, match="requests"):
        attrs.evolve(report, requests=report.appeals)  # type: ignore[arg-type]
    with pytest.raises(govinfo.FieldTypeError, match="year"):
        attrs.evolve(report, year=True)
    with pytest.raises(govinfo.FieldTypeError, match="edition"):
        attrs.evolve(report, edition="2020")


def test_values_are_not_checked_by_constructors(report: AnnualReport) -> None:
    negative = attrs.evolve(
        report, appeals=attrs.evolve(report.appeals, reconsideration=AppealCounts.from_parts(upheld=-1))
    )
    assert negative.appeals.reconsideration.total == -1


def test_model_is_frozen_and_keyword_only(report: AnnualReport) -> None:
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        report.year = 2025  # type: ignore[misc]
    with pytest.raises(TypeError):
        AppealCounts(1, 2, 3, 4, 10)  # type: ignore[call-arg]


def test_field_type_error_message_is_bilingual() -> None:
    with pytest.raises(govinfo.GovinfoError) as caught:
        AppealCounts.from_parts(upheld="x" * 200)  # type: ignore[arg-type]
    text = str(caught.value)
    assert text.splitlines()[0] == caught.value.message("zh")
    assert caught.value.message("en") in text
    assert len(caught.value.message_en) < 150  # long values are clipped


def test_direct_construction_checks_every_count() -> None:
    with pytest.raises(govinfo.FieldTypeError, match="total"):
        ApplicantCounts(natural_person=0, commercial=0, research=0, nonprofit=0, legal_service=0, other=0, total=False)


def test_every_group_of_table_3_builds_from_its_rows_by_name() -> None:
    one = ApplicantCounts.from_parts(natural_person=1)
    withheld = govinfo.model.Withheld.from_parts(internal_affairs=one)
    assert withheld.internal_affairs == one
    assert withheld.state_secret == ApplicantCounts.from_parts()
    assert govinfo.model.Unavailable.from_parts().not_held.total == 0
    assert govinfo.model.NotProcessed.from_parts(repeated=one).repeated.total == 1
    assert govinfo.model.OtherHandling.from_parts(fee_unpaid=one).fee_unpaid == one
    with pytest.raises(TypeError, match="has no row 'internal_afairs'; its rows are state_secret, "):
        govinfo.model.Withheld.from_parts(internal_afairs=one)

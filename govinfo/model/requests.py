"""Table 三: requests received and handled (收到和处理政府信息公开申请情况).

Every row of the table is an :class:`ApplicantCounts` with the seven applicant columns.
The table prints its own balance: 一 + 二 = 三（七）总计 + 四, for each column. The groups
（三）–（六） have no subtotal row. Labels are in :mod:`govinfo.editions.format2021`.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Self

import attrs

from govinfo.errors import expect
from govinfo.model import fields


@attrs.frozen(kw_only=True)
class ApplicantCounts:
    """One row of table 三 across the applicant columns (申请人情况).

    ``total`` is the reported 总计, which a report read from a file may get wrong; use
    :meth:`from_parts` to build a row whose total is computed.
    """

    natural_person: int = fields.count()
    commercial: int = fields.count()
    research: int = fields.count()
    nonprofit: int = fields.count()
    legal_service: int = fields.count()
    other: int = fields.count()
    total: int = fields.count()

    @classmethod
    def from_parts(
        cls,
        *,
        natural_person: int = 0,
        commercial: int = 0,
        research: int = 0,
        nonprofit: int = 0,
        legal_service: int = 0,
        other: int = 0,
    ) -> ApplicantCounts:
        """A row from its six applicant counts, with ``total`` computed as their sum."""
        fields.require_counts(
            cls.__name__,
            {
                "natural_person": natural_person,
                "commercial": commercial,
                "research": research,
                "nonprofit": nonprofit,
                "legal_service": legal_service,
                "other": other,
            },
        )
        return cls(
            natural_person=natural_person,
            commercial=commercial,
            research=research,
            nonprofit=nonprofit,
            legal_service=legal_service,
            other=other,
            total=natural_person + commercial + research + nonprofit + legal_service + other,
        )

    def parts(self) -> tuple[int, int, int, int, int, int]:
        """The six applicant counts, without the total."""
        return (self.natural_person, self.commercial, self.research, self.nonprofit, self.legal_service, self.other)

    def __add__(self, other: ApplicantCounts) -> ApplicantCounts:
        """Cell-wise sum of two rows (totals are added as reported, not recomputed)."""
        if not isinstance(other, ApplicantCounts):
            return NotImplemented
        return ApplicantCounts(
            natural_person=self.natural_person + other.natural_person,
            commercial=self.commercial + other.commercial,
            research=self.research + other.research,
            nonprofit=self.nonprofit + other.nonprofit,
            legal_service=self.legal_service + other.legal_service,
            other=self.other + other.other,
            total=self.total + other.total,
        )


ZERO = ApplicantCounts.from_parts()


def _row() -> ApplicantCounts:
    return fields.part(ApplicantCounts)  # type: ignore[no-any-return]


class _Rows:
    """A group of table-三 rows under one heading (（三）–（六）), built by row name."""

    @classmethod
    def from_parts(cls, **rows: ApplicantCounts) -> Self:
        """The group from the rows given by name; rows not given are all zero.

        A name that is not one of the group's rows is a :class:`TypeError` that lists them.
        """
        names = [a.name for a in attrs.fields(cls)]  # type: ignore[arg-type]
        unknown = sorted(set(rows) - set(names))
        if unknown:
            given = ", ".join(map(repr, unknown))
            raise TypeError(f"{cls.__name__}.from_parts() has no row {given}; its rows are {', '.join(names)}")
        _given(f"{cls.__name__}.from_parts", rows, ApplicantCounts)
        return cls(**{name: rows.get(name, ZERO) for name in names})


def _given(function: str, values: Mapping[str, object], kinds: type | tuple[type, ...]) -> None:
    """:class:`~govinfo.ArgumentError` for a value given as a row or group that is not one."""
    allowed = [k for k in (kinds if isinstance(kinds, tuple) else (kinds,)) if k is not type(None)]
    named = " 或 ".join(k.__name__ for k in allowed)
    example = f"{allowed[0].__name__}.from_parts(…)" if allowed[0] is not ApplicantCounts else _ROW_EXAMPLE
    for name, value in values.items():
        expect(
            value,
            kinds,
            function=function,
            parameter=name,
            zh=f" {named}（如 {example}）",
            en=f" {' or '.join(k.__name__ for k in allowed)} (e.g. {example})",
        )


_ROW_EXAMPLE = "ApplicantCounts.from_parts(natural_person=3)"


@attrs.frozen(kw_only=True)
class Withheld(_Rows):
    """（三）不予公开: the eight grounds for withholding, rows 1–8 of table 三."""

    state_secret: ApplicantCounts = _row()
    prohibited_by_law: ApplicantCounts = _row()
    security_stability: ApplicantCounts = _row()
    third_party_rights: ApplicantCounts = _row()
    internal_affairs: ApplicantCounts = _row()
    process_information: ApplicantCounts = _row()
    enforcement_files: ApplicantCounts = _row()
    administrative_query: ApplicantCounts = _row()


@attrs.frozen(kw_only=True)
class Unavailable(_Rows):
    """（四）无法提供: information that cannot be provided, rows 1–3 of table 三."""

    not_held: ApplicantCounts = _row()
    needs_creation: ApplicantCounts = _row()
    unclear_after_correction: ApplicantCounts = _row()


@attrs.frozen(kw_only=True)
class NotProcessed(_Rows):
    """（五）不予处理: requests not processed, rows 1–5 of table 三."""

    petition_complaint: ApplicantCounts = _row()
    repeated: ApplicantCounts = _row()
    publication: ApplicantCounts = _row()
    excessive: ApplicantCounts = _row()
    reconfirmation: ApplicantCounts = _row()


@attrs.frozen(kw_only=True)
class OtherHandling(_Rows):
    """（六）其他处理, edition 2021: rows 1–3 of table 三."""

    no_correction: ApplicantCounts = _row()
    fee_unpaid: ApplicantCounts = _row()
    other: ApplicantCounts = _row()


@attrs.frozen(kw_only=True)
class Outcomes:
    """三、本年度办理结果: how this year's requests were handled, with （七）总计."""

    disclosed: ApplicantCounts = _row()
    partially_disclosed: ApplicantCounts = _row()
    withheld: Withheld = fields.part(Withheld)
    unavailable: Unavailable = fields.part(Unavailable)
    not_processed: NotProcessed = fields.part(NotProcessed)
    other_handling: OtherHandling | ApplicantCounts = fields.part((OtherHandling, ApplicantCounts))
    """Three rows in the 2021 edition (:class:`OtherHandling`), one row in the 2019 trial."""
    total: ApplicantCounts = _row()

    def parts(self) -> tuple[ApplicantCounts, ...]:
        """Every outcome row that adds up to （七）总计, in table order."""
        groups = (self.withheld, self.unavailable, self.not_processed, self.other_handling)
        rows: list[ApplicantCounts] = [self.disclosed, self.partially_disclosed]
        for group in groups:
            if isinstance(group, ApplicantCounts):
                rows.append(group)
            else:
                rows.extend(getattr(group, a.name) for a in attrs.fields(type(group)))
        return tuple(rows)

    @classmethod
    def from_parts(
        cls,
        *,
        disclosed: ApplicantCounts = ZERO,
        partially_disclosed: ApplicantCounts = ZERO,
        withheld: Withheld | None = None,
        unavailable: Unavailable | None = None,
        not_processed: NotProcessed | None = None,
        other_handling: OtherHandling | ApplicantCounts | None = None,
    ) -> Outcomes:
        """The outcome rows with （七）总计 computed; omitted groups are all zero.

        ``other_handling`` defaults to the three zero rows of the 2021 edition; pass one
        :class:`ApplicantCounts` for the 2019 trial edition.
        """
        _given(
            "Outcomes.from_parts", {"disclosed": disclosed, "partially_disclosed": partially_disclosed}, ApplicantCounts
        )
        groups = {"withheld": withheld, "unavailable": unavailable, "not_processed": not_processed}
        for (name, value), kind in zip(groups.items(), (Withheld, Unavailable, NotProcessed), strict=True):
            _given("Outcomes.from_parts", {name: value}, (kind, type(None)))
        _given("Outcomes.from_parts", {"other_handling": other_handling}, (OtherHandling, ApplicantCounts, type(None)))
        made = cls(
            disclosed=disclosed,
            partially_disclosed=partially_disclosed,
            withheld=withheld or Withheld.from_parts(),
            unavailable=unavailable or Unavailable.from_parts(),
            not_processed=not_processed or NotProcessed.from_parts(),
            other_handling=other_handling or OtherHandling.from_parts(),
            total=ZERO,
        )
        total = ZERO
        for row in made.parts():
            total = total + row
        return attrs.evolve(made, total=total)


@attrs.frozen(kw_only=True)
class Requests:
    """Table 三 of both editions (三、收到和处理政府信息公开申请情况)."""

    received: ApplicantCounts = _row()
    carried_over: ApplicantCounts = _row()
    outcomes: Outcomes = fields.part(Outcomes)
    carried_forward: ApplicantCounts = _row()

    @classmethod
    def from_parts(
        cls, *, received: ApplicantCounts = ZERO, carried_over: ApplicantCounts = ZERO, outcomes: Outcomes | None = None
    ) -> Requests:
        """The table with 四、结转下年度继续办理 computed from the printed balance.

        ``carried_forward = received + carried_over − outcomes.total``, per column. A
        negative result is kept (it is what the inputs imply) and the rules report it.
        """
        _given("Requests.from_parts", {"received": received, "carried_over": carried_over}, ApplicantCounts)
        _given("Requests.from_parts", {"outcomes": outcomes}, (Outcomes, type(None)))
        done = outcomes or Outcomes.from_parts()
        forward = {
            a.name: getattr(received, a.name) + getattr(carried_over, a.name) - getattr(done.total, a.name)
            for a in attrs.fields(ApplicantCounts)
        }
        return cls(
            received=received,
            carried_over=carried_over,
            outcomes=done,
            carried_forward=ApplicantCounts(**forward),
        )

"""Table 二, edition 2021: proactive disclosure (主动公开政府信息情况).

Four blocks, one per cited item of Art. 20 of the 条例: （一） rules and normative
documents, （五） licensing decisions, （六） penalties and coercive measures, （八） fees.
The official labels of every row and column are in :mod:`govinfo.editions.format2021`.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from govinfo.model import fields


@attrs.frozen(kw_only=True)
class DocumentCounts:
    """Documents issued, repealed and in force (规章 / 行政规范性文件 rows, block 第二十条第（一）项)."""

    issued: int = fields.count()
    repealed: int = fields.count()
    in_force: int = fields.count()


@attrs.frozen(kw_only=True)
class DecisionCount:
    """Decisions taken this year (本年处理决定数量, blocks 第二十条第（五）项 and （六）项)."""

    decisions: int = fields.count()


@attrs.frozen(kw_only=True)
class FeeAmount:
    """Administrative fees collected, in 万元 (本年收费金额（单位：万元）, block 第二十条第（八）项).

    ``amount`` is a :class:`~decimal.Decimal` so that published values such as
    ``14.4321`` survive every round trip exactly; an ``int`` or a numeral (``"14.43"``) is
    converted exactly, a ``float`` refused.
    """

    amount: Decimal = attrs.field(converter=fields.to_amount, validator=fields.check_amount)


@attrs.frozen(kw_only=True)
class ProactiveDisclosure:
    """Table 二 of the 2021 format (二、主动公开政府信息情况)."""

    regulations: DocumentCounts = fields.part(DocumentCounts)
    normative_documents: DocumentCounts = fields.part(DocumentCounts)
    licensing: DecisionCount = fields.part(DecisionCount)
    penalties: DecisionCount = fields.part(DecisionCount)
    coercive_measures: DecisionCount = fields.part(DecisionCount)
    fees: FeeAmount = fields.part(FeeAmount)

    @classmethod
    def from_values(
        cls,
        *,
        regulations: tuple[int, int, int] = (0, 0, 0),
        normative_documents: tuple[int, int, int] = (0, 0, 0),
        licensing: int = 0,
        penalties: int = 0,
        coercive_measures: int = 0,
        fees: Decimal | int | str = Decimal(0),
    ) -> ProactiveDisclosure:
        """Build the table from plain values; document rows are ``(issued, repealed, in_force)``."""

        def documents(values: tuple[int, int, int]) -> DocumentCounts:
            issued, repealed, in_force = values
            return DocumentCounts(issued=issued, repealed=repealed, in_force=in_force)

        return cls(
            regulations=documents(regulations),
            normative_documents=documents(normative_documents),
            licensing=DecisionCount(decisions=licensing),
            penalties=DecisionCount(decisions=penalties),
            coercive_measures=DecisionCount(decisions=coercive_measures),
            fees=FeeAmount(amount=fees),
        )

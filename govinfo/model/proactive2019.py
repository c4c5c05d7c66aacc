"""Table 二, edition 2019 (trial): proactive disclosure (主动公开政府信息情况).

Five blocks, one per cited item of Art. 20 of the 条例: （一） rules and normative
documents made and published, （五） licensing and other services, （六） penalties and
coercive measures, （八） fees, （九） government procurement. ``items_change`` (本年增/减)
is signed: a decrease is written negative. The procurement amount keeps the unit the filer
wrote (the trial table prints none): nothing is converted. Labels are in
:mod:`govinfo.editions.format2019`.
"""

from __future__ import annotations

from decimal import Decimal

import attrs

from govinfo.model import fields


@attrs.frozen(kw_only=True)
class DocumentsMade:
    """Documents made, published and published in all (规章 / 规范性文件 rows, block 第二十条第（一）项)."""

    made: int = fields.count()
    published: int = fields.count()
    total_published: int = fields.count()


@attrs.frozen(kw_only=True)
class ItemCounts:
    """Items last year, this year's change (signed) and decisions (blocks 第二十条第（五）项 and （六）项)."""

    items_last_year: int = fields.count()
    items_change: int = fields.count()
    decisions: int = fields.count()


@attrs.frozen(kw_only=True)
class FeeItems:
    """Fee items last year and this year's change (行政事业性收费, block 第二十条第（八）项)."""

    items_last_year: int = fields.count()
    items_change: int = fields.count()


@attrs.frozen(kw_only=True)
class Procurement:
    """Government procurement (政府集中采购, block 第二十条第（九）项).

    ``amount`` is exact; ``unit`` is what the filer wrote after it (``"元"``, ``"万元"``),
    or ``""`` when they wrote none.
    """

    projects: int = fields.count()
    amount: Decimal = attrs.field(converter=fields.to_amount, validator=fields.check_amount)
    unit: str = fields.text()


@attrs.frozen(kw_only=True)
class ProactiveDisclosure2019:
    """Table 二 of the 2019 trial format (二、主动公开政府信息情况)."""

    regulations: DocumentsMade = fields.part(DocumentsMade)
    normative_documents: DocumentsMade = fields.part(DocumentsMade)
    licensing: ItemCounts = fields.part(ItemCounts)
    other_services: ItemCounts = fields.part(ItemCounts)
    penalties: ItemCounts = fields.part(ItemCounts)
    coercive_measures: ItemCounts = fields.part(ItemCounts)
    fees: FeeItems = fields.part(FeeItems)
    procurement: Procurement = fields.part(Procurement)

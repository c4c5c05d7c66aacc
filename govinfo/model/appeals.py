"""Table 四: administrative reconsideration and litigation (政府信息公开行政复议、行政诉讼情况).

One value row of 15 cells in three groups of five, each ending in its own 总计. There is
no combined 行政诉讼 total. Labels are in :mod:`govinfo.editions.format2021`.
"""

from __future__ import annotations

import attrs

from govinfo.model import fields


@attrs.frozen(kw_only=True)
class AppealCounts:
    """One group of table 四: 结果维持, 结果纠正, 其他结果, 尚未审结 and their 总计."""

    upheld: int = fields.count()
    corrected: int = fields.count()
    other: int = fields.count()
    pending: int = fields.count()
    total: int = fields.count()

    @classmethod
    def from_parts(cls, *, upheld: int = 0, corrected: int = 0, other: int = 0, pending: int = 0) -> AppealCounts:
        """A group from its four outcomes, with ``total`` computed as their sum."""
        fields.require_counts(
            cls.__name__, {"upheld": upheld, "corrected": corrected, "other": other, "pending": pending}
        )
        return cls(
            upheld=upheld, corrected=corrected, other=other, pending=pending, total=upheld + corrected + other + pending
        )


@attrs.frozen(kw_only=True)
class Appeals:
    """Table 四 of both editions: 行政复议, and 行政诉讼 without and after reconsideration."""

    reconsideration: AppealCounts = fields.part(AppealCounts)
    litigation_direct: AppealCounts = fields.part(AppealCounts)
    litigation_after_reconsideration: AppealCounts = fields.part(AppealCounts)

"""The report as typed objects: one module per table, under the canonical names of the format spec.

:class:`AnnualReport` (:mod:`govinfo.model.report`) holds the metadata, the three narratives
and tables 二 (:mod:`~govinfo.model.proactive`, :mod:`~govinfo.model.proactive2019`),
三 (:mod:`~govinfo.model.requests`) and 四 (:mod:`~govinfo.model.appeals`);
:mod:`govinfo.model.cells` reads, replaces and builds reports by canonical cell path.
Constructors check types only: an inconsistent report loads, so every problem in it can be
reported at once.

This namespace lists every model class, the row classes included; ``govinfo`` itself keeps
the few a caller names most often. May import: :mod:`govinfo.errors`,
:mod:`govinfo.findings`, :mod:`govinfo.editions`.
"""

from govinfo.model import fields as _fields
from govinfo.model.appeals import AppealCounts, Appeals
from govinfo.model.proactive import DecisionCount, DocumentCounts, FeeAmount, ProactiveDisclosure
from govinfo.model.proactive2019 import DocumentsMade, FeeItems, ItemCounts, ProactiveDisclosure2019, Procurement
from govinfo.model.report import AnnualReport
from govinfo.model.requests import (
    ApplicantCounts,
    NotProcessed,
    OtherHandling,
    Outcomes,
    Requests,
    Unavailable,
    Withheld,
)

for _class in (
    AnnualReport, AppealCounts, Appeals, ApplicantCounts, DecisionCount, DocumentCounts, DocumentsMade, FeeAmount,
    FeeItems, ItemCounts, NotProcessed, OtherHandling, Outcomes, ProactiveDisclosure, ProactiveDisclosure2019,
    Procurement, Requests, Unavailable, Withheld,
):  # fmt: skip
    _fields.name_fields(_class)

__all__ = [
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

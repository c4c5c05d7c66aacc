"""Hypothesis entry point: registers govinfo's strategies for ``st.from_type``.

Hypothesis runs this hook while it is being imported, which may be in the middle of
importing :mod:`govinfo.strategies` (that module imports Hypothesis). The hook therefore
registers resolvers that import the strategies only when ``from_type`` first asks.
"""

from __future__ import annotations

from hypothesis import strategies as st

from govinfo.editions import edition_ids
from govinfo.model.appeals import AppealCounts
from govinfo.model.report import AnnualReport
from govinfo.model.requests import ApplicantCounts


def _resolve(thing: type) -> st.SearchStrategy[object]:
    from govinfo import strategies  # noqa: PLC0415 — see the module docstring

    made: dict[type, st.SearchStrategy[object]] = {
        # both editions, each with the years it is meant for (2019–2020 for the trial format)
        AnnualReport: st.sampled_from(edition_ids()).flatmap(lambda e: strategies.reports(edition_id=e)),
        ApplicantCounts: strategies.applicant_counts(),
        AppealCounts: strategies.appeal_counts(),
    }
    return made[thing]


def _hypothesis_setup_hook() -> None:
    for thing in (AnnualReport, ApplicantCounts, AppealCounts):
        st.register_type_strategy(thing, _resolve)

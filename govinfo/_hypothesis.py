"""Hypothesis entry point: registers govinfo's strategies for ``st.from_type``."""

from __future__ import annotations

from hypothesis import strategies as st

from govinfo.appeals import AppealCounts
from govinfo.report import AnnualReport
from govinfo.requests import ApplicantCounts
from govinfo.strategies import appeal_counts, applicant_counts, reports


def _hypothesis_setup_hook() -> None:
    st.register_type_strategy(AnnualReport, reports())
    st.register_type_strategy(ApplicantCounts, applicant_counts())
    st.register_type_strategy(AppealCounts, appeal_counts())

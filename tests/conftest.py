"""Shared fixtures and Hypothesis profiles.

CI runs the ``ci`` profile: derandomized, so that a red run can be reproduced exactly.
Developers get the ``dev`` profile: random examples, so new counterexamples keep coming.
"""

from __future__ import annotations

import os

import pytest
from hypothesis import HealthCheck, settings

import govinfo

settings.register_profile(
    "ci", derandomize=True, deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def report() -> govinfo.AnnualReport:
    """A valid report: the built-in example."""
    return govinfo.example()

"""Shared fixtures, Hypothesis profiles and the check that every rule fires in some test.

CI runs the ``ci`` profile: derandomized, so that a red run can be reproduced exactly.
Developers get the ``dev`` profile: random examples, so new counterexamples keep coming;
``quick`` (``HYPOTHESIS_PROFILE=quick``, or ``python3 dev.py test --quick``) draws 10
examples per property for a short edit–test loop.

Every finding made in the test process is counted by rule; a run of the whole suite fails
if a rule of the catalog never fired, so that no rule goes untested.
"""

from __future__ import annotations

import importlib
import os
from collections import Counter
from collections.abc import Callable
from types import ModuleType
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

import govinfo
from govinfo.rules import Rule

settings.register_profile(
    "ci", derandomize=True, deadline=None, max_examples=100, suppress_health_check=[HealthCheck.too_slow]
)
settings.register_profile("dev", deadline=None, max_examples=100)
settings.register_profile("quick", deadline=None, max_examples=10, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("ci" if os.environ.get("CI") else os.environ.get("HYPOTHESIS_PROFILE", "dev"))


@pytest.fixture
def without_module(monkeypatch: pytest.MonkeyPatch) -> Callable[[str], None]:
    """Hide installed modules from ``importlib.import_module`` (how govinfo loads its extras): call the
    fixture with a module's name, and importing it raises ``ImportError`` for the rest of the test."""
    real = importlib.import_module
    hidden: set[str] = set()

    def importer(name: str, package: str | None = None) -> ModuleType:
        if name in hidden:
            raise ImportError(name)
        return real(name, package)

    monkeypatch.setattr(importlib, "import_module", importer)
    return hidden.add


@pytest.fixture
def report() -> govinfo.AnnualReport:
    """A valid report: the built-in example."""
    return govinfo.example()


FIRED: Counter[str] = Counter()
"""Rule ID → findings made in this test process."""
_finding = Rule.finding


def _counted(self: Rule, *args: Any, **kwargs: Any) -> govinfo.Finding:
    FIRED[self.id] += 1
    return _finding(self, *args, **kwargs)


Rule.finding = _counted  # type: ignore[method-assign]


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    """After a whole, green run: fail if a rule of the catalog fired in no test."""
    options = session.config.option
    whole = session.config.args == list(session.config.getini("testpaths"))
    if exitstatus != 0 or not whole or options.keyword or options.markexpr or options.deselect:
        return  # a failed run, or a subset
    silent = sorted(set(govinfo.RULES) - set(FIRED))
    if silent:
        print(f"\nrules that fired in no test: {', '.join(silent)}")
        session.exitstatus = pytest.ExitCode.TESTS_FAILED

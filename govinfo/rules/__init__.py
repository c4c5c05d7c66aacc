"""The rules: the catalog (:mod:`govinfo.rules.catalog`), the engine that applies the table
rules (:mod:`govinfo.rules.engine`), the narrative rules (:mod:`govinfo.rules.narrative`) and
the catalog as documents (:mod:`govinfo.rules.docs`).

May import: :mod:`govinfo.errors`, :mod:`govinfo.findings`, :mod:`govinfo.editions`,
:mod:`govinfo.model`. This package is public: :data:`RULES`, :class:`Rule` and :func:`rule`
are importable from here.
"""

from govinfo.rules.catalog import RULES, Rule, Scope, rule

__all__ = ["RULES", "Rule", "Scope", "rule"]

"""The official format as data: how each edition lays out the report, and the registry of editions.

:mod:`govinfo.editions.layout` declares the shapes (sections, tables, grids, rows, columns,
balances); :mod:`govinfo.editions.format2021` and :mod:`govinfo.editions.format2019` are the
data. Adding an edition is one more declaration module and one more entry in :data:`EDITIONS`.

May import: :mod:`govinfo.errors` only.
"""

from __future__ import annotations

from collections.abc import Mapping

from govinfo.editions.format2019 import EDITION_2019
from govinfo.editions.format2021 import EDITION_2021
from govinfo.editions.layout import Edition
from govinfo.errors import UnknownNameError, expect_text

EDITIONS: Mapping[str, Edition] = {e.id: e for e in (EDITION_2021, EDITION_2019)}
"""Every edition govinfo models, newest first."""


def edition(edition_id: str) -> Edition:
    """The edition ``edition_id`` (e.g. ``"2021"``); :class:`~govinfo.UnknownNameError` if unknown."""
    expect_text(edition_id, function="edition", parameter="edition_id")
    found = EDITIONS.get(edition_id)
    if found is None:
        raise UnknownNameError("格式版本", "edition", edition_id, tuple(EDITIONS))
    return found


def edition_ids() -> tuple[str, ...]:
    """The ids of every edition, newest first."""
    return tuple(EDITIONS)

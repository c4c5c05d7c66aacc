"""The registry of editions of the official format, by id.

Adding an edition is one more layout module (like :mod:`govinfo.format2021`) and one more
entry in :data:`EDITIONS`.
"""

from __future__ import annotations

from collections.abc import Mapping

from govinfo.errors import UnknownNameError
from govinfo.format2019 import EDITION_2019
from govinfo.format2021 import EDITION_2021
from govinfo.layout import Edition

EDITIONS: Mapping[str, Edition] = {e.id: e for e in (EDITION_2021, EDITION_2019)}
"""Every edition govinfo models, newest first."""


def edition(edition_id: str) -> Edition:
    """The edition ``edition_id`` (e.g. ``"2021"``); :class:`~govinfo.UnknownNameError` if unknown."""
    found = EDITIONS.get(edition_id)
    if found is None:
        raise UnknownNameError("格式版本", "edition", edition_id, tuple(EDITIONS))
    return found


def edition_ids() -> tuple[str, ...]:
    """The ids of every edition, newest first."""
    return tuple(EDITIONS)

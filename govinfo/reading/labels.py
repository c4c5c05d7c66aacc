"""Matching the official labels in real files: normalisation and known variants.

Readers compare a cell's text with a layout label after :func:`normalize` (NFKC folds
full-width digits and punctuation, white space is removed, quote styles are unified, and
traditional script becomes simplified through OpenCC, the ``traditional`` extra). Anything
beyond an identical text is a *loose* match, which readers report. The sources keep the
text as the file writes it.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Iterable, Mapping
from enum import Enum
from typing import cast

from govinfo.editions.format2021 import DOCUMENT
from govinfo.errors import LayoutError
from govinfo.reading.extras import installed

_QUOTES = str.maketrans({"“": '"', "”": '"', "「": '"', "」": '"', "『": '"', "』": '"', "＂": '"', "'": '"'})
_SPACE = re.compile(r"\s+")
_ENUMERATOR = re.compile(r"^(?:\(?[一二三四五六七八九十]+\)|[一二三四五六七八九十]+[、.]|\(?\d+\)|\d+[、.])")
_ANNOTATION = re.compile(r"^\(.*\)$")
_NUMBERING = re.compile(r"^(\d+)[、,，]")
"""``1、`` or ``1,`` where the format numbers ``1.``."""

_TITLE_END = re.compile(rf"(?P<year>(?:19|20)[0-9]{{2}})\s*年(?:度)?{DOCUMENT}")
_ORGAN_STOPS = frozenset("，。")


def find_title(text: str, *, whole: bool = False) -> tuple[str, int] | None:
    """The organ and year of a title ``{organ}{year}年政府信息公开工作年度报告`` in ``text``.

    The organ is the run of characters before the year (up to white space, ``，`` or ``。``);
    ``whole`` asks that the title be all of ``text``. Linear in the length of the text.
    """
    found = _TITLE_END.search(text)
    if found is None:
        return None
    end = found.start()
    while end and text[end - 1].isspace():
        end -= 1
    start = end
    while start and not text[start - 1].isspace() and text[start - 1] not in _ORGAN_STOPS:
        start -= 1
    if whole and (start or found.end() != len(text)):
        return None
    return text[start:end], int(found.group("year"))


ALIASES: Mapping[str, tuple[str, ...]] = {
    "行政规范性文件": ("规范性文件",),
    "本年制发件数": ("本年新制发数量", "本年制发数量", "本年新制发件数"),
    "本年废止件数": ("本年废止数量", "废止数量", "废止件数"),
    "现行有效件数": ("现行有效数量", "现行有效文件数"),
}
"""Official label → wordings real reports use instead (spec §8, label drift)."""


class Match(Enum):
    """How a text matched a label."""

    EXACT = "exact"
    LOOSE = "loose"


def normalize(text: str) -> str:
    """The comparable form of a label: NFKC, no white space, one quote style, simplified script."""
    return simplified(_SPACE.sub("", unicodedata.normalize("NFKC", text)).translate(_QUOTES))


@functools.cache
def _converter() -> Callable[[str], str] | None:
    if not installed("opencc"):
        return None
    import opencc  # noqa: PLC0415 — an optional extra

    return cast("Callable[[str], str]", opencc.OpenCC("t2s").convert)


@functools.lru_cache(maxsize=2**16)
def _simplified(text: str) -> str:
    convert = _converter()
    return convert(text) if convert is not None else text


def simplified(text: str) -> str:
    """``text`` in simplified script (OpenCC's character conversion ``t2s``, which leaves simplified
    text as it is); unchanged where the ``traditional`` extra is not installed (:func:`traditional`
    says when that matters)."""
    if text.isascii():
        return text
    return _simplified(text) if len(text) <= _CACHED else (_converter() or str)(text)


_CACHED = 200
"""Texts up to this long (labels, tokens) are converted once each."""

TRADITIONAL_WORDS = ("資訊", "公開", "申請", "報告", "規範", "處理", "數量", "總計", "機關", "結轉")
"""Words of the official labels whose characters only traditional script writes so."""


def with_hint(error: LayoutError) -> LayoutError:
    """``error`` saying that the file is in traditional script and what to install to read it."""
    command = 'pip install "govinfo[traditional]"'
    return LayoutError(
        f"{error.message_zh}（文件使用繁体字，请安装繁简转换后再试：{command}）",
        f"{error.message_en} (the file is in traditional script; install the converter: {command})",
    )


def traditional(texts: Iterable[str]) -> bool:
    """Whether ``texts`` are in traditional script while nothing converts it (the extra is missing)."""
    if _converter() is not None:
        return False
    return any(word in text for text in texts for word in TRADITIONAL_WORDS)


@functools.lru_cache(maxsize=2**14)
def _strip_enumerator(text: str) -> str:
    """``text`` without its leading enumerator (each label and cell text is stripped once)."""
    return _ENUMERATOR.sub("", text, count=1) if text[:1] in _ENUMERATOR_STARTS else text


_ENUMERATOR_STARTS = frozenset("(（一二三四五六七八九十0123456789")


def match(text: str, label: str) -> Match | None:
    """How the normalized ``text`` matches the normalized ``label``, or ``None``.

    Loose matches: a known alias; ``1、`` numbering for ``1.``; the label with one character
    dropped (``政许可``); the label followed by a bracketed annotation (provincial
    notes); the label with or without its enumerator (``1.``, ``（一）``); a truncated label
    keeping at least three characters and 60 % of it.
    """
    if text == label:
        return Match.EXACT
    if not text:
        return None
    if text in ALIASES.get(label, ()):
        return Match.LOOSE
    if text[:1].isdigit() and _NUMBERING.sub(r"\1.", text, count=1) == label:
        return Match.LOOSE
    if text.startswith(label) and _ANNOTATION.match(text[len(label) :]):
        return Match.LOOSE
    bare_text, bare_label = _strip_enumerator(text), _strip_enumerator(label)
    if len(bare_text) >= 3 and bare_text == bare_label:  # 其他, 总计 alone are too common to match this way
        return Match.LOOSE
    if len(text) >= max(3, 0.6 * len(label)) and label.startswith(text):
        return Match.LOOSE
    if len(text) >= _DROPPED and len(label) == len(text) + 1 and _one_dropped(text, label):
        return Match.LOOSE
    return None


_DROPPED = 3
"""A label this long or longer is still itself with one character dropped (``政许可``, ``年废止件数``)."""


def _one_dropped(text: str, label: str) -> bool:
    """Whether ``text`` is ``label`` with one character left out."""
    first = next((i for i, (a, b) in enumerate(zip(text, label, strict=False)) if a != b), len(text))
    return text[first:] == label[first + 1 :]

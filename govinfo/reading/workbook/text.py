"""Text in worksheet cells, without loss.

Two limits of the format are handled here, both losslessly and compatibly with Excel:

* Characters a worksheet cannot hold (C0 controls other than tab and line feed; carriage
  return too, which XML parsing would turn into a line feed) are written as the ECMA-376
  escape ``_xHHHH_``, which Excel and LibreOffice
  display as the character itself; a literal ``_xHHHH_`` in the text is escaped as
  ``_x005F_xHHHH_``. :func:`decode` reverses both.
* In text of white space only, the XML white space (space, tab, line feed, carriage
  return) is written as escapes: without ``xml:space="preserve"`` (which openpyxl omits
  for such text) readers such as python-calamine trim it to nothing.
* A cell holds at most 32,767 UTF-16 code units; :func:`chunks` splits longer text into
  pieces that fit, never inside a character.
"""

from __future__ import annotations

import re

CELL_LIMIT = 32_767
"""The most UTF-16 code units a worksheet cell holds."""

_ILLEGAL = re.compile(r"[\x00-\x08\x0b-\x1f\ufffe\uffff]")
_LITERAL = re.compile(r"_(x[0-9A-Fa-f]{4}_)")
_ESCAPE = re.compile(r"_x([0-9A-Fa-f]{4})_")
_XML_SPACE = frozenset(" \t\n\r")


def encode(text: str) -> str:
    """``text`` with literal escapes protected and illegal characters escaped."""
    protected = _LITERAL.sub(r"_x005F_\1", text)
    encoded = _ILLEGAL.sub(lambda m: f"_x{ord(m.group()):04X}_", protected)
    if encoded and not encoded.strip():
        # openpyxl marks xml:space="preserve" only where something is left after str.strip()
        return "".join(f"_x{ord(c):04X}_" if c in _XML_SPACE else c for c in encoded)
    return encoded


def decode(text: str) -> str:
    """The original text of a cell written by :func:`encode` (or by Excel)."""
    return _ESCAPE.sub(lambda m: chr(int(m.group(1), 16)), text)


def _units(char: str) -> int:
    return 2 if ord(char) > 0xFFFF else 1


def chunks(text: str, limit: int = CELL_LIMIT) -> list[str]:
    """``text`` (already encoded) in pieces of at most ``limit`` UTF-16 units; ``[""]`` if empty.

    A piece never ends inside an escape sequence, so each piece decodes on its own.
    """
    if len(text) * 2 <= limit:
        return [text]
    pieces: list[str] = []
    start = used = 0
    i = 0
    while i < len(text):
        step = 7 if _ESCAPE.match(text, i) else 1
        size = sum(_units(c) for c in text[i : i + step])
        if used + size > limit:
            pieces.append(text[start:i])
            start, used = i, 0
        used += size
        i += step
    pieces.append(text[start:])
    return pieces

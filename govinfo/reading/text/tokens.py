"""Published text as tokens: each cell of a line a label or a value, with where it stands."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from govinfo.findings import SourceLocation
from govinfo.reading.labels import normalize
from govinfo.reading.values import PLACEHOLDERS

_NUMBER = re.compile(r"[-+]?[0-9０-９][0-9０-９,，.．]*")
_WORD = re.compile(r"\S+")
_PLAIN = re.compile(r"[0-9]{1,15}")
_VALUE = re.compile(r"^(?:[-+]?[0-9０-９][0-9０-９,，]*(?:[.．][0-9０-９]+)?(?:万元|元|件|项)?|减[0-9]+|增[0-9]+)$")
_HEADING_MAX = 40
_NAMED_HEADING = 4
"""A heading's name this long is its own, even without its numeral."""


@attrs.frozen
class Token:
    """One cell of published text: a label or a value, and where it stands."""

    text: str
    line: int
    value: bool
    column: int = 0
    """The column of its first character in the line (1-based; 0 when not known)."""
    end: int = 0
    """The column of its last character."""
    key: str = attrs.field(init=False)
    """The canonical form labels are matched on (simplified, NFKC, no white space)."""

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "key", "" if self.value else canonical(self.text))

    def location(self, *, until: Token | None = None) -> SourceLocation:
        """Where this token (through ``until``) stands: line, column span and the text."""
        last = until or self
        if last is self:
            return SourceLocation(line=self.line, column=self.column, end_column=self.end, text=self.text)
        text = f"{self.text} {last.text}"
        end = last.end if last.line == self.line else None
        return SourceLocation(line=self.line, column=self.column, end_column=end, text=text)


def lead(text: str) -> int:
    """How many white-space characters ``text`` starts with."""
    return len(text) - len(text.lstrip())


def canonical(text: str) -> str:
    # 檔案 is the Taiwan word for 文件 in republished copies (其他主動公開檔案, 規範性檔案).
    return normalize(text.replace("檔案", "文件"))  # Taiwan's word for a 文件 (OpenCC converts characters only)


def heading_at(line: str, headings: Sequence[tuple[str, str]]) -> str | None:
    """The section whose heading this line is, if it is one."""
    text = canonical(line)
    if not text or len(text) > _HEADING_MAX:
        return None
    for field, heading in headings:
        label = canonical(heading)
        if text == label or text.rstrip(":：") == label:
            return field
        number, _, name = label.partition("、")
        if text.endswith(name) and len(text) <= len(label) + 2 and text.startswith(number):
            return field
        if text.lstrip("、.") == name and len(name) >= _NAMED_HEADING:  # the numeral lost: 、收到和处理…
            return field
    return None


_CELL = {"\t": re.compile(r"[^\t]+"), "|": re.compile(r"[^|]+"), "": re.compile(r".+")}


def _trailing_numbers(text: str) -> tuple[int, list[str]]:
    """The run of number words that ends ``text``: where it starts, and its words (linear time)."""
    words = list(_WORD.finditer(text))
    first = len(words)
    while first and _NUMBER.fullmatch(words[first - 1].group()):
        first -= 1
    if first == len(words):
        return len(text), []
    return words[first].start(), [w.group() for w in words[first:]]


def _pieces(text: str) -> list[tuple[str, bool]]:
    """The tokens of one cell's text: (text, is a value)."""
    if _PLAIN.fullmatch(text):  # most cells of a table: one number
        return [(text, True)]
    start, parts = _trailing_numbers(text)
    label = text[:start].strip() if parts else text
    if not label and len(parts) > 1:  # a whole value row in one cell, as PDF text gives
        return [(p, True) for p in parts]
    if label and (len(parts) > 1 or (parts and not _VALUE.match(text))):
        return [(label, False), *((p, True) for p in parts)]
    if _VALUE.match(text.replace(" ", "")) or text in PLACEHOLDERS:
        return [(text.replace(" ", ""), True)]
    if all(_VALUE.match(p) for p in text.split()):
        return [(p, True) for p in text.split()]
    return [(text, False)]


def tokens(lines: Iterable[tuple[int, str]]) -> list[Token]:
    tokens = []
    for number, line in lines:
        separator = "\t" if "\t" in line else ("|" if "|" in line else "")
        for cell in _CELL[separator].finditer(line):
            text = " ".join(cell.group().split())
            if not text:
                continue
            cursor = cell.start()
            for piece, value in _pieces(text):
                found = line.find(piece, cursor, cell.end())
                if found >= 0:
                    stop = found + len(piece)
                else:  # its white space was closed up (商业  企业, 1 234): count its characters
                    found = cursor + lead(line[cursor : cell.end()])
                    stop = _label_end(line, found, piece, cell.end())
                tokens.append(Token(piece, number, value=value, column=found + 1, end=stop))
                cursor = stop
    return tokens


def _label_end(line: str, start: int, label: str, limit: int) -> int:
    """Where a label whose white space was closed up ends in the line (exclusive)."""
    wanted = len("".join(label.split()))
    position = start
    while position < limit and wanted:
        if not line[position].isspace():
            wanted -= 1
        position += 1
    return position

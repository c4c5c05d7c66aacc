"""The errors govinfo raises.

Every error derives from :class:`GovinfoError` and carries its message in Chinese
(``message_zh``, also ``str(error)``'s first line) and English (``message_en``).
Subclasses are named for what the caller can do about them, and each is also the
matching builtin where one fits, so ``except ValueError`` keeps working.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from typing import TYPE_CHECKING, Literal

import attrs

if TYPE_CHECKING:
    from govinfo.findings import Finding

Lang = Literal["zh", "en"]


class GovinfoError(Exception):
    """Root of every error govinfo raises (govinfo 所有错误的基类)."""

    def __init__(self, message_zh: str, message_en: str) -> None:
        super().__init__(message_zh, message_en)
        self.message_zh = message_zh
        self.message_en = message_en

    def message(self, lang: Lang = "zh") -> str:
        """The message in ``lang`` (``"zh"`` or ``"en"``)."""
        return self.message_en if lang == "en" else self.message_zh

    def __str__(self) -> str:
        return f"{self.message_zh}\n{self.message_en}"


class FieldTypeError(GovinfoError, TypeError):
    """A model field was given a value of the wrong type (字段类型错误).

    Raised by the model constructors, which check types only: a count must be an
    ``int`` (not ``bool`` or ``float``), an amount a ``Decimal``, a text a ``str``.
    """

    def __init__(self, owner: str, field: str, expected_zh: str, expected_en: str, value: object) -> None:
        found = describe(value)
        super().__init__(
            f"{owner}.{field}：应为{expected_zh}，实际为 {found}",
            f"{owner}.{field}: expected {expected_en}, found {found}",
        )
        self.owner = owner
        self.field = field
        self.value = value


@attrs.frozen
class Problem:
    """One bad place in structured input: where, what was expected, what was found.

    ``found`` is empty when the problem is the place itself (a missing or unknown key);
    ``expected_*`` then says what is wrong with it.
    """

    path: str
    expected_zh: str
    expected_en: str
    found: str = ""

    def message(self, lang: Lang = "zh") -> str:
        """One line naming the path, the expectation and the finding."""
        if lang == "en":
            where = self.path or "(top level)"
            if not self.found:
                return f"{where}: {self.expected_en}"
            return f"{where}: expected {self.expected_en}, found {self.found}"
        where = self.path or "（顶层）"
        if not self.found:
            return f"{where}：{self.expected_zh}"
        return f"{where}：应为{self.expected_zh}，实际为 {self.found}"


class StructureError(GovinfoError, ValueError):
    """Structured input (JSON, a dict) does not have the report's shape (结构无效).

    ``problems`` lists every bad path at once, not only the first.
    """

    def __init__(self, problems: Sequence[Problem], *, source: str = "JSON") -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        zh = "\n".join(f"  {p.message('zh')}" for p in self.problems)
        en = "\n".join(f"  {p.message('en')}" for p in self.problems)
        super().__init__(
            f"{source} 内容不是有效的年度报告，共 {count} 处问题：\n{zh}",
            f"{source} input is not a valid annual report; {count} problem(s):\n{en}",
        )


class ReportInvalidError(GovinfoError, ValueError):
    """Raised by :func:`govinfo.validate`: the report breaks error-level rules (报告有错误).

    ``findings`` holds every error-level finding, in rule-catalog order.
    """

    def __init__(self, findings: Sequence[Finding]) -> None:
        self.findings = tuple(findings)
        zh = "\n".join(f"  [{f.rule_id}] {f.message_zh}" for f in self.findings)
        en = "\n".join(f"  [{f.rule_id}] {f.message_en}" for f in self.findings)
        super().__init__(
            f"报告有 {len(self.findings)} 项错误：\n{zh}",
            f"the report has {len(self.findings)} error(s):\n{en}",
        )


class UnwritableValueError(GovinfoError, ValueError):
    """A value cannot be written to the target format without loss (无法无损写入).

    Raised before anything is written: e.g. a count beyond 2**53 − 1 or an amount with
    more digits than an Excel number keeps.
    """

    def __init__(self, path: str, value: object, reason_zh: str, reason_en: str) -> None:
        found = describe(value)
        super().__init__(f"{path}：{found} 无法写入，{reason_zh}", f"{path}: cannot write {found}: {reason_en}")
        self.path = path
        self.value = value


class FileFormatError(GovinfoError, ValueError):
    """The input is not a file of the expected kind, or is damaged (文件格式错误)."""


class UnsafeFileError(GovinfoError, ValueError):
    """The input is refused as unsafe: it would take unbounded time or memory (文件不安全)."""


class OutputError(GovinfoError, OSError):
    """A file could not be written (a missing folder, a full disk, no permission); the old one is untouched
    (无法写入)."""


class MissingExtraError(GovinfoError, ImportError):
    """Reading this kind of file needs an optional dependency that is not installed; the message names
    the ``pip install`` command (缺少可选依赖)."""

    def __init__(self, message_zh: str, message_en: str, *, extra: str) -> None:
        super().__init__(message_zh, message_en)
        self.extra = extra


class ConversionError(GovinfoError, RuntimeError):
    """An office program could not convert a file (not installed, failed, or took too long) (转换失败)."""


class ArgumentError(GovinfoError, TypeError):
    """A public function was given an argument of the wrong kind; the message names the function, the
    parameter and what it takes (参数类型错误)."""


def _kind(value: object) -> str:
    return type(value).__name__


def expect(value: object, kinds: type | tuple[type, ...], *, function: str, parameter: str, zh: str, en: str) -> None:
    """Raise :class:`ArgumentError` unless ``value`` is one of ``kinds`` (``zh``/``en`` say what it takes)."""
    if not isinstance(value, kinds):
        raise ArgumentError(
            f"{function}() 的参数 {parameter} 应为{zh}，而不是 {_kind(value)}",
            f"{function}() takes {en.strip()} as {parameter}, not {_kind(value)}",
        )


def expect_text(value: object, *, function: str, parameter: str) -> str:
    """``value`` if it is a ``str``, else :class:`ArgumentError`."""
    expect(value, str, function=function, parameter=parameter, zh="字符串（str）", en="a str")
    assert isinstance(value, str)
    return value


class LayoutError(GovinfoError, ValueError):
    """None of the report's tables could be found in the input (未识别出报告表格)."""


class AggregationError(GovinfoError, ValueError):
    """Reports that cannot be totalled together: mixed years or editions, an organ twice (无法汇总)."""


_LISTED = 40
"""Known names listed in full up to this many; beyond, the nearest three."""


class UnknownNameError(GovinfoError, KeyError):
    """A rule ID, edition or cell path that govinfo does not know (名称未知)."""

    def __init__(self, kind_zh: str, kind_en: str, name: str, known: Sequence[str] = ()) -> None:
        if len(known) > _LISTED:  # too many to list: the nearest ones (a misspelt path)
            near = difflib.get_close_matches(name, known, n=3, cutoff=0.6)
            hint_zh = f"；最接近的：{'、'.join(near)}" if near else ""
            hint_en = f"; the nearest: {', '.join(near)}" if near else ""
        else:
            hint_zh = f"；可用：{'、'.join(known)}" if known else ""
            hint_en = f"; known: {', '.join(known)}" if known else ""
        super().__init__(f"未知的{kind_zh}“{name}”{hint_zh}", f"unknown {kind_en} {name!r}{hint_en}")
        self.name = name

    def __str__(self) -> str:  # KeyError would otherwise repr() the message
        return GovinfoError.__str__(self)


def describe(value: object, limit: int = 60) -> str:
    """A short, safe description of a value for messages: its type and a clipped repr."""
    text = repr(value)
    if len(text) > limit:
        text = text[: limit - 1] + "…"
    return f"{type(value).__name__} {text}"

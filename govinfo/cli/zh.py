"""argparse's own words in Chinese first, like the rest of the command.

argparse looks its messages up through ``gettext`` at the moment it prints them; while the
command's arguments are parsed, :func:`chinese` puts a table in front of that lookup, so that
``usage:``, ``error: the following arguments are required`` and the help's headings read in
Chinese, with the English kept beside them.
"""

from __future__ import annotations

import argparse
import contextlib
from collections.abc import Callable, Iterator

WORDS = {
    "usage: ": "用法 usage: ",
    "%(prog)s: error: %(message)s\n": "%(prog)s：错误 error: %(message)s\n",
    "the following arguments are required: %s": "缺少必需的参数 the following arguments are required: %s",
    "unrecognized arguments: %s": "无法识别的参数 unrecognized arguments: %s",
    "invalid choice: %(value)r (choose from %(choices)s)": "无效的选项 invalid choice: %(value)r（可选 choose from "
    "%(choices)s）",
    "expected one argument": "需要一个值 expected one argument",
    "expected at least one argument": "至少需要一个值 expected at least one argument",
    "invalid %(type)s value: %(value)r": "无效的 %(type)s 值 invalid %(type)s value: %(value)r",
    "argument %(argument_name)s: %(message)s": "参数 argument %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": "选项有歧义 ambiguous option: %(option)s could match "
    "%(matches)s",
    "not allowed with argument %s": "不能与参数 %s 同用 not allowed with argument %s",
    "show this help message and exit": "显示帮助并退出 show this help message and exit",
    "show program's version number and exit": "显示版本号并退出 show program's version number and exit",
    "positional arguments": "位置参数 positional arguments",
    "options": "选项 options",
}
"""argparse's English → the words the command prints (Chinese first, the English kept)."""


def translate(text: str) -> str:
    """``text`` as the command prints it."""
    return WORDS.get(text, text)


@contextlib.contextmanager
def chinese() -> Iterator[None]:
    """argparse speaking Chinese first while the ``with`` block runs."""
    module: object = argparse
    original: Callable[[str], str] = module._  # type: ignore[attr-defined]
    module._ = translate  # type: ignore[attr-defined]
    try:
        yield
    finally:
        module._ = original  # type: ignore[attr-defined]

"""The optional dependencies of the readers, each in an extra named for what it reads.

A reader asks for its library with :func:`need`; when it is missing, the caller gets a
:class:`~govinfo.MissingExtraError` naming the ``pip install`` command, never an
``ImportError`` from deep inside.
"""

from __future__ import annotations

import importlib
import importlib.util
from types import ModuleType

from govinfo.errors import MissingExtraError

EXTRAS = {
    "excel": ("python_calamine",),
    "word": ("docx",),
    "pdf": ("pdfplumber",),
    "traditional": ("opencc",),
    "serve": ("flask", "waitress"),
}
"""Extra → the modules it installs (``pip install "govinfo[all]"`` installs every one)."""


def need(
    module: str, extra: str, what_zh: str, what_en: str, *, doing: tuple[str, str] = ("读取", "reading")
) -> ModuleType:
    """The module ``module`` of ``extra``; :class:`~govinfo.MissingExtraError` when it is not installed.

    The message says what needs it: ``doing`` (读取 / reading by default) ``what``.
    """
    try:
        return importlib.import_module(module)
    except ImportError:
        command = f'pip install "govinfo[{extra}]"'
        raise MissingExtraError(
            f"{doing[0]}{what_zh}需要安装可选依赖，请运行：{command}",
            f"{doing[1]} {what_en} needs an optional dependency; run: {command}",
            extra=extra,
        ) from None


def installed(module: str) -> bool:
    """Whether ``module`` can be imported (without importing it)."""
    return importlib.util.find_spec(module) is not None

"""The kinds of file govinfo reads, and :func:`read`, which reads any of them.

Every kind is declared once in :data:`KINDS`: its name, its suffixes, how to tell it from
its first bytes and its reader. The command, the library and the docs take the list of
readable files from here. A file's kind is told by its content first (a workbook is a zip
with ``xl/workbook.xml`` whatever its name) and by its suffix only where the content does
not decide (JSON and text are both text).
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from pathlib import Path

import attrs

from govinfo.errors import FileFormatError
from govinfo.findings import Finding, SourceLocation
from govinfo.jsonio import from_json
from govinfo.reading.inputs import Binary, read_bytes
from govinfo.reading.result import ReadResult
from govinfo.reading.text.decode import MAX_BYTES as MAX_TEXT_BYTES
from govinfo.reading.text.reader import read_published
from govinfo.reading.workbook.safety import MAX_FILE_BYTES
from govinfo.rules.engine import check

MAX_JSON_BYTES = 20 * 2**20
"""Far beyond any report in JSON."""


def _read_json(data: bytes) -> ReadResult:
    """A report from JSON: the rules' findings (JSON has no places to point at)."""
    report = from_json(data)
    return ReadResult(report, check(report))


def _read_workbook(data: bytes) -> ReadResult:
    from govinfo.reading.workbook.reader import read_xlsx  # noqa: PLC0415 — openpyxl only when a workbook is read

    return read_xlsx(data)


@attrs.frozen
class Kind:
    """One kind of file govinfo reads."""

    name: str
    """A short English name: ``xlsx``, ``json``, ``text``, ``html``."""
    label_zh: str
    suffixes: tuple[str, ...]
    limit: int
    """The largest file of this kind accepted, in bytes."""
    reader: Callable[[bytes], ReadResult]


KINDS: tuple[Kind, ...] = (
    Kind("xlsx", "Excel 工作簿", (".xlsx", ".xlsm"), MAX_FILE_BYTES, _read_workbook),
    Kind("json", "JSON", (".json",), MAX_JSON_BYTES, _read_json),
    Kind("html", "网页", (".html", ".htm"), MAX_TEXT_BYTES, read_published),
    Kind("text", "文本", (".txt",), MAX_TEXT_BYTES, read_published),
)
"""Every kind of file :func:`read` takes, in the order the command lists them."""

SUFFIXES: tuple[str, ...] = tuple(s for kind in KINDS for s in kind.suffixes)
"""Every suffix of a readable file (a folder is searched for these)."""

_BY_NAME = {kind.name: kind for kind in KINDS}
_BY_SUFFIX = {suffix: kind for kind in KINDS for suffix in kind.suffixes}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


def kind_of(name: str) -> Kind:
    """The kind named ``name`` (``xlsx``, ``json``, ``text``, ``html``) or with that suffix (``.xlsx``, ``txt``)."""
    key = name.lower()
    found = _BY_NAME.get(key) or _BY_SUFFIX.get(key) or _BY_SUFFIX.get(f".{key}")
    if found is None:
        raise FileFormatError(
            f"不支持的文件类型“{name}”（可读取：{readable('zh')}）",
            f"unsupported file type {name!r} (readable: {readable('en')})",
        )
    return found


def readable(lang: str = "zh") -> str:
    """The suffixes :func:`read` takes, listed for a message."""
    return ("、" if lang == "zh" else ", ").join(SUFFIXES)


def _zip_kind(data: bytes) -> Kind | None:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return None
    return _BY_NAME["xlsx"] if "xl/workbook.xml" in names else None


def detect(data: bytes, name: str | None = None) -> Kind:
    """The kind of a file from its first bytes, or from ``name``'s suffix where they do not decide."""
    suffix = Path(name).suffix.lower() if name else ""
    if data.startswith(b"PK\x03\x04"):
        found = _zip_kind(data)
        if found is not None:
            return found
        raise FileFormatError(
            f"文件是压缩包，但不是 Excel 工作簿（.xlsx）{_named(name)}",
            f"the file is a zip archive but not an Excel workbook (.xlsx){_named(name, 'en')}",
        )
    if data.startswith(_OLE):
        raise FileFormatError(
            f"文件是旧版 Office 格式（.xls/.doc/.et/.wps），暂不能读取{_named(name)}；请另存为 .xlsx 后再试",
            f"the file is in an old Office format (.xls/.doc/.et/.wps), not yet readable{_named(name, 'en')}; "
            "save it as .xlsx",
        )
    if data.startswith(b"%PDF"):
        raise FileFormatError(
            f"文件是 PDF，暂不能直接读取{_named(name)}；请复制其中的文字另存为 .txt 后再试",
            f"the file is a PDF, not yet readable{_named(name, 'en')}; copy its text into a .txt file",
        )
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix:
        raise FileFormatError(
            f"不支持的文件类型“{suffix}”（可读取：{readable('zh')}）",
            f"unsupported file type {suffix!r} (readable: {readable('en')})",
        )
    head = data[:64].lstrip(b"\xef\xbb\xbf \t\r\n")
    return _BY_NAME["json"] if head.startswith(b"{") else _BY_NAME["text"]


def _named(name: str | None, lang: str = "zh") -> str:
    if not name:
        return ""
    return f"（{name}）" if lang == "zh" else f" ({name})"


def read(source: Binary, *, kind: str | None = None) -> ReadResult:
    """Read a report from any file govinfo reads: the report, every finding, and where each value stands.

    ``source`` is a path (``str`` or path object), the bytes of a file or a binary
    stream. The kind (:data:`KINDS`: Excel workbook, JSON, web page, text) is told from the
    content first and the suffix second; ``kind`` (``"xlsx"``, ``".json"`` …) says it
    instead. Every finding of reading and of every single-report rule (:func:`govinfo.check`)
    is in the result, located in the file where the file has places.

    >>> import govinfo
    >>> result = govinfo.read(govinfo.example_text().encode())
    >>> result.report.organ, [f.rule_id for f in result.findings]
    ('湛河区人民政府', ['GI501'])

    Raises a :class:`~govinfo.GovinfoError`: :class:`~govinfo.FileFormatError` for what no
    reader takes, :class:`~govinfo.UnsafeFileError` for a hostile file,
    :class:`~govinfo.LayoutError` when the file holds none of the report's tables.
    """
    limit = kind_of(kind).limit if kind else max(k.limit for k in KINDS)
    data, name = read_bytes(source, limit=limit)
    chosen = kind_of(kind) if kind else detect(data, name)
    if len(data) > chosen.limit:
        data, name = read_bytes(data, limit=chosen.limit)  # raises: too large for its kind
    result = chosen.reader(data)
    if name is None:
        return result
    return attrs.evolve(
        result,
        findings=[_in_file(f, name) for f in result.findings],
        sources={path: _at(where, name) for path, where in result.sources.items()},
    )


def _at(where: SourceLocation, name: str) -> SourceLocation:
    return where if where.file else attrs.evolve(where, file=name)


def _in_file(finding: Finding, name: str) -> Finding:
    return attrs.evolve(finding, source=_at(finding.source, name)) if finding.source else finding

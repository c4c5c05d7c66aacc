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

from govinfo.errors import FileFormatError, GovinfoError
from govinfo.findings import Finding, SourceLocation
from govinfo.jsonio import from_json
from govinfo.reading.convert import docx_of
from govinfo.reading.inputs import Binary, read_bytes
from govinfo.reading.pdf import MAX_BYTES as MAX_PDF_BYTES
from govinfo.reading.result import ReadResult
from govinfo.reading.text.decode import MAX_BYTES as MAX_TEXT_BYTES
from govinfo.reading.text.html import is_html
from govinfo.reading.text.reader import read_published
from govinfo.reading.workbook.safety import BROKEN_ZIP, MAX_FILE_BYTES
from govinfo.rules.catalog import RULES
from govinfo.rules.engine import check

MAX_JSON_BYTES = 20 * 2**20
"""Far beyond any report in JSON."""


def _read_json(data: bytes) -> ReadResult:
    """A report from JSON: the rules' findings (JSON has no places to point at)."""
    report = from_json(data)
    return ReadResult(report, check(report))


def _read_xlsx(data: bytes) -> ReadResult:
    from govinfo.reading.workbook.reader import read_xlsx  # noqa: PLC0415 — openpyxl only when a workbook is read

    return read_xlsx(data)


def _read_spreadsheet(data: bytes) -> ReadResult:
    from govinfo.reading.workbook.reader import read_spreadsheet  # noqa: PLC0415 — as above

    return read_spreadsheet(data)


def _read_docx(data: bytes) -> ReadResult:
    from govinfo.reading.word import read_docx  # noqa: PLC0415 — python-docx only when a Word file is read

    return read_docx(data)


def _read_doc(data: bytes) -> ReadResult:
    from govinfo.reading.word import read_docx  # noqa: PLC0415 — as above

    return read_docx(docx_of(data))


def _read_pdf(data: bytes) -> ReadResult:
    from govinfo.reading.pdf import read_pdf  # noqa: PLC0415 — pdfplumber only when a PDF is read

    return read_pdf(data)


@attrs.frozen
class Kind:
    """One kind of file govinfo reads."""

    name: str
    """A short English name: ``xlsx``, ``xls``, ``ods``, ``docx``, ``doc``, ``pdf``, ``html``, ``text``, ``json``."""
    label_zh: str
    label_en: str
    suffixes: tuple[str, ...]
    limit: int
    """The largest file of this kind accepted, in bytes."""
    reader: Callable[[bytes], ReadResult]
    extra: str | None = None
    """The extra that installs what reads it (``pip install "govinfo[extra]"``), if any."""


KINDS: tuple[Kind, ...] = (
    Kind("xlsx", "Excel 工作簿", "Excel workbook", (".xlsx", ".xlsm"), MAX_FILE_BYTES, _read_xlsx),
    Kind(
        "xls",
        "旧版 Excel / WPS 表格",
        "Excel 97-2003 or WPS workbook",
        (".xls", ".et"),
        MAX_FILE_BYTES,
        _read_spreadsheet,
        "excel",
    ),
    Kind("ods", "ODS 表格", "OpenDocument spreadsheet", (".ods",), MAX_FILE_BYTES, _read_spreadsheet, "excel"),
    Kind("docx", "Word 文档", "Word document", (".docx",), MAX_FILE_BYTES, _read_docx, "word"),
    Kind(
        "doc",
        "旧版 Word / WPS 文字 / ODT 文档",
        "Word 97-2003, WPS or ODT document",
        (".doc", ".wps", ".odt"),
        MAX_FILE_BYTES,
        _read_doc,
        "word",
    ),
    Kind("pdf", "PDF", "PDF", (".pdf",), MAX_PDF_BYTES, _read_pdf, "pdf"),
    Kind("html", "网页", "web page", (".html", ".htm", ".shtml", ".xhtml"), MAX_TEXT_BYTES, read_published),
    Kind("text", "文本", "text", (".txt", ".md"), MAX_TEXT_BYTES, read_published),
    Kind("json", "JSON", "JSON", (".json",), MAX_JSON_BYTES, _read_json),
)
"""Every kind of file :func:`read` takes, in the order the command lists them."""

SUFFIXES: tuple[str, ...] = tuple(s for kind in KINDS for s in kind.suffixes)
"""Every suffix of a readable file (a folder is searched for these)."""

_BY_NAME = {kind.name: kind for kind in KINDS}
_BY_SUFFIX = {suffix: kind for kind in KINDS for suffix in kind.suffixes}
_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_ODF = {
    b"application/vnd.oasis.opendocument.spreadsheet": "ods",
    b"application/vnd.oasis.opendocument.text": "doc",
}


def kind_of(name: str) -> Kind:
    """The kind named ``name`` (``xlsx``, ``pdf`` …) or with that suffix (``.xlsx``, ``txt``)."""
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
            mimetype = archive.read("mimetype")[:100].strip() if "mimetype" in names else b""
    except (*BROKEN_ZIP, KeyError):
        return None
    if "xl/workbook.xml" in names:
        return _BY_NAME["xlsx"]
    if "word/document.xml" in names:
        return _BY_NAME["docx"]
    name = _ODF.get(mimetype)
    return _BY_NAME[name] if name else None


def _ole_kind(data: bytes) -> Kind:
    """The kind of an OLE compound file (old Office, WPS) from the names of its streams."""
    head = data[: 2**20]
    if "EncryptionInfo".encode("utf-16-le") in head or "EncryptedPackage".encode("utf-16-le") in head:
        raise FileFormatError(
            "文件已加密（设置了打开密码），请去掉密码后再试",
            "the file is encrypted (it has an open password); remove the password and try again",
        )
    if "WordDocument".encode("utf-16-le") in head:
        return _BY_NAME["doc"]
    if "Workbook".encode("utf-16-le") in head or "Book".encode("utf-16-le") in head:
        return _BY_NAME["xls"]
    raise FileFormatError(
        "文件是 Office 复合文档，但不是 Excel 或 Word 文件", "the file is an OLE compound file but not Excel or Word"
    )


def _looks_like_html(data: bytes) -> bool:
    head = data[:2048].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"<!doctype html", b"<html", b"<table", b"<?xml")) and b"<" in head:
        return not head.startswith(b"<?xml") or b"<html" in head
    return is_html(head.decode("latin-1"))


def detect(data: bytes, name: str | None = None) -> Kind:
    """The kind of a file from its content, or from ``name``'s suffix where the content does not decide."""
    suffix = Path(name).suffix.lower() if name else ""
    if data.startswith(b"PK\x03\x04"):
        found = _zip_kind(data)
        if found is not None:
            return found
        raise FileFormatError(
            f"文件是压缩包，但不是 Excel、Word 或 ODF 文件{_named(name)}",
            f"the file is a zip archive but not an Excel, Word or ODF file{_named(name, 'en')}",
        )
    if data.startswith(_OLE):
        return _ole_kind(data)
    if data.startswith(b"%PDF"):
        return _BY_NAME["pdf"]
    known = _BY_SUFFIX.get(suffix)
    if known is not None and known.name in ("json", "text", "html"):
        return known
    if _looks_like_html(data):
        return _BY_NAME["html"]  # also what many systems save as .xls or .doc
    if known is not None and known.name in ("xls", "xlsx", "ods", "doc", "docx", "pdf"):
        return _BY_NAME["text"]  # a text export under an office suffix: read as text, and said
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
    stream. The kind (:data:`KINDS`: workbooks, Word files, PDFs, web pages, text, JSON)
    is told from the content first and the suffix second (a ``.xls`` that is really a web
    page is read as a web page, and a finding says so); ``kind`` (``"xlsx"``, ``".pdf"``
    …) says it instead. Old Excel, WPS and ODS workbooks, Word files and PDFs need their
    extras (``pip install "govinfo[all]"``); ``.doc`` and ``.wps`` files also need
    LibreOffice. Every finding of reading and of every single-report rule
    (:func:`govinfo.check`) is in the result, located in the file where the file has places.

    >>> import govinfo
    >>> result = govinfo.read(govinfo.example_text().encode())
    >>> result.report.organ, [f.rule_id for f in result.findings]
    ('湛河区人民政府', ['GI501'])

    Raises a :class:`~govinfo.GovinfoError`: :class:`~govinfo.FileFormatError` for what no
    reader takes, :class:`~govinfo.UnsafeFileError` for a hostile file,
    :class:`~govinfo.LayoutError` when the file holds none of the report's tables,
    :class:`~govinfo.MissingExtraError` when the extra that reads it is not installed,
    :class:`~govinfo.ConversionError` when LibreOffice cannot convert a ``.doc``.
    """
    limit = kind_of(kind).limit if kind else max(k.limit for k in KINDS)
    data, name = read_bytes(source, limit=limit)
    chosen = kind_of(kind) if kind else detect(data, name)
    if len(data) > chosen.limit:
        data, name = read_bytes(data, limit=chosen.limit)  # raises: too large for its kind
    said = _BY_SUFFIX.get(Path(name).suffix.lower()) if name and not kind else None
    lying = said is not None and said is not chosen  # a "report.xls" that is a web page: read as what it is
    named = {"suffix": Path(str(name)).suffix, "kind": chosen.label_zh, "kind_en": chosen.label_en}
    try:
        result = chosen.reader(data)
    except GovinfoError as error:
        if not lying:
            raise
        rule = RULES["GI525"]
        error.message_zh = f"{rule.message_zh.format(**named)}{error.message_zh}"
        error.message_en = f"{rule.message_en.format(**named)} {error.message_en}"
        error.args = (error.message_zh, error.message_en)
        raise
    if lying:
        result = attrs.evolve(result, findings=[RULES["GI525"].finding(named), *result.findings])
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

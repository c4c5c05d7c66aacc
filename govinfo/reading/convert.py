"""Converting binary Word and WPS files (``.doc``, ``.wps``, ``.odt``) to ``.docx`` through LibreOffice.

No maintained Python library reads the binary Word format, so govinfo asks the office
program that does: ``soffice --headless --convert-to docx``, in a temporary directory of its
own (the input, the output and a throw-away LibreOffice profile, so that conversions may run
side by side), within :data:`TIMEOUT` seconds. Whatever happens, the temporary directory is
removed and a conversion still running is killed with all its processes.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from govinfo.errors import ConversionError

TIMEOUT = 60.0
"""Seconds a conversion may take (LibreOffice starts in a few; a report converts in one or two)."""

PROGRAMS = ("soffice", "libreoffice")


def office() -> str | None:
    """The LibreOffice program on this machine's ``PATH``, if any."""
    for name in PROGRAMS:
        found = shutil.which(name)
        if found:
            return found
    return None


def docx_of(data: bytes) -> bytes:
    """A binary Word or WPS file (``.doc``, ``.wps``), or an ``.odt``, as ``.docx``."""
    return to_docx(data, ".odt" if data.startswith(b"PK\x03\x04") else ".doc")


_FILTERS = {".docx": "docx:MS Word 2007 XML", ".pdf": "pdf:writer_pdf_Export"}
"""LibreOffice's export filter for each format converted to."""


def to_docx(data: bytes, suffix: str, *, timeout: float | None = None) -> bytes:
    """The bytes of ``data`` (a file with ``suffix``, such as ``.doc``) converted to ``.docx``.

    Raises :class:`~govinfo.ConversionError` when LibreOffice is not installed, fails, or
    takes longer than ``timeout`` (:data:`TIMEOUT` by default).
    """
    if office() is None:
        raise ConversionError(
            f"读取 {suffix} 文件需要 LibreOffice（未安装）；请在 Word 或 WPS 中另存为 .docx 后再试，"
            "或安装 LibreOffice（如 apt install libreoffice-writer-nogui）",
            f"reading a {suffix} file needs LibreOffice, which is not installed; save it as .docx in Word or WPS, "
            "or install LibreOffice (e.g. apt install libreoffice-writer-nogui)",
        )
    return convert(data, suffix, ".docx", timeout=timeout)


def to_pdf(data: bytes, *, timeout: float | None = None) -> bytes:
    """A Word file (``.docx`` bytes) printed to PDF by LibreOffice, as :func:`to_docx` converts."""
    if office() is None:
        raise ConversionError(
            "生成 PDF 需要 LibreOffice（未安装）：请安装 LibreOffice（如 apt install libreoffice-writer-nogui），"
            "或生成 .docx 后在 Word 或 WPS 中另存为 PDF",
            "writing a PDF needs LibreOffice, which is not installed: install it (e.g. apt install "
            "libreoffice-writer-nogui), or write a .docx and save it as PDF in Word or WPS",
        )
    return convert(data, ".docx", ".pdf", timeout=timeout)


def convert(data: bytes, suffix: str, to: str, *, timeout: float | None = None) -> bytes:
    """``data`` (a file with ``suffix``) converted by LibreOffice to the format of suffix ``to``."""
    program = office()
    if program is None:
        raise ConversionError("未安装 LibreOffice", "LibreOffice is not installed")
    limit = TIMEOUT if timeout is None else timeout
    with tempfile.TemporaryDirectory(prefix="govinfo-convert-") as folder:
        root = Path(folder)
        source = root / f"input{suffix}"
        source.write_bytes(data)
        command = [
            program,
            f"-env:UserInstallation={(root / 'profile').as_uri()}",
            "--headless",
            "--norestore",
            "--nolockcheck",
            "--convert-to",
            _FILTERS[to],
            "--outdir",
            str(root / "out"),
            str(source),
        ]
        with subprocess.Popen(  # noqa: S603 — a fixed program and arguments, no shell
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed whole on a timeout
        ) as process:
            try:
                output, _ = process.communicate(timeout=limit)
            except subprocess.TimeoutExpired:
                _kill(process)
                advice_zh, advice_en = ("；请另存为 .docx 后再试", "; save it as .docx") if to == ".docx" else ("", "")
                raise ConversionError(
                    f"LibreOffice 将 {suffix} 文件转换为 {to} 超时（{limit:g} 秒），已终止{advice_zh}",
                    f"LibreOffice took longer than {limit:g} s to convert the {suffix} file to {to} and was "
                    f"stopped{advice_en}",
                ) from None
            finally:
                if process.poll() is None:  # interrupted (Ctrl-C): leave nothing running
                    _kill(process)
        result = root / "out" / f"input{to}"
        if process.returncode != 0 or not result.is_file():
            said = output.decode("utf-8", "replace").strip().splitlines()[-1:] if output else []
            raise ConversionError(
                f"LibreOffice 无法转换该 {suffix} 文件（文件可能已损坏）{'：' + said[0] if said else ''}",
                f"LibreOffice could not convert the {suffix} file (it may be damaged){': ' + said[0] if said else ''}",
            )
        return result.read_bytes()


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):  # it ended by itself meanwhile
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()

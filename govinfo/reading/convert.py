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


def to_docx(data: bytes, suffix: str, *, timeout: float | None = None) -> bytes:
    """The bytes of ``data`` (a file with ``suffix``, such as ``.doc``) converted to ``.docx``.

    Raises :class:`~govinfo.ConversionError` when LibreOffice is not installed, fails, or
    takes longer than ``timeout`` (:data:`TIMEOUT` by default).
    """
    program = office()
    if program is None:
        raise ConversionError(
            f"读取 {suffix} 文件需要 LibreOffice（未安装）；请在 Word 或 WPS 中另存为 .docx 后再试，"
            "或安装 LibreOffice（如 apt install libreoffice-writer-nogui）",
            f"reading a {suffix} file needs LibreOffice, which is not installed; save it as .docx in Word or WPS, "
            "or install LibreOffice (e.g. apt install libreoffice-writer-nogui)",
        )
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
            "docx:MS Word 2007 XML",
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
                raise ConversionError(
                    f"LibreOffice 转换 {suffix} 文件超时（{limit:g} 秒），已终止；请另存为 .docx 后再试",
                    f"LibreOffice took longer than {limit:g} s to convert the {suffix} file and was stopped; "
                    "save it as .docx",
                ) from None
            finally:
                if process.poll() is None:  # interrupted (Ctrl-C): leave nothing running
                    _kill(process)
        result = root / "out" / "input.docx"
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

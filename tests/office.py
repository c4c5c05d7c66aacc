"""A real office suite for the tests: LibreOffice, run headless, converts the files govinfo writes.

The tests that need it skip where it is not installed (``.ci/run`` installs Debian's
``libreoffice-calc-nogui``, ``libreoffice-writer-nogui`` and a CJK font, so that its PDFs
have a true text layer).
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
WRITER = SOFFICE is not None and any(
    (Path(SOFFICE).resolve().parent / name).exists() for name in ("libswlo.so", "swriter", "swriter.exe")
)
CJK_FONT = any(Path(folder).is_dir() for folder in ("/usr/share/fonts/truetype/wqy", "/usr/share/fonts/opentype/noto"))

needs_office = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
needs_writer = pytest.mark.skipif(not WRITER, reason="LibreOffice Writer is not installed")
needs_cjk_pdf = pytest.mark.skipif(not (WRITER and CJK_FONT), reason="LibreOffice Writer or a CJK font is missing")


def convert(source: Path, to: str, out: Path, *, infilter: str | None = None) -> Path:
    """``source`` opened by LibreOffice and saved as ``to`` (``xlsx``, ``xls``, ``docx``, ``pdf`` …) in ``out``."""
    assert SOFFICE is not None
    out.mkdir(parents=True, exist_ok=True)
    command = [SOFFICE, f"-env:UserInstallation={(out / 'profile').as_uri()}", "--headless"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", to, "--outdir", str(out), str(source)]
    done = subprocess.run(command, capture_output=True, text=True, timeout=180, check=False)
    result = out / f"{source.stem}.{to.split(':', maxsplit=1)[0]}"
    assert result.exists(), done.stdout + done.stderr
    return result

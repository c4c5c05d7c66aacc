"""govinfo.read of every kind of file against the bare library reading the same file, and the
command over a mixed folder with one and two workers.

The files are the built-in example as LibreOffice saves it (``benchmarks/data``) and the real
published PDF of 淮安市人民政府 (``tests/data/files``).
"""

from __future__ import annotations

import functools
import io
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import docx
import pdfplumber
from python_calamine import CalamineWorkbook

import govinfo
from benchmarks.timing import Result, best_of
from govinfo.reading.workbook.load import load_legacy

DATA = Path(__file__).parent / "data"
HUAIAN = Path(__file__).parent.parent / "tests" / "data" / "files" / "huaian-city-2024.pdf"


def bare_pdf(data: bytes) -> int:
    """pdfplumber finding and extracting every table of every page: the floor a PDF reader pays."""
    cells = 0
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            for table in page.find_tables():
                cells += sum(len(row) for row in table.extract())
    return cells


def bare_docx(data: bytes) -> int:
    """python-docx opening the file and walking every cell of every table."""
    document = docx.Document(io.BytesIO(data))
    return sum(len(cell.text) for table in document.tables for row in table.rows for cell in row.cells)


def bare_calamine(data: bytes) -> int:
    """python-calamine reading every cell of every sheet."""
    book = CalamineWorkbook.from_filelike(io.BytesIO(data))
    return sum(
        1
        for name in book.sheet_names
        for row in book.get_sheet_by_name(name).to_python()
        for value in row
        if value != ""
    )


def _folder(folder: Path, count: int, with_doc: bool) -> None:
    """``count`` files of every kind (a .doc one in fifty, when LibreOffice can convert it)."""
    report = govinfo.example()
    samples = {name: (DATA / f"example.{name}").read_bytes() for name in ("xls", "ods", "docx", "pdf")}
    buffer = io.BytesIO()
    govinfo.write_xlsx(report, buffer)
    samples["xlsx"] = buffer.getvalue()
    samples["html"] = govinfo.render_html(report).encode()
    samples["txt"] = govinfo.example_text().encode()
    samples["json"] = govinfo.to_json(report).encode()
    kinds = sorted(samples)
    for i in range(count):
        kind = "doc" if with_doc and i % 50 == 49 else kinds[i % len(kinds)]
        data = (DATA / "example.doc").read_bytes() if kind == "doc" else samples[kind]
        (folder / f"{i:04d}.{kind}").write_bytes(data)


def run(quick: bool) -> list[Result]:
    """Each kind against its bare library, and the command over a mixed folder with -j 1 and -j 2."""
    repeats = 3 if quick else 7
    results = []
    pdfs = [("example.pdf", (DATA / "example.pdf").read_bytes())]
    if HUAIAN.exists():
        pdfs.append(("淮安市 2024 (real PDF)", HUAIAN.read_bytes()))
    for name, pdf in pdfs:
        govinfo.read(pdf)
        ours = best_of(functools.partial(govinfo.read, pdf), repeats)
        results.append(Result(f"read PDF {name}", ours, best_of(functools.partial(bare_pdf, pdf), repeats), 1.3))
    data = (DATA / "example.docx").read_bytes()
    assert govinfo.cell_values(govinfo.read(data).report) == govinfo.cell_values(govinfo.example())
    results.append(
        Result(
            "read DOCX example.docx",
            best_of(lambda: govinfo.read(data), repeats),
            best_of(lambda: bare_docx(data), repeats),
            1.3,
        )
    )
    rounds = 20 if quick else 100
    for suffix in ("xls", "ods"):
        data = (DATA / f"example.{suffix}").read_bytes()

        def bare(d: bytes = data) -> None:
            for _ in range(rounds):
                bare_calamine(d)

        def grids(d: bytes = data) -> None:
            for _ in range(rounds):
                load_legacy(d)

        def whole(d: bytes = data) -> None:
            for _ in range(rounds):
                govinfo.read(d)

        baseline = best_of(bare, repeats)
        results.append(Result(f"load .{suffix} cells (grids) x{rounds}", best_of(grids, repeats), baseline, 1.3))
        results.append(Result(f"read .{suffix} whole report x{rounds}", best_of(whole, repeats), baseline, None))
    count = 100 if quick else 500
    script = str(Path(sys.executable).parent / "govinfo")
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-") as name:
        folder = Path(name)
        _folder(folder, count, with_doc=shutil.which("soffice") is not None)

        def command(jobs: int) -> None:
            subprocess.run(
                [script, "check", str(folder), "-j", str(jobs), "--format", "json"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )

        one = best_of(lambda: command(1), 1)
        two = best_of(lambda: command(2), 1)
    # Inverted so that "ratio <= target" reads the same way: -j 2 time / -j 1 time <= 1/1.7.
    results.append(Result(f"govinfo check -j 2 over {count} mixed files", two, one, round(1 / 1.7, 3)))
    return results

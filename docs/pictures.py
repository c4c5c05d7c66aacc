"""Make the pictures of the rendered report in the docs: ``python docs/pictures.py``.

The built-in example rendered to PDF, and the real published PDF of 淮安市人民政府 beside the
same report rendered from the data read out of it, each page as a PNG (pypdfium2, which
pdfplumber brings). Needs the ``pdf`` and ``word`` extras and LibreOffice.
"""

from __future__ import annotations

import datetime
import tempfile
from pathlib import Path

import pypdfium2

import govinfo

HERE = Path(__file__).parent / "_static" / "render"
HUAIAN = Path(__file__).parent.parent / "tests" / "data" / "files" / "huaian-city-2024.pdf"


def pages(pdf: Path, stem: str, wanted: list[int], *, scale: float = 0.9) -> None:
    """Pages ``wanted`` (1-based) of ``pdf`` as ``{stem}-{n}.png`` in 16 shades of grey."""
    document = pypdfium2.PdfDocument(pdf)
    for number in wanted:
        image = document[number - 1].render(scale=scale).to_pil().convert("L").quantize(16)
        image.save(HERE / f"{stem}-{number}.png", optimize=True)
    document.close()


def main() -> None:
    HERE.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as folder:
        example = Path(folder) / "example.pdf"
        govinfo.render(govinfo.example(), example, date=datetime.date(2025, 1, 20))
        pages(example, "example", [1, 3, 4])
        huaian = govinfo.read(HUAIAN).report
        rendered = Path(folder) / "huaian.pdf"
        govinfo.render(huaian, rendered, date=datetime.date(2025, 1, 20), allow_errors=True)
        pages(HUAIAN, "huaian-published", [3, 4])
        pages(rendered, "huaian-rendered", [3, 4])


if __name__ == "__main__":
    main()

"""Sphinx configuration for govinfo's documentation."""

from __future__ import annotations

import sys
from pathlib import Path

from sphinx.application import Sphinx

DOCS = Path(__file__).resolve().parent
sys.path.insert(0, str(DOCS.parent))

from govinfo import __version__  # noqa: E402
from govinfo.rules.docs import catalog_markdown  # noqa: E402

project = "govinfo"
author = "govinfo contributors"
copyright = "2026, govinfo contributors"
release = __version__
language = "zh_CN"

extensions = ["myst_parser", "sphinx.ext.autodoc", "sphinx.ext.napoleon"]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_heading_anchors = 2
autodoc_member_order = "bysource"
autodoc_typehints = "description"
html_theme = "alabaster"
suppress_warnings = ["myst.xref_missing"]


def _write_rules(_: Sphinx) -> None:
    """Regenerate the rules reference from the catalog, so the page cannot drift."""
    page = DOCS / "rules.md"
    text = catalog_markdown()
    if not page.exists() or page.read_text(encoding="utf-8") != text:
        page.write_text(text, encoding="utf-8")


def setup(app: Sphinx) -> None:
    """Hook the rules page generator into the build."""
    app.connect("builder-inited", _write_rules)

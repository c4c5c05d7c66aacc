"""The docs that are generated or promised stay true."""

from __future__ import annotations

from pathlib import Path

from govinfo.rules.docs import catalog_markdown

DOCS = Path(__file__).parent.parent / "docs"


def test_rules_page_is_generated_from_the_catalog() -> None:
    assert (DOCS / "rules.md").read_text(encoding="utf-8") == catalog_markdown()

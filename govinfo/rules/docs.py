"""The rule catalog rendered as text, JSON and Markdown (for ``govinfo rules`` and the docs)."""

from __future__ import annotations

import json

from govinfo.errors import Lang
from govinfo.rules.catalog import RULES, Rule


def _row(rule: Rule) -> dict[str, object]:
    return {
        "id": rule.id,
        "severity": rule.severity.value,
        "scope": rule.scope,
        "title_zh": rule.title_zh,
        "title_en": rule.title_en,
        "clause": rule.clause,
        "message_zh": rule.message_zh,
        "message_en": rule.message_en,
        "values": list(rule.values),
    }


def catalog_json() -> str:
    """Every rule as one JSON array."""
    return json.dumps([_row(r) for r in RULES.values()], ensure_ascii=False, indent=2)


def catalog_text(lang: Lang = "zh") -> str:
    """One line per rule: ID, severity, title."""
    lines = []
    for rule in RULES.values():
        severity = rule.severity.value if lang == "en" else rule.severity.label_zh
        lines.append(f"{rule.id}  {severity}  {rule.title(lang)}")
    return "\n".join(lines)


def _cell(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def catalog_markdown() -> str:
    """The rules reference page: a table of every rule, then each rule in full."""
    out = [
        "# 规则目录 Rule catalog",
        "",
        "本页由规则目录自动生成（`govinfo rules --format markdown`），与代码始终一致。",
        "This page is generated from the rule catalog and cannot drift from the code.",
        "",
        "| ID | 级别 severity | 规则 | Rule |",
        "|---|---|---|---|",
    ]
    out += [
        f"| [{r.id}](#{r.id.lower()}) | {r.severity.label_zh} {r.severity.value} | {_cell(r.title_zh)} | "
        f"{_cell(r.title_en)} |"
        for r in RULES.values()
    ]
    for rule in RULES.values():
        values = ", ".join(f"`{v}`" for v in rule.values) or "—"
        out += [
            "",
            f"## {rule.id}",
            "",
            f"**{rule.title_zh}** — {rule.title_en}",
            "",
            f"- 级别 severity: {rule.severity.label_zh} `{rule.severity.value}`",
            f"- 范围 scope: `{rule.scope}`",
            f"- 依据 clause: {rule.clause}",
            f"- 消息 message (zh): {_cell(rule.message_zh)}",
            f"- message (en): {_cell(rule.message_en)}",
            f"- 取值 values: {values}",
        ]
    return "\n".join(out) + "\n"

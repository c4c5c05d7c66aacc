"""The ``govinfo`` command (Chinese output by default, ``--lang en`` for English).

Exit status: ``0`` no error-level finding, ``1`` error-level findings, ``2`` some input
unreadable or bad usage.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from collections.abc import Iterator, Sequence
from pathlib import Path

import govinfo
from govinfo.catalog_text import catalog_json, catalog_markdown, catalog_text
from govinfo.errors import GovinfoError, Lang
from govinfo.example import EXAMPLE_FILE
from govinfo.findings import Finding, Severity
from govinfo.report import AnnualReport

READERS = {".json": "JSON", ".xlsx": "Excel"}
"""File types ``govinfo check`` reads, by extension."""


def _read(path: Path) -> tuple[AnnualReport, list[Finding]]:
    if path.suffix.lower() == ".xlsx":
        return govinfo.read_xlsx(path)
    try:
        data = path.read_bytes()
    except OSError as error:
        raise GovinfoError(f"无法读取文件：{error.strerror}", f"cannot read the file: {error.strerror}") from None
    report = govinfo.from_json(data)
    return report, govinfo.check(report)


def _expand(paths: Sequence[str]) -> Iterator[Path]:
    for name in paths:
        path = Path(name)
        if path.is_dir():
            yield from sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in READERS)
        else:
            yield path


def _location(finding: Finding, lang: Lang) -> str:
    if finding.source is not None:
        return finding.source.describe(lang)
    return finding.path or ""


def _finding_json(name: str, finding: Finding, lang: Lang) -> str:
    def plain(value: object) -> object:
        return value if value is None or isinstance(value, int | str) else str(value)

    return json.dumps(
        {
            "file": name,
            "rule": finding.rule_id,
            "severity": finding.severity.value,
            "message": finding.message(lang),
            "path": finding.path,
            "table": finding.table,
            "row": finding.row,
            "column": finding.column,
            "location": _location(finding, lang),
            "expected": plain(finding.expected),
            "actual": plain(finding.actual),
        },
        ensure_ascii=False,
    )


def _header(name: str, report: AnnualReport, lang: Lang) -> str:
    if lang == "en":
        return f"{name} — {report.organ}, {report.year} report (edition {report.edition})"
    return f"{name} — {report.organ} {report.year} 年度报告（{report.edition} 版格式）"


def _summary(files: int, unreadable: int, counts: Counter[Severity], rules: Counter[str], lang: Lang) -> str:
    top = "、".join(f"{r}×{n}" for r, n in rules.most_common(5))
    if lang == "en":
        text = (
            f"{files} file(s) checked, {unreadable} unreadable: {counts[Severity.ERROR]} error(s), "
            f"{counts[Severity.WARNING]} warning(s), {counts[Severity.INFO]} info."
        )
        return text + (f" Most frequent rules: {top.replace('、', ', ')}." if top else "")
    text = (
        f"共检查 {files} 个文件，{unreadable} 个无法读取：错误 {counts[Severity.ERROR]} 项，"
        f"警告 {counts[Severity.WARNING]} 项，提示 {counts[Severity.INFO]} 项。"
    )
    return text + (f"最常见的规则：{top}。" if top else "")


def _check(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    out = sys.stdout
    if args.paths:
        sources: list[tuple[str, Path | None]] = [(str(p), p) for p in _expand(args.paths)]
    else:
        sources = [(f"{'built-in example' if lang == 'en' else '内置示例'} {EXAMPLE_FILE}", None)]
    counts: Counter[Severity] = Counter()
    rules: Counter[str] = Counter()
    unreadable = 0
    for name, path in sources:
        try:
            if path is not None and path.suffix.lower() not in READERS:
                raise GovinfoError(
                    f"不支持的文件类型“{path.suffix}”（可读取：{'、'.join(READERS)}）",
                    f"unsupported file type {path.suffix!r} (readable: {', '.join(READERS)})",
                )
            report, findings = _read(path) if path is not None else govinfo.read_example()
        except GovinfoError as error:
            unreadable += 1
            print(f"{name}: {error.message(lang)}", file=sys.stderr)
            continue
        findings.sort(key=lambda f: f.severity.rank)
        counts.update(f.severity for f in findings)
        rules.update(f.rule_id for f in findings)
        if args.format == "json":
            for finding in findings:
                print(_finding_json(name, finding, lang), file=out)
            continue
        print(_header(name, report, lang), file=out)
        if not findings:
            print("  no findings" if lang == "en" else "  未发现问题", file=out)
        for finding in findings:
            severity = finding.severity.value if lang == "en" else finding.severity.label_zh
            print(f"  {severity}  {finding.rule_id}  {_location(finding, lang)}  {finding.message(lang)}", file=out)
    print(_summary(len(sources), unreadable, counts, rules, lang), file=sys.stderr if args.format == "json" else out)
    if unreadable:
        return 2
    return 1 if counts[Severity.ERROR] else 0


def _rules(args: argparse.Namespace) -> int:
    if args.format == "json":
        print(catalog_json())
    elif args.format == "markdown":
        print(catalog_markdown(), end="")
    else:
        print(catalog_text(args.lang))
    return 0


def parser() -> argparse.ArgumentParser:
    """The argument parser of the ``govinfo`` command."""
    top = argparse.ArgumentParser(
        prog="govinfo",
        description="政府信息公开工作年度报告：检查、转换。"
        " Check China's government information disclosure annual reports.",
    )
    top.add_argument("--version", action="version", version=f"govinfo {govinfo.__version__}")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")

    check = commands.add_parser(
        "check",
        help="检查报告 check reports",
        description="检查年度报告的勾稽关系和填报规则。不给路径时检查内置示例（湛河区人民政府 2024 年度报告）。",
        epilog="示例 example:  govinfo check 报告.xlsx 各单位报告/   govinfo check --lang en --format json",
    )
    check.add_argument("paths", nargs="*", metavar="PATH", help="文件或文件夹（.xlsx、.json） files or folders")
    check.add_argument("--lang", choices=("zh", "en"), default="zh", help="输出语言 output language")
    check.add_argument("--format", choices=("text", "json"), default="text", help="输出格式 output format")
    check.set_defaults(run=_check)

    rules = commands.add_parser(
        "rules",
        help="列出规则目录 list the rule catalog",
        description="列出全部检查规则。",
        epilog="示例 example:  govinfo rules --format markdown",
    )
    rules.add_argument("--lang", choices=("zh", "en"), default="zh", help="输出语言 output language")
    rules.add_argument("--format", choices=("text", "json", "markdown"), default="text", help="输出格式")
    rules.set_defaults(run=_rules)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    args = parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

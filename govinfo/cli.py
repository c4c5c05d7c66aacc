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

import attrs

import govinfo
from govinfo.catalog_text import catalog_json, catalog_markdown, catalog_text
from govinfo.errors import GovinfoError, Lang
from govinfo.example import EXAMPLE_FILE
from govinfo.findings import Finding, Severity
from govinfo.history import organ_key
from govinfo.report import AnnualReport

READERS = {".json": "JSON", ".xlsx": "Excel", ".txt": "文本", ".html": "网页", ".htm": "网页"}
"""File types ``govinfo check`` reads, by extension."""


def _read(path: Path) -> tuple[AnnualReport, list[Finding]]:
    if path.suffix.lower() == ".xlsx":
        return govinfo.read_xlsx(path)
    if path.suffix.lower() in (".txt", ".html", ".htm"):
        return govinfo.read_published(path)
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


class _Output:
    """Prints findings grouped by file, counts them, and ends with the summary line."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.lang: Lang = args.lang
        self.json = args.format == "json"
        self.counts: Counter[Severity] = Counter()
        self.rules: Counter[str] = Counter()
        self.files = 0
        self.unreadable = 0

    def failed(self, name: str, error: GovinfoError) -> None:
        self.files += 1
        self.unreadable += 1
        print(f"{name}: {error.message(self.lang)}", file=sys.stderr)

    def report(self, name: str, report: AnnualReport, findings: list[Finding]) -> None:
        self.files += 1
        findings = sorted(findings, key=lambda f: f.severity.rank)
        self.counts.update(f.severity for f in findings)
        self.rules.update(f.rule_id for f in findings)
        if self.json:
            for finding in findings:
                print(_finding_json(name, finding, self.lang))
            return
        print(_header(name, report, self.lang))
        if not findings:
            print("  no findings" if self.lang == "en" else "  未发现问题")
        for finding in findings:
            severity = finding.severity.value if self.lang == "en" else finding.severity.label_zh
            print(f"  {severity}  {finding.rule_id}  {_location(finding, self.lang)}  {finding.message(self.lang)}")

    def close(self) -> int:
        summary = _summary(self.files, self.unreadable, self.counts, self.rules, self.lang)
        print(summary, file=sys.stderr if self.json else sys.stdout)
        if self.unreadable:
            return 2
        return 1 if self.counts[Severity.ERROR] else 0


def _open(path: Path) -> tuple[AnnualReport, list[Finding]]:
    if path.suffix.lower() not in READERS:
        raise GovinfoError(
            f"不支持的文件类型“{path.suffix}”（可读取：{'、'.join(READERS)}）",
            f"unsupported file type {path.suffix!r} (readable: {', '.join(READERS)})",
        )
    return _read(path)


def _previous(paths: Sequence[str], out: _Output) -> dict[str, AnnualReport]:
    found: dict[str, AnnualReport] = {}
    for path in _expand(paths):
        try:
            report, _ = _open(path)
        except GovinfoError as error:
            print(f"{path}: {error.message(out.lang)}", file=sys.stderr)
            continue
        found[organ_key(report.organ)] = report
    return found


def _in_example(finding: Finding) -> Finding:
    """A finding about the built-in example, located in its file."""
    if finding.source is None:
        return finding
    return attrs.evolve(finding, source=attrs.evolve(finding.source, file=EXAMPLE_FILE))


def _check(args: argparse.Namespace) -> int:
    out = _Output(args)
    previous = _previous(args.previous, out) if args.previous else {}
    if not args.paths:
        name = f"{'built-in example' if out.lang == 'en' else '内置示例'} {EXAMPLE_FILE}"
        report, findings = govinfo.read_published(govinfo.example_text())
        out.report(name, report, [_in_example(f) for f in findings])
        return out.close()
    for path in _expand(args.paths):
        try:
            report, findings = _open(path)
        except GovinfoError as error:
            out.failed(str(path), error)
            continue
        last = previous.get(organ_key(report.organ))
        out.report(str(path), report, findings + (govinfo.compare(last, report) if last else []))
    return out.close()


def _compare(args: argparse.Namespace) -> int:
    out = _Output(args)
    read: list[AnnualReport] = []
    for name in (args.previous, args.current):
        try:
            read.append(_open(Path(name))[0])
        except GovinfoError as error:
            out.failed(name, error)
    if len(read) == 2:
        last, report = read
        out.report(args.current, report, govinfo.compare(last, report))
    return out.close()


def _aggregate(args: argparse.Namespace) -> int:
    out = _Output(args)
    reports = []
    for path in _expand(args.paths):
        try:
            reports.append(_open(path)[0])
        except GovinfoError as error:
            out.failed(str(path), error)
    if out.unreadable:
        message = (
            "some inputs are unreadable; nothing was written" if out.lang == "en" else "有文件无法读取，未生成汇总"
        )
        print(message, file=sys.stderr)
        return out.close()
    try:
        total = govinfo.aggregate(reports, organ=args.organ, include_invalid=args.include_invalid)
        target = Path(args.output)
        if target.suffix.lower() == ".json":
            target.write_text(govinfo.to_json(total.report, indent=2), encoding="utf-8")
        else:
            govinfo.write_aggregate_xlsx(total, target)
    except GovinfoError as error:
        out.failed(args.output, error)
        return out.close()
    out.report(args.output, total.report, total.findings)
    return out.close()


def _say(lang: Lang, zh: str, en: str) -> None:
    print(en if lang == "en" else zh, file=sys.stderr)


def _template(args: argparse.Namespace) -> int:
    try:
        govinfo.template(args.output, edition_id=args.edition)
    except GovinfoError as error:
        print(f"{args.output}: {error.message(args.lang)}", file=sys.stderr)
        return 2
    _say(args.lang, f"已生成空白表格：{args.output}（{args.edition} 版格式）", f"wrote the blank form {args.output}")
    return 0


def _annotate(args: argparse.Namespace) -> int:
    try:
        findings = govinfo.annotate_xlsx(args.input, args.output)
    except GovinfoError as error:
        print(f"{args.input}: {error.message(args.lang)}", file=sys.stderr)
        return 2
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    _say(
        args.lang,
        f"已生成批注版：{args.output}（问题 {len(findings)} 项，其中错误 {errors} 项）",
        f"wrote the annotated copy {args.output} ({len(findings)} finding(s), {errors} error(s))",
    )
    return 1 if errors else 0


WRITERS = {".json": "JSON", ".xlsx": "Excel"}
"""File types ``govinfo convert`` writes, by extension."""


def _convert(args: argparse.Namespace) -> int:
    source, target = Path(args.input), Path(args.output)
    try:
        if target.suffix.lower() not in WRITERS:
            raise GovinfoError(
                f"不支持写入“{target.suffix}”（可写入：{'、'.join(WRITERS)}）",
                f"cannot write {target.suffix!r} (writable: {', '.join(WRITERS)})",
            )
        report, findings = _open(source)
        if target.suffix.lower() == ".xlsx":
            govinfo.write_xlsx(report, target)
        else:
            temp = target.with_name(f".{target.name}.govinfo-tmp")
            temp.write_text(govinfo.to_json(report, indent=2), encoding="utf-8")
            temp.replace(target)
    except GovinfoError as error:
        print(f"{args.input}: {error.message(args.lang)}", file=sys.stderr)
        return 2
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    _say(
        args.lang,
        f"已转换：{source} → {target}（问题 {len(findings)} 项，请用 govinfo check 查看）",
        f"converted {source} → {target} ({len(findings)} finding(s); see govinfo check)",
    )
    return 1 if errors else 0


def _rules(args: argparse.Namespace) -> int:
    if args.format == "json":
        print(catalog_json())
    elif args.format == "markdown":
        print(catalog_markdown(), end="")
    else:
        print(catalog_text(args.lang))
    return 0


def _options(command: argparse.ArgumentParser, *, formats: tuple[str, ...] = ("text", "json")) -> None:
    """The options every command takes: the output language and, for reports, the format."""
    command.add_argument("--lang", choices=("zh", "en"), default="zh", help="输出语言 output language")
    if formats:
        command.add_argument("--format", choices=formats, default=formats[0], help="输出格式 output format")


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
    check.add_argument("paths", nargs="*", metavar="PATH", help="文件或文件夹（.xlsx、.json、.txt、.html）")
    _options(check)
    check.add_argument(
        "--previous", nargs="+", metavar="PATH", help="上年报告（文件或文件夹），按机关名称配对比较 last year's reports"
    )
    check.set_defaults(run=_check)

    compare = commands.add_parser(
        "compare",
        help="与上年报告比较 compare with last year",
        description="比较同一机关相连两个年度的报告：上年结转、现行有效件数、数据是否照抄上年。",
        epilog="示例 example:  govinfo compare 2023年报.xlsx 2024年报.xlsx",
    )
    compare.add_argument("previous", metavar="PREVIOUS", help="上年报告 last year's report")
    compare.add_argument("current", metavar="CURRENT", help="本年报告 this year's report")
    _options(compare)
    compare.set_defaults(run=_compare)

    total = commands.add_parser(
        "aggregate",
        help="汇总多份报告 total many reports",
        description="把同一年度各单位的报告汇总为一份，写成官方格式的工作簿（含分单位明细）或 JSON。",
        epilog="示例 example:  govinfo aggregate 各单位报告/ -o 全区汇总.xlsx --organ 湛河区",
    )
    total.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹 files or folders")
    total.add_argument("-o", "--output", required=True, metavar="OUT", help="汇总结果（.xlsx 或 .json）")
    total.add_argument("--organ", required=True, help="汇总报告的机关名称 the organ of the total")
    total.add_argument("--include-invalid", action="store_true", help="纳入有错误的报告 include reports with errors")
    _options(total)
    total.set_defaults(run=_aggregate)

    blank = commands.add_parser(
        "template",
        help="生成空白表格 write the blank form",
        description="生成官方格式的空白工作簿，供各单位填报。",
        epilog="示例 example:  govinfo template 2024年报表.xlsx   govinfo template 2020年报表.xlsx --edition 2019",
    )
    blank.add_argument("output", metavar="OUT.xlsx", help="输出文件 the workbook to write")
    blank.add_argument("--edition", choices=govinfo.edition_ids(), default=govinfo.edition_ids()[0], help="格式版本")
    _options(blank, formats=())
    blank.set_defaults(run=_template)

    marked = commands.add_parser(
        "annotate",
        help="生成批注版 annotate a workbook",
        description="检查报送的工作簿，把有问题的单元格标色并加批注，生成退回给报送单位的批注版；原文件不变。",
        epilog="示例 example:  govinfo annotate 某局.xlsx 某局-审核意见.xlsx",
    )
    marked.add_argument("input", metavar="IN.xlsx", help="报送的工作簿 the submitted workbook")
    marked.add_argument("output", metavar="OUT.xlsx", help="批注版 the annotated copy")
    _options(marked, formats=())
    marked.set_defaults(run=_annotate)

    convert = commands.add_parser(
        "convert",
        help="转换格式 convert between formats",
        description="在 Excel 工作簿（.xlsx）与 JSON（.json）之间转换，也可把发布的文本、网页（.txt、.html）"
        "转为这两种格式；按扩展名选择格式。",
        epilog="示例 example:  govinfo convert 某局.xlsx 某局.json",
    )
    convert.add_argument("input", metavar="IN", help="输入文件（.xlsx、.json、.txt、.html）")
    convert.add_argument("output", metavar="OUT", help="输出文件（.xlsx、.json）")
    _options(convert, formats=())
    convert.set_defaults(run=_convert)

    rules = commands.add_parser(
        "rules",
        help="列出规则目录 list the rule catalog",
        description="列出全部检查规则。",
        epilog="示例 example:  govinfo rules --format markdown",
    )
    _options(rules, formats=("text", "json", "markdown"))
    rules.set_defaults(run=_rules)
    return top


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status."""
    args = parser().parse_args(argv)
    status: int = args.run(args)
    return status


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

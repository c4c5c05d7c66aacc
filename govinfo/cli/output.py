"""What the command prints: findings grouped by file, in Chinese or English, text or JSON lines,
with the summary line and the exit status."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from govinfo.errors import GovinfoError, Lang
from govinfo.findings import Finding, Severity, SourceLocation
from govinfo.model.report import AnnualReport
from govinfo.review import SETTLED, Fingerprint, Reviews, Status, fingerprints


def location(finding: Finding, lang: Lang) -> str:
    if finding.source is not None:
        return finding.source.describe(lang)
    return finding.path or ""


def _finding_json(
    name: str, finding: Finding, lang: Lang, print_: Fingerprint, review: dict[str, object] | None = None
) -> str:
    def plain(value: object) -> object:
        return value if value is None or isinstance(value, int | str) else str(value)

    extra = {"review": review} if review is not None else {}
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
            "location": location(finding, lang),
            "expected": plain(finding.expected),
            "actual": plain(finding.actual),
            "fingerprint": print_.key,
            **({"related": [_related(r, lang) for r in finding.related]} if finding.related else {}),
            **extra,
        },
        ensure_ascii=False,
    )


def _related(where: SourceLocation, lang: Lang) -> str:
    """A place another file holds for a finding, with what it holds there (``甲镇.xlsx 表三!C7：12``)."""
    held = f"{'：' if lang != 'en' else ': '}{where.text}" if where.text is not None else ""
    return where.describe(lang) + held


_RELATED_SHOWN = 8
"""Related places printed under a finding in the text output (all of them in JSON)."""


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


_COLOURS = {Severity.ERROR: "\033[31m", Severity.WARNING: "\033[33m", Severity.INFO: "\033[36m"}


def interactive() -> bool:
    """Whether a person watches stderr: a terminal, and not CI."""
    return sys.stderr.isatty() and not os.environ.get("CI")


if TYPE_CHECKING:
    from _csv import Writer

_CSV_ZH = ("文件", "机关", "年度", "规则", "级别", "路径", "位置", "问题")
_CSV_EN = ("file", "organ", "year", "rule", "severity", "path", "location", "message")


def findings_csv(rows: Iterable[Sequence[object]], lang: Lang) -> bytes:
    """Rows of :func:`csv_row` under the header ``check --format csv`` prints, with a BOM (for Excel)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_CSV_EN if lang == "en" else _CSV_ZH)
    writer.writerows(rows)
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def unread_row(
    name: str,
    message: str,
    lang: Lang,
    *,
    status: tuple[str, str] = ("无法读取", "unreadable"),
    severity: Severity = Severity.ERROR,
) -> list[object]:
    """The CSV row of a file with no findings to list, and why: unreadable (or, as ``status`` says, left out)."""
    shown = severity.value if lang == "en" else severity.label_zh
    return [name, "", "", status[1] if lang == "en" else status[0], shown, "", "", message]


def csv_row(name: str, report: AnnualReport, finding: Finding, lang: Lang) -> list[object]:
    """One finding as a row of the findings CSV (file, organ, year, rule, severity, path, place, message)."""
    severity = finding.severity.value if lang == "en" else finding.severity.label_zh
    place = location(finding, lang)
    return [
        name,
        report.organ,
        report.year,
        finding.rule_id,
        severity,
        finding.path or "",
        place,
        finding.message(lang),
    ]


class Output:
    """Prints findings grouped by file, counts them, and ends with the summary line."""

    def __init__(self, args: argparse.Namespace, total: int = 0) -> None:
        self.lang: Lang = args.lang
        self.json = args.format == "json"
        self.csv: Writer | None = None
        """With ``--format csv``: one row a finding (or an unreadable file), for sorting in Excel."""
        if args.format == "csv":
            sys.stdout.write("\ufeff")  # Excel opens UTF-8 with a BOM as such
            self.csv = csv.writer(sys.stdout, lineterminator="\n")
            self.csv.writerow(_CSV_EN if self.lang == "en" else _CSV_ZH)
        self.counts: Counter[Severity] = Counter()
        self.rules: Counter[str] = Counter()
        self.files = 0
        self.unreadable = 0
        self.left_out = 0
        """Files read and left out as no organ's submission (a blank form, govinfo's own copies)."""
        self.total = total
        self.reviews: Reviews | None = None
        self.hidden = 0
        self.progress = total > 1 and interactive()
        self.worst = Severity(getattr(args, "severity", "info")).rank
        """Findings less severe than this rank are left out (``--severity``)."""
        self.quiet = bool(getattr(args, "quiet", False))
        self.colour = sys.stdout.isatty() and "NO_COLOR" not in os.environ

    def expect(self, total: int) -> None:
        """The number of files to come, for the progress line."""
        self.total = total
        self.progress = total > 1 and interactive()

    def _tick(self) -> None:
        if self.progress:
            label = "checked" if self.lang == "en" else "已检查"
            print(f"\r\033[K{label} {self.files}/{self.total}", end="", file=sys.stderr, flush=True)

    def _clear(self) -> None:
        if self.progress:
            print("\r\033[K", end="", file=sys.stderr, flush=True)

    def failed(self, name: str, error: GovinfoError) -> None:
        self.failed_message(name, error.message_zh, error.message_en)

    def failed_message(self, name: str, zh: str, en: str) -> None:
        self._clear()
        self.files += 1
        self.unreadable += 1
        message = en if self.lang == "en" else zh
        print(f"{name}: {message}", file=sys.stderr)
        if self.json:
            self._record(name, "unreadable", message=message)
        if self.csv is not None:
            self.csv.writerow(unread_row(name, message, self.lang))
        self._tick()

    def skipped(self, name: str, zh: str, en: str, *, read: bool = False) -> None:
        """A file of a folder left out on purpose (a lock or hidden file): said, and not counted;
        ``read`` for one read and then left out (a blank form, govinfo's own copy), counted apart."""
        self._clear()
        if read:
            self.left_out += 1
            self._tick()
        reason = en if self.lang == "en" else zh
        print(f"skipped {name}: {reason}" if self.lang == "en" else f"已跳过 {name}：{reason}", file=sys.stderr)
        if self.json:
            self._record(name, "skipped", message=reason)

    def read(self, name: str, report: AnnualReport) -> None:
        """An input read whole, whose findings are reported with a result (a 汇总's inputs)."""
        self._clear()
        self.files += 1
        if self.json:
            self._record(name, "read", report=report, findings=0)
        self._tick()

    def _record(self, name: str, status: str, *, report: AnnualReport | None = None, **more: object) -> None:
        """One line of JSON output saying what became of an input: read, unreadable or skipped."""
        record: dict[str, object] = {"record": "file", "file": name, "status": status}
        if report is not None:
            record |= {"organ": report.organ, "year": report.year, "edition": report.edition}
        print(json.dumps(record | more, ensure_ascii=False))

    def report(
        self, name: str, report: AnnualReport, findings: list[Finding], *, across: bool = False, counted: bool = True
    ) -> None:
        """Print one file's findings; ``across`` for the findings of comparing it with the others;
        ``counted=False`` for a result the command made (a 汇总), not an input."""
        self._clear()
        self.files += 1 if counted and not across else 0
        findings = sorted(findings, key=lambda f: f.severity.rank)
        prints = fingerprints(findings, report) if self.reviews is not None or self.json else []
        statuses: list[Status] = (
            [self._review(f, report, p) for f, p in zip(findings, prints, strict=True)]
            if self.reviews is not None
            else []
        )
        wanted = [
            f.severity.rank <= self.worst and (not statuses or statuses[k] not in SETTLED)
            for k, f in enumerate(findings)
        ]
        self.hidden += sum(1 for k, f in enumerate(findings) if statuses and statuses[k] in SETTLED)
        shown = [f for f, keep in zip(findings, wanted, strict=True) if keep]
        self.counts.update(f.severity for f in shown)
        self.rules.update(f.rule_id for f in shown)
        if self.csv is not None:
            self._csv_rows(self.csv, name, report, shown)
            return
        if self.json:
            for k, finding in enumerate(findings):
                if finding.severity.rank > self.worst:
                    continue
                review = self._review_json(prints[k], statuses[k]) if statuses else None
                print(_finding_json(name, finding, self.lang, prints[k], review))
            if not across:
                errors = sum(1 for f in shown if f.severity is Severity.ERROR)
                status = "read" if counted else "written"
                self._record(name, status, report=report, findings=len(shown), errors=errors)
            return
        if (across or self.quiet) and not shown:
            self._tick()
            return
        header = _header(name, report, self.lang)
        print(header + (" — across organs" if self.lang == "en" else "——与其他单位比较") if across else header)
        if not shown:
            print(self._none_shown(findings))
        for k, finding in enumerate(findings):
            if wanted[k]:
                self._line(finding, prints[k] if statuses else None, statuses[k] if statuses else None)
        self._tick()

    def _line(self, finding: Finding, print_: Fingerprint | None, status: Status | None) -> None:
        """One finding as a text line, with the places it draws on (a 汇总's children's cells) below it."""
        severity = finding.severity.value if self.lang == "en" else finding.severity.label_zh
        if self.colour:
            severity = f"{_COLOURS[finding.severity]}{severity}\033[0m"
        mark = f"  [{print_.short}]" if print_ is not None else ""
        if status == "changed":
            mark += "（审核后数值已变化）" if self.lang != "en" else " (changed since reviewed)"
        where = location(finding, self.lang)
        print(f"  {severity}  {finding.rule_id}{mark}  {where}  {finding.message(self.lang)}")
        if finding.related:
            places = [_related(r, self.lang) for r in finding.related[:_RELATED_SHOWN]]
            more = len(finding.related) - len(places)
            if self.lang == "en":
                print(f"      from: {'; '.join(places)}" + (f" and {more} more" if more else ""))
            else:
                print(f"      来自：{'；'.join(places)}" + (f" 等，另有 {more} 处" if more else ""))

    def _none_shown(self, findings: list[Finding]) -> str:
        """The line for a file with no finding to show: none at all, or none at the ``--severity`` asked."""
        if any(f.severity.rank > self.worst for f in findings):  # some left out by --severity, not absent
            return "  no findings at this severity or worse" if self.lang == "en" else "  没有该级别及以上的问题"
        return "  no findings" if self.lang == "en" else "  未发现问题"

    def _csv_rows(self, writer: Writer, name: str, report: AnnualReport, shown: list[Finding]) -> None:
        """One CSV row a finding shown (``--format csv``)."""
        for finding in shown:
            writer.writerow(csv_row(name, report, finding, self.lang))
        self._tick()

    def _review(self, finding: Finding, report: AnnualReport, print_: Fingerprint) -> Status:
        assert self.reviews is not None
        status = self.reviews.status(print_)
        self.reviews.record(finding, report, print_)
        return status

    def _review_json(self, print_: Fingerprint, status: Status) -> dict[str, object]:
        assert self.reviews is not None
        entry = self.reviews.entries[print_.key]
        return {"status": status, "by": entry.by, "reason": entry.reason}

    def close(self, *, interrupted: bool = False) -> int:
        self._clear()
        summary = _summary(self.files, self.unreadable, self.counts, self.rules, self.lang)
        if self.left_out:
            summary += (
                f" {self.left_out} file(s) left out: blank forms or files govinfo wrote."
                if self.lang == "en"
                else f"另有 {self.left_out} 个文件未计入（空白表格或 govinfo 生成的文件）。"
            )
        if self.hidden:
            summary += (
                f" {self.hidden} reviewed finding(s) hidden."
                if self.lang == "en"
                else f"已审核、未显示 {self.hidden} 项。"
            )
        if interrupted:
            summary = ("Interrupted. " if self.lang == "en" else "已中断。") + summary
        print(summary, file=sys.stderr if self.json or self.csv is not None else sys.stdout)
        if interrupted:
            return 130
        if self.unreadable:
            return 2
        return 1 if self.counts[Severity.ERROR] else 0

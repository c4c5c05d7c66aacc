"""The ``govinfo`` command (Chinese output by default, ``--lang en`` for English): its commands
and parser; what it prints is in :mod:`govinfo.cli.output`. Every file is read through
:func:`govinfo.read`.

Exit status: ``0`` no error-level finding, ``1`` error-level findings, ``2`` some input
unreadable or bad usage.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime
import io
import json
import os
import re
import signal
import sys
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import attrs

import govinfo
from govinfo.cli.output import Output, csv_row, findings_csv
from govinfo.cli.zh import chinese
from govinfo.errors import GovinfoError, Lang, ReportInvalidError
from govinfo.example import EXAMPLE_FILE
from govinfo.findings import Finding, Severity, SourceLocation
from govinfo.model.report import AnnualReport, organ_key
from govinfo.reading import folder
from govinfo.reading.context import context
from govinfo.reading.inputs import read_bytes
from govinfo.reading.kinds import SUFFIXES, readable
from govinfo.reading.made import derived
from govinfo.reading.result import ReadResult
from govinfo.reading.text.decode import listed
from govinfo.reading.values import PLAIN_NUMBER
from govinfo.review import DECISION_ZH, Decision, Review, Reviews, short_key
from govinfo.rules.docs import catalog_json, catalog_markdown, catalog_text
from govinfo.rules.engine import row_label
from govinfo.schema import json_schema_text
from govinfo.writing.atomic import atomic, write_atomically


def _expand(paths: Sequence[str], out: Output | None = None) -> list[Path]:
    """Every file to read for ``paths``; the files left out (office lock files, hidden files) are said on stderr."""
    found, skipped = folder.files(paths)
    for left in skipped:
        if out is not None:
            out.skipped(str(left.path), left.reason_zh, left.reason_en)
        else:
            print(f"已跳过 {left.path}：{left.reason_zh}", file=sys.stderr)
    return found


@attrs.frozen
class _Result:
    """What one worker made of one file (picklable: errors travel as their two messages)."""

    name: str
    report: AnnualReport | None
    findings: tuple[Finding, ...]
    error: tuple[str, str] | None = None
    sources: Mapping[str, SourceLocation] = attrs.field(factory=dict)
    left_out: tuple[str, str] | None = None
    """Why the file is not an organ's submission (a blank form, govinfo's own annotated copy or 汇总)."""


def _work(path: Path) -> _Result:
    try:
        result = _open(path)
    except GovinfoError as error:
        return _Result(str(path), None, (), (error.message_zh, error.message_en))
    except Exception as error:  # noqa: BLE001 — one broken file must never stop a batch
        detail = f"{type(error).__name__}: {error}"
        return _Result(
            str(path), None, (), (f"内部错误，请报告此问题（{detail}）", f"internal error, please report it ({detail})")
        )
    left_out = derived(result.report, result.made)
    return _Result(str(path), result.report, tuple(result.findings), sources=result.sources, left_out=left_out)


def _submissions(results: Iterator[_Result], out: Output) -> Iterator[_Result]:
    """The results of organs' submissions: unreadable files said, blank forms and govinfo's own copies
    left out with a note (a batch would count them twice)."""
    for result in results:
        if result.report is None:
            assert result.error is not None
            out.failed_message(result.name, *result.error)
        elif result.left_out is not None:
            out.skipped(result.name, *result.left_out, read=True)
        else:
            yield result


def _results(paths: list[Path], jobs: int) -> Iterator[_Result]:
    """Each file's result, in the order of ``paths`` whatever the number of worker processes."""
    if jobs <= 1 or len(paths) <= 1:
        yield from map(_work, paths)
        return
    pool = ProcessPoolExecutor(max_workers=jobs, initializer=_worker_start)
    try:
        yield from pool.map(_work, paths, chunksize=max(1, min(16, len(paths) // (4 * jobs))))
    finally:
        pool.shutdown(wait=False, cancel_futures=True)


def _worker_start() -> None:
    """Ctrl-C is the parent's to handle: a worker finishes its file and is sent no more."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _open(path: Path) -> ReadResult:
    return govinfo.read(path)


def _previous(paths: Sequence[str], out: Output) -> dict[str, AnnualReport]:
    found: dict[str, AnnualReport] = {}
    for path in _expand(paths, out):
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
    out = Output(args)
    paths = _expand(args.paths, out)
    out.expect(len(paths))
    if not _reviewed(args, out):
        return 2
    previous = _previous(args.previous, out) if args.previous else {}
    if not args.paths:
        name = f"{'built-in example' if out.lang == 'en' else '内置示例'} {EXAMPLE_FILE}"
        report, findings = govinfo.read_text(govinfo.example_text())
        out.report(name, report, [_in_example(f) for f in findings])
        return _finish(args, out)
    read: list[tuple[str, AnnualReport, Mapping[str, SourceLocation]]] = []
    try:
        for result in _results(paths, args.jobs):
            if result.report is None:
                assert result.error is not None
                out.failed_message(result.name, *result.error)
                continue
            last = previous.get(organ_key(result.report.organ))
            extra = govinfo.compare(last, result.report, sources=result.sources) if last else []
            if args.previous and last is None:  # asked to compare, and nothing to compare with: said
                organs = "、".join(r.organ for r in previous.values()) or "无"
                named = {"organ": result.report.organ, "organs": organs}
                extra = [govinfo.rule("GI608").finding(named, path="organ", actual=result.report.organ)]
            out.report(result.name, result.report, [*result.findings, *extra])
            read.append((result.name, result.report, result.sources))
        if len(read) > 1:  # 内容雷同 between organs: only once every report is read
            shared = govinfo.shared_text([r for _, r, _ in read], sources=[s for _, _, s in read])
            for (name, report, _), found in zip(read, shared, strict=True):
                out.report(name, report, found, across=True)
    except KeyboardInterrupt:
        return _finish(args, out, interrupted=True)  # what was seen so far is recorded
    return _finish(args, out)


def _inputs(args: argparse.Namespace, out: Output, writes: Sequence[str]) -> list[Path] | None:
    """The files to read for ``args.paths``; ``None`` (said) when ``args.output`` may not be written."""
    paths = _expand(args.paths, out)
    try:
        _writable(args.output, writes, paths)
    except GovinfoError as error:
        out.failed(args.output, error)
        return None
    return paths


def _export(args: argparse.Namespace) -> int:
    out = Output(args)
    target = Path(args.output)
    kind = target.suffix.lower()
    paths = _inputs(args, out, (".csv", ".jsonl"))
    if paths is None:
        return out.close()
    fields = ["file", "organ", "year", "edition", "path", "value"]
    chinese = kind == ".csv" and args.header == "zh"
    try:
        with atomic(target) as binary:
            stream = io.TextIOWrapper(binary, encoding="utf-8-sig" if kind == ".csv" else "utf-8", newline="")
            writer = csv.writer(stream) if kind == ".csv" else None
            if writer:
                writer.writerow(_ZH_HEADER if chinese else fields)
            for result in _submissions(_results(paths, args.jobs), out):
                assert result.report is not None
                out.files += 1
                for row in govinfo.to_rows([result.report], files=[result.name]):
                    plain = {**row, "value": row["value"] if isinstance(row["value"], int) else str(row["value"])}
                    if writer:
                        cells = [plain[f] for f in fields]
                        if chinese:
                            cells[-1:-1] = _coordinate(str(plain["edition"]), str(plain["path"]))
                        writer.writerow([_inert(v) for v in cells])
                    else:
                        stream.write(json.dumps(plain, ensure_ascii=False) + "\n")
            stream.flush()
            stream.detach()  # the atomic writer closes the file itself
    except KeyboardInterrupt:
        return out.close(interrupted=True)
    except GovinfoError as error:
        out.failed(args.output, error)
    return out.close()


_ZH_HEADER = ("文件", "机关", "年度", "格式版本", "路径", "表格", "行", "列", "数值")
"""The export's columns for the clerk who opens it in Excel (``--header paths`` keeps the keys)."""


def _coordinate(edition_id: str, path: str) -> list[str]:
    """The printed table, row and column of a cell path."""
    cell = govinfo.edition(edition_id).cell(path)
    return [f"表{cell.table.number}", row_label(cell), cell.column.label]


def _inert(value: object) -> object:
    """A CSV cell a spreadsheet shows as written: text that it would take for a formula gets a ``'``."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r") and not PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def _schema(args: argparse.Namespace) -> int:
    del args
    print(json_schema_text())
    return 0


def _reviewed(args: argparse.Namespace, out: Output) -> bool:
    """Load the ``--review`` file into ``out``; False (the error said) if it cannot be read."""
    try:
        if args.review:
            out.reviews = Reviews.load(args.review)
    except GovinfoError as error:
        print(error.message(out.lang), file=sys.stderr)
        return False
    return True


def _finish(args: argparse.Namespace, out: Output, *, interrupted: bool = False) -> int:
    """Save the reviews (the findings seen are recorded), then the summary and exit status."""
    if out.reviews is not None:
        try:
            out.reviews.save(args.review)
        except GovinfoError as error:
            print(error.message(out.lang), file=sys.stderr)
            out.unreadable += 1
    return out.close(interrupted=interrupted)


def _compare(args: argparse.Namespace) -> int:
    out = Output(args)
    if not _reviewed(args, out):
        return 2
    read: list[ReadResult] = []
    for name in (args.previous, args.current):
        try:
            read.append(_open(Path(name)))
        except GovinfoError as error:
            out.failed(name, error)
    if len(read) == 2:
        last, now = read
        out.report(args.current, now.report, govinfo.compare(last.report, now.report, sources=now.sources))
    return _finish(args, out)


def _aggregate(args: argparse.Namespace) -> int:
    out = Output(args)
    paths = _inputs(args, out, (".xlsx", ".json"))
    if paths is None:
        return out.close()
    reports = []
    unread: list[tuple[str, str, str]] = []
    out.expect(len(paths))
    for result in _submissions(_unread(_results(paths, args.jobs), unread), out):
        assert result.report is not None
        reports.append(result.report)
        out.read(result.name, result.report)
    if out.unreadable and not args.allow_unread:
        message = (
            "some inputs are unreadable; nothing was written (--allow-unread totals the others and names them)"
            if out.lang == "en"
            else "有文件无法读取，未生成汇总（如确需先汇总其余文件，请加 --allow-unread，汇总说明中会列出缺少的文件）"
        )
        print(message, file=sys.stderr)
        return out.close()
    try:
        total = govinfo.aggregate(reports, organ=args.organ, include_invalid=args.include_invalid, unread=unread)
        target = Path(args.output)
        if target.suffix.lower() == ".json":
            write_atomically(target, govinfo.to_json(total.report, indent=2).encode("utf-8"))
        else:
            govinfo.write_aggregate_xlsx(total, target)
    except GovinfoError as error:
        out.failed(args.output, error)
        return out.close()
    out.report(args.output, total.report, total.findings, counted=False)
    return out.close()


def _unread(results: Iterator[_Result], unread: list[tuple[str, str, str]]) -> Iterator[_Result]:
    """``results``, each unreadable one also noted in ``unread`` (file, Chinese, English) for the 汇总说明."""
    for result in results:
        if result.error is not None:
            unread.append((result.name, *result.error))
        yield result


def _members(path: str) -> list[str]:
    """The organs listed one a line in ``path``: UTF-8 or what Notepad saves as "ANSI" (GBK), as the report
    readers decode text."""
    try:
        data, _ = read_bytes(Path(path), limit=2**20)
        return listed(data)
    except GovinfoError as error:
        raise GovinfoError(
            f"无法读取单位名单 {path}（应为文本文件，每行一个单位）：{error.message_zh}",
            f"cannot read the list of organs {path} (text, one organ a line): {error.message_en}",
        ) from None


def _hierarchy(args: argparse.Namespace) -> int:
    out = Output(args)
    if not _reviewed(args, out):
        return 2
    try:
        parent = _open(Path(args.parent))
    except GovinfoError as error:
        out.failed(args.parent, error)
        return out.close()
    children: list[AnnualReport] = []
    located: dict[str, Mapping[str, SourceLocation]] = {}
    paths = _expand(args.children, out)
    out.expect(len(paths))
    try:
        for result in _submissions(_results(paths, args.jobs), out):
            assert result.report is not None
            out.read(result.name, result.report)
            children.append(result.report)
            located[result.report.organ] = result.sources
    except KeyboardInterrupt:
        return _finish(args, out, interrupted=True)
    try:
        named: dict[str, AnnualReport | None] = {r.organ: r for r in children}
        if args.members:
            found = {organ_key(r.organ): r for r in children}
            listed = {organ: found.get(organ_key(organ)) for organ in _members(args.members)}
            named = listed | {r.organ: r for r in children if organ_key(r.organ) not in map(organ_key, listed)}
            located = {organ: located[r.organ] for organ, r in named.items() if r is not None}
        severity = Severity.WARNING if args.warn else Severity.ERROR
        findings = govinfo.compare_hierarchy(
            parent.report,
            named,
            severity=severity,
            include_invalid=args.include_invalid,
            sources=parent.sources,
            child_sources=located,
        )
    except GovinfoError as error:
        out.failed(args.parent, error)
        return out.close()
    out.report(args.parent, parent.report, findings)
    return _finish(args, out)


def _say(lang: Lang, zh: str, en: str) -> None:
    print(en if lang == "en" else zh, file=sys.stderr)


def _template(args: argparse.Namespace) -> int:
    try:
        _writable(args.output, (".xlsx",))
        govinfo.template(args.output, edition_id=args.edition)
    except GovinfoError as error:
        print(f"{args.output}: {error.message(args.lang)}", file=sys.stderr)
        return 2
    _say(args.lang, f"已生成空白表格：{args.output}（{args.edition} 版格式）", f"wrote the blank form {args.output}")
    return 0


def _annotate(args: argparse.Namespace) -> int:
    if Path(args.input).is_dir():
        return _annotate_folder(args)
    try:
        _writable(args.output, (".xlsx",), [args.input])
        findings = _annotate_one(args, Path(args.input), Path(args.output))
    except GovinfoError as error:
        print(f"{args.input}: {error.message(args.lang)}", file=sys.stderr)
        return 2
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return 1 if errors and args.strict else 0


def _annotate_one(args: argparse.Namespace, source: Path, target: Path) -> list[Finding]:
    """Annotate one workbook; what the office settled (``--review``) is not sent back to the organ."""
    chosen = None
    if args.review:
        reviews = Reviews.load(args.review)
        read = govinfo.read_xlsx(source)
        chosen = reviews.unsettled(read.findings, read.report)
    findings = govinfo.annotate_xlsx(source, target, findings=chosen)
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    _say(
        args.lang,
        f"已生成批注版：{target}（问题 {len(findings)} 项，其中错误 {errors} 项）",
        f"wrote the annotated copy {target} ({len(findings)} finding(s), {errors} error(s))",
    )
    return findings


def _annotate_folder(args: argparse.Namespace) -> int:
    """Every workbook of a folder annotated into an output folder, under the same names."""
    source, target = Path(args.input), Path(args.output)
    if target.resolve() == source.resolve() or source.resolve() in target.resolve().parents:
        _say(
            args.lang,
            f"输出文件夹“{target}”不能是输入文件夹或其中的文件夹，以免批注版混入报送的原件",
            f"the output folder {str(target)!r} cannot be the input folder or inside it",
        )
        return 2
    failed = strict = 0
    for path in _expand([str(source)]):
        if path.suffix.lower() not in (".xlsx", ".xlsm"):
            _say(args.lang, f"未批注 {path}：只能批注 .xlsx 工作簿", f"not annotated {path}: only .xlsx workbooks are")
            continue
        out = target / path.relative_to(source).with_suffix(".xlsx")
        try:
            out.parent.mkdir(parents=True, exist_ok=True)
            findings = _annotate_one(args, path, out)
        except (GovinfoError, OSError) as error:
            said = error.message(args.lang) if isinstance(error, GovinfoError) else str(error)
            print(f"{path}: {said}", file=sys.stderr)
            failed += 1
            continue
        strict += any(f.severity is Severity.ERROR for f in findings)
    if failed:
        return 2
    return 1 if strict and args.strict else 0


WRITERS = {".json": "JSON", ".xlsx": "Excel"}
"""File types ``govinfo convert`` writes, by extension."""


def _writable(output: str, writes: Sequence[str], inputs: Sequence[str | Path] = ()) -> None:
    """Refuse an output of a type the command does not write, or that is one of its inputs.

    The same file is recognised through links and other spellings of its path, so that no
    command ever overwrites what it was given to read.
    """
    if output == "-":
        return
    target = Path(output)
    if target.is_dir():
        raise GovinfoError(
            f"“{output}”是文件夹，请给出要写入的文件名（{'、'.join(writes)}）",
            f"{output!r} is a folder; name the file to write ({', '.join(writes)})",
        )
    if target.suffix.lower() not in writes:
        listed = "、".join(writes)
        raise GovinfoError(
            f"不能写入“{target.suffix or target.name}”文件：此命令写入 {listed}",
            f"cannot write a {target.suffix or target.name!r} file: this command writes {', '.join(writes)}",
        )
    for given in inputs:
        source = Path(given)
        try:
            same = target.exists() and source.exists() and os.path.samefile(source, target)
        except OSError:
            same = False
        if same or target.resolve() == source.resolve():
            raise GovinfoError(
                f"输出文件“{output}”就是输入文件“{given}”，为保护原件，拒绝写入；请另选输出文件名",
                f"the output {output!r} is the input {str(given)!r}; refused to protect the original; "
                "choose another output name",
            )


def _convert(args: argparse.Namespace) -> int:
    source, target = Path(args.input), Path(args.output)
    kind_in = f".{args.from_}" if args.input == "-" else source.suffix.lower()
    kind_out = f".{args.to}" if args.output == "-" else target.suffix.lower()
    try:
        if (args.input == "-" and not args.from_) or (args.output == "-" and not args.to):
            raise GovinfoError("使用 - 时须用 --from/--to 指明格式", "with -, name the format with --from/--to")
        if kind_out not in WRITERS:
            raise GovinfoError(
                f"不支持写入“{kind_out}”（可写入：{'、'.join(WRITERS)}）",
                f"cannot write {kind_out!r} (writable: {', '.join(WRITERS)})",
            )
        _writable(args.output, tuple(WRITERS), [] if args.input == "-" else [args.input])
        report, findings = govinfo.read(sys.stdin.buffer.read(), kind=kind_in) if args.input == "-" else _open(source)
        if args.output == "-":
            if kind_out == ".xlsx":
                govinfo.write_xlsx(report, sys.stdout.buffer)
            else:
                sys.stdout.write(govinfo.to_json(report, indent=2) + "\n")
        elif kind_out == ".xlsx":
            govinfo.write_xlsx(report, target)
        else:
            write_atomically(target, govinfo.to_json(report, indent=2).encode("utf-8"))
    except GovinfoError as error:
        print(f"{args.input}: {error.message(args.lang)}", file=sys.stderr)
        return 2
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    _say(
        args.lang,
        f"已转换：{source} → {target}（问题 {len(findings)} 项，请用 govinfo check 查看）",
        f"converted {source} → {target} ({len(findings)} finding(s); see govinfo check)",
    )
    return 1 if errors and args.strict else 0


def _render(args: argparse.Namespace) -> int:
    source, target = Path(args.report), Path(args.output)
    try:
        _writable(args.output, govinfo.writing.document.FORMATS, [args.report])
        date = _date(args.date) if args.date else None
        read = _open(source)
        findings = govinfo.render(read.report, target, date=date, allow_errors=args.allow_errors)
    except ReportInvalidError as error:
        _say(
            args.lang,
            f"{source}：报告有 {len(error.findings)} 项错误，未生成文档"
            "（govinfo check 查看；确需生成请加 --allow-errors）",
            f"{source}: the report has {len(error.findings)} error(s); nothing written "
            "(see govinfo check; --allow-errors renders it anyway)",
        )
        return 1
    except GovinfoError as error:
        print(f"{args.report}: {error.message(args.lang)}", file=sys.stderr)
        return 2
    every = [*read.findings, *(f for f in findings if f.rule_id == "GI801")]
    listed = ""
    if args.allow_errors and every:  # the findings beside the document, never in it
        listing = target.with_name(f"{target.name}.问题清单.csv")
        try:
            rows = [csv_row(str(source), read.report, finding, args.lang) for finding in every]
            write_atomically(listing, findings_csv(rows, args.lang))
        except GovinfoError as error:
            print(f"{listing}: {error.message(args.lang)}", file=sys.stderr)
            return 2
        listed = f"，问题清单：{listing}" if args.lang != "en" else f"; findings listed in {listing}"
    for finding in every:
        if finding.rule_id == "GI801":
            print(f"  {finding.message(args.lang)}", file=sys.stderr)
    _say(
        args.lang,
        f"已生成：{target}（待填写 {sum(f.rule_id == 'GI801' for f in every)} 处{listed}）",
        f"wrote {target} ({sum(f.rule_id == 'GI801' for f in every)} place(s) to fill in{listed})",
    )
    return 0


def _serve(args: argparse.Namespace) -> int:
    from govinfo.serve import serve  # noqa: PLC0415 — Flask only when serving

    def ready(address: str) -> None:
        _say(
            args.lang,
            f"govinfo 审核工作台已启动：{address}\n工作区：{Path(args.folder).resolve()}（按 Ctrl-C 停止）",
            f"govinfo is serving {address}\nworkspace: {Path(args.folder).resolve()} (Ctrl-C stops it)",
        )

    try:
        serve(
            args.folder,
            host=args.host,
            port=args.port,
            token=args.token,
            jobs=args.jobs,
            ready=ready,
            open_browser=args.open,
        )
    except OSError as error:
        _say(args.lang, f"无法启动：{error.strerror or error}", f"cannot start: {error.strerror or error}")
        return 2
    return 0


def _date(text: str) -> datetime.date:
    """A date as ``2025-01-20`` or ``2025年1月20日``."""
    found = re.fullmatch(r"\s*(\d{4})\s*(?:-|年)\s*(\d{1,2})\s*(?:-|月)\s*(\d{1,2})\s*日?\s*", text)
    try:
        if found is None:
            raise ValueError(text)
        return datetime.date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        raise GovinfoError(
            f"日期“{text}”无法识别，请写作 2025-01-20 或 2025年1月20日",
            f"cannot read the date {text!r}; write 2025-01-20",
        ) from None


_DECISIONS: dict[str, Decision] = {"accept": "accepted", "dismiss": "dismissed", "reopen": "pending"}


def _review(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    try:
        reviews = Reviews.load(args.file)
        if args.action is None:
            for key, entry in sorted(reviews.entries.items(), key=lambda item: (item[1].organ, item[1].rule)):
                decision = entry.decision if lang == "en" else DECISION_ZH[entry.decision]
                by = f"  {entry.by}：{entry.reason}" if entry.by or entry.reason else ""
                print(f"{short_key(key)}  {decision}  {entry.rule}  {entry.organ} {entry.year}  {entry.message}{by}")
            return 0
        if not args.keys or (args.action != "reopen" and not args.by):
            raise GovinfoError(
                "请给出要审核的问题编号，并用 --by 写明审核人", "name the findings' keys and the reviewer (--by)"
            )
        decision_ = _DECISIONS[args.action]

        def decide(current: Reviews) -> list[Review]:  # read, decide and write under the file's lock
            return [current.decide(k, decision_, by=args.by or "", reason=args.reason or "") for k in args.keys]

        for entry in Reviews.update(args.file, decide):
            decision = entry.decision if lang == "en" else DECISION_ZH[entry.decision]
            print(f"{short_key(entry.key)} {entry.rule} → {decision}", file=sys.stderr)
    except GovinfoError as error:
        print(f"{args.file}: {error.message(lang)}", file=sys.stderr)
        return 2
    return 0


def _explain(args: argparse.Namespace) -> int:
    lang: Lang = args.lang
    path = Path(args.file)
    try:
        result = _open(path)
        found = govinfo.explain(result, args.path)
    except GovinfoError as error:
        print(f"{args.file}: {error.message(lang)}", file=sys.stderr)
        return 2
    value = found.value if not isinstance(found.value, str) or len(found.value) <= 80 else found.value[:80] + "……"
    print(f"{found.path} = {value}")
    coordinate = found.coordinate(lang)
    if coordinate:
        print(("coordinate: " if lang == "en" else "表格位置：") + coordinate)
    if found.source is None:
        print(
            "source: not in the file (read as 0 or a default)"
            if lang == "en"
            else "来源：文件中没有该值（按 0 或默认值处理）"
        )
    else:
        raw = f"（原文“{found.source.text}”）" if found.source.text is not None and lang != "en" else ""
        raw_en = f" (as written: {found.source.text!r})" if found.source.text is not None and lang == "en" else ""
        print(("source: " if lang == "en" else "来源：") + found.source.describe(lang) + raw + raw_en)
        for line in context(path, found.source, lang):
            print("  " + line)
    if found.findings:
        print("findings:" if lang == "en" else "相关问题：")
        for finding in found.findings:
            severity = finding.severity.value if lang == "en" else finding.severity.label_zh
            print(f"  {severity}  {finding.rule_id}  {finding.message(lang)}")
    else:
        print("no findings involve it" if lang == "en" else "没有涉及该值的问题")
    return 1 if any(f.severity is Severity.ERROR for f in found.findings) else 0


def _rules(args: argparse.Namespace) -> int:
    if args.format == "json":
        print(catalog_json())
    elif args.format == "markdown":
        print(catalog_markdown(), end="")
    else:
        print(catalog_text(args.lang))
    return 0


def _options(
    command: argparse.ArgumentParser, *, formats: tuple[str, ...] = ("text", "json"), review: str = ""
) -> None:
    """The options every command takes: the output language and, for reports, the format;
    ``review`` says what ``--review FILE`` does for the command (none if empty)."""
    command.add_argument("--lang", choices=("zh", "en"), default="zh", help="输出语言 output language")
    if formats:
        command.add_argument("--format", choices=formats, default=formats[0], help="输出格式 output format")
    if "json" in formats:  # the commands that print findings
        command.add_argument(
            "--severity",
            choices=("error", "warning", "info"),
            default="info",
            help="只列出不低于此级别的问题（默认全部） list findings of this severity or worse (default: all)",
        )
        command.add_argument(
            "-q",
            "--quiet",
            action="store_true",
            help="没有问题的文件不单独列出 print nothing for files without findings",
        )
    if review:
        command.add_argument("--review", metavar="FILE", help=f"审核记录文件（JSON）：{review} the review file")


def _jobs(command: argparse.ArgumentParser) -> None:
    command.add_argument(
        "-j",
        "--jobs",
        type=int,
        default=os.cpu_count() or 1,
        metavar="N",
        help="并行的工作进程数（默认：处理器核数） worker processes (default: the machine's cores)",
    )


def _output(command: argparse.ArgumentParser, metavar: str, help_: str) -> None:
    """The output of a command that reads one input: ``-o OUT`` as every command takes it, or, as a
    shorthand, the second positional argument (``govinfo convert in.xlsx out.json``)."""
    command.add_argument("given_output", nargs="?", metavar=metavar, help=f"{help_}（也可写作 -o {metavar}）")
    command.add_argument("-o", "--output", dest="output_option", metavar=metavar, help=f"{help_} the output")


def _one_output(command: argparse.ArgumentParser, args: argparse.Namespace) -> None:
    """``args.output`` from ``-o`` or the positional output; both or neither is a usage error."""
    given, option = args.given_output, args.output_option
    if given is not None and option is not None and given != option:
        command.error(f"输出文件给了两次（{given} 与 -o {option}），只能有一个")
    if given is None and option is None:
        command.error("缺少输出文件（-o OUT）")
    args.output = option if option is not None else given


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
    check.add_argument("paths", nargs="*", metavar="PATH", help=f"文件或文件夹（{readable()}）")
    _options(check, formats=("text", "json", "csv"), review="已接受或已排除的问题不再显示，新问题记入待审核")
    _jobs(check)
    check.add_argument(
        "--previous",
        action="append",
        metavar="PATH",
        help="上年报告（文件或文件夹，可重复使用本选项），按机关名称配对比较 last year's reports (repeatable)",
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
    _options(compare, review="同 govinfo check --review")
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
    total.add_argument(
        "--include-invalid",
        action="store_true",
        help="纳入有错误的报告（默认不纳入，与 hierarchy 相同） include reports with errors (default: left out, as in "
        "hierarchy)",
    )
    total.add_argument(
        "--allow-unread",
        action="store_true",
        help="有文件无法读取时仍汇总其余文件，并在汇总说明中列出缺少的文件 total the readable files, naming the others",
    )
    _options(total)
    _jobs(total)
    total.set_defaults(run=_aggregate)

    blank = commands.add_parser(
        "template",
        help="生成空白表格 write the blank form",
        description="生成官方格式的空白工作簿，供各单位填报。",
        epilog="示例 example:  govinfo template 2024年报表.xlsx   govinfo template 2020年报表.xlsx --edition 2019",
    )
    _output(blank, "OUT.xlsx", "输出文件")
    blank.add_argument("--edition", choices=govinfo.edition_ids(), default=govinfo.edition_ids()[0], help="格式版本")
    _options(blank, formats=())
    blank.set_defaults(run=_template)

    marked = commands.add_parser(
        "annotate",
        help="生成批注版 annotate a workbook",
        description="检查报送的工作簿，把有问题的单元格标色并加批注，生成退回给报送单位的批注版；原文件不变。",
        epilog="示例 example:  govinfo annotate 某局.xlsx 某局-审核意见.xlsx",
    )
    marked.add_argument("input", metavar="IN.xlsx", help="报送的工作簿，或装有工作簿的文件夹 the workbook, or a folder")
    _output(marked, "OUT.xlsx", "批注版，或输出文件夹")
    _options(marked, formats=(), review="已接受或已排除的问题不再标注")
    _strict(marked)
    marked.set_defaults(run=_annotate)

    convert = commands.add_parser(
        "convert",
        help="转换格式 convert between formats",
        description="在 Excel 工作簿（.xlsx）与 JSON（.json）之间转换，也可把发布的文本、网页（.txt、.html）"
        "转为这两种格式；按扩展名选择格式。",
        epilog="示例 example:  govinfo convert 某局.xlsx 某局.json   "
        "cat 年报.txt | govinfo convert - - --from txt --to json",
    )
    convert.add_argument("input", metavar="IN", help=f"输入文件（{readable()}）；- 为标准输入")
    _output(convert, "OUT", f"输出文件（{'、'.join(WRITERS)}）；- 为标准输出")
    convert.add_argument(
        "--from", dest="from_", choices=sorted({s.lstrip(".") for s in SUFFIXES}), help="标准输入的格式"
    )
    convert.add_argument("--to", choices=("xlsx", "json"), help="标准输出的格式")
    _options(convert, formats=())
    _strict(convert)
    convert.set_defaults(run=_convert)

    _render_command(commands)
    _serve_command(commands)
    _more_commands(commands)
    return top


def _strict(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help="报告有错误时退出码为 1（默认：完成即为 0） exit 1 when the report has errors (default: 0 when done)",
    )


def _serve_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``serve``: the local web page."""
    serve = commands.add_parser(
        "serve",
        help="打开本地审核工作台（网页） the local web page",
        description="在本机启动审核工作台网页：上传各单位报告（任何格式，可多选或 .zip），查看问题、接受或排除，"
        "与上年比较，汇总并下载。文件夹为工作区，上传的文件、审核记录和下载的文件都保存在其中。"
        "默认只允许本机访问；--host 为其他地址时需要访问令牌。",
        epilog="示例 example:  govinfo serve 2024年报工作区 --open",
    )
    serve.add_argument("folder", nargs="?", default=".", metavar="FOLDER", help="工作区文件夹（默认当前文件夹）")
    serve.add_argument("--port", type=int, default=8765, help="端口（默认 8765；0 为任一空闲端口）")
    serve.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，仅本机）")
    serve.add_argument("--token", help="访问令牌（--host 非本机时使用；不给则自动生成）")
    serve.add_argument("--open", action="store_true", help="启动后打开浏览器 open the browser")
    _jobs(serve)
    _options(serve, formats=())
    serve.set_defaults(run=_serve)


def _render_command(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``render``: the publishable report."""
    render = commands.add_parser(
        "render",
        help="生成发布用的年度报告（Word、网页、PDF） render the publishable report",
        description="用报告的数据生成对外发布的年度报告："
        "Word（.docx，公文格式）、网页（.html）或 PDF（经 LibreOffice）。"
        "报告有错误时不生成，除非加 --allow-errors（此时问题清单另存为 <输出文件>.问题清单.csv，不写进文档）。"
        "文字部分为空、未给出成文日期时，文档中以“【请填写：…】”标出。",
        epilog="示例 example:  govinfo render 某局.xlsx 某局2024年报.docx --date 2025-01-20",
    )
    render.add_argument("report", metavar="REPORT", help=f"报告文件（{readable()}）")
    _output(render, "OUT", "输出文件（.docx、.html 或 .pdf）")
    render.add_argument("--date", help="落款的成文日期，如 2025-01-20 the date of the signature block")
    render.add_argument(
        "--allow-errors", action="store_true", help="报告有错误也生成，问题清单另存 render a report with errors too"
    )
    _options(render, formats=())
    render.set_defaults(run=_render)


def _more_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """``export``, ``schema``, ``hierarchy``, ``explain``, ``review`` and ``rules``."""
    export = commands.add_parser(
        "export",
        help="导出为明细表 export one row per cell",
        description="把报告逐个单元格导出为明细表：.csv（带 BOM，Excel 可直接打开）或 .jsonl。",
        epilog="示例 example:  govinfo export 各单位报告/ -o 全市明细.csv",
    )
    export.add_argument("paths", nargs="+", metavar="PATH", help="文件或文件夹 files or folders")
    export.add_argument("-o", "--output", required=True, metavar="OUT", help="输出文件（.csv 或 .jsonl）")
    export.add_argument(
        "--header",
        choices=("zh", "paths"),
        default="zh",
        help="CSV 表头：zh 为中文列名并附表格、行、列（默认），paths 为英文键 the CSV header: Chinese with the "
        "printed coordinate (default), or the keys",
    )
    _options(export, formats=("text",))
    _jobs(export)
    export.set_defaults(run=_export)

    schema = commands.add_parser(
        "schema",
        help="输出 JSON 结构定义 print the JSON Schema",
        description="输出 govinfo JSON 格式的 JSON Schema（draft 2020-12）。",
        epilog="示例 example:  govinfo schema > annual-report.schema.json",
    )
    schema.set_defaults(run=_schema, lang="zh", format="text")

    tree = commands.add_parser(
        "hierarchy",
        help="上级报告与下级汇总比较 a parent against its children",
        description="本级报告涵盖全辖区时，逐个单元格比较本级报告与所辖各单位报告的汇总，并列出没有报告的单位。",
        epilog="示例 example:  govinfo hierarchy 全县.xlsx 各乡镇/ --members 乡镇名单.txt",
    )
    tree.add_argument("parent", metavar="PARENT", help="上级（本级）报告 the parent's report")
    tree.add_argument("children", nargs="+", metavar="CHILD", help="下级报告（文件或文件夹） the children's reports")
    tree.add_argument("--members", metavar="LIST.txt", help="应报送的单位名单（每行一个） organs that should report")
    tree.add_argument("--warn", action="store_true", help="不一致时只作警告 report differences as warnings")
    _jobs(tree)
    tree.add_argument(
        "--include-invalid",
        action="store_true",
        help="纳入有错误的下级报告（默认不纳入，与 aggregate 相同） include children's reports with errors (default: "
        "left out, as in aggregate)",
    )
    _options(tree, review="同 govinfo check --review")
    tree.set_defaults(run=_hierarchy)

    why = commands.add_parser(
        "explain",
        help="说明一个数的来源 explain one value",
        description="说明报告中一个数（或一段文字）的值、在文件中的位置和原文、上下文，以及涉及它的全部问题。",
        epilog="示例 example:  govinfo explain 年报.txt requests.outcomes.total.natural_person",
    )
    why.add_argument("file", metavar="FILE", help=f"报告文件（{readable()}）")
    why.add_argument("path", metavar="PATH", help="路径，如 requests.received.total（见 govinfo export 的明细表）")
    _options(why, formats=())
    why.set_defaults(run=_explain)

    review = commands.add_parser(
        "review",
        help="审核问题 review findings",
        description="管理审核记录文件：列出记录，或把问题标为已接受（accept）、已排除（dismiss）、重新待审（reopen）。"
        "问题编号见 govinfo check --review 的输出。",
        epilog="示例 example:  govinfo review 审核.json accept 3f9a1c2b --by 张三 --reason 已电话核实",
    )
    review.add_argument("file", metavar="FILE", help="审核记录文件（JSON） the review file")
    review.add_argument(
        "action", nargs="?", choices=tuple(_DECISIONS), help="accept、dismiss 或 reopen；省略时列出记录"
    )
    review.add_argument("keys", nargs="*", metavar="KEY", help="问题编号（可只写开头几位） finding keys")
    review.add_argument("--by", help="审核人 who decided")
    review.add_argument("--reason", help="理由 why")
    _options(review, formats=())
    review.set_defaults(run=_review)

    rules = commands.add_parser(
        "rules",
        help="列出规则目录 list the rule catalog",
        description="列出全部检查规则。",
        epilog="示例 example:  govinfo rules --format markdown",
    )
    _options(rules, formats=("text", "json", "markdown"))
    rules.set_defaults(run=_rules)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command; returns the exit status.

    One boundary for every command: an error of govinfo is its message and status 2; a
    fault of govinfo itself is one line asking for a report, never a traceback; Ctrl-C is
    status 130; output cut short by its reader (``| head``) ends quietly.
    """
    with chinese():
        top = parser()
        args = top.parse_args(argv)
        if hasattr(args, "given_output"):
            _one_output(_subcommand(top, args.command), args)
    lang: Lang = getattr(args, "lang", "zh")
    try:
        status: int = args.run(args)
        sys.stdout.flush()
    except BrokenPipeError:
        return _pipe_closed()
    except KeyboardInterrupt:
        print("Interrupted." if lang == "en" else "已中断。", file=sys.stderr)
        return 130
    except GovinfoError as error:
        print(error.message(lang), file=sys.stderr)
        return 2
    except Exception as error:  # noqa: BLE001 — the one place a fault becomes a line, not a traceback
        detail = f"{type(error).__name__}: {error}"
        print(
            f"internal error, please report it ({detail})" if lang == "en" else f"内部错误，请报告此问题（{detail}）",
            file=sys.stderr,
        )
        return 2
    return status


def _subcommand(top: argparse.ArgumentParser, name: str) -> argparse.ArgumentParser:
    """The parser of the command ``name`` (its usage line for an error)."""
    for action in top._actions:
        if isinstance(action, argparse._SubParsersAction):
            found: argparse.ArgumentParser = action.choices[name]
            return found
    return top


def _pipe_closed() -> int:
    """The reader of standard output has gone: send what is left nowhere, and stop quietly."""
    with contextlib.suppress(OSError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    return 141  # 128 + SIGPIPE, as a program stopped by the closed pipe would


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

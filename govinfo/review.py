"""Findings that stay reviewed: fingerprints and the review file.

A finding's :func:`fingerprint` has two parts. The ``key`` names the finding — rule,
organ, year, path and coordinate (and which one of several alike) — and stays the same
when the report is corrected or re-read from another file. The ``values`` digest covers
what the finding is about: its expected and actual values, the values of every cell it
involves, and the text of the narrative section it quotes. An office accepts or dismisses
a finding once, in a :class:`Reviews` file; when the report is checked again the decision
holds while the values are unchanged, and the finding is shown again once they change.

The file is JSON (``{"format": "govinfo-review", "version": 1, "findings": {key: entry}}``),
kept readable so that it can be read, diffed and archived alongside the reports; it is
rewritten atomically and no entry is ever dropped.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import sys
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from pathlib import Path
from typing import Literal, TypeVar, get_args

import attrs

from govinfo.errors import ArgumentError, FileFormatError, GovinfoError, UnknownNameError, UnsafeFileError, expect
from govinfo.findings import Finding
from govinfo.model.cells import attrs_get
from govinfo.model.report import AnnualReport, organ_key, report_argument
from govinfo.reading.inputs import read_bytes
from govinfo.rules.narrative import SECTIONS
from govinfo.writing.atomic import write_atomically

Decision = Literal["pending", "accepted", "dismissed"]
DECISION_ZH: dict[str, str] = {"pending": "待审核", "accepted": "已接受", "dismissed": "已排除"}
"""Each decision's name in Chinese, as the command and review file show it."""
"""``pending`` (seen, not decided), ``accepted`` (it holds and is explained) or ``dismissed`` (it is wrong)."""
Status = Literal["new", "pending", "accepted", "dismissed", "changed"]
"""A finding against the review file: never seen, its decision, or ``changed`` since it was decided."""

FORMAT = "govinfo-review"
VERSION = 1
MAX_BYTES = 64 * 2**20
"""A review file larger than this is refused before it is read."""
_DECISIONS = get_args(Decision)
SETTLED: frozenset[Status] = frozenset({"accepted", "dismissed"})
"""The statuses of findings an office has decided on: hidden while their values stay the same."""


@attrs.frozen
class Fingerprint:
    """A finding's stable identity (``key``) and a digest of the values it is about (``values``)."""

    key: str
    values: str

    @property
    def short(self) -> str:
        """The key as people type it: 8 hex digits, and ``#n`` for the n-th of findings alike."""
        return short_key(self.key)


def short_key(key: str) -> str:
    """``3f9a1c2b`` for ``3f9a1c2b…``, ``3f9a1c2b#2`` for ``3f9a1c2b…#2``."""
    digest, mark, ordinal = key.partition("#")
    return digest[:8] + mark + ordinal


def _matches(key: str, given: str) -> bool:
    digest, _, ordinal = key.partition("#")
    start, _, wanted = given.partition("#")
    return digest.startswith(start) and ordinal == wanted


def _digest(parts: Iterable[object], size: int) -> str:
    text = json.dumps([str(p) for p in parts], ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:size]


def _identity(finding: Finding, report: AnnualReport) -> list[object]:
    return [
        finding.rule_id,
        organ_key(report.organ),
        report.year,
        finding.path,
        finding.table,
        finding.row,
        finding.column,
    ]


def _involved(finding: Finding, report: AnnualReport) -> list[object]:
    values: list[object] = [finding.expected, finding.actual]
    for path in finding.cells:
        try:
            values.append(attrs_get(report, path))
        except AttributeError:
            values.append(None)
    if finding.path in SECTIONS:
        values.append(getattr(report, finding.path))
    return values


def _findings_argument(findings: object, function: str) -> list[Finding]:
    if isinstance(findings, str | bytes | Finding) or not isinstance(findings, Iterable):
        raise ArgumentError(
            f"{function}() 的参数 findings 应为若干问题（Finding 的列表），而不是 {type(findings).__name__}",
            f"{function}() takes Findings (a list, or any iterable) as findings, not {type(findings).__name__}",
        )
    found = list(findings)
    for index, finding in enumerate(found):
        expect(
            finding, Finding, function=function, parameter=f"findings[{index}]", zh="问题（Finding）", en="a Finding"
        )
    return found


def fingerprints(findings: Iterable[Finding], report: AnnualReport) -> list[Fingerprint]:
    """The fingerprint of each of ``report``'s findings, in order.

    Findings alike in rule, path and coordinate are told apart by their order
    (``…#2``), which the rules keep stable.

    >>> import attrs, govinfo
    >>> broken = govinfo.replace_cells(govinfo.example(), {"requests.received.total": 213})
    >>> [len(f.key) for f in govinfo.fingerprints(govinfo.check(broken, narrative=False), broken)]
    [16, 16]
    """
    report_argument(report, "fingerprints")
    findings = _findings_argument(findings, "fingerprints")
    seen: Counter[str] = Counter()
    made = []
    for finding in findings:
        key = _digest(_identity(finding, report), 16)
        seen[key] += 1
        if seen[key] > 1:
            key = f"{key}#{seen[key]}"
        made.append(Fingerprint(key, _digest(_involved(finding, report), 16)))
    return made


def fingerprint(finding: Finding, report: AnnualReport) -> Fingerprint:
    """The fingerprint of one finding of ``report`` (see :func:`fingerprints` for several alike)."""
    report_argument(report, "fingerprint")
    expect(finding, Finding, function="fingerprint", parameter="finding", zh="问题（Finding）", en="a Finding")
    return fingerprints([finding], report)[0]


@attrs.frozen
class Review:
    """What the review file records about one finding."""

    key: str
    values: str
    """The digest of the values when it was decided (while pending, when last seen)."""
    rule: str
    organ: str
    year: int
    path: str | None
    message: str
    decision: Decision = "pending"
    by: str = ""
    reason: str = ""
    at: str = ""
    """When it was decided (ISO 8601), or first seen while pending."""
    latest: str = ""
    """The digest of the values when the finding was last seen."""


def _valid(entry: object, names: set[str]) -> bool:
    """Whether a stored entry has only known fields, each of its type."""
    if not isinstance(entry, dict) or set(entry) - names or entry.get("decision") not in _DECISIONS:
        return False
    types: dict[str, type | tuple[type, ...]] = {"year": int, "path": (str, type(None))}
    return all(isinstance(v, types.get(k, str)) and not isinstance(v, bool) for k, v in entry.items())


_T = TypeVar("_T")


def _unique(pairs: list[tuple[str, object]]) -> dict[str, object]:
    """A JSON object, refusing a key given twice (which entry would count is not for us to guess)."""
    result = dict(pairs)
    if len(result) != len(pairs):
        keys = [key for key, _ in pairs]
        raise ValueError(f"duplicate key {next(k for k in keys if keys.count(k) > 1)!r}")
    return result


@contextlib.contextmanager
def _locked(file: Path) -> Iterator[None]:
    """Hold the review file's lock (a sidecar ``.NAME.lock`` beside it) for the block."""
    lock = file.with_name(f".{file.name}.lock")
    try:
        handle = lock.open("a+b")
    except OSError as error:
        raise GovinfoError(
            f"无法写入审核记录文件 {file}：{error.strerror}", f"cannot write the review file {file}: {error.strerror}"
        ) from None
    with handle:
        if sys.platform == "win32":  # pragma: no cover — the CI runs on Linux
            import msvcrt  # noqa: PLC0415

            handle.seek(0)
            msvcrt.locking(handle.fileno(), msvcrt.LK_LOCK, 1)
        else:
            import fcntl  # noqa: PLC0415

            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        yield  # the lock goes with the handle


def _now() -> str:
    return datetime.datetime.now(datetime.UTC).replace(microsecond=0).isoformat()


def _bad(file: str, zh: str, en: str) -> FileFormatError:
    return FileFormatError(f"审核记录文件 {file} {zh}", f"the review file {file} {en}")


@attrs.define
class Reviews:
    """The decisions an office has taken on findings, by fingerprint key."""

    entries: dict[str, Review] = attrs.field(factory=dict)

    @classmethod
    def load(cls, path: str | os.PathLike[str]) -> Reviews:
        """The reviews in ``path``; none if the file does not exist yet.

        Raises :class:`~govinfo.FileFormatError` for a file that is not a review file.
        """
        file = Path(path)
        if not file.exists():
            return cls()
        size = MAX_BYTES // 2**20
        try:
            raw, _ = read_bytes(file, limit=MAX_BYTES)
        except UnsafeFileError:
            raise _bad(str(file), f"超过 {size} MB，不是审核记录", f"is over {size} MB, not a review file") from None
        try:
            data = json.loads(raw, object_pairs_hook=_unique)
        except (ValueError, RecursionError) as error:
            raise _bad(
                str(file), f"无法读取或不是有效的 JSON（{error}）", f"cannot be read as JSON ({error})"
            ) from None
        if not isinstance(data, dict) or data.get("format") != FORMAT or not isinstance(data.get("findings"), dict):
            raise _bad(str(file), "不是 govinfo 审核记录", "is not a govinfo review file")
        if data.get("version") != VERSION:
            raise _bad(
                str(file),
                f"的版本 {data.get('version')!r} 不受支持",
                f"has unsupported version {data.get('version')!r}",
            )
        entries = {}
        names = {a.name for a in attrs.fields(Review)}
        for key, entry in data["findings"].items():
            if not _valid(entry, names):
                raise _bad(str(file), f"中“{key}”的记录无效", f"holds an invalid entry for {key!r}")
            try:
                entries[key] = Review(key=key, **{k: v for k, v in entry.items() if k != "key"})
            except TypeError:
                raise _bad(str(file), f"中“{key}”的记录不完整", f"holds an incomplete entry for {key!r}") from None
        return cls(entries)

    def save(self, path: str | os.PathLike[str]) -> None:
        """Merge these reviews into the file ``path``, under its lock, and write it atomically.

        What the file holds is kept: an entry of this object replaces the file's only when it
        is as recent (a decision taken meanwhile by someone else stands), and entries only the
        file has stay. Two offices' processes saving at once lose no decision.
        """
        Reviews.update(path, lambda current: current.absorb(self))

    def absorb(self, other: Reviews) -> None:
        """Take ``other``'s entries, except where this object's entry is more recent (or, as recent, decided)."""
        for key, entry in other.entries.items():
            mine = self.entries.get(key)
            # within the same second a decision outweighs a finding merely seen again
            undone = mine is not None and entry.at == mine.at and entry.decision == "pending" != mine.decision
            if mine is None or entry.at > mine.at or (entry.at == mine.at and not undone):
                self.entries[key] = entry

    @classmethod
    def update(cls, path: str | os.PathLike[str], change: Callable[[Reviews], _T]) -> _T:
        """Read the file, ``change`` it and write it back, holding its lock throughout.

        The way to change a review file that others may be using: no other ``update`` or
        :meth:`save` runs between the read and the write. Returns what ``change`` returns.
        """
        file = Path(path)
        with _locked(file):
            reviews = cls.load(file)
            result = change(reviews)
            reviews._write(file)
        return result

    def _write(self, file: Path) -> None:
        data = {
            "format": FORMAT,
            "version": VERSION,
            "findings": {
                key: {k: v for k, v in attrs.asdict(review).items() if k != "key"}
                for key, review in sorted(self.entries.items())
            },
        }
        write_atomically(file, (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8"))

    def status(self, print_: Fingerprint) -> Status:
        """How a finding with this fingerprint stands in the reviews."""
        review = self.entries.get(print_.key)
        if review is None:
            return "new"
        if review.decision != "pending" and review.values != print_.values:
            return "changed"
        return review.decision

    def unsettled(self, findings: Sequence[Finding], report: AnnualReport) -> list[Finding]:
        """The findings not accepted or dismissed (or whose values changed since), in order."""
        prints = fingerprints(findings, report)
        return [f for f, p in zip(findings, prints, strict=True) if self.status(p) not in SETTLED]

    def record(self, finding: Finding, report: AnnualReport, print_: Fingerprint) -> None:
        """Note a finding as seen: a new one as pending; a decision is never changed here."""
        review = self.entries.get(print_.key)
        if review is None:
            self.entries[print_.key] = Review(
                key=print_.key,
                values=print_.values,
                rule=finding.rule_id,
                organ=report.organ,
                year=report.year,
                path=finding.path,
                message=finding.message_zh,
                at=_now(),
                latest=print_.values,
            )
        elif review.decision == "pending":
            self.entries[print_.key] = attrs.evolve(
                review, values=print_.values, latest=print_.values, message=finding.message_zh
            )
        else:
            self.entries[print_.key] = attrs.evolve(review, latest=print_.values)

    def decide(self, key: str, decision: Decision, *, by: str, reason: str = "") -> Review:
        """Record a decision on the finding whose key is ``key`` or starts with it (``3f9a1c2b#2``
        for the second of findings alike).

        Raises :class:`~govinfo.UnknownNameError` when no key, or more than one, matches.
        """
        matches = [k for k in self.entries if k == key] or [k for k in self.entries if _matches(k, key)]
        if len(matches) != 1:
            raise UnknownNameError("审核记录", "review", key, sorted(matches))
        review = self.entries[matches[0]]
        values = review.latest or review.values  # what the office saw when it decided
        review = attrs.evolve(review, values=values, decision=decision, by=by, reason=reason, at=_now())
        self.entries[review.key] = review
        return review

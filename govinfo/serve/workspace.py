"""The office's workspace: the files it dropped, what govinfo read from them, and its decisions.

A workspace is one folder. Uploaded files are stored under names govinfo makes from their
content (``本年报告/3f9a1c2b….xlsx``), never under the name the browser sent, which is kept
only for display in the manifest (``govinfo-工作区.json``). The review file (``审核记录.json``)
is the one ``govinfo check --review`` uses. Downloads are written to ``输出/``. Nothing is
written outside the folder, every file is written atomically, and a restarted server reads the
folder again and shows the same state.

Files are read in worker processes, as ``govinfo check -j`` reads them; the page asks for the
state while they are read.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import json
import os
import threading
import zipfile
from collections.abc import Callable, Iterator, Mapping
from concurrent.futures import Future, ProcessPoolExecutor
from pathlib import Path, PurePosixPath
from typing import Literal

import attrs

import govinfo
from govinfo.errors import GovinfoError, UnsafeFileError
from govinfo.findings import Finding, Severity, SourceLocation
from govinfo.model.report import AnnualReport, organ_key
from govinfo.reading import folder as folders
from govinfo.reading.kinds import SUFFIXES
from govinfo.reading.made import derived
from govinfo.reading.text.decode import listed
from govinfo.reading.workbook.safety import BROKEN_ZIP
from govinfo.review import Reviews
from govinfo.writing.atomic import write_atomically

Category = Literal["current", "previous"]

FOLDERS: dict[Category, str] = {"current": "本年报告", "previous": "上年报告"}
MANIFEST = "govinfo-工作区.json"
MEMBERS_FILE = "应报送单位名单.txt"
"""The organs that should report, one a line (as ``govinfo hierarchy --members`` reads them)."""
MAX_MEMBERS_BYTES = 2**20
REVIEW_FILE = "审核记录.json"
OUTPUT_FOLDER = "输出"

MAX_FILE_BYTES = 64 * 2**20
"""An uploaded file (or a file inside an uploaded zip) larger than this is refused."""
MAX_FILES = 2_000
"""Files one upload (a zip's members included) may hold."""
MAX_UPLOAD_BYTES = 512 * 2**20
"""One upload request, all its files together."""
MAX_ZIP_BYTES = 1024 * 2**20
"""What a zip may inflate to, all its members together."""
MAX_ZIP_RATIO = 200
"""A zip member inflating more than this many times its compressed size is a zip bomb."""
MAX_WORKSPACE_FILES = 20_000


@attrs.frozen
class Outcome:
    """What reading one stored file gave: a report and its findings, or why not."""

    status: Literal["read", "unreadable", "left_out"]
    report: AnnualReport | None = None
    findings: tuple[Finding, ...] = ()
    sources: Mapping[str, SourceLocation] = attrs.field(factory=dict)
    reason: tuple[str, str] | None = None
    """Why the file was not read, or was left out (Chinese, English)."""


def _started() -> bool:
    """Nothing: the first task, which makes the pool start its worker processes."""
    return True


def read_file(path: str) -> Outcome:
    """Read one file as ``govinfo.read`` does; run in a worker process. Never raises."""
    try:
        result = govinfo.read(path)
    except GovinfoError as error:
        return Outcome("unreadable", reason=(error.message_zh, error.message_en))
    except Exception as error:  # noqa: BLE001 — one broken file must never stop the others
        detail = f"{type(error).__name__}: {error}"
        return Outcome("unreadable", reason=(f"内部错误，请报告此问题（{detail}）", f"internal error ({detail})"))
    left_out = derived(result.report, result.made)
    status: Literal["read", "left_out"] = "left_out" if left_out else "read"
    return Outcome(status, result.report, tuple(result.findings), dict(result.sources), left_out)


@attrs.frozen
class Entry:
    """A stored file: its name in the workspace, the name it was uploaded under, its category."""

    stored: str
    name: str
    category: Category
    size: int


@attrs.define
class Refusal:
    """A file of an upload that was not stored, and why (Chinese, English)."""

    name: str
    zh: str
    en: str


class Workspace:
    """One office's folder of uploads, results and decisions (see the module docstring)."""

    def __init__(self, root: str | os.PathLike[str], *, jobs: int | None = None) -> None:
        self.root = Path(root).resolve()
        self.root.mkdir(parents=True, exist_ok=True)
        self.review_file = self.root / REVIEW_FILE
        self._lock = threading.RLock()
        self._entries: dict[str, Entry] = {}
        self._outcomes: dict[str, Outcome] = {}
        self._pending: dict[str, Future[Outcome]] = {}
        self._pool = ProcessPoolExecutor(max_workers=jobs or os.cpu_count() or 1)
        # Start the workers now, before the server's threads: where processes are forked, forking a
        # process whose other threads hold locks can leave a worker stuck (the pool starts them all at once).
        self._pool.submit(_started).result()
        self._load_manifest()
        for entry in list(self._entries.values()):
            self._submit(entry)

    # --- the manifest -----------------------------------------------------------------------

    def _load_manifest(self) -> None:
        file = self.root / MANIFEST
        try:
            data = json.loads(file.read_text(encoding="utf-8")) if file.exists() else {}
        except (OSError, ValueError) as error:
            raise GovinfoError(
                f"工作区清单 {file} 无法读取（{error}）", f"the workspace manifest {file} cannot be read ({error})"
            ) from None
        for stored, item in dict(data.get("files", {})).items():
            category = item.get("category")
            if category in FOLDERS and self._path(stored, category).is_file():
                self._entries[stored] = Entry(stored, str(item.get("name", stored)), category, int(item.get("size", 0)))

    def _save_manifest(self) -> None:
        files = {e.stored: {"name": e.name, "category": e.category, "size": e.size} for e in self._entries.values()}
        data = {"format": "govinfo-workspace", "version": 1, "files": files}
        write_atomically(self.root / MANIFEST, json.dumps(data, ensure_ascii=False, indent=1).encode("utf-8"))

    def _path(self, stored: str, category: Category) -> Path:
        return self.root / FOLDERS[category] / stored

    # --- adding files -----------------------------------------------------------------------

    def add(self, uploads: list[tuple[str, bytes]], category: Category) -> tuple[list[Entry], list[Refusal]]:
        """Store the uploaded files (a zip's files in its place) and start reading them."""
        added: list[Entry] = []
        refused: list[Refusal] = []
        for name, data in self._unpacked(uploads, refused):
            shown = PurePosixPath(name.replace("\\", "/")).name or "未命名"
            skip = folders.skipped_reason(name)
            if skip is not None:
                refused.append(Refusal(shown, *skip))
                continue
            if len(data) > MAX_FILE_BYTES:
                limit = MAX_FILE_BYTES // 2**20
                refused.append(Refusal(shown, f"超过 {limit} MB 的上限", f"over the {limit} MB limit"))
                continue
            suffix = PurePosixPath(shown).suffix.lower()
            stored = hashlib.sha256(data).hexdigest()[:24] + (suffix if suffix in SUFFIXES else ".bin")
            with self._lock:
                if len(self._entries) >= MAX_WORKSPACE_FILES:
                    refused.append(Refusal(shown, "工作区文件已达上限", "the workspace is full"))
                    continue
                if stored in self._entries and self._entries[stored].category == category:
                    refused.append(Refusal(shown, "与已上传的文件内容相同", "the same as a file uploaded before"))
                    continue
                path = self._path(stored, category)
                path.parent.mkdir(parents=True, exist_ok=True)
                write_atomically(path, data)
                entry = Entry(stored, shown, category, len(data))
                self._entries[stored] = entry
                self._save_manifest()
            added.append(entry)
            self._submit(entry)
        return added, refused

    def _unpacked(self, uploads: list[tuple[str, bytes]], refused: list[Refusal]) -> Iterator[tuple[str, bytes]]:
        """The uploads, each zip replaced by its files (not followed further: a zip in a zip is refused)."""
        count = 0
        for name, data in uploads:
            if not (name.lower().endswith(".zip") and data.startswith(b"PK")):
                count += 1
                if count > MAX_FILES:
                    refused.append(Refusal(name, f"一次最多上传 {MAX_FILES} 个文件", f"at most {MAX_FILES} files"))
                    continue
                yield name, data
                continue
            try:
                members = list(_zip_members(data))
            except GovinfoError as error:
                refused.append(Refusal(name, error.message_zh, error.message_en))
                continue
            for member, content in members:
                count += 1
                if count > MAX_FILES:
                    refused.append(Refusal(member, f"一次最多上传 {MAX_FILES} 个文件", f"at most {MAX_FILES} files"))
                    break
                yield member, content

    # --- reading ----------------------------------------------------------------------------

    def _submit(self, entry: Entry) -> None:
        future = self._pool.submit(read_file, str(self._path(entry.stored, entry.category)))
        with self._lock:
            self._pending[entry.stored] = future
        future.add_done_callback(functools.partial(self._finished, entry.stored))

    def _finished(self, stored: str, future: Future[Outcome]) -> None:
        try:
            outcome = future.result()
        except Exception as error:  # noqa: BLE001 — a worker that died is a file not read, said
            outcome = Outcome(
                "unreadable", reason=(f"读取进程出错（{error}）", f"the reading process failed ({error})")
            )
        with self._lock:
            entry = self._entries.get(stored)
            if entry is not None and outcome.reason is not None:  # said with the name the office gave the file
                zh, en = (text.replace(stored, entry.name) for text in outcome.reason)
                outcome = attrs.evolve(outcome, reason=(zh, en))
            self._outcomes[stored] = outcome
            self._pending.pop(stored, None)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait until every file is read; whether they all are (``False`` when ``timeout`` ran out)."""
        import concurrent.futures  # noqa: PLC0415

        with self._lock:
            pending = list(self._pending.values())
        done, not_done = concurrent.futures.wait(pending, timeout=timeout)
        del done
        if not not_done:  # the callbacks run in the pool's thread: let them store their outcomes
            for _ in range(200):
                with self._lock:
                    if not self._pending:
                        return True
                threading.Event().wait(0.01)
        return not not_done

    def close(self) -> None:
        """Stop reading (files not yet read are read again on the next start)."""
        self._pool.shutdown(wait=False, cancel_futures=True)

    # --- what the pages show ----------------------------------------------------------------

    def entries(self, category: Category | None = None) -> list[Entry]:
        with self._lock:
            found = [e for e in self._entries.values() if category is None or e.category == category]
        return sorted(found, key=lambda e: e.name)

    def outcome(self, stored: str) -> Outcome | None:
        """The file's outcome; ``None`` while it is being read."""
        with self._lock:
            return self._outcomes.get(stored)

    def progress(self) -> tuple[int, int]:
        """Files read so far, and files in all."""
        with self._lock:
            return len(self._entries) - len(self._pending), len(self._entries)

    def reports(self, category: Category = "current") -> list[tuple[Entry, AnnualReport, Outcome]]:
        """The reports read from the category's files (not those left out or unreadable), by organ."""
        found = []
        for entry in self.entries(category):
            outcome = self.outcome(entry.stored)
            if outcome is not None and outcome.status == "read" and outcome.report is not None:
                found.append((entry, outcome.report, outcome))
        return sorted(found, key=lambda item: organ_key(item[1].organ))

    def previous_of(self, report: AnnualReport) -> AnnualReport | None:
        """Last year's report of the same organ, among the previous year's files."""
        key = organ_key(report.organ)
        for _, last, _ in self.reports("previous"):
            if organ_key(last.organ) == key and last.year < report.year:
                return last
        return None

    def findings(self, entry: Entry, report: AnnualReport, outcome: Outcome) -> list[Finding]:
        """The file's findings with year over year's (GI6xx) when last year's report is here."""
        found = list(outcome.findings)
        last = self.previous_of(report)
        if last is not None:
            found += govinfo.compare(last, report, sources=outcome.sources)
        # located in the file as the office named it, not as the workspace stores it
        named = [
            attrs.evolve(f, source=attrs.evolve(f.source, file=entry.name)) if f.source is not None else f
            for f in found
        ]
        return sorted(named, key=lambda f: f.severity.rank)

    def reviews(self) -> Reviews:
        return Reviews.load(self.review_file)

    def update_reviews(self, change: Callable[[Reviews], object]) -> None:
        """Change the review file under its lock, written atomically (the command's file: both agree)."""
        Reviews.update(self.review_file, change)

    def set_members(self, data: bytes) -> list[str]:
        """Keep the list of organs that should report (a text file, one a line, UTF-8 or GBK); return it."""
        if len(data) > MAX_MEMBERS_BYTES:
            raise GovinfoError("单位名单过大（超过 1 MB）", "the list of organs is over 1 MB")
        organs = listed(data)
        if not organs:
            raise GovinfoError("单位名单是空的（应为文本文件，每行一个单位）", "the list of organs is empty")
        write_atomically(self.root / MEMBERS_FILE, ("\n".join(organs) + "\n").encode("utf-8"))
        return organs

    def members(self) -> list[str]:
        """The organs that should report, when a list was given (else none)."""
        file = self.root / MEMBERS_FILE
        if not file.is_file():
            return []
        return listed(file.read_bytes()[:MAX_MEMBERS_BYTES])

    def write_output(self, name: str, data: bytes) -> Path:
        """A download, also kept in the workspace's output folder (``name`` is govinfo's, never the user's)."""
        target = self.root / OUTPUT_FOLDER / name
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, data)
        return target

    def stored_path(self, entry: Entry) -> Path:
        return self._path(entry.stored, entry.category)


def counts(findings: list[Finding]) -> tuple[int, int]:
    """Errors and warnings among ``findings``."""
    errors = sum(1 for f in findings if f.severity is Severity.ERROR)
    return errors, sum(1 for f in findings if f.severity is Severity.WARNING)


def _zip_members(data: bytes) -> Iterator[tuple[str, bytes]]:
    """The files of an uploaded zip, within the limits of a zip bomb; folders, hidden and lock files left out."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except BROKEN_ZIP as error:
        raise GovinfoError(f"压缩包已损坏（{error}）", f"the zip is damaged ({error})") from None
    if len(members) > MAX_FILES:
        raise UnsafeFileError(f"压缩包内文件过多（{len(members)} 个）", f"too many files in the zip ({len(members)})")
    if sum(m.file_size for m in members) > MAX_ZIP_BYTES:
        raise UnsafeFileError("压缩包解压后过大，疑似压缩炸弹", "the zip would inflate too much (a zip bomb?)")
    for member in members:
        if member.is_dir():
            continue
        if member.file_size > 2**20 and member.file_size > MAX_ZIP_RATIO * max(1, member.compress_size):
            raise UnsafeFileError(
                f"压缩包中“{member.filename}”压缩比异常，疑似压缩炸弹", f"{member.filename!r} in the zip is a zip bomb"
            )
        if member.flag_bits & 0x1:
            raise GovinfoError("压缩包已加密，请解压后上传", "the zip is encrypted; unpack it and upload the files")
        name = _member_name(member)
        with archive.open(member) as handle:
            content = handle.read(MAX_FILE_BYTES + 1)
        yield name, content


def _member_name(member: zipfile.ZipInfo) -> str:
    """A member's name as the office wrote it: zips made on Chinese Windows name files in GBK."""
    name = member.filename
    if not member.flag_bits & 0x800:  # not flagged UTF-8: Python read it as CP437
        with contextlib.suppress(UnicodeEncodeError, UnicodeDecodeError):
            name = name.encode("cp437").decode("gbk")
    return name

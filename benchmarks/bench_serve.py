"""govinfo serve: 200 workbooks dropped at once, read in worker processes, against ``govinfo check -j 2``.

Both sides read the same 200 distinct workbooks with two worker processes. The page's side is one
upload request through the application (the browser's part, the network, is left out) and the
wait until every file is read; the command's side is the installed ``govinfo check -j 2`` over
the same files in a folder. While the files are read, the page's status request is timed: its
slowest answer is shown against its answer when idle (no target: how responsive the page stays).
"""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import govinfo
from benchmarks.corpus import make_reports
from benchmarks.timing import Result
from govinfo.serve.app import TOKEN_HEADER, create_app
from govinfo.serve.workspace import Workspace


def run(quick: bool) -> list[Result]:
    """Upload-and-read of N workbooks against the command over the same files, both with two workers."""
    count = 60 if quick else 200
    files = []
    for report in make_reports(count, seed=5):
        buffer = io.BytesIO()
        govinfo.write_xlsx(report, buffer)
        files.append((f"{report.organ}.xlsx", buffer.getvalue()))
    script = str(Path(sys.executable).parent / "govinfo")
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-") as name:
        root = Path(name)
        folder = root / "folder"
        folder.mkdir()
        for index, (_, data) in enumerate(files):
            (folder / f"{index:04d}.xlsx").write_bytes(data)
        start = time.perf_counter()
        subprocess.run(
            [script, "check", str(folder), "-j", "2", "--format", "json"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            check=False,
        )
        command = time.perf_counter() - start

        start = time.perf_counter()
        workspace = Workspace(root / "workspace", jobs=2)
        client = create_app(workspace, token="bench").test_client()
        body = {"category": "current", "files": [(io.BytesIO(data), file) for file, data in files]}
        client.post("/upload", data=body, headers={TOKEN_HEADER: "bench"}, content_type="multipart/form-data")
        latencies: list[float] = []
        done = threading.Event()

        def watch() -> None:  # the page asking for the state while the files are read
            while not done.is_set():
                asked = time.perf_counter()
                client.get("/api/status")
                latencies.append(time.perf_counter() - asked)
                time.sleep(0.05)

        watcher = threading.Thread(target=watch)
        watcher.start()
        workspace.wait()
        page = time.perf_counter() - start
        done.set()
        watcher.join()
        assert workspace.progress() == (count, count)
        idle = min(_timed(lambda: client.get("/api/status")) for _ in range(5))
        workspace.close()
    return [
        Result(f"serve: upload and read {count} workbooks (-j 2)", page, command, 1.3),
        Result("serve: slowest status answer while reading vs idle", max(latencies, default=idle), idle, None),
    ]


def _timed(fn: object) -> float:
    assert callable(fn)
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start

"""The govinfo command over many workbooks: worker speed-up and overhead over a plain loop."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

import govinfo
from benchmarks.corpus import make_reports
from benchmarks.timing import Result, best_of


def run(quick: bool) -> list[Result]:
    """Check N workbooks with -j 1 and -j 2, and read them in a loop in one process."""
    count = 200 if quick else 2_000
    repeats = 1  # each run reads thousands of files: one is long enough to be steady
    script = str(Path(sys.executable).parent / "govinfo")
    with tempfile.TemporaryDirectory(prefix="govinfo-bench-") as folder:
        samples = []
        for report in make_reports(10, seed=11):
            buffer = io.BytesIO()
            govinfo.write_xlsx(report, buffer)
            samples.append(buffer.getvalue())
        paths = []
        for i in range(count):
            path = Path(folder) / f"{i:05d}.xlsx"
            path.write_bytes(samples[i % len(samples)])
            paths.append(path)

        def command(jobs: int) -> None:
            subprocess.run(
                [script, "check", folder, "-j", str(jobs), "--format", "json"],
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
                check=False,
            )

        def loop() -> None:
            for path in paths:
                govinfo.read_xlsx(path)  # the fastest installed engine, as the command uses

        one = best_of(lambda: command(1), repeats)
        two = best_of(lambda: command(2), repeats)
        plain = best_of(loop, repeats)
    return [
        Result(f"govinfo check -j 1 over {count:,} workbooks", one, plain, 1.10),
        # Inverted so that "ratio <= target" reads the same way: -j 2 time / -j 1 time <= 1/1.7.
        Result(f"govinfo check -j 2 over {count:,} workbooks", two, one, round(1 / 1.7, 3)),
    ]

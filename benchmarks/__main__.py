"""Run every benchmark and print its ratio: ``python -m benchmarks [--quick]``.

Exits 1 if any ratio misses its target.
"""

from __future__ import annotations

import argparse
import platform
import sys

from benchmarks import bench_cli, bench_model, bench_text, bench_xlsx


def main() -> int:
    """Run the benchmarks; return 1 if a target is missed."""
    args = argparse.ArgumentParser(prog="python -m benchmarks")
    args.add_argument("--quick", action="store_true", help="smaller corpora, fewer repeats (a smoke run)")
    quick = args.parse_args().quick
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    results = [*bench_model.run(quick), *bench_text.run(quick), *bench_xlsx.run(quick), *bench_cli.run(quick)]
    for result in results:
        print(result.line())
    return 0 if all(r.met for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

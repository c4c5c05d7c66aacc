"""Run the benchmarks and print their ratios: ``python -m benchmarks [--quick] [--only GROUP …]``.

Exits 1 if any ratio misses its target.
"""

from __future__ import annotations

import argparse
import platform
import sys

from benchmarks import bench_cli, bench_formats, bench_model, bench_render, bench_serve, bench_text, bench_xlsx

GROUPS = {
    "model": bench_model,
    "text": bench_text,
    "xlsx": bench_xlsx,
    "formats": bench_formats,
    "render": bench_render,
    "serve": bench_serve,
    "cli": bench_cli,
}


def main() -> int:
    """Run the benchmarks; return 1 if a target is missed."""
    args = argparse.ArgumentParser(prog="python -m benchmarks")
    args.add_argument("--quick", action="store_true", help="smaller corpora, fewer repeats (a smoke run)")
    args.add_argument("--only", nargs="+", choices=tuple(GROUPS), help="run these groups only")
    given = args.parse_args()
    print(f"Python {platform.python_version()} on {platform.machine()}, {platform.system()}")
    results = [r for name in given.only or GROUPS for r in GROUPS[name].run(given.quick)]
    for result in results:
        print(result.line())
    return 0 if all(r.met for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

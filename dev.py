#!/usr/bin/env python3
"""Set up and run govinfo's jobs from a bare Python 3.11 with pip.

    python3 dev.py demo    # check the built-in example, findings in Chinese
    python3 dev.py test    # lint, type check, docs build, tests with coverage
    python3 dev.py test --quick   # the same with 10 examples per property, for the edit–test loop
    python3 dev.py bench   # the benchmarks, printed as ratios against baselines

The first run creates ``.venv`` beside this file and installs govinfo into it with what
the job needs: ``demo`` what running needs (``requirements/run.txt``: the dependencies and
every extra), ``test`` and ``bench`` the development tools as well (``requirements/dev.txt``).
Later runs reuse it until ``pyproject.toml`` or the requirement files change.
"""

from __future__ import annotations

import hashlib
import os
import subprocess
import sys
import venv
from pathlib import Path

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
BIN = VENV / ("Scripts" if os.name == "nt" else "bin")
STAMP = VENV / "govinfo-requirements.sha256"
INPUTS = (ROOT / "pyproject.toml", ROOT / "requirements" / "run.txt", ROOT / "requirements" / "dev.txt")
LEVELS = ("run", "dev")
"""What an environment holds: ``dev`` (every tool) includes ``run`` (what running needs)."""


def _digest() -> str:
    sha = hashlib.sha256()
    for path in INPUTS:
        sha.update(path.read_bytes())
    return sha.hexdigest()


def _run(*command: str | Path, ok: tuple[int, ...] = (0,)) -> None:
    print("+", " ".join(str(c) for c in command), flush=True)
    result = subprocess.run([str(c) for c in command], cwd=ROOT, check=False)
    if result.returncode not in ok:
        raise SystemExit(result.returncode)


def ensure_env(level: str = "dev") -> None:
    """Create ``.venv`` and install what ``level`` needs (``run`` or ``dev``), unless it is there already."""
    if sys.version_info < (3, 11):  # noqa: UP036 — dev.py may be run by an older python3
        raise SystemExit(f"govinfo needs Python 3.11 or newer; this is {sys.version.split()[0]}")
    held, _, digest = (STAMP.read_text() if STAMP.exists() else "").partition(":")
    if digest == _digest() and held in LEVELS and LEVELS.index(held) >= LEVELS.index(level):
        return
    print(f"setting up {VENV} …", flush=True)
    venv.EnvBuilder(with_pip=True, clear=VENV.exists()).create(VENV)
    python = BIN / "python"
    requirements = f"requirements/{level}.txt"
    _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "-r", requirements)
    _run(python, "-m", "pip", "install", "--quiet", "--disable-pip-version-check", "--no-deps", "-e", ".")
    STAMP.write_text(f"{level}:{_digest()}")


def demo() -> None:
    """Check the built-in example and print its findings (Chinese).

    ``govinfo check`` exits 1 when it finds errors, as the example has one; showing them is
    this job's purpose, so only a failure to run (status 2) fails the job.
    """
    _run(BIN / "govinfo", "check", ok=(0, 1))
    print(
        f"\n下一步 next: {BIN / 'govinfo'} check 你的文件夹或文件   （各命令：{BIN / 'govinfo'} --help）\n"
        f"审核工作台网页 the web page: {BIN / 'govinfo'} serve 工作区文件夹 --open\n"
        '日常使用请安装：pip install "govinfo[all]"，之后直接运行 govinfo check …（见 README“安装”）',
        flush=True,
    )


def test() -> None:
    """Every gate CI runs: ruff, mypy --strict, the docs build, pytest with coverage."""
    _run(BIN / "ruff", "check", ".")
    _run(BIN / "ruff", "format", "--check", ".")
    _run(BIN / "mypy")
    _run(BIN / "sphinx-build", "--fail-on-warning", "--quiet", "-b", "html", "docs", "docs/_build/html")
    args = sys.argv[2:]
    if "--quick" in args:  # fewer Hypothesis examples: a short edit–test loop (CI runs the full profile)
        args.remove("--quick")
        os.environ["HYPOTHESIS_PROFILE"] = "quick"
    _run(BIN / "python", "-m", "pytest", "--cov", "--cov-report=term", *args)


def bench() -> None:
    """Run the benchmarks and print each measured ratio against its target."""
    _run(BIN / "python", "-m", "benchmarks", *sys.argv[2:])


JOBS = {"demo": demo, "test": test, "bench": bench}
NEEDS = {"demo": "run", "test": "dev", "bench": "dev"}


def main() -> None:
    """Run the job named on the command line."""
    job = sys.argv[1] if len(sys.argv) > 1 else ""
    if job not in JOBS:
        raise SystemExit(f"usage: python3 dev.py {{{'|'.join(JOBS)}}} [args…]")
    ensure_env(NEEDS[job])
    JOBS[job]()


if __name__ == "__main__":
    main()

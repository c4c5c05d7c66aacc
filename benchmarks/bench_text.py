"""内容雷同 stays near-linear: 8× the text (or the organs) costs about 8× the time, not 64×.

Each target compares govinfo on a large input against 8 runs on an input an eighth of its
size, measured in the same run: a ratio near 1 is linear, a quadratic method would give 8.
The limit is 2× (dictionaries and caches grow with the input; near-linear, not exactly).
"""

from __future__ import annotations

import random

import attrs

import govinfo
from benchmarks.timing import Result, best_of

_WORDS = "政府信息公开申请答复办理平台栏目建设监督保障制度规范培训考核主动依法及时准确便民服务"


def _text(rng: random.Random, chars: int) -> str:
    """Report-like text: sentences of random words, with figures and punctuation."""
    parts: list[str] = []
    while sum(map(len, parts)) < chars:
        words = "".join(rng.choice(_WORDS) for _ in range(rng.randrange(8, 30)))
        parts.append(f"{words}{rng.randrange(1, 999)}件，")
    return "".join(parts)[:chars] + "。"


def run(quick: bool) -> list[Result]:
    """Similarity of one long text pair, and shared text over a batch of organs."""
    rng = random.Random(20261201)
    size = 4_000 if quick else 32_000
    repeats = 3 if quick else 5
    long_a, long_b = _text(rng, size), _text(rng, size)
    long_b = long_b[: size // 2] + long_a[: size // 2]  # half of it copied
    short = [(_text(rng, size // 8), _text(rng, size // 8)) for _ in range(8)]
    assert 0.4 < govinfo.similarity(long_a, long_b).ratio < 0.6

    def eight_short() -> None:
        for a, b in short:
            govinfo.similarity(a, b)

    results = [
        Result(
            f"similarity() of {size:,} characters",
            best_of(lambda: govinfo.similarity(long_a, long_b), repeats),
            best_of(eight_short, repeats),
            2.0,
        )
    ]

    organs = 200 if quick else 1_600
    template = _text(rng, 1_200)
    base = govinfo.example()

    def batch(n: int) -> list[govinfo.AnnualReport]:
        made = []
        for i in range(n):  # a third copy the county's template, the rest write their own
            own = template if i % 3 == 0 else _text(rng, 1_200)
            made.append(attrs.evolve(base, organ=f"单位{i:05d}", overview=own, problems=_text(rng, 400)))
        return made

    large, smalls = batch(organs), [batch(organs // 8) for _ in range(8)]
    found = govinfo.shared_text(large)
    assert sum(1 for f in found if f) >= organs // 3 - 1

    def eight_small() -> None:
        for reports in smalls:
            govinfo.shared_text(reports)

    results.append(
        Result(
            f"shared_text() over {organs:,} organs",
            best_of(lambda: govinfo.shared_text(large), repeats),
            best_of(eight_small, repeats),
            2.0,
        )
    )
    return results

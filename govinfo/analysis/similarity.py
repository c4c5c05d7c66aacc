"""内容雷同: how much of one text is another's, between two years or between organs.

:func:`similarity` measures how much of one text is another's: the share of
the text's characters that lie in a run of :data:`SHINGLE` characters found in the other
text, and the longest passage the two share. Both are computed in time linear in the
lengths of the texts (a set of shingles; a suffix automaton for the longest passage), and
neither splits Chinese into words. Before comparing, white space and punctuation are
dropped and every digit counts as the same digit, so that a text copied with only its
figures and years changed still counts as copied. :func:`compare_text` uses it against last
year's report (GI607), :func:`shared_text` between the organs of a batch (GI703).
"""

from __future__ import annotations

import heapq
import itertools
import re
import unicodedata
import zlib
from collections import Counter, defaultdict
from collections.abc import Mapping, Sequence

import attrs

from govinfo.errors import expect_text
from govinfo.findings import Finding, SourceLocation
from govinfo.model.report import AnnualReport, organ_key, reports_argument
from govinfo.rules.catalog import RULES
from govinfo.rules.narrative import SECTIONS, dense, quote

SHINGLE = 8
"""Characters in the runs two texts must share for a character to count as shared."""
SIMILARITY_THRESHOLD = 0.8
"""A section with at least this share of its text found in another is reported as 雷同."""
MIN_SECTION_CHARS = 100
"""Sections shorter than this (after dropping spaces and punctuation) are not compared: a
standard sentence such as 本年度没有产生信息公开处理费 repeated every year is not copying."""
_KEPT = re.compile(r"[^\W_]")
_DIGITS = re.compile(r"[0-9]")


@attrs.frozen
class Similarity:
    """How much of a text is found in another."""

    ratio: float
    """The share of the text's characters (spaces and punctuation dropped) found in the other."""
    shared: int
    """How many of its characters are found in the other."""
    chars: int
    """How many characters it has (spaces and punctuation dropped)."""
    passage: str
    """The longest passage the two share, as the text writes it."""

    @property
    def percent(self) -> int:
        """``ratio`` as a whole percentage, rounded down."""
        return int(self.ratio * 100)


@attrs.frozen
class _Text:
    """A text prepared for comparison: its comparable characters."""

    original: str
    chars: str

    @classmethod
    def of(cls, text: str) -> _Text:
        return cls(text, _DIGITS.sub("0", dense(text)))

    def offsets(self) -> list[int]:
        """Where each comparable character stands in the original text."""
        folded = unicodedata.normalize("NFKC", self.original)
        if len(folded) == len(self.original):  # no character expanded: positions carry over
            return [m.start() for m in _KEPT.finditer(folded)]
        return [i for i, ch in enumerate(self.original) for c in unicodedata.normalize("NFKC", ch) if _KEPT.match(c)]

    def shingles(self) -> set[str]:
        s = self.chars
        return {s[i : i + SHINGLE] for i in range(len(s) - SHINGLE + 1)}

    def passage(self, start: int, length: int) -> str:
        if not length:
            return ""
        offsets = self.offsets()
        return quote(self.original[offsets[start] : offsets[start + length - 1] + 1])


def _covered(text: _Text, grams: set[str]) -> int:
    """How many characters of ``text`` lie in a shingle found in ``grams``."""
    s, covered, end = text.chars, 0, 0
    for i in range(len(s) - SHINGLE + 1):
        if s[i : i + SHINGLE] in grams:
            covered += SHINGLE if i >= end else i + SHINGLE - end
            end = i + SHINGLE
    return covered


@attrs.frozen
class _Automaton:
    """The suffix automaton of a text: every substring of it, recognised in one walk."""

    link: list[int]
    length: list[int]
    edges: list[dict[str, int]]

    @classmethod
    def of(cls, a: str) -> _Automaton:
        link, length, edges = [-1], [0], [dict[str, int]()]
        last = 0
        for ch in a:
            cur = len(length)
            length.append(length[last] + 1)
            link.append(-1)
            edges.append({})
            p = last
            while p != -1 and ch not in edges[p]:
                edges[p][ch] = cur
                p = link[p]
            if p == -1:
                link[cur] = 0
            else:
                q = edges[p][ch]
                if length[p] + 1 == length[q]:
                    link[cur] = q
                else:
                    clone = len(length)
                    length.append(length[p] + 1)
                    link.append(link[q])
                    edges.append(dict(edges[q]))
                    while p != -1 and edges[p].get(ch) == q:
                        edges[p][ch] = clone
                        p = link[p]
                    link[q] = clone
                    link[cur] = clone
            last = cur
        return cls(link, length, edges)

    def longest_in(self, b: str) -> tuple[int, int]:
        """The longest substring of ``b`` that is also in the text: (start in ``b``, length)."""
        link, length, edges = self.link, self.length, self.edges
        state, run, best = 0, 0, (0, 0)
        for i, ch in enumerate(b):
            while state and ch not in edges[state]:
                state = link[state]
                run = length[state]
            if ch in edges[state]:
                state = edges[state][ch]
                run += 1
            else:
                run = 0
            if run > best[1]:
                best = (i - run + 1, run)
        return best


def _similarity(
    other: _Text, text: _Text, *, shared: int | None = None, automaton: _Automaton | None = None
) -> Similarity:
    """``text`` against ``other``; ``shared`` and ``automaton`` when the caller has them already."""
    chars = len(text.chars)
    if shared is None:
        shared = _covered(text, other.shingles())
    start, length = (automaton or _Automaton.of(other.chars)).longest_in(text.chars)
    return Similarity(shared / chars if chars else 0.0, shared, chars, text.passage(start, length))


def similarity(other: str, text: str) -> Similarity:
    """How much of ``text`` is found in ``other`` (spaces, punctuation and digit values ignored).

    >>> s = similarity("今年我局共受理申请12件，全部按时答复。", "今年我局共受理申请15件，全部按时答复。")
    >>> s.ratio, s.passage
    (1.0, '今年我局共受理申请15件，全部按时答复')
    """
    expect_text(other, function="similarity", parameter="other")
    expect_text(text, function="similarity", parameter="text")
    return _similarity(_Text.of(other), _Text.of(text))


def _copied(
    rule_id: str, field: str, found: Similarity, threshold: float, where: SourceLocation | None, **extra: object
) -> Finding:
    named = {
        "section": SECTIONS[field],
        "percent": found.percent,
        "shared": found.shared,
        "chars": found.chars,
        "passage": found.passage,
        **extra,
    }
    return RULES[rule_id].finding(
        named, path=field, actual=f"{found.ratio:.3f}", expected=f"<{threshold}", source=where
    )


def compare_text(
    previous: AnnualReport,
    current: AnnualReport,
    *,
    threshold: float = SIMILARITY_THRESHOLD,
    sources: Mapping[str, SourceLocation] | None = None,
) -> list[Finding]:
    """GI607 for each narrative section of ``current`` that is mostly last year's text.

    ``sources`` locates the sections of ``current`` in its file (a reader's ``sources``).
    """
    where = sources or {}
    findings = []
    for field in SECTIONS:
        text = _Text.of(getattr(current, field))
        if len(text.chars) < MIN_SECTION_CHARS:
            continue
        found = _similarity(_Text.of(getattr(previous, field)), text)
        if found.ratio >= threshold:
            findings.append(_copied("GI607", field, found, threshold, where.get(field)))
    return findings


_SIGNATURE = 24
"""Shingles per section (those with the smallest hashes) that look for candidates in the batch."""
_POSTINGS = 32
"""Sections each signature shingle offers as candidates, at most."""
_CANDIDATES = 3
"""Candidates compared in full for each section."""


def _signature(grams: set[str]) -> list[str]:
    return heapq.nsmallest(_SIGNATURE, grams, key=lambda g: zlib.crc32(g.encode()))


def shared_text(
    reports: Sequence[AnnualReport],
    *,
    threshold: float = SIMILARITY_THRESHOLD,
    sources: Sequence[Mapping[str, SourceLocation]] | None = None,
) -> list[list[Finding]]:
    """For each report of a batch, GI703 for each narrative section mostly found in another organ's.

    The result runs parallel to ``reports`` (and ``sources``, each a reader's ``sources``,
    which locate the findings). Each section is compared with the report
    whose same section shares most of it; reports of the same organ are not compared with
    each other (last year's is :func:`compare`'s job). Candidates come from an index of
    each section's 24 shingles of smallest hash (a bottom-k sketch, as MinHash uses), each
    offering at most 32 others; the most voted of them (up to 3) are compared in full until
    one is mostly the same text. The cost grows with the total length of the texts, not
    with the number of pairs, even when every organ shares the same template.

    >>> import attrs, govinfo
    >>> a = govinfo.example()
    >>> b = attrs.evolve(a, organ="平顶山市卫东区人民政府")
    >>> [[f.rule_id for f in found] for found in govinfo.shared_text([a, b])]
    [['GI703', 'GI703'], ['GI703', 'GI703']]
    """
    reports = reports_argument(reports, "shared_text")
    results: list[list[Finding]] = [[] for _ in reports]
    keys = [organ_key(r.organ) for r in reports]
    for field in SECTIONS:
        texts = {i: _Text.of(getattr(r, field)) for i, r in enumerate(reports)}
        texts = {i: t for i, t in texts.items() if len(t.chars) >= MIN_SECTION_CHARS}
        grams = {i: t.shingles() for i, t in texts.items()}
        signatures = {i: _signature(g) for i, g in grams.items()}
        index: defaultdict[str, list[int]] = defaultdict(list)
        automata: dict[int, _Automaton] = {}
        for i, signature in signatures.items():
            for gram in signature:
                index[gram].append(i)
        for i, text in texts.items():
            votes: Counter[int] = Counter()
            for gram in signatures[i]:
                offered = (j for j in index[gram] if keys[j] != keys[i])
                votes.update(itertools.islice(offered, _POSTINGS))
            # the most voted first; the first that is mostly the same text is the one named
            for j, _ in votes.most_common(_CANDIDATES):
                shared = _covered(text, grams[j])
                if shared < threshold * len(text.chars):
                    continue
                if j not in automata:  # in a batch built on one template, many point at the same section
                    automata[j] = _Automaton.of(texts[j].chars)
                found = _similarity(texts[j], text, shared=shared, automaton=automata[j])
                where = sources[i].get(field) if sources else None
                results[i].append(_copied("GI703", field, found, threshold, where, other=reports[j].organ))
                break
    return results

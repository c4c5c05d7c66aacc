"""Bar charts drawn on the server as SVG: no script, no library, nothing fetched (offices are often offline)."""

from __future__ import annotations

import html

_BAR = 20
_GAP = 6
_LABEL = 180
_WIDTH = 640


def bar_chart(title: str, items: list[tuple[str, int]], *, colour: str = "#4a78a8", empty: str = "暂无数据") -> str:
    """A horizontal bar chart of ``items`` (label, value), largest first as given, as an SVG element."""
    shown = items[:25]
    height = 40 + max(1, len(shown)) * (_BAR + _GAP)
    top = max((value for _, value in shown), default=0) or 1
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{html.escape(title)}" '
        f'width="{_WIDTH}" height="{height}" viewBox="0 0 {_WIDTH} {height}" font-size="13">',
        f'<title>{html.escape(title)}</title><text x="0" y="18" font-weight="bold">{html.escape(title)}</text>',
    ]
    if not shown:
        out.append(f'<text x="0" y="50" fill="#666">{html.escape(empty)}</text>')
    for k, (label, value) in enumerate(shown):
        y = 32 + k * (_BAR + _GAP)
        width = round((_WIDTH - _LABEL - 70) * value / top)
        short = label if len(label) <= 13 else label[:12] + "…"
        out.append(
            f'<text x="{_LABEL - 6}" y="{y + 15}" text-anchor="end"><title>{html.escape(label)}</title>'
            f"{html.escape(short)}</text>"
            f'<rect x="{_LABEL}" y="{y}" width="{max(width, 1)}" height="{_BAR}" fill="{colour}"/>'
            f'<text x="{_LABEL + max(width, 1) + 6}" y="{y + 15}">{value}</text>'
        )
    out.append("</svg>")
    return "".join(out)

"""Server-rendered SVG bar charts for the dashboard: no script, no inline style (the CSP forbids both), Chinese labels."""
from __future__ import annotations

import math
import re

from markupsafe import Markup, escape

from reviewer.stats_figures import Figure, fmt

FONT = "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif"
PALETTE = ("#1d4ed8", "#b45309", "#15803d", "#b91c1c", "#7c3aed", "#0e7490", "#be185d", "#4b5563",
           "#ca8a04", "#65a30d", "#9333ea", "#0369a1", "#c2410c", "#475569", "#0f766e", "#a21caf")
WIDTH = 640
CHAR = 13          # width of one CJK character at the label size, for laying out the left axis
INK, MUTED, GRID = "#1f2933", "#66727f", "#e3e7eb"


# Colours that mean something keep it in every chart: refusals red, partial amber, public green.
NAMED = {"主动公开": "#15803d", "依申请公开": "#1d4ed8", "部分公开": "#b45309", "不予公开": "#b91c1c",
         "阻断比例（%）": "#b91c1c", "审查中": "#1d4ed8", "退回修改": "#b91c1c", "待签发": "#7c3aed"}


def color(i: int, name: str = "") -> str:
    return NAMED.get(name) or PALETTE[i % len(PALETTE)]


def nice_max(top: float) -> tuple[float, float]:
    """An axis maximum and tick step (1, 2 or 5 × 10ⁿ) with at most five ticks above zero."""
    if top <= 0:
        return 1.0, 1.0
    for power in range(int(math.floor(math.log10(top))) - 1, 12):
        for m in (1, 2, 5):
            step = m * 10 ** power
            if step >= 1 or isinstance(top, float):
                if math.ceil(top / step) <= 5:
                    return math.ceil(top / step) * step, step
    return top, top  # pragma: no cover - unreachable for finite input


def short(categories: list[str]) -> list[str]:
    """Month labels without the year when every category is in the same year."""
    years = {re.match(r"(\d{4})年\d", c).group(1) if re.match(r"(\d{4})年\d", c) else None for c in categories}
    if len(years) == 1 and None not in years:
        return [c[5:] for c in categories]
    return categories


def _text(x: float, y: float, s: str, *, anchor: str = "middle", size: int = 12, fill: str = INK, cls: str = "") -> str:
    klass = f' class="{cls}"' if cls else ""
    return (f'<text x="{x:.1f}" y="{y:.1f}" text-anchor="{anchor}" font-size="{size}" fill="{fill}"{klass}>'
            f"{escape(s)}</text>")


def _bar(x: float, y: float, w: float, h: float, fill: str, tip: str, key: str, series: int) -> str:
    return (f'<rect class="bar" data-series="{series}" x="{x:.1f}" y="{y:.1f}" width="{max(w, 0):.1f}" '
            f'height="{max(h, 0):.1f}" fill="{fill}"><title>{escape(tip)}</title></rect>')


def _legend(fig: Figure, y: float) -> tuple[list[str], float]:
    """Swatches and names under the plot, wrapping; returns the parts and the height used."""
    if len(fig.series) < 2:
        return [], 0
    parts, x, row = [], 10.0, 0
    for i, s in enumerate(fig.series):
        w = 18 + CHAR * len(s.name) * 0.9 + 16
        if x + w > WIDTH - 10:
            x, row = 10.0, row + 1
        yy = y + row * 20
        parts.append(f'<rect x="{x:.1f}" y="{yy - 10:.1f}" width="12" height="12" fill="{color(i, s.name)}"/>')
        parts.append(_text(x + 17, yy, s.name, anchor="start", size=12, cls="legend"))
        x += w
    return parts, (row + 1) * 20 + 6


def _wrap(fig: Figure, height: float, body: list[str]) -> Markup:
    tid, did = f"chart-{fig.key}-title", f"chart-{fig.key}-desc"
    desc = fig.description + (" " + fig.summary if fig.summary else "")
    return Markup(
        f'<svg class="chart" id="chart-{fig.key}" role="img" aria-labelledby="{tid} {did}" viewBox="0 0 {WIDTH} {height:.0f}" '
        f'width="{WIDTH}" height="{height:.0f}" font-family="{FONT}" xmlns="http://www.w3.org/2000/svg">'
        f'<title id="{tid}">{escape(fig.title)}</title><desc id="{did}">{escape(desc)}</desc>'
        + "".join(body) + "</svg>")


def _empty(fig: Figure) -> Markup:
    return _wrap(fig, 80, [f'<rect x="0.5" y="0.5" width="{WIDTH - 1}" height="79" fill="#fafbfc" stroke="{GRID}"/>',
                           _text(WIDTH / 2, 45, fig.empty_text, size=14, fill=MUTED, cls="no-data")])


def columns(fig: Figure) -> Markup:
    """Vertical bars per category: side by side, or stacked when fig.stacked."""
    if fig.empty:
        return _empty(fig)
    left, right, top, plot_h = 52, 12, 30, 200
    n, k = len(fig.categories), len(fig.series)
    totals = [sum(s.values[i] or 0 for s in fig.series) if fig.stacked else max((s.values[i] or 0) for s in fig.series)
              for i in range(n)]
    ymax, step = nice_max(max(totals))
    plot_w = WIDTH - left - right
    band = plot_w / n
    base = top + plot_h

    def y(v: float) -> float:
        return base - plot_h * v / ymax

    body = []
    ticks = int(round(ymax / step))
    for t in range(ticks + 1):
        v = t * step
        body.append(f'<line x1="{left}" y1="{y(v):.1f}" x2="{WIDTH - right}" y2="{y(v):.1f}" stroke="{GRID}"/>')
        body.append(_text(left - 6, y(v) + 4, fmt(v if step < 1 else int(v)), anchor="end", size=11, fill=MUTED))
    body.append(_text(left - 6, top - 16, fig.unit, anchor="end", size=11, fill=MUTED))
    labels = short(fig.categories)
    show_values = n * (1 if fig.stacked else k) <= 24
    for i, cat in enumerate(fig.categories):
        x0 = left + band * i
        if fig.stacked:
            w, acc = band * 0.6, 0.0
            for j, s in enumerate(fig.series):
                v = s.values[i] or 0
                if v:
                    body.append(_bar(x0 + band * 0.2, y(acc + v), w, y(acc) - y(acc + v), color(j, s.name),
                                     f"{cat} · {s.name}：{fmt(v)} {fig.unit}", fig.key, j))
                acc += v
            if acc and show_values:
                body.append(_text(x0 + band / 2, y(acc) - 4, fmt(totals[i]), size=11, cls="value"))
        else:
            w = band * 0.7 / k
            for j, s in enumerate(fig.series):
                v = s.values[i]
                bx = x0 + band * 0.15 + w * j
                if v:
                    body.append(_bar(bx, y(v), w - 1, base - y(v), color(j, s.name), f"{cat} · {s.name}：{fmt(v)} {fig.unit}",
                                     fig.key, j))
                if show_values and (v or (v == 0 and fig.unit == "%")):   # 0.0% is news; 0 documents is not
                    body.append(_text(bx + w / 2, y(v) - 4, fmt(v), size=10, cls="value"))
        body.append(_text(x0 + band / 2, base + 16, labels[i], size=11))
    body.append(f'<line x1="{left}" y1="{base}" x2="{WIDTH - right}" y2="{base}" stroke="{MUTED}"/>')
    legend, lh = _legend(fig, base + 40)
    return _wrap(fig, base + 28 + lh, body + legend)


def bars(fig: Figure) -> Markup:
    """Horizontal bars, one row per category (long Chinese labels fit on the left), stacked when fig.stacked."""
    if fig.empty:
        return _empty(fig)
    n = len(fig.categories)
    left = min(230, 14 + CHAR * max(len(c) for c in fig.categories))
    right, top, row = 40, 10, 28
    totals = [sum(s.values[i] or 0 for s in fig.series) for i in range(n)]
    xmax, step = nice_max(max(totals))
    plot_w = WIDTH - left - right

    def x(v: float) -> float:
        return left + plot_w * v / xmax

    base = top + n * row
    body = []
    for t in range(int(round(xmax / step)) + 1):
        v = t * step
        body.append(f'<line x1="{x(v):.1f}" y1="{top}" x2="{x(v):.1f}" y2="{base}" stroke="{GRID}"/>')
        body.append(_text(x(v), base + 15, fmt(v if step < 1 else int(v)), size=11, fill=MUTED))
    for i, cat in enumerate(fig.categories):
        y0 = top + row * i
        body.append(_text(left - 8, y0 + row / 2 + 4, cat, anchor="end", size=12))
        acc = 0.0
        for j, s in enumerate(fig.series):
            v = s.values[i] or 0
            if v:
                fill = NAMED.get(cat, color(j)) if len(fig.series) == 1 else color(j, s.name)
                body.append(_bar(x(acc), y0 + 5, x(acc + v) - x(acc), row - 10, fill,
                                 f"{cat} · {s.name}：{fmt(v)} {fig.unit}", fig.key, j))
            acc += v
        body.append(_text(x(acc) + 5, y0 + row / 2 + 4, fmt(totals[i]), anchor="start", size=11, cls="value"))
    body.append(f'<line x1="{left}" y1="{top}" x2="{left}" y2="{base}" stroke="{MUTED}"/>')
    legend, lh = _legend(fig, base + 40)
    return _wrap(fig, base + 26 + lh, body + legend)


def render(fig: Figure) -> Markup:
    return bars(fig) if fig.horizontal else columns(fig)

"""Inline SVG charts for the HTML view, drawn from a report's figures (`Report.figures`).

Every function returns a complete `<svg>` element as a string. All text that reaches the SVG
(labels, titles, figures) goes through `_esc`, so a programme file cannot inject markup; the
strings are safe to mark as Markup once built. Every chart carries role="img", a <title> and
an aria-label, and writes its figures as text so that nothing is told by colour alone.
Coordinates are printed with one decimal so that the same figures always give the same bytes.
"""

from __future__ import annotations

import html
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from dwcp.analyses.report_data import FundingShare, GapBar, StepStatus
from dwcp.analyses.results_report import StatusCount
from dwcp.analyses.tables import format_cell

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif"
CHAR_WIDTH = 7.4  # generous average advance of a 12px sans-serif character (DejaVu Sans)
INK = "#1a1a1a"
MUTED = "#555555"
SECURED = "#1f4e79"  # dark blue
GAP = "#f6c28b"  # light orange, outlined
GAP_EDGE = "#8a4b08"
# Status fill and text colours; every pair has a contrast ratio of at least 7:1.
STATUS_COLOURS = {
    "complete": ("#1b5e20", "#ffffff"),
    "partial": ("#ffd54f", "#1a1a1a"),
    "missing": ("#9b1c1c", "#ffffff"),
}
OTHER_STATUS = ("#e0e0e0", "#1a1a1a")
# Results statuses, worst (dark red) to best (dark green); every pair at least 7:1.
RESULT_COLOURS = {
    "not met": ("#9b1c1c", "#ffffff"),
    "off track": ("#b3261e", "#ffffff"),
    "partly met": ("#ffd54f", "#1a1a1a"),
    "no data": ("#5f6368", "#ffffff"),
    "on track": ("#2e7d32", "#ffffff"),
    "met": ("#1b5e20", "#ffffff"),
    "not yet due": ("#cfd8dc", "#1a1a1a"),
}


@dataclass(frozen=True)
class Share:
    """One bar of a percentage chart."""

    label: str
    percent: float
    detail: str


@dataclass(frozen=True)
class Line:
    """A vertical reference line on a percentage chart."""

    percent: float
    label: str
    dashed: bool


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


def _f(value: float) -> str:
    return f"{value:.1f}"


def _text_width(text: str, size: float = 12) -> float:
    return len(text) * CHAR_WIDTH * size / 12


def _amount(value: Decimal) -> str:
    return format_cell(value, "amount")


def _open_svg(chart_id: str, width: float, height: float, title: str, label: str) -> list[str]:
    size = f'width="{_f(width)}" height="{_f(height)}" viewBox="0 0 {_f(width)} {_f(height)}"'
    svg = (
        f'<svg xmlns="{SVG_NS}" id="{_esc(chart_id)}" class="chart" role="img" '
        f'aria-label="{_esc(label)}" {size} font-family="{_esc(FONT)}" font-size="12">'
    )
    return [svg, f"<title>{_esc(title)}</title>"]


def _text(x: float, y: float, text: str, fill: str = INK, **attrs: str) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{_esc(v)}"' for name, v in attrs.items())
    return f'<text x="{_f(x)}" y="{_f(y)}" fill="{_esc(fill)}"{extra}>{_esc(text)}</text>'


def _rect(x: float, y: float, width: float, height: float, fill: str, **attrs: str) -> str:
    extra = "".join(f' {name.replace("_", "-")}="{_esc(v)}"' for name, v in attrs.items())
    return (
        f'<rect x="{_f(x)}" y="{_f(y)}" width="{_f(width)}" height="{_f(height)}" '
        f'fill="{_esc(fill)}"{extra}/>'
    )


# Gap bars -----------------------------------------------------------------------------------


def gap_bars(chart_id: str, title: str, bars: Sequence[GapBar], currency: str) -> str:
    """Horizontal stacked bars: secured (dark) then gap (light, outlined) up to the required
    amount, one row per bar, with the figures written under each bar."""
    label_width = max([_text_width(b.label) for b in bars] + [60.0]) + 16
    plot = 420.0
    row = 44.0
    top = 34.0
    captions = [_bar_caption(bar, currency) for bar in bars]
    width = label_width + max([plot] + [_text_width(c) for c in captions]) + 24
    height = top + row * len(bars) + 8
    scale = max((b.required for b in bars), default=Decimal(0)) or Decimal(1)
    total_gap = sum((b.gap for b in bars), Decimal(0))
    summary = (
        f"{title}. {len(bars)} bar(s); total gap {_amount(total_gap)} {currency}. "
        "Each bar is the required amount: secured part first, then the gap."
    )
    out = _open_svg(chart_id, width, height, title, summary)
    out += _legend(label_width, 14)
    for i, (bar, caption) in enumerate(zip(bars, captions, strict=True)):
        y = top + i * row
        covered = float(bar.covered / scale) * plot
        gap = float(bar.gap / scale) * plot
        out.append(_text(label_width - 8, y + 11, bar.label, text_anchor="end"))
        out.append(_rect(label_width, y, covered, 14, SECURED))
        out.append(_rect(label_width + covered, y, gap, 14, GAP, stroke=GAP_EDGE))
        out.append(_text(label_width, y + 29, caption, fill=MUTED))
    out.append("</svg>")
    return "\n".join(out)


def _legend(x: float, y: float) -> list[str]:
    return [
        _rect(x, y - 10, 12, 12, SECURED),
        _text(x + 16, y, "secured"),
        _rect(x + 90, y - 10, 12, 12, GAP, stroke=GAP_EDGE),
        _text(x + 106, y, "gap (still to find)"),
    ]


def _bar_caption(bar: GapBar, currency: str) -> str:
    if not bar.required:
        return f"no requirement; secured {_amount(bar.secured)} {currency}"
    text = (
        f"required {_amount(bar.required)}; secured {_amount(bar.secured)}; "
        f"gap {_amount(bar.gap)} {currency}"
    )
    return text + (" (secured exceeds required)" if bar.secured > bar.required else "")


# Method heatmap -----------------------------------------------------------------------------


def method_heatmap(chart_id: str, title: str, statuses: Sequence[StepStatus]) -> str:
    """Programmes down, steps across, the status written in every cell."""
    status: dict[tuple[str, str], str] = {}
    why: dict[tuple[str, str], str] = {}
    files: list[str] = []
    steps: list[str] = []
    for s in statuses:
        files += [] if s.file in files else [s.file]
        steps += [] if s.step in steps else [s.step]
        status[(s.file, s.step)] = s.status
        why[(s.file, s.step)] = f" ({s.missing})" if s.missing else ""
    label_width = max([_text_width(f) for f in files] + [60.0]) + 16
    cell_w = max([_text_width(s) * 1.1 for s in [*steps, "complete"]] + [60.0]) + 14
    cell_h = 26.0
    top = 30.0
    width = label_width + cell_w * len(steps) + 8
    height = top + cell_h * len(files) + 8
    counts = {s: sum(1 for v in status.values() if v == s) for s in STATUS_COLOURS}
    summary = f"{title}. " + ", ".join(f"{n} {s}" for s, n in counts.items()) + "."
    out = _open_svg(chart_id, width, height, title, summary)
    for j, step in enumerate(steps):
        x = label_width + cell_w * (j + 0.5)
        out.append(_text(x, top - 10, step, text_anchor="middle", font_weight="bold"))
    for i, file in enumerate(files):
        y = top + i * cell_h
        out.append(_text(label_width - 8, y + 17, file, text_anchor="end"))
        for j, step in enumerate(steps):
            value = status.get((file, step), "-")
            fill, ink = STATUS_COLOURS.get(value, OTHER_STATUS)
            x = label_width + cell_w * j
            tip = f"{file}, {step}: {value}{why.get((file, step), '')}"
            out.append(f"<g><title>{_esc(tip)}</title>")
            out.append(_rect(x + 1, y + 1, cell_w - 2, cell_h - 2, fill))
            out.append(_text(x + cell_w / 2, y + 17, value, ink, text_anchor="middle"))
            out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


def results_heatmap(chart_id: str, title: str, counts: Sequence[StatusCount]) -> str:
    """Programmes down, statuses across (worst first), the count written in every cell; a
    status no indicator has stays grey."""
    files: list[str] = []
    statuses: list[str] = []
    count: dict[tuple[str, str], int] = {}
    for c in counts:
        files += [] if c.file in files else [c.file]
        statuses += [] if c.status in statuses else [c.status]
        count[(c.file, c.status)] = c.count
    label_width = max([_text_width(f) for f in files] + [60.0]) + 16
    cell_w = max([_text_width(s) * 1.1 for s in statuses] + [60.0]) + 14
    cell_h, top = 26.0, 30.0
    width = label_width + cell_w * len(statuses) + 8
    height = top + cell_h * len(files) + 8
    totals = {s: sum(n for (_, st), n in count.items() if st == s) for s in statuses}
    summary = f"{title}. " + ", ".join(f"{n} {s}" for s, n in totals.items()) + "."
    out = _open_svg(chart_id, width, height, title, summary)
    for j, status in enumerate(statuses):
        x = label_width + cell_w * (j + 0.5)
        out.append(_text(x, top - 10, status, text_anchor="middle", font_weight="bold"))
    for i, file in enumerate(files):
        y = top + i * cell_h
        out.append(_text(label_width - 8, y + 17, file, text_anchor="end"))
        for j, status in enumerate(statuses):
            n = count.get((file, status), 0)
            fill, ink = RESULT_COLOURS.get(status, OTHER_STATUS) if n else OTHER_STATUS
            x = label_width + cell_w * j
            out.append(f"<g><title>{_esc(f'{file}, {status}: {n}')}</title>")
            out.append(_rect(x + 1, y + 1, cell_w - 2, cell_h - 2, fill))
            out.append(_text(x + cell_w / 2, y + 17, str(n), ink, text_anchor="middle"))
            out.append("</g>")
    out.append("</svg>")
    return "\n".join(out)


# Funding alignment --------------------------------------------------------------------------


def funding_bars(shares: Sequence[FundingShare]) -> list[Share]:
    """One bar per share that has a percentage (a budget to be a share of)."""
    return [
        Share(
            f"{s.file}, {s.source}",
            s.percent,
            f"{format_cell(s.percent, 'percent')} ({_amount(s.linked)} of "
            f"{_amount(s.budget)} {s.currency})",
        )
        for s in shares
        if s.percent is not None
    ]


def reference_lines(
    milestones: Mapping[str, int], references: Iterable[tuple[str, int]], indicator: str
) -> list[Line]:
    """Milestones (dashed) and reference points (dotted), in ascending order of percent."""
    lines = [
        Line(v, f"indicator {indicator} milestone for {b}", True) for b, v in milestones.items()
    ]
    lines += [Line(v, label, False) for label, v in references]
    return sorted(lines, key=lambda line: (line.percent, not line.dashed, line.label))


def share_bars(chart_id: str, title: str, shares: Sequence[Share], lines: Sequence[Line]) -> str:
    """Horizontal bars of percentages on a 0-100 scale, with labelled reference lines and a key
    under the plot that names every line."""
    label_width = max([_text_width(s.label) for s in shares] + [60.0]) + 16
    plot = 400.0
    row = 24.0
    rows_of_labels = _label_rows([line.percent for line in lines], plot)
    top = 18.0 + 14 * max(rows_of_labels.values(), default=0) + 14
    plot_bottom = top + row * len(shares)
    key_top = plot_bottom + 28
    detail_width = max([_text_width(s.detail) for s in shares] + [0.0]) + 8
    key_width = max([_text_width(_key_text(line)) + 40 for line in lines] + [0.0])
    width = max(label_width + plot + detail_width, key_width + 16) + 8
    height = key_top + 18 * len(lines) + 8
    below = [s for s in shares if lines and s.percent < min(line.percent for line in lines)]
    summary = (
        f"{title}. {len(shares)} bar(s) on a 0-100 per cent scale; "
        f"{len(below)} below every reference line. Lines: "
        + "; ".join(_key_text(line) for line in lines)
        + "."
    )
    out = _open_svg(chart_id, width, height, title, summary)
    x0 = label_width

    def x_of(percent: float) -> float:
        return x0 + plot * min(max(percent, 0.0), 100.0) / 100

    for tick in (0, 50, 100):
        out.append(
            f'<line x1="{_f(x_of(tick))}" y1="{_f(top)}" x2="{_f(x_of(tick))}" '
            f'y2="{_f(plot_bottom)}" stroke="#cccccc"/>'
        )
        out.append(_text(x_of(tick), plot_bottom + 14, f"{tick}%", text_anchor="middle"))
    for i, share in enumerate(shares):
        y = top + i * row + 4
        out.append(_text(x0 - 8, y + 12, share.label, text_anchor="end"))
        out.append(_rect(x0, y, x_of(share.percent) - x0, 16, SECURED))
        out.append(_text(x0 + plot + 6, y + 12, share.detail))
    for percent, level in rows_of_labels.items():
        out.append(_text(x_of(percent), 16 + 14 * level, f"{percent:g}%", text_anchor="middle"))
    for line in lines:
        out.append(_line_svg(x_of(line.percent), top - 4, plot_bottom, line.dashed))
    for i, line in enumerate(lines):
        y = key_top + 18 * i
        out.append(_line_svg_h(8, 36, y - 4, line.dashed))
        out.append(_text(44, y, _key_text(line)))
    out.append("</svg>")
    return "\n".join(out)


def _key_text(line: Line) -> str:
    return f"{line.percent:g}%: {line.label} ({'dashed' if line.dashed else 'dotted'})"


def _label_rows(percents: Sequence[float], plot: float) -> dict[float, int]:
    """Put the top labels of close lines on separate rows so that they do not overlap."""
    last_x: list[float] = []
    rows: dict[float, int] = {}
    for percent in sorted(set(percents)):
        x = plot * percent / 100
        level = next((i for i, seen in enumerate(last_x) if x - seen >= 34), len(last_x))
        if level == len(last_x):
            last_x.append(x)
        last_x[level] = x
        rows[percent] = level
    return rows


def _line_svg(x: float, y1: float, y2: float, dashed: bool) -> str:
    """A reference line over the bars: a white halo under the dark dashes keeps it visible on
    dark bars as on the white background."""
    dash = "6 3" if dashed else "2 3"
    points = f'x1="{_f(x)}" y1="{_f(y1)}" x2="{_f(x)}" y2="{_f(y2)}"'
    return (
        f'<line {points} stroke="#ffffff" stroke-width="4"/>'
        f'<line {points} stroke="{INK}" stroke-width="1.5" stroke-dasharray="{dash}"/>'
    )


def _line_svg_h(x1: float, x2: float, y: float, dashed: bool) -> str:
    dash = "6 3" if dashed else "2 3"
    return (
        f'<line x1="{_f(x1)}" y1="{_f(y)}" x2="{_f(x2)}" y2="{_f(y)}" stroke="{INK}" '
        f'stroke-width="1.5" stroke-dasharray="{dash}"/>'
    )

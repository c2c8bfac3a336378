"""The HTML view: one self-contained page (placeholder until the charts land)."""

from __future__ import annotations

from dwcp.reports.build import Report
from dwcp.reports.views import render_markdown


def render_html(report: Report) -> str:
    import html

    return (
        f'<!doctype html><html lang="en"><pre>{html.escape(render_markdown(report))}</pre></html>\n'
    )

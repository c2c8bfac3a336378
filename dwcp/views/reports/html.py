"""The HTML view: one self-contained page with the report's tables and inline SVG charts.

The page comes from templates/reports/report.html.j2 (with report.css inlined), rendered in a
sandboxed Jinja environment with autoescaping, so text from programme files always shows as
text. Charts are built in dwcp.views.reports.charts with every text XML-escaped, and only then
marked safe. No JavaScript and no external resources: the file works opened from disk.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from dwcp.analyses.report_data import FUNDING, METHOD, RESULTS, Report
from dwcp.analyses.tables import Table, format_cell
from dwcp.analyses.tc import tc_strategy
from dwcp.model.public import Audience
from dwcp.resources import Templates
from dwcp.views import locale
from dwcp.views.environment import environment_for, render_template
from dwcp.views.reports import charts, formats

TEMPLATE = "reports/report.html.j2"
STYLESHEET = "reports/report.css"
NUMERIC = frozenset({"amount", "count", "percent"})
FUNDING_INDICATOR = "1.2"
LANGUAGE = "en"
"""The language of the report page's labels (the template writes them in English): its
`lang` attribute and the way its dates are written."""


@dataclass(frozen=True)
class CellView:
    text: str
    numeric: bool


@dataclass(frozen=True)
class TableView:
    id: str
    title: str
    columns: list[CellView]
    rows: list[list[CellView]]
    notes: list[str]


@dataclass(frozen=True)
class ChartView:
    id: str
    heading: str
    svg: Markup
    """Built by dwcp.views.reports.charts with every text escaped."""
    source_id: str
    source_title: str


@dataclass(frozen=True)
class ReportPage:
    """What reports/report.html.j2 reads."""

    kind: str
    lang: str
    """The language of the page's labels, for <html lang>."""
    as_of: str
    """ISO date."""
    as_of_text: str
    """The same date as the ILO writes it: 1 July 2019."""
    audience: Audience
    audience_words: str
    tool_version: str
    programmes: list[str]
    left_out: list[tuple[str, str]]
    """(file, reason) of each programme left out."""
    charts: list[ChartView]
    tables: list[TableView]
    css: Markup
    """The stylesheet, to inline in <style>."""


def render_html(report: Report, templates: Templates | None = None) -> str:
    """The page, from the given template sources (the built-in ones by default)."""
    templates = templates or Templates()
    page = ReportPage(
        kind=report.kind,
        lang=LANGUAGE,
        as_of=report.as_of.isoformat(),
        as_of_text=locale.date(report.as_of, LANGUAGE),
        audience=report.audience,
        audience_words=formats.AUDIENCE_WORDS[report.audience],
        tool_version=report.tool_version,
        programmes=report.programmes,
        left_out=[(x.file, x.reason) for x in report.left_out],
        charts=chart_views(report),
        tables=[table_view(t) for t in report.tables],
        css=_stylesheet(templates),
    )
    return render_template(environment_for(templates), TEMPLATE, page, f"the {report.kind} report")


def _stylesheet(templates: Templates) -> Markup:
    """The stylesheet's text, to inline in <style>; it cannot close the element early."""
    return Markup(templates.read_text(STYLESHEET).replace("</", "<\\/"))  # noqa: S704 - no </ left


def table_view(t: Table) -> TableView:
    columns = [CellView(c.name, c.kind in NUMERIC) for c in t.columns]
    rows = [
        [
            CellView(format_cell(value, column.kind), column.kind in NUMERIC)
            for value, column in zip(row, t.columns, strict=True)
        ]
        for row in t.rows
    ]
    return TableView(t.id, t.title, columns, rows, list(t.notes))


def chart_views(report: Report) -> list[ChartView]:
    """The charts of the report's figures whose source table is in the report, in a fixed
    order: gap bars, method steps, funding shares."""
    figures = report.figures
    views: list[ChartView] = []
    for chart in figures.gaps:
        source = report.table(chart.source)
        if source is None:
            continue
        chart_id = f"chart-gap-{len(views) + 1}"
        if chart.file is None:
            heading = f"Resource gap by programme ({chart.currency})"
        else:
            heading = f"Resource gap by outcome: {chart.file} ({chart.currency})"
        svg = charts.gap_bars(chart_id, heading, chart.bars, chart.currency)
        views.append(_view(chart_id, heading, svg, source))
    method = report.table(METHOD)
    if method is not None and figures.steps:
        heading = "Method steps by programme"
        svg = charts.method_heatmap("chart-method", heading, figures.steps)
        views.append(_view("chart-method", heading, svg, method))
    results = report.table(RESULTS)
    if results is not None and figures.results:
        heading = "Indicator statuses by programme"
        svg = charts.results_heatmap("chart-results", heading, figures.results)
        views.append(_view("chart-results", heading, svg, results))
    funding = report.table(FUNDING)
    shares = charts.funding_bars(figures.funding)
    tc = tc_strategy().with_indicator(FUNDING_INDICATOR)
    if funding is not None and shares and tc is not None:
        lines = charts.reference_lines(
            tc.indicator(FUNDING_INDICATOR).milestones,
            [(r.label, r.percent) for r in tc.references],
            FUNDING_INDICATOR,
        )
        heading = f"Share of project funding linked to outcomes (TC indicator {FUNDING_INDICATOR})"
        svg = charts.share_bars("chart-funding", heading, shares, lines)
        views.append(_view("chart-funding", heading, svg, funding))
    return views


def _view(chart_id: str, heading: str, svg: str, source: Table) -> ChartView:
    # The SVG was built by dwcp.views.reports.charts with every text escaped.
    return ChartView(chart_id, heading, Markup(svg), source.id, source.title)  # noqa: S704

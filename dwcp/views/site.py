"""A static website of the portfolio: an index, one page per programme, the reports.

Every link is relative, so the site works opened from disk, with no server or network.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from functools import partial
from pathlib import Path

from dwcp import __version__
from dwcp.analyses.figures import cell_totals, funding_links, money_cells
from dwcp.analyses.report_data import Kind, report_from
from dwcp.analyses.tables import percent
from dwcp.config import Settings
from dwcp.domain.catalogue import Catalogue
from dwcp.domain.exchange import Rates
from dwcp.domain.vocabulary import extra_budgetary_sources
from dwcp.lint.core import Linter, LintOptions
from dwcp.model import Programme
from dwcp.portfolio.gather import gather
from dwcp.portfolio.selection import Portfolio, portfolio_of
from dwcp.resources import Templates, templates_for
from dwcp.views.documents.publish import (
    RenderOptions,
    RenderOutcome,
    check_options,
    publishable,
    render_gathering,
)
from dwcp.views.documents.template_data import SiteIndex, SiteLinked, SiteMoney, SiteRow
from dwcp.views.environment import environment_for, render_template
from dwcp.views.i18n import Translator
from dwcp.views.reports.html import render_html
from dwcp.views.typography import french_spacing

REPORT_KINDS: tuple[Kind, ...] = ("alignment", "gaps", "portfolio")


def build_site(
    paths: list[Path], settings: Settings, catalogue: Catalogue, options: RenderOptions
) -> RenderOutcome:
    """Programme pages (as `dwcp render --format html`), report pages and the index."""
    check_options(options)
    linter = Linter(settings, catalogue, LintOptions(as_of=options.as_of, use_cache=False))
    # Gathered once (on every core) for the programme pages, the report pages and the index.
    gathering = gather(paths, linter, audience=options.audience)
    templates = templates_for(settings.root, options.template_dir)
    page_options = replace(options, formats=("html",), out=options.out / "programmes")
    published = {f.file for f in publishable(gathering, options.force)}
    everything = portfolio_of(gathering, catalogue, [], options.audience)
    portfolio = Portfolio([e for e in everything.entries if e.file in published])
    entries = portfolio.entries
    reports = [
        partial(_report, kind, portfolio, templates, catalogue, options) for kind in REPORT_KINDS
    ]
    # The report pages are made on the same workers as the programme pages.
    page_options = replace(page_options, catalogue=page_options.catalogue or catalogue)
    outcome = render_gathering(gathering, templates, page_options, also=reports)
    translate = Translator(templates.messages, options.language or "en")
    env = environment_for(templates, translate, catalogue)
    rates = Rates(catalogue.exchange_rates)
    rows = [_row(e.file, e.programme, e.region, rates) for e in entries]
    context = SiteIndex(
        rows=sorted(rows, key=lambda r: (r.region, r.country, r.period)),
        reports=[f"reports/{kind}.html" for kind in REPORT_KINDS],
        as_of=options.as_of,
        tool=f"dwcp {__version__}",
        audience=options.audience,
    )
    index = render_template(env, "site/index.html.j2", context, "the site index")
    if translate.language == "fr":
        index = french_spacing(index, "html")
    outcome.files[(options.out / "index.html").resolve()] = index.encode()
    return outcome


def _report(
    kind: Kind,
    portfolio: Portfolio,
    templates: Templates,
    catalogue: Catalogue,
    options: RenderOptions,
) -> dict[Path, bytes]:
    report = report_from(kind, portfolio, catalogue, options.as_of, audience=options.audience)
    target = (options.out / "reports" / f"{kind}.html").resolve()
    return {target: render_html(report, templates).encode()}


def _row(file: str, programme: Programme, region: str, rates: Rates) -> SiteRow:
    totals = cell_totals(money_cells(programme, rates)).sorted()
    linked = funding_links(programme, extra_budgetary_sources())
    return SiteRow(
        file=file,
        page=f"programmes/{Path(file).stem}.html",
        country=programme.country,
        title=programme.title,
        region=region,
        status=programme.status,
        period=f"{programme.period.start}\u2013{programme.period.end}",
        money=[SiteMoney(t.currency, *_required_secured_gap(t.amounts)) for t in totals],
        linked=[SiteLinked(c, percent(x.linked, x.total)) for c, x in sorted(linked.items())],
        priorities=len(programme.priorities),
        extended_to=programme.period.extended_to,
    )


def _required_secured_gap(figures: tuple[Decimal, ...]) -> tuple[Decimal, Decimal, Decimal]:
    required, secured, _pipeline, gap, _cover = figures  # MoneyCell.figures() order
    return required, secured, gap

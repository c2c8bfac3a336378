"""The whole programme file, one per country and period."""

from __future__ import annotations

from dwcp.model.common import Date, Model, Period, Text
from dwcp.model.country_context import Context
from dwcp.model.delivery import Management, Monitoring, Planning, Signatory
from dwcp.model.narrative import Narrative
from dwcp.model.record import Contact, Language, Note, Revision, Status
from dwcp.model.results_framework import Priority


class Programme(Model):
    """A Decent Work Country Programme."""

    country: str
    """ISO 3166-1 alpha-3 code, such as VNM."""
    title: Text
    period: Period
    generation: int | None = None
    """1 for a first DWCP, 2 for the second ..."""
    status: Status
    validated: Date | None = None
    """The day the constituents validated the programme, at a validation workshop or meeting."""
    language: Language = "en"
    office: str | None = None
    """The ILO office responsible."""
    previous: str | None = None
    """File stem of the previous programme, such as VNM-2012-2016."""
    revisions: list[Revision] = []
    narrative: Narrative = Narrative()
    """The prose of the programme document: foreword, analysis, strategy (Markdown)."""
    context: Context = Context()
    priorities: list[Priority] = []
    planning: Planning = Planning()
    management: Management = Management()
    monitoring: Monitoring = Monitoring()
    signatories: list[Signatory] = []
    contacts: list[Contact] = []
    notes: list[Note] = []

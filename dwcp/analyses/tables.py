"""The one shape every report takes: titled tables of typed cells."""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from pydantic import BaseModel, ConfigDict, Field

from dwcp.domain.money import share

Cell = str | int | float | Decimal | bool | None
PERCENT_STEP = Decimal("0.1")


class Column(BaseModel):
    model_config = ConfigDict(frozen=True)

    name: str
    kind: str = Field("text", description="text, amount, count, percent, or flag")


class Table(BaseModel):
    """A report table: stable id, title, typed columns and rows, and notes on its figures."""

    model_config = ConfigDict(frozen=True)

    id: str = Field(description="Stable identifier, also the CSV file name.")
    title: str
    columns: list[Column]
    rows: list[list[Cell]]
    notes: list[str] = []

    def column(self, name: str) -> list[Cell]:
        index = [c.name for c in self.columns].index(name)
        return [row[index] for row in self.rows]


def table(
    table_id: str,
    title: str,
    columns: list[tuple[str, str]],
    rows: list[list[Cell]],
    notes: list[str] | None = None,
) -> Table:
    return Table(
        id=table_id,
        title=title,
        columns=[Column(name=name, kind=kind) for name, kind in columns],
        rows=[[_number(cell) for cell in row] for row in rows],
        notes=notes or [],
    )


def percent(part: Decimal | int, whole: Decimal | int) -> float | None:
    """`money.share` as a report cell: per cent, half-up to one decimal; None with no whole."""
    exact = share(part, whole)
    if exact is None:
        return None
    return float(exact.quantize(PERCENT_STEP, rounding=ROUND_HALF_UP))


def _number(value: Cell) -> Cell:
    """Amounts become plain JSON numbers: whole ones int, others rounded to cents."""
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(round(value, 2))
    return value


def format_cell(value: Cell, kind: str) -> str:
    """How a cell reads in text views: amounts with separators, percentages with %."""
    if value is None:
        return "-"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if kind == "amount" and isinstance(value, int | float | Decimal):
        return f"{value:,.0f}" if value == int(value) else f"{value:,.2f}"
    if kind == "percent" and isinstance(value, int | float | Decimal):
        return f"{value:g}%"
    return str(value)

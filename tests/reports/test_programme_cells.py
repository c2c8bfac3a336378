"""A programme's money cells are computed once per programme and rates, and forgotten with
the programme (dwcp.analyses.figures.programme_cells)."""

from __future__ import annotations

import gc

from dwcp.analyses import figures
from dwcp.analyses.figures import money_cells, programme_cells
from dwcp.domain.exchange import Rates, builtin_rates
from dwcp.model import Programme
from dwcp.source.loader import parse
from dwcp.source.validate import to_programme
from tests.helpers import clean_data, dump


def _programme() -> Programme:
    programme = to_programme(parse(dump(clean_data()), "ZMB.yaml"))
    assert isinstance(programme, Programme)
    return programme


def test_the_cells_are_those_of_money_cells_and_computed_once() -> None:
    programme = _programme()
    cells = programme_cells(programme)
    assert cells == tuple(money_cells(programme))
    assert programme_cells(programme) is cells
    assert programme_cells(programme, builtin_rates()) is cells


def test_other_rates_give_their_own_cells() -> None:
    programme = _programme()
    other = Rates([])
    assert programme_cells(programme, other) is not programme_cells(programme)
    assert programme_cells(programme, other) is programme_cells(programme, other)


def test_the_cells_go_with_the_programme() -> None:
    programme = _programme()
    key = id(programme)
    programme_cells(programme)
    assert key in figures._CELLS
    del programme
    gc.collect()
    assert key not in figures._CELLS

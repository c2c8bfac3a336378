"""Work spread over forked workers gives the results of the same work done in one process."""

from __future__ import annotations

import gc
import os
import subprocess
import sys
import time

import pytest

from dwcp import parallel
from dwcp.errors import UsageError


def _first(item: int) -> tuple[tuple[int, int], int]:
    # Kept: the item and the worker's process id; sent: the item squared.
    return (item, os.getpid()), item * item


def _total(values: list[int]) -> int:
    return sum(values)


def _second(kept: tuple[int, int], total: int) -> tuple[int, int, bool]:
    item, pid = kept
    return item, total, pid == os.getpid()


@pytest.mark.parametrize("cores", [1, 2, 3])
def test_two_phases_keep_each_item_in_the_worker_that_started_it(
    monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: cores)
    items = list(range(20))
    sent, results = parallel.in_two_phases(_first, _total, _second, items, threshold=2)
    total = sum(i * i for i in items)
    assert sent == [i * i for i in items]
    assert results == [(i, total, True) for i in items]


def _fails_on_seven(item: int) -> tuple[tuple[int, int], int]:
    if item == 7:
        raise UsageError("seven is refused")
    return (item, os.getpid()), item


@pytest.mark.parametrize("cores", [1, 2])
def test_a_worker_error_reaches_the_caller_as_itself(
    monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: cores)
    with pytest.raises(UsageError, match="seven is refused"):
        parallel.in_two_phases(_fails_on_seven, _total, _second, list(range(10)), threshold=2)


def _slow_first(item: int) -> tuple[tuple[int, int], int]:
    if item == 0:
        time.sleep(0.5)  # one long item: the other worker should take the rest meanwhile
    return _first(item)


def test_two_phases_share_the_items_by_demand(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(parallel, "usable_cores", lambda: 2)
    items = list(range(20))
    _, results = parallel.in_two_phases(_slow_first, _total, _pid_of, items, threshold=2)
    slow_worker = results[0]
    assert sum(pid == slow_worker for pid in results) < len(items) // 2


def _pid_of(kept: tuple[int, int], total: int) -> int:
    del total
    return kept[1]


@pytest.mark.parametrize("cores", [1, 2])
def test_the_parent_objects_are_unfrozen_after_the_workers(
    monkeypatch: pytest.MonkeyPatch, cores: int
) -> None:
    # Frozen while workers are forked (so they do not collect them), never left frozen: a
    # long-lived caller (a test run, an editor) must still have its garbage collected.
    monkeypatch.setattr(parallel, "usable_cores", lambda: cores)
    assert gc.get_freeze_count() == 0
    parallel.map_items(abs, list(range(-20, 0)), threshold=2)
    parallel.in_two_phases(_first, _total, _second, list(range(20)), threshold=2)
    assert gc.get_freeze_count() == 0


def test_two_phases_finish_with_many_items() -> None:
    """The shared queue is filled before the workers start: more indices than a pipe holds
    once made it wait for ever. Run apart, with a time limit, so a hang fails the test."""
    script = (
        "from dwcp import parallel\n"
        "parallel.usable_cores = lambda: 2\n"
        "items = list(range(20_000))\n"
        "sent, done = parallel.in_two_phases(lambda i: (i, i), sum, lambda k, t: k, items, 2)\n"
        "assert sent == items and done == items\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60)

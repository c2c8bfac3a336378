"""Run a function over many items on every core, when there are enough items to be worth it.

Workers are forked, so they inherit the caller's loaded modules and state; on platforms
without fork (or on one core, or for a few items) the work runs in this process.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from multiprocessing import get_all_start_methods, get_context
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")

# Below this many items, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 8
_TASK: Callable[[Any], Any] | None = None


def _run_task(item: Any) -> Any:
    assert _TASK is not None  # noqa: S101 - narrows the type: set by the pool
    return _TASK(item)


def usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def map_items(
    task: Callable[[T], R], items: Sequence[T], threshold: int = PARALLEL_THRESHOLD
) -> list[R]:
    """[task(item) for item in items], spread over forked workers when worthwhile.

    `task` may be a closure or bound method: the forked workers inherit it rather than
    receiving it pickled. Results are pickled back, so they must be picklable. A task that
    takes long per item can lower `threshold`, the fewest items worth starting workers for.
    """
    return list(iter_items(task, items, threshold))


def iter_items(
    task: Callable[[T], R], items: Sequence[T], threshold: int = PARALLEL_THRESHOLD
) -> Iterator[R]:
    """Like map_items, but yields results in order as they arrive, so the caller can work
    on the first results while the workers are still busy with the rest."""
    workers = usable_cores()
    if workers < 2 or len(items) < threshold or "fork" not in get_all_start_methods():
        yield from (task(item) for item in items)
        return
    global _TASK
    _TASK = task
    try:
        with get_context("fork").Pool(workers) as pool:
            # Small chunks let the caller start on results early and finish soon after.
            chunk = max(1, min(8, len(items) // (workers * 4)))
            yield from pool.imap(_run_task, items, chunksize=chunk)
    finally:
        _TASK = None

"""Run a function over many items on every core, when there are enough items to be worth it.

Workers are forked, so they inherit the caller's loaded modules and state; on platforms
without fork (or on one core, or for a few items) the work runs in this process.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from multiprocessing import get_all_start_methods, get_context
from typing import Any, TypeVar

T = TypeVar("T")
R = TypeVar("R")
K = TypeVar("K")
A = TypeVar("A")
B = TypeVar("B")

# Below this many items, starting worker processes costs more than it saves.
PARALLEL_THRESHOLD = 8
# The most messages in_two_phases puts on its queue: one item each up to this many items.
_BATCHES = 256
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
    task: Callable[[T], R],
    items: Sequence[T],
    threshold: int = PARALLEL_THRESHOLD,
    chunk: int | None = None,
) -> list[R]:
    """[task(item) for item in items], spread over forked workers when worthwhile.

    `task` may be a closure or bound method: the forked workers inherit it rather than
    receiving it pickled. Results are pickled back, so they must be picklable. A task that
    takes long per item can lower `threshold`, the fewest items worth starting workers for;
    items that differ much in cost can ask for `chunk` 1, so no worker is handed several
    long ones at once (they are sent in small batches otherwise).
    """
    return list(iter_items(task, items, threshold, chunk))


def iter_items(
    task: Callable[[T], R],
    items: Sequence[T],
    threshold: int = PARALLEL_THRESHOLD,
    chunk: int | None = None,
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
        with _heap_frozen(), get_context("fork").Pool(workers) as pool:
            # Small chunks let the caller start on results early and finish soon after.
            size = chunk or max(1, min(8, len(items) // (workers * 4)))
            yield from pool.imap(_run_task, items, chunksize=size)
    finally:
        _TASK = None


def in_two_phases(
    first: Callable[[T], tuple[K, A]],
    between: Callable[[list[A]], B],
    second: Callable[[K, B], R],
    items: Sequence[T],
    threshold: int = PARALLEL_THRESHOLD,
) -> tuple[list[A], list[R]]:
    """Run `first` on every item, `between` once on all that `first` sent, then `second` on
    each item with what `first` kept and what `between` made; spread over forked workers.

    Each worker keeps what `first` kept for its own items, so only what is sent crosses
    processes: `dwcp render` keeps each programme in the worker that validated it, sends the
    parent its findings, and renders it there once the cross-file findings are known. The
    workers take the items one by one (a few at a time past 256) from a shared queue, so
    one that drew quick items takes more and both reach `between` together.
    """
    workers = min(usable_cores(), len(items))
    if workers < 2 or len(items) < threshold or "fork" not in get_all_start_methods():
        done = [first(item) for item in items]
        shared = between([sent for _, sent in done])
        return [sent for _, sent in done], [second(kept, shared) for kept, _ in done]
    context = get_context("fork")
    queue: Any = context.SimpleQueue()
    # Filled before any worker reads it, so everything must fit in the pipe's buffer (64 KB
    # on Linux), or put() would wait for ever: at most _BATCHES messages of a few indices.
    size = -(-len(items) // _BATCHES)
    for start in range(0, len(items), size):
        queue.put(range(start, min(start + size, len(items))))
    for _ in range(workers):
        queue.put(None)
    ends = [context.Pipe() for _ in range(workers)]
    processes = [
        context.Process(
            target=_two_phase_worker, args=(first, second, items, queue, child), daemon=True
        )
        for _, child in ends
    ]
    with _heap_frozen():
        for process in processes:
            process.start()
    try:
        sent: list[Any] = [None] * len(items)
        for parent, _ in ends:
            for index, value in _receive(parent):
                sent[index] = value
        shared = between(sent)
        for parent, _ in ends:
            parent.send(shared)
        results: list[Any] = [None] * len(items)
        for parent, _ in ends:
            for index, value in _receive(parent):
                results[index] = value
        return sent, results
    finally:
        for process in processes:
            if process.is_alive():
                process.terminate()
            process.join()


@contextmanager
def _heap_frozen() -> Iterator[None]:
    """Workers forked meanwhile leave the parent's objects out of their garbage collection.

    A forked worker inherits every object of the parent (200 programmes, once gathered) and
    its collector would walk them all again and again, a third of a second per worker in
    `dwcp site`; frozen, they are neither walked nor copied by the collector's writes.
    The parent's own objects are unfrozen again afterwards, for callers that live on."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _receive(end: Any) -> list[Any]:
    try:
        status, payload = end.recv()
    except EOFError:
        raise RuntimeError("a worker process stopped without an answer") from None
    if status == "error":
        raise payload
    return list(payload)


def _two_phase_worker(
    first: Callable[[Any], tuple[Any, Any]],
    second: Callable[[Any, Any], Any],
    items: Sequence[Any],
    queue: Any,
    end: Any,
) -> None:
    try:
        kept: list[tuple[int, Any]] = []
        sent: list[tuple[int, Any]] = []
        while (batch := queue.get()) is not None:
            for index in batch:
                keep, send = first(items[index])
                kept.append((index, keep))
                sent.append((index, send))
        end.send(("ok", sent))
        shared = end.recv()
        end.send(("ok", [(index, second(keep, shared)) for index, keep in kept]))
    except BaseException as exc:  # noqa: BLE001 - handed to the parent, which raises it
        end.send(("error", exc))
    finally:
        end.close()

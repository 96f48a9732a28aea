"""Run a task over numbered pieces of work on forked worker processes.

Forked, not spawned: a worker inherits what the parent holds (the decoded batch, the open PDF)
without copying or pickling it; only each piece's result comes back. The task is set in this
module before the fork, so it need not be picklable either. Used for big batches (``batch.py``)
and the pages of a PDF read alone, by ``check`` with more than one job; the web app reads its
uploads in one process, as a fork would copy its other threads in whatever state they are in.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

from reviewer.progress import Progress

T = TypeVar("T")

_TASK: list[Callable[[int], Any]] = []  # set before forking, inherited by the workers


def _run(index: int) -> Any:
    return _TASK[0](index)


def forked_map(task: Callable[[int], T], count: int, jobs: int, progress: Progress | None = None) -> list[T]:
    """``task(i)`` for i in range(count), in order, on up to ``jobs`` forked processes; in this
    process for one job or one piece, and where the system cannot fork (Windows). ``progress``
    is told of each piece as its result arrives."""
    if progress is not None:
        progress.start(count)
    if not _worth_forking(jobs, count):
        return list(_told(map(task, range(count)), progress))
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    _TASK[:] = [task]
    try:
        # Not multiprocessing.Pool: when a worker dies (killed for memory, say) the executor
        # raises BrokenProcessPool, where the pool would wait for its result for ever.
        with ProcessPoolExecutor(min(jobs, count), mp_context=multiprocessing.get_context("fork")) as pool:
            return list(_told(pool.map(_run, range(count)), progress))
    finally:
        _TASK.clear()


def _worth_forking(jobs: int, count: int) -> bool:
    """More than one job and one piece, on a system that can fork (not Windows)."""
    if jobs < 2 or count < 2:
        return False
    import multiprocessing  # only work worth the workers pays for the import

    return "fork" in multiprocessing.get_all_start_methods()


def _told(results: Iterable[T], progress: Progress | None) -> Iterator[T]:
    for result in results:
        if progress is not None:
            progress.advance()
        yield result

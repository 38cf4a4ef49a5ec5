"""A per-document time budget: one pathological input cannot hold a worker forever."""

from __future__ import annotations

import signal
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from types import FrameType


class BudgetExceeded(BaseException):
    """Raised inside the guarded block when it runs longer than its budget.

    A BaseException, like KeyboardInterrupt, so that an `except Exception` somewhere in the
    extractor or a library it calls cannot swallow it and carry on past the budget.
    """

    def __init__(self, seconds: float) -> None:
        super().__init__(f"took longer than the {seconds:g} s budget")
        self.seconds = seconds


def budget_enforceable() -> bool:
    """Whether a budget can be enforced here: POSIX, and the main thread of the process.

    Signals are delivered to the main thread only, and `signal.signal` refuses to be called
    from any other thread, so in a thread (a Dask thread worker, a thread pool) and on
    Windows (no SIGALRM) the budget is not enforced.
    """
    return (
        sys.platform != "win32"
        and hasattr(signal, "setitimer")
        and threading.current_thread() is threading.main_thread()
    )


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise BudgetExceeded in the guarded block if it runs longer than `seconds`.

    Uses the process's real-time interval timer (ITIMER_REAL) and SIGALRM, so it only works
    in the main thread on POSIX; elsewhere (threads, Windows), and when `seconds` is None or
    not positive, the block runs with no budget at all. The previous SIGALRM handler and any
    timer already running are restored on exit; an outer timer keeps what is left of its
    time, less the time spent here.

    The exception is raised between Python bytecodes: a single long call into C (one huge
    regular expression match, say) is interrupted only when it returns to Python.
    """
    if seconds is None or seconds <= 0 or not budget_enforceable():
        yield
        return

    def on_alarm(signum: int, frame: FrameType | None) -> None:
        raise BudgetExceeded(seconds)

    previous_handler = signal.signal(signal.SIGALRM, on_alarm)
    # setitimer returns the timer it replaces, so an enclosing budget can be put back.
    outer_delay, outer_interval = signal.setitimer(signal.ITIMER_REAL, seconds)
    started = time.monotonic()
    try:
        yield
    finally:
        # Nested so that an alarm landing just as the block ends still restores the handler.
        try:
            signal.setitimer(signal.ITIMER_REAL, 0)
        finally:
            # None means a handler installed from C, which cannot be put back from Python.
            signal.signal(signal.SIGALRM,
                          signal.SIG_DFL if previous_handler is None else previous_handler)
            if outer_delay > 0:
                # Give the outer timer back what it had left; if that ran out while we were
                # in here, fire it almost at once rather than never.
                remaining = max(outer_delay - (time.monotonic() - started), 1e-3)
                signal.setitimer(signal.ITIMER_REAL, remaining, outer_interval)

"""Waiting for a thread to block on a lock, so that a test can take the other side of a race."""

from __future__ import annotations

import linecache
import sys
import time
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import threading

__all__ = ["wait_until_blocked"]


def wait_until_blocked(thread: threading.Thread, function: str, *, timeout: float = 10) -> None:
    """Wait until *thread* waits at a ``with`` statement of *function*: for a lock we hold.

    Raises:
        TimeoutError: The thread did not get there in *timeout* seconds.
    """
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        frame = sys._current_frames().get(thread.ident or 0)
        while frame is not None:
            line = linecache.getline(frame.f_code.co_filename, frame.f_lineno)
            if frame.f_code.co_name == function and line.strip().startswith("with "):
                return
            frame = frame.f_back
        time.sleep(0.001)
    msg = f"the thread never waited in {function}"
    raise TimeoutError(msg)

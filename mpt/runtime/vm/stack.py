"""Room on the host's C stack for deep guest recursion.

A guest call that passes through host C code (``sorted(key=f)``, ``repr()`` of an instance,
``map``, ``str.format`` calling ``__str__``...) uses C stack at every level, so with the usual
8 MiB main-thread stack a few thousand such levels would crash the process instead of
raising RecursionError (which the guest sees as MicroPython's "maximum recursion depth
exceeded"). Guest code therefore runs with a recursion limit that fits its stack: the main
thread's stack may grow up to RLIMIT_STACK, which is raised for that (Linux keeps at least
128 MiB of address space free below the main stack); threads that run guest code are created
with THREAD_STACK_BYTES of stack (the guest's own _thread threads with less: see
mpt.runtime.library.thread_mod).
"""

from __future__ import annotations

import sys
import threading
from contextlib import contextmanager

RECURSION_LIMIT = 8000
THREAD_STACK_BYTES = 256 << 20  # address space; pages are only committed when used
_MAIN_STACK_BYTES = 112 << 20
# The most C stack one level of guest recursion was measured to use (a guest sort key that
# sorts again, CPython 3.11), with room to spare.
_BYTES_PER_LEVEL = 12 << 10


def _main_thread_stack_bytes() -> int | None:
    """The main thread's stack limit after raising it if allowed (None: unlimited/unknown)."""
    try:
        import resource
    except ImportError:
        return None
    try:
        soft, hard = resource.getrlimit(resource.RLIMIT_STACK)
        if soft != resource.RLIM_INFINITY and soft < _MAIN_STACK_BYTES:
            wanted = _MAIN_STACK_BYTES if hard == resource.RLIM_INFINITY else \
                min(_MAIN_STACK_BYTES, hard)
            if wanted > soft:
                resource.setrlimit(resource.RLIMIT_STACK, (wanted, hard))
                soft = wanted
    except (ValueError, OSError):
        return None
    return None if soft == resource.RLIM_INFINITY else soft


def recursion_limit() -> int:
    """The host recursion limit to run guest code with in the current thread."""
    if threading.current_thread() is not threading.main_thread():
        return RECURSION_LIMIT  # guest threads are made with THREAD_STACK_BYTES
    stack = _main_thread_stack_bytes()
    if stack is None:
        return RECURSION_LIMIT
    return max(200, min(RECURSION_LIMIT, stack // _BYTES_PER_LEVEL))


@contextmanager
def guest_recursion():
    """Run guest code with a recursion limit its stack can hold."""
    old = sys.getrecursionlimit()
    sys.setrecursionlimit(max(old, recursion_limit()))
    try:
        yield
    finally:
        sys.setrecursionlimit(old)

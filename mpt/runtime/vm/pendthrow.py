"""generator.pend_throw(): MicroPython's way to make a suspended generator raise on resume.

Guest generators are host generators, which have no such method, so the pended value is
kept here, keyed by the generator's frame. Translated generator code checks this table
(only when it is not empty) when it starts and whenever it resumes after a ``yield``.
"""

from __future__ import annotations

import sys
import types

PENDING: dict = {}  # frame of a suspended guest generator -> the value pended for it
_NONE = object()


def pend_throw(gen, value):
    """Store ``value`` to be raised at the generator's next resume; return the previous one."""
    if gen.gi_running:
        raise ValueError("generator already executing")
    frame = gen.gi_frame
    if frame is None:  # finished: nothing will ever resume it
        return None
    prev = PENDING.pop(frame, None)
    if value is not None:
        PENDING[frame] = value
    return prev


def raise_pending() -> None:
    """Called by a resumed guest generator (when PENDING is not empty)."""
    value = PENDING.pop(sys._getframe(1), _NONE)
    if value is not _NONE:
        raise value


def pend_throw_attr(obj):
    """``obj.pend_throw`` as the guest sees it."""
    if type(obj) is types.GeneratorType:
        return lambda value: pend_throw(obj, value)
    return getattr(obj, "pend_throw")

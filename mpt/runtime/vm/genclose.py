"""A guest generator runs its handlers for GeneratorExit only when the guest asks for it.

MicroPython never finalises an abandoned generator (left suspended by a ``break`` out of a
for loop, or dropped): its ``finally`` blocks and ``with`` exits simply never run. CPython
closes such a generator when it frees it, throwing GeneratorExit into it. So translated
generator code treats GeneratorExit as a request to run its handlers only while a guest
``close()`` or ``throw()`` is in progress (counted here, delegated ``yield from`` generators
included); otherwise it just stops.
"""

from __future__ import annotations

import types

CLOSING = [0]  # guest close()/throw() calls in progress


def _requested(method):
    def call(*args):
        CLOSING[0] += 1
        try:
            return method(*args)
        finally:
            CLOSING[0] -= 1
    return call


def _closed(close):
    def call(*args):
        close(*args)
        # py/objgenerator.c's close() returns None; CPython 3.13's returns the generator's
        # return value (a return in a GeneratorExit handler or a finally block)
    return call


def attr(obj, name: str):
    """``obj.close`` / ``obj.throw`` as the guest sees them."""
    if type(obj) is types.GeneratorType:
        method = _requested(getattr(obj, name))
        return _closed(method) if name == "close" else method
    return getattr(obj, name)

"""The iterator a translated ``for`` statement walks (translate/loops.py).

MicroPython's FOR_ITER calls only the ``__next__`` of what GET_ITER gave, where a Python
``for`` statement would call ``iter()`` on it once more: the host's own iterator types are
walked directly (``iter()`` of them is themselves), anything else through its ``__next__``.
"""

from __future__ import annotations

import types
from itertools import compress

from mpt.runtime.vm.hashorder import guest_iter

_SAMPLES: list[object] = [
    iter([]), iter(()), iter(range(0)), iter(range(1 << 64)), iter(""), iter("\xe9"),
    iter(b""), iter(bytearray()), iter({}), iter({}.values()), iter({}.items()),
    iter(set()), reversed([]), reversed({}), reversed(range(0)), enumerate(()), zip(),
    map(id, ()), filter(None, ()), compress((), ()), iter(memoryview(b""))]
_PLAIN = frozenset(map(type, _SAMPLES)) | {types.GeneratorType}


def _next_calls(step):
    while True:
        try:
            value = step()
        except StopIteration:
            return
        yield value


def loop_iter(obj):
    """``iter(obj)`` as the guest's for loop sees it (dicts and sets in MicroPython's
    order), in a form a ``for`` statement walks with FOR_ITER's semantics."""
    it = guest_iter(obj)
    if type(it) in _PLAIN:
        return it
    return _next_calls(it.__next__)


def _counting(counter, end, step: int, less: bool):
    while (counter < end) if less else (counter > end):
        yield counter
        counter += step


def range_loop(counter, end, step: int, less: bool):
    """The values MicroPython's counting loop for ``range(counter, end, step)`` gives the
    loop variable: tested with ``<`` (``>`` if not ``less``), then incremented by step."""
    if type(counter) is int and type(end) is int and (step > 0) == less:
        return range(counter, end, step)
    return _counting(counter, end, step, less)

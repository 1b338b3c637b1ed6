"""The guest's `gc` module: the host collects; the numbers come from the board's heap model
(mpt.runtime.library.heap_model)."""

from __future__ import annotations

import gc as host_gc

from mpt.runtime.library.heap_model import BYTES_PER_BLOCK, heap_for
from mpt.runtime.library.weakref_mod import collect_weakly_referenced


def make_module(ctx):
    heap = heap_for(ctx)
    state = {"enabled": True, "threshold_blocks": -1}

    def collect():
        # objects under weak references live until a collection, as on MicroPython
        collect_weakly_referenced(ctx)
        host_gc.collect()
        return None

    def threshold(*amount):
        if len(amount) > 1:
            raise TypeError("function expected at most 1 arguments, got %d" % len(amount))
        if not amount:
            blocks = state["threshold_blocks"]
            return -1 if blocks < 0 else blocks * BYTES_PER_BLOCK
        value = _integer(amount[0])
        state["threshold_blocks"] = -1 if value < 0 else value // BYTES_PER_BLOCK
        return None

    def enable():
        state["enabled"] = True

    def disable():
        state["enabled"] = False

    return {
        "collect": collect,
        "enable": enable,
        "disable": disable,
        "isenabled": lambda: state["enabled"],
        "mem_free": heap.free,
        "mem_alloc": heap.used,
        "threshold": threshold,
    }


def _integer(value) -> int:
    if not isinstance(value, int):
        raise TypeError("can't convert %s to int" % type(value).__name__)
    return int(value)

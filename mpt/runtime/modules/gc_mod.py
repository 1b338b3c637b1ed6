"""The guest's `gc` module (the host collects; the numbers are a plausible board heap)."""

from __future__ import annotations

import gc as host_gc

HEAP_SIZE = 2072832


def make_module(ctx):
    state = {"enabled": True, "threshold": -1}

    def collect():
        # objects under weak references live until a collection, as on MicroPython
        ctx.extra.get("weakref_keepalive", []).clear()
        host_gc.collect()
        return None

    def threshold(amount=None):
        if amount is None:
            # MicroPython reports the threshold in allocation blocks of 16 bytes
            return -1 if state["threshold"] < 0 else state["threshold"] // 16
        state["threshold"] = amount
        return None

    return {
        "collect": collect,
        "enable": lambda: state.update(enabled=True),
        "disable": lambda: state.update(enabled=False),
        "isenabled": lambda: state["enabled"],
        "mem_free": lambda: HEAP_SIZE - 64000,
        "mem_alloc": lambda: 64000,
        "threshold": threshold,
    }

"""The guest's `heapq` module: heappush, heappop, heapify on lists (extmod/modheapq.c)."""

from __future__ import annotations

import heapq

from mpt.runtime.library.arity import check_arity


def _heap(obj) -> list:
    if not isinstance(obj, list):
        raise TypeError("heap must be a list")
    return obj


def heappush(*args):
    check_arity(args, 2, 2)
    heapq.heappush(_heap(args[0]), args[1])


def heappop(*args):
    check_arity(args, 1, 1)
    heap = _heap(args[0])
    if not heap:
        raise IndexError("empty heap")
    return heapq.heappop(heap)


def heapify(*args):
    check_arity(args, 1, 1)
    heapq.heapify(_heap(args[0]))


def make_module(ctx):
    return {"heappush": heappush, "heappop": heappop, "heapify": heapify}

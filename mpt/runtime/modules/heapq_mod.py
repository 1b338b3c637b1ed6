"""The guest's `heapq` module."""

from __future__ import annotations

import heapq


def make_module(ctx):
    return {"heappush": heapq.heappush, "heappop": heapq.heappop, "heapify": heapq.heapify}

"""The guest's `array` module."""

from __future__ import annotations

import array


def make_module(ctx):
    return {"array": array.array}

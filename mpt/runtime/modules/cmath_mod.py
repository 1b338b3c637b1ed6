"""The guest's `cmath` module."""

from __future__ import annotations

import cmath

_NAMES = "cos exp log log10 phase polar rect sin sqrt e pi".split()


def make_module(ctx):
    return {name: getattr(cmath, name) for name in _NAMES}

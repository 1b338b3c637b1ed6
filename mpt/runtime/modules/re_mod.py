"""The guest's `re` module (host regular expressions behind MicroPython's API)."""

from __future__ import annotations

import re


def make_module(ctx):
    def wrap(fn):
        def call(*args, **kwargs):
            try:
                return fn(*args, **kwargs)
            except re.error as exc:
                raise ValueError(f"Error in regex: {exc}") from None
        return call

    return {"compile": wrap(re.compile), "match": wrap(re.match), "search": wrap(re.search),
            "sub": wrap(re.sub), "split": wrap(re.split), "escape": re.escape,
            "DEBUG": 4096, "IGNORECASE": re.IGNORECASE, "MULTILINE": re.MULTILINE}

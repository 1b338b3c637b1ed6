"""The guest's `struct` module."""

from __future__ import annotations

import struct


def make_module(ctx):
    def wrap(fn):
        def call(*args):
            try:
                return fn(*args)
            except struct.error as exc:
                raise ValueError(str(exc)) from None
        return call

    return {name: wrap(getattr(struct, name))
            for name in ("pack", "unpack", "calcsize", "pack_into", "unpack_from")}

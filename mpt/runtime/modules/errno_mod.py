"""The guest's `errno` module."""

from __future__ import annotations

from mpt.runtime.builtins_table import _ERRNO_NAMES


def make_module(ctx):
    attrs = {name: code for code, name in _ERRNO_NAMES.items()}
    attrs["errorcode"] = dict(_ERRNO_NAMES)
    return attrs

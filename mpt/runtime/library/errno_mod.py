"""The guest's `errno` module."""

from __future__ import annotations

from mpt.runtime.vm.builtins_table import _ERRNO_NAMES
from mpt.runtime.vm.objects import FixedDict


def make_module(ctx):
    attrs = {name: code for code, name in _ERRNO_NAMES.items()}
    attrs["errorcode"] = FixedDict(_ERRNO_NAMES)  # read-only, as MicroPython's table is
    return attrs

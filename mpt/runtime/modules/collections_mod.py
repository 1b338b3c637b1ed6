"""The guest's `collections` module: namedtuple, deque, OrderedDict."""

from __future__ import annotations

import collections

from mpt.runtime.objects import register_guest_type


def make_module(ctx):
    def namedtuple(name, fields, *args, **kwargs):
        if isinstance(fields, str):
            fields = fields.replace(",", " ").split()
        cls = collections.namedtuple(name, fields)
        cls.__module__ = "builtins"
        register_guest_type(cls)
        return cls

    class deque(collections.deque):
        def __init__(self, iterable=(), maxlen=None, flags=0):
            super().__init__(iterable, maxlen)

    deque.__module__ = "builtins"
    return {"namedtuple": namedtuple, "deque": deque,
            "OrderedDict": collections.OrderedDict}

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
        """MicroPython's fixed-size deque: deque(iterable, maxlen[, flags]); flags bit 0 makes
        appends to a full deque raise IndexError('full') instead of dropping the far end."""

        def __init__(self, *args):
            if len(args) < 2:
                raise TypeError(f"function missing {2 - len(args)} required positional arguments")
            if len(args) > 3:
                raise TypeError(f"function expected at most 3 arguments, got {len(args)}")
            maxlen = args[1]
            if maxlen < 0:
                raise ValueError()
            self._check_overflow = bool(args[2] & 1) if len(args) > 2 else False
            super().__init__((), maxlen)
            self.extend(args[0])

        def _full(self):
            if self._check_overflow and len(self) == self.maxlen:
                raise IndexError("full")

        def append(self, item):
            self._full()
            super().append(item)

        def appendleft(self, item):
            self._full()
            super().appendleft(item)

        def extend(self, iterable):
            for item in iterable:
                self.append(item)

        def pop(self):
            if not self:
                raise IndexError("empty")
            return super().pop()

        def popleft(self):
            if not self:
                raise IndexError("empty")
            return super().popleft()

        def __repr__(self):
            return "<deque>"

    deque.__module__ = "builtins"
    return {"namedtuple": namedtuple, "deque": deque,
            "OrderedDict": collections.OrderedDict}

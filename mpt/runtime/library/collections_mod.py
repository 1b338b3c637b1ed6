"""The guest's `collections` module: namedtuple, deque, OrderedDict as MicroPython 1.29 has them.

MicroPython's namedtuple types have field attributes only (no _fields/_asdict/_replace/_make,
nor tuple's index/count); its deque has a mandatory maxlen, an optional overflow-check flag,
indexing and iteration but no rotate/clear/remove.
"""

from __future__ import annotations

import collections

from mpt.runtime.library.arity import check_arity
from mpt.runtime.vm.objects import mp_repr, register_guest_type


class _Hidden:
    """A tuple method MicroPython's namedtuples do not expose."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            raise AttributeError(f"type object '{owner.__name__}' has no attribute '{self.name}'")
        raise AttributeError(f"'{type(obj).__name__}' object has no attribute '{self.name}'")


def _field_names(fields) -> list[str]:
    if isinstance(fields, str):
        return fields.split()
    names = list(fields)
    for name in names:
        if not isinstance(name, str):
            raise TypeError(f"can't convert {type(name).__name__} to str")
    return names


def namedtuple(*args):
    check_arity(args, 2, 2)
    name, fields = args
    if not isinstance(name, str):
        raise TypeError(f"can't convert {type(name).__name__} to str")
    fields = tuple(_field_names(fields))
    index_of = {f: i for i, f in enumerate(fields)}

    def __new__(cls, *args, **kwargs):
        n = len(args) + len(kwargs)
        if n != len(fields):
            raise TypeError(f"{name}() takes {len(fields)} positional arguments but {n} were given")
        values = list(args) + [_UNSET] * len(kwargs)
        for key, value in kwargs.items():
            i = index_of.get(key)
            if i is None:
                raise TypeError(f"unexpected keyword argument '{key}'")
            if values[i] is not _UNSET:
                raise TypeError(f"function got multiple values for argument '{key}'")
            values[i] = value
        return tuple.__new__(cls, values)

    def __repr__(self):
        inner = ", ".join(f"{f}={mp_repr(v)}" for f, v in zip(fields, self))
        return f"{name}({inner})"

    def __setattr__(self, attr, value):
        raise AttributeError("can't set attribute")

    def __getitem__(self, index):
        try:
            return tuple.__getitem__(self, index)
        except IndexError:
            raise IndexError(f"{name} index out of range") from None

    def __delattr__(self, attr):
        raise AttributeError("can't set attribute")

    namespace = {"__slots__": (), "__new__": __new__, "__repr__": __repr__, "__str__": __repr__,
                 "__setattr__": __setattr__, "__getitem__": __getitem__, "__delattr__": __delattr__,
                 "__module__": "builtins", "index": _Hidden(), "count": _Hidden()}
    for i, field in enumerate(fields):
        namespace[field] = property(lambda self, i=i: tuple.__getitem__(self, i))
    cls = type(name, (tuple,), namespace)
    register_guest_type(cls)
    return cls


_UNSET = object()


class deque:
    """MicroPython's fixed-size deque: deque(iterable, maxlen[, flags]); flags bit 0 makes
    appends to a full deque raise IndexError('full') instead of dropping the far end."""

    __slots__ = ("_items", "_maxlen", "_check_overflow")

    def __init__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("function doesn't take keyword arguments")
        check_arity(args, 2, 3)
        maxlen = _int(args[1])
        if maxlen < 0:
            raise ValueError()
        self._items = collections.deque()
        self._maxlen = maxlen
        self._check_overflow = bool(_int(args[2]) & 1) if len(args) > 2 else False
        self.extend(args[0])

    def append(self, item):
        items = self._items
        if len(items) >= self._maxlen:
            if self._check_overflow:
                raise IndexError("full")
            items.append(item)
            items.popleft()
        else:
            items.append(item)

    def appendleft(self, item):
        items = self._items
        if len(items) >= self._maxlen:
            if self._check_overflow:
                raise IndexError("full")
            items.appendleft(item)
            items.pop()
        else:
            items.appendleft(item)

    def extend(self, iterable):
        for item in iterable:
            self.append(item)

    def pop(self):
        if not self._items:
            raise IndexError("empty")
        return self._items.pop()

    def popleft(self):
        if not self._items:
            raise IndexError("empty")
        return self._items.popleft()

    def __len__(self):
        return len(self._items)

    def __bool__(self):
        return bool(self._items)

    def __iter__(self):
        return iter(list(self._items))

    def _index(self, index):
        if not isinstance(index, int):
            raise TypeError(f"deque indices must be integers, not {type(index).__name__}")
        n = len(self._items)
        if index < 0:
            index += n
        if not 0 <= index < n:
            raise IndexError("deque index out of range")
        return index

    def __getitem__(self, index):
        return self._items[self._index(index)]

    def __setitem__(self, index, value):
        self._items[self._index(index)] = value

    def __delitem__(self, index):
        raise TypeError("'deque' object doesn't support item deletion")

    def __eq__(self, other):
        return self is other

    def __ne__(self, other):
        return self is not other

    __hash__ = object.__hash__

    def __repr__(self):
        return "<deque>"


def _int(value) -> int:
    if isinstance(value, int):
        return int(value)
    raise TypeError(f"can't convert {type(value).__name__} to int")


class OrderedDict(collections.OrderedDict):
    """Equal only to another OrderedDict with the same items in the same order."""

    def __eq__(self, other):
        if not isinstance(other, collections.OrderedDict):
            return False
        return list(self.items()) == list(other.items())

    def __ne__(self, other):
        return not self.__eq__(other)

    __hash__ = None  # type: ignore[assignment]  # (unhashable)

    def popitem(self):
        if not self:
            raise KeyError("popitem(): dictionary is empty")
        return super().popitem()

    def copy(self):
        return OrderedDict(self)

    def __repr__(self):
        return "OrderedDict({" + ", ".join(f"{mp_repr(k)}: {mp_repr(v)}"
                                          for k, v in self.items()) + "})"

    __str__ = __repr__


for _cls in (deque, OrderedDict):
    _cls.__module__ = "builtins"


def make_module(ctx):
    return {"namedtuple": namedtuple, "deque": deque,
            "OrderedDict": OrderedDict}

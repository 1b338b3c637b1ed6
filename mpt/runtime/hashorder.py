"""The order in which MicroPython lists a dict's or a set's items.

MicroPython's dicts and sets are open-addressing hash tables (py/map.c) iterated in slot
order, so ``print({'a': 1, 'b': 2, 'c': 3})`` does not show insertion order. The VM keeps
host dicts (insertion-ordered) for speed; when a dict or set is *printed*, this module
replays the insertions into a model of MicroPython's table to find the slot order:
linear probing from ``hash % alloc``, growth to the next size of MicroPython's table only
when the table is full. A literal with n entries starts with n slots (remembered per object
by :func:`note_literal`), anything else starts empty. Keys whose MicroPython hash is not
modelled (floats, tuples, objects...) make the functions return None (insertion order is
used then). ``for`` loops and comprehensions over dicts, dict views and sets use the same
order (:func:`guest_iter`), and so do arguments of the builtins the translator names in
ORDER_SENSITIVE_CALLEES (``list(d)``, ``str.join``..., through :func:`ordered_arg`). Other
host-side iteration (``dict(d)``, ``d.update(e)``) still sees insertion order.
"""

from __future__ import annotations

import gc

_SIZES = (0, 2, 4, 6, 8, 10, 12, 17, 23, 29, 37, 47, 59, 73, 97, 127, 167, 223, 293, 389,
          521, 691, 919, 1223, 1627, 2161, 3229, 4831, 7243, 10861, 16273, 24407, 36607,
          54907)
_HASH_MASK = 0xFFFF  # MICROPY_QSTR_BYTES_IN_HASH == 2
SMALL_INT_MIN, SMALL_INT_MAX = -(1 << 30), (1 << 30) - 1  # MicroPython's small ints
_SMALL_INT_MIN, _SMALL_INT_MAX = SMALL_INT_MIN, SMALL_INT_MAX
_WORD = (1 << 32) - 1
_MAX_MODELLED = 5000

# id(object) -> (initial slots, first key, insertion order or None) for literals; the
# first key guards against a reused id.
_LITERALS: dict[int, tuple[int, object, tuple | None]] = {}


def note_literal(obj, n: int):
    """Record that ``obj`` (a dict) was built by a literal of n items."""
    if n >= 3 and obj:
        _LITERALS[id(obj)] = (n, next(iter(obj)), None)
    return obj


def set_literal(*items):
    """Build a set literal, remembering its size and insertion order (sets have none)."""
    made = set(items)
    if len(items) >= 2:
        _LITERALS[id(made)] = (len(items), next(iter(made)), items)
    return made


def _str_hash(text: str) -> int:
    h = 5381
    for byte in text.encode("utf-8", "surrogatepass"):
        h = ((h << 5) + h) ^ byte
    h &= _HASH_MASK
    return h or 1


def micropython_hash(data: str | bytes) -> int:
    """MicroPython's hash of a str or bytes object."""
    if type(data) is str:
        return _str_hash(data)
    return _bytes_hash(data)


def _bytes_hash(data) -> int:
    h = 5381
    for byte in data:
        h = ((h << 5) + h) ^ byte
    h &= _HASH_MASK
    return h or 1


def _hash(key) -> int | None:
    t = type(key)
    if t is str:
        return _str_hash(key)
    if t is bool:
        return int(key)
    if t is int:
        if _SMALL_INT_MIN <= key <= _SMALL_INT_MAX:
            return key & _WORD
        return None
    if t is bytes:
        return _bytes_hash(key)
    return None


def _next_size(n: int) -> int:
    for size in _SIZES:
        if size >= n:
            return size
    return n | 1


def _initial(obj) -> tuple[int, tuple | None]:
    entry = _LITERALS.get(id(obj))
    if entry is None:
        return 0, None
    n, first, order = entry
    if obj and next(iter(obj)) is first:
        if order is not None and (len(set(order)) != len(obj) or any(k not in obj for k in order)):
            order = None
        return n, order
    return 0, None


def micropython_order(obj) -> list | None:
    """The keys (dict) or items (set) of ``obj`` in MicroPython's listing order, or None."""
    if len(obj) < 2 or len(obj) > _MAX_MODELLED:
        return None
    alloc, order = _initial(obj)
    hashes = []
    seen = set()
    for key in (order if order is not None else obj):
        if order is not None:
            if key in seen:
                continue
            seen.add(key)
        h = _hash(key)
        if h is None:
            return None
        hashes.append((h, key))
    table: list = [None] * alloc
    used = 0
    for h, key in hashes:
        if used >= alloc:
            old = [e for e in table if e is not None]
            alloc = _next_size(alloc + 1)
            table = [None] * alloc
            for oh, okey in old:
                _place(table, alloc, oh, okey)
        _place(table, alloc, h, key)
        used += 1
    return [e[1] for e in table if e is not None]


def _place(table: list, alloc: int, h: int, key) -> None:
    pos = h % alloc
    while table[pos] is not None:
        pos = (pos + 1) % alloc
    table[pos] = (h, key)


_KEYS_VIEW = type({}.keys())
_VALUES_VIEW = type({}.values())
_ITEMS_VIEW = type({}.items())


def _view_dict(view):
    for ref in gc.get_referents(view.mapping):
        if type(ref) is dict:
            return ref
    return None


def _iter_items(d, order):
    for k in order:
        if k in d:
            yield k, d[k]


def _iter_values(d, order):
    for k in order:
        if k in d:
            yield d[k]


def guest_iter(obj):
    """iter() for guest loops: dicts, dict views and sets in MicroPython's order."""
    t = type(obj)
    if t is dict or t is set or t is frozenset:
        order = micropython_order(obj)
        return iter(obj) if order is None else iter(order)
    if t is _KEYS_VIEW or t is _ITEMS_VIEW or t is _VALUES_VIEW:
        d = _view_dict(obj)
        order = micropython_order(d) if d is not None else None
        if order is None:
            return iter(obj)
        if t is _KEYS_VIEW:
            return iter(order)
        if t is _ITEMS_VIEW:
            return _iter_items(d, order)
        return _iter_values(d, order)
    return iter(obj)


_ORDERED_TYPES = frozenset((dict, set, frozenset, _KEYS_VIEW, _ITEMS_VIEW, _VALUES_VIEW))


def ordered_arg(obj):
    """``obj`` as a list in MicroPython's order if it is a dict, view or set; else ``obj``."""
    if type(obj) in _ORDERED_TYPES:
        return list(guest_iter(obj))
    return obj


_CONSUMER_IDS = frozenset(id(f) for f in (
    list, tuple, enumerate, zip, map, filter, min, max, sum, any, all, bytes, bytearray, iter))
_BUILTIN_METHOD = type("".join)
_SEQUENCE_RECEIVERS = (str, list, bytearray)


def call_ordered(fn, *args, **kwargs):
    """Call ``fn``; when it is a builtin that consumes whole iterables (``list``, ``str.join``,
    ...), dict/set arguments are handed over in MicroPython's order. A guest function that
    shadows such a name gets its arguments untouched."""
    if id(fn) in _CONSUMER_IDS or (type(fn) is _BUILTIN_METHOD
                                   and type(fn.__self__) in _SEQUENCE_RECEIVERS):
        args = [ordered_arg(a) for a in args]
    return fn(*args, **kwargs)

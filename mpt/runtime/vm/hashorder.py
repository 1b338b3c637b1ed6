"""The order in which MicroPython lists a dict's or a set's items.

MicroPython's dicts and sets are open-addressing hash tables (py/map.c) iterated in slot
order, so ``print({'a': 1, 'b': 2, 'c': 3})`` does not show insertion order. The VM keeps
host dicts and sets for speed; this module keeps, next to a guest dict or set whose order
matters, a model of its MicroPython table (:class:`hashtable.Table`) up to date:

- a dict's model is brought up to date when it is looked at (printed, iterated, deleted
  from): keys inserted since are the last ones of the host dict (insertion-ordered), and
  deletions are recorded as they happen (``del d[k]``, ``d.pop``, ``d.popitem``,
  ``d.clear``); each insert costs O(1) amortised, each listing O(n). A literal with n
  entries starts with n slots (:func:`note_literal`), anything else starts empty.
- a set's model follows every change made through set literals, ``set()``/``frozenset()``,
  set comprehensions, ``add``/``discard``/``remove``/``pop``/``clear``; changes made
  another way (``|=``, ``update``...) are caught up with when the set is looked at, the
  new items taken in the order of their MicroPython hash.

Dicts are recorded with a reference (dicts have no weak references), dropped once the
guest holds none (:func:`_purge_dicts`); sets with a weak reference. Keys whose MicroPython
hash is not modelled (tuples, objects...) make the functions return None (insertion order
is used then). ``for`` loops and comprehensions over dicts, dict views and sets use the
same order (:func:`guest_iter`), and so do arguments of the builtins the translator names
in ORDER_SENSITIVE_CALLEES (``list(d)``, ``str.join``..., through :func:`ordered_arg`).
"""

from __future__ import annotations

import gc
import sys
import weakref
from collections.abc import Callable
from types import MethodType
from itertools import compress, islice
from typing import Any, cast

from mpt.runtime.vm import hostbuffer
from mpt.runtime.vm.hashtable import SMALL_INT_MAX, SMALL_INT_MIN, Table, fresh_order
from mpt.runtime.vm.hashtable import micropython_hash as _hash
from mpt.runtime.vm.hashtable import str_hash, bytes_hash

__all__ = ["SMALL_INT_MAX", "SMALL_INT_MIN"]

# id(dict) -> (initial slots, first key) for dict literals; the first key tells a recycled id
# apart.
_LITERALS: dict[int, tuple[int, object]] = {}
# id(dict) -> [dict, its Table or None when a key's hash is not modelled, (order, last key)
# when its order was last checked against the dict, or None]
_DICTS: dict[int, list] = {}
_dict_limit = 256  # _DICTS is purged of dicts nobody else holds when it reaches this size
_ONLY_OURS = 2  # sys.getrefcount of a dict held by its _DICTS entry alone
# id(set) -> _SetRecord
_SETS: dict[int, _SetRecord] = {}


def forget_all() -> None:
    """Drop every record (a new board's heap)."""
    global _dict_limit
    _LITERALS.clear()
    _DICTS.clear()
    _SETS.clear()
    _dict_limit = 256


def micropython_hash(data: str | bytes) -> int:
    """MicroPython's hash of a str or bytes object."""
    if type(data) is str:
        return str_hash(data)
    return bytes_hash(data)


# -- dicts ---------------------------------------------------------------------------------

def note_literal(obj, n: int):
    """Record that ``obj`` (a dict) was built by a literal of n items."""
    if n >= 3 and obj:
        _LITERALS[id(obj)] = (n, next(iter(obj)))
    return obj


def _initial(obj) -> int:
    """The slots a dict literal started with (0 for anything else)."""
    entry = _LITERALS.get(id(obj))
    if entry is None:
        return 0
    n, first = entry
    if obj and next(iter(obj)) is first:
        return n
    return 0


def _fill(table: Table, keys) -> Table | None:
    return table if table.add_all(keys) else None


def _purge_dicts() -> None:
    global _dict_limit
    dead = [key for key, entry in _DICTS.items() if sys.getrefcount(entry[0]) <= _ONLY_OURS]
    for key in dead:
        del _DICTS[key]
    _dict_limit = max(256, 2 * len(_DICTS))


def _dict_table(d) -> Table | None:
    """The up-to-date model of dict ``d`` (made now if there is none), or None."""
    entry = _DICTS.get(id(d))
    if entry is None:
        if len(_DICTS) >= _dict_limit:
            _purge_dicts()
        table = _fill(Table(_initial(d)), d)
        _DICTS[id(d)] = [d, table, None]
        return table
    table = entry[1]
    if table is None:
        return None
    new = len(d) - len(table.where)
    if new > 0:  # keys inserted since: the last ones of the host dict
        tail = list(islice(reversed(d), new))
        tail.reverse()
        where = table.where
        for k in tail:
            if k in where:  # deleted without a record, then inserted again
                return _catch_up(entry, d)
        if not table.add_all(tail):
            entry[1] = None
            return None
    elif new < 0:
        return _catch_up(entry, d)
    return table


def _catch_up(entry: list, obj) -> Table | None:
    """Bring a model up to date with changes made without a record: the keys gone are
    removed, then the new keys inserted (a dict's in insertion order, a set's in the order
    of their MicroPython hash)."""
    table = entry[1]
    for k in [k for k in table.order() if k not in obj]:
        table.remove(k)
    where = table.where
    new = [k for k in obj if k not in where]
    if type(obj) is not dict:
        new = _by_hash(new)
    entry[1] = table = _fill(table, new)
    return table


def _dict_order(d) -> list | None:
    entry = _DICTS.get(id(d))
    if entry is not None and entry[2] is not None:
        # unchanged since last checked: no change recorded (the same order list), as many
        # keys and the same last one (a key inserted since would be last)
        order, last = entry[2]
        table = entry[1]
        if table is not None and table.cached_order() is order and len(order) == len(d) \
                and next(reversed(d)) is last:
            return order
    table = _dict_table(d)
    if table is None:
        return None
    order = table.order()
    if len(order) != len(d) or not d.keys() == table.where.keys():
        table = _catch_up(_DICTS[id(d)], d)
        if table is None:
            return None
        order = table.order()
    _DICTS[id(d)][2] = (order, next(reversed(d)))
    return order


def note_delete(d, key, always_mark: bool = False) -> None:
    """Record ``del d[key]`` (before it happens); ``always_mark``: the slot becomes
    "deleted" even before an empty one (dict.popitem)."""
    if type(d) is not dict:
        return
    entry = _DICTS.get(id(d))
    if entry is not None and entry[1] is not None and len(entry[1].where) == len(d):
        try:  # up to date: the same keys as the dict
            entry[1].remove(key, always_mark)
        except TypeError:
            pass
        return
    try:
        if key not in d:
            return
    except TypeError:
        return
    table = _dict_table(d)
    if table is not None:
        table.remove(key, always_mark)


def dict_popitem(d):
    """dict.popitem() as MicroPython's: the item in the first slot of its table."""
    if not d:
        raise KeyError("popitem(): dictionary is empty")
    order = _dict_order(d)
    key = order[0] if order else next(reversed(d))
    note_delete(d, key, always_mark=True)
    return key, d.pop(key)


def dict_pop(d, key, *default):
    note_delete(d, key)
    return d.pop(key, *default)


def dict_clear(d) -> None:
    d.clear()
    entry = _DICTS.get(id(d))
    if entry is not None:
        entry[1] = Table()  # mp_map_clear frees the table


# -- sets ----------------------------------------------------------------------------------

def _by_hash(items: list) -> list:
    """Items whose insertion order was not seen, listed by their MicroPython hash so that
    the result does not depend on the host's string hashing."""
    if any(type(k) is str or type(k) is bytes for k in items):
        try:
            items.sort(key=lambda k: _hash(k) or 0)
        except TypeError:
            pass
    return items


class _SetRecord(weakref.ref):
    """What is known of a set's table: a weak reference to the set carrying its Table, or
    the size and items of the literal/constructor that made it (``made``, turned into a
    Table when first needed); ``pending``: items added since (in order), ``size``: the set's
    size after the last recorded change. table, made and pending are all None when a key's
    hash is not modelled. Made by :func:`_new_record` (the base constructor, then the
    fields: no Python-level __init__ per set)."""

    __slots__ = ("key", "table", "made", "pending", "size")
    key: int
    table: Table | None
    made: tuple | None
    pending: list | None
    size: int


def _new_record(s, table: Table | None, made: tuple | None = None) -> _SetRecord:
    record = _SetRecord(s, _forget_set)
    record.key = id(s)
    record.table = table
    record.made = made
    record.pending = []
    record.size = len(s)
    return record


def _forget_set(record: _SetRecord) -> None:
    if _SETS.get(record.key) is record:
        del _SETS[record.key]


def _record_set(made, alloc: int, items) -> None:
    _SETS[id(made)] = _new_record(made, None, (alloc, items))


def _set_table(s: set[Any] | frozenset[Any], check: bool = False) -> Table | None:
    """The model of set ``s``, with the items added since put in, caught up with
    unrecorded changes (all of them if ``check``, else those that changed its size)."""
    record = _SETS.get(id(s))
    if record is None or record() is not s:
        table = _fill(Table(), _by_hash(list(s)))
        record = _SETS[id(s)] = _new_record(s, table)
        if table is None:
            record.pending = None
        return table
    table = record.table
    if table is None:
        if record.made is None:
            return None
        alloc, items = record.made
        record.made = None
        table = _fill(Table(alloc), dict.fromkeys(items))
    if record.pending and table is not None:
        table = _fill(table, record.pending)
    if table is None:
        record.table = record.pending = None
        return None
    cast(list, record.pending).clear()  # (None only when table is None)
    if len(table.where) != len(s) or (check and not s.issuperset(table.order())):
        as_list = [record, table]
        table = _catch_up(as_list, s)
        if table is None:
            record.pending = None
    record.table = table
    record.size = len(s)
    return table


def set_literal(*items):
    """Build a set literal, remembering its size and insertion order (sets have none)."""
    made = set(items)
    _record_set(made, len(items), items)
    return made


def make_set(fn, items):
    """``set(iterable)``/``frozenset(iterable)``, remembering the order items went in."""
    items = tuple(ordered_arg(items))
    made = fn(items)
    if made:
        _record_set(made, 0, items)
    return made


def set_add(s, item) -> None:
    if item in s:  # (an unhashable item raises here what add would)
        return
    n = len(s)
    s.add(item)
    if type(s) is not set:
        return
    record = _SETS.get(id(s))
    if record is not None and record.size == n and record.pending is not None \
            and record() is s:
        record.pending.append(item)
        record.size = n + 1
    else:
        _set_table(s)  # catches up (the new item taken as an unrecorded change)


def _set_drop(s: set[Any], item: object) -> None:
    """Record the removal of ``item`` from set ``s`` (before it happens)."""
    record = _SETS.get(id(s))
    if record is None or record() is not s:
        return
    try:
        if item not in s:
            return
    except TypeError:
        return
    table = record.table
    pending = record.pending
    if table is not None and pending is not None:  # (what _set_table does, inline)
        if pending:
            if not table.add_all(pending):
                record.table = record.pending = None
                return
            pending.clear()
        if len(table.where) == len(s):
            table.remove(item)
            record.size = len(s) - 1
            return
    table = _set_table(s)
    if table is not None:
        table.remove(item)
        record.size = len(s) - 1


def set_discard(s, item) -> None:
    _set_drop(s, item)
    s.discard(item)


def set_remove(s, item) -> None:
    _set_drop(s, item)
    s.remove(item)


def set_pop(s):
    """set.pop() as MicroPython's: the item in the first slot of its table."""
    if not s:
        raise KeyError("pop from an empty set")
    table = _set_table(s, check=True)
    if table is None:
        return s.pop()
    item = table.first()
    table.remove(item)
    s.remove(item)
    _SETS[id(s)].size = len(s)
    return item


def set_clear(s) -> None:
    s.clear()
    record = _SETS.get(id(s))
    if record is not None and record() is s:
        record.table = Table()  # mp_set_clear frees the table
        record.made = None
        record.pending = []
        record.size = 0


_TRACKERS: dict[type, dict[str, Callable[..., Any]]]
_TRACKERS = {set: {"add": set_add, "discard": set_discard, "remove": set_remove,
                   "pop": set_pop, "clear": set_clear},
             dict: {"popitem": dict_popitem, "pop": dict_pop, "clear": dict_clear}}
# method names whose calls go through order_method (see translate.ops_load.LoadOps.attr_code)
ORDER_METHODS = frozenset(name for names in _TRACKERS.values() for name in names)


def order_method(obj, name: str):
    """``obj.name`` for the methods in ORDER_METHODS: on a real set or dict, a version that
    keeps MicroPython's table order (records the change, or picks the item it would)."""
    tracked = _TRACKERS.get(type(obj))
    if tracked is not None:
        method = tracked.get(name)
        if method is not None:
            return MethodType(method, obj)
    return getattr(obj, name)


def _order_caller(name: str) -> Callable[..., Any]:
    """``order_method(obj, name)(*args)`` as one call, for ``name``."""
    on_set = _TRACKERS[set].get(name)
    on_dict = _TRACKERS[dict].get(name)

    def call(obj, *args):
        t = type(obj)
        if t is set and on_set is not None:
            return on_set(obj, *args)
        if t is dict and on_dict is not None:
            return on_dict(obj, *args)
        return getattr(obj, name)(*args)

    return call


# name -> what the translator calls for ``obj.name(...)`` (``order_method(obj, name)(...)``)
ORDER_CALLS: dict[str, Callable[..., Any]] = {name: _order_caller(name) for name in ORDER_METHODS}


# -- listing -------------------------------------------------------------------------------

_SMALL = 8  # sets up to this size are listed straight from their literal (fresh_order)


def micropython_order(obj: Any) -> list | None:
    """The keys (dict) or items (set) of ``obj`` in MicroPython's listing order, or None
    (insertion order then). The list may be shared: do not change it."""
    size = len(obj)
    if size < 2:
        return None
    if type(obj) is dict:
        return _dict_order(obj)
    record = _SETS.get(id(obj))
    if record is not None and record.table is None and record.made is not None \
            and not record.pending and size <= _SMALL and record() is obj:
        # a small set as its literal or constructor made it: listed without a Table
        alloc, items = record.made
        order = fresh_order(alloc, list(dict.fromkeys(items)))
        if order is not None and len(order) == size and \
                cast(set, obj).issuperset(order):  # (a set: record() is obj)
            return order
    table = _set_table(obj, check=True)
    return None if table is None else table.order()


_KEYS_VIEW: type = type({}.keys())
_VALUES_VIEW: type = type({}.values())
_ITEMS_VIEW: type = type({}.items())


def _view_dict(view):
    for ref in gc.get_referents(view.mapping):
        if type(ref) is dict:
            return ref
    return None


def _iter_items(d, order):
    """(key, value) pairs in ``order``, read as the loop goes; keys deleted meanwhile are
    skipped (as MicroPython's walk over its slots does)."""
    return compress(zip(order, map(d.get, order)), map(d.__contains__, order))


def _iter_values(d, order):
    return compress(map(d.get, order), map(d.__contains__, order))


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
    t = type(obj)
    if t is tuple or t is list:
        return obj
    if t in _ORDERED_TYPES:
        return list(guest_iter(obj))
    return obj


_CONSUMER_IDS = frozenset(id(f) for f in (
    list, tuple, enumerate, zip, map, filter, min, max, sum, any, all, bytes, bytearray, iter))
_BUILTIN_METHOD: type[Any] = type("".join)
_SEQUENCE_RECEIVERS = (str, list, bytearray)


# bytes(x), bytearray(x): on hosts before CPython 3.12 an object exposing its buffer only
# through __buffer__ is handed over as that buffer (see hostbuffer), before any iteration.
_RESOLVE_BUFFERS = not hostbuffer.HOST_HONOURS_BUFFER


def call_ordered(fn, *args, **kwargs):
    """Call ``fn``; when it is a builtin that consumes whole iterables (``list``, ``str.join``,
    ...), dict/set arguments are handed over in MicroPython's order. A guest function that
    shadows such a name gets its arguments untouched."""
    if _RESOLVE_BUFFERS and args and (fn is bytes or fn is bytearray) \
            and isinstance(args[0], hostbuffer.registered):
        args = (hostbuffer.host_buffer(args[0]), *args[1:])
    if (fn is set or fn is frozenset) and len(args) == 1 and not kwargs:
        return make_set(fn, args[0])
    if id(fn) in _CONSUMER_IDS or (type(fn) is _BUILTIN_METHOD
                                   and type(fn.__self__) in _SEQUENCE_RECEIVERS):
        return fn(*[ordered_arg(a) for a in args], **kwargs)
    return fn(*args, **kwargs)

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
import weakref
from functools import partial

_SIZES = (0, 2, 4, 6, 8, 10, 12, 17, 23, 29, 37, 47, 59, 73, 97, 127, 167, 223, 293, 389,
          521, 691, 919, 1223, 1627, 2161, 3229, 4831, 7243, 10861, 16273, 24407, 36607,
          54907)
_HASH_MASK = 0xFFFF  # MICROPY_QSTR_BYTES_IN_HASH == 2
SMALL_INT_MIN, SMALL_INT_MAX = -(1 << 30), (1 << 30) - 1  # MicroPython's small ints
_SMALL_INT_MIN, _SMALL_INT_MAX = SMALL_INT_MIN, SMALL_INT_MAX
_WORD = (1 << 32) - 1
_MAX_MODELLED = 5000

# id(dict) -> (initial slots, first key) for dict literals; the first key tells a recycled id
# apart.
_LITERALS: dict[int, tuple[int, object]] = {}
# id(set) -> [initial slots, weak reference, [(inserted?, item)...], items the events leave]:
# what is known of the history of sets made by literals, set()/frozenset(), set
# comprehensions, and changed by add/discard/remove (see ORDER_METHODS).
_SETS: dict[int, list] = {}
_MAX_SETS = 4096


def forget_all() -> None:
    """Drop every id-keyed record (a new board's heap): a record left by an earlier program
    would otherwise describe a new dict that reuses a dead one's address."""
    _LITERALS.clear()
    _SETS.clear()
    _HISTORY.clear()


def note_literal(obj, n: int):
    """Record that ``obj`` (a dict) was built by a literal of n items."""
    if n >= 3 and obj:
        _LITERALS[id(obj)] = (n, next(iter(obj)))
    return obj


def set_literal(*items):
    """Build a set literal, remembering its size and insertion order (sets have none)."""
    made = set(items)
    if len(items) >= 2:
        _new_set_entry(made, len(items), items)
    return made


def make_set(fn, items):
    """``set(iterable)``/``frozenset(iterable)``, remembering the order items went in."""
    items = tuple(ordered_arg(items))
    made = fn(items)
    if len(made) >= 2:
        _new_set_entry(made, 0, items)
    return made


def _new_set_entry(made, alloc: int, items) -> list:
    if len(_SETS) >= _MAX_SETS:
        _SETS.clear()
    seen = set()
    events = []
    for k in items:
        if k not in seen:
            seen.add(k)
            events.append((True, k))
    entry = [alloc, weakref.ref(made), events, len(seen)]
    _SETS[id(made)] = entry
    return entry


def _set_entry(obj) -> list | None:
    entry = _SETS.get(id(obj))
    if entry is not None and entry[1]() is obj:
        return entry
    return None


def _tracked_entry(obj) -> list:
    """The set's entry, brought up to date with changes made without a record."""
    entry = _set_entry(obj)
    if entry is None:
        return _new_set_entry(obj, 0, _unordered_rest(obj, ()))
    if entry[3] != len(obj):
        entry[2] = _set_events(obj, entry)
        entry[3] = len(obj)
    return entry


def _set_events(obj, entry) -> list:
    live: dict = {}
    for inserted, k in entry[2]:
        if inserted:
            live[k] = None
        else:
            live.pop(k, None)
    gone = [(False, k) for k in live if k not in obj]
    return entry[2] + gone + [(True, k) for k in _unordered_rest(obj, live)]


def set_add(s, item) -> None:
    if type(s) is set and len(s) < _MAX_MODELLED and item not in s:
        entry = _tracked_entry(s)
        entry[2].append((True, item))
        entry[3] += 1
    s.add(item)


def _set_drop(s, item) -> None:
    if type(s) is set and item in s:
        entry = _tracked_entry(s)
        entry[2].append((False, item))
        entry[3] -= 1


def set_discard(s, item) -> None:
    _set_drop(s, item)
    s.discard(item)


def set_remove(s, item) -> None:
    _set_drop(s, item)
    s.remove(item)


def dict_popitem(d):
    """dict.popitem() as MicroPython's: the item in the first slot of its table."""
    if not d:
        raise KeyError("popitem(): dictionary is empty")
    order = micropython_order(d)
    key = order[0] if order else next(reversed(d))
    note_delete(d, key, always_mark=True)
    return key, d.pop(key)


_TRACKERS = {"add": (set, set_add), "discard": (set, set_discard),
             "remove": (set, set_remove), "popitem": (dict, dict_popitem)}
# method names whose calls go through order_method (see translate.ops_load.LoadOps.attr_code)
ORDER_METHODS = frozenset(_TRACKERS)


def order_method(obj, name: str):
    """``obj.name`` for the methods in ORDER_METHODS: on a real set or dict, a version that
    keeps MicroPython's table order (records the change, or picks the item it would)."""
    kind, tracked = _TRACKERS[name]
    if type(obj) is kind:
        return partial(tracked, obj)
    return getattr(obj, name)


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


def _initial(obj) -> int:
    """The slots a dict literal started with (0 for anything else)."""
    entry = _LITERALS.get(id(obj))
    if entry is None:
        return 0
    n, first = entry
    if obj and next(iter(obj)) is first:
        return n
    return 0


def _unordered_rest(obj, known) -> list:
    """Items of a set whose insertion order was not seen (added by methods): listed by their
    MicroPython hash so that the result does not depend on the host's string hashing."""
    rest = [k for k in obj if k not in known] if known else list(obj)
    if any(type(k) is str or type(k) is bytes for k in rest):
        try:
            rest.sort(key=lambda k: _hash(k) if _hash(k) is not None else 0)
        except TypeError:
            pass
    return rest


_DELETED = object()  # a slot MicroPython marks as deleted (MP_OBJ_SENTINEL)
# id(dict) -> (initial slots, [(inserted?, key)...], live keys after the last delete): the
# history of dicts that guest code deleted from with ``del d[k]`` (see note_delete).
_HISTORY: dict[int, tuple[int, list, list]] = {}
_MAX_HISTORIES = 4096


def note_delete(d, key, always_mark: bool = False) -> None:
    """Record ``del d[key]`` (before it happens) so that the order model can replay it;
    ``always_mark``: the slot becomes "deleted" even before an empty one (dict.popitem)."""
    if type(d) is not dict or len(d) > _MAX_MODELLED:
        return
    try:
        if key not in d:
            return
    except TypeError:
        return
    entry = _history(d)
    if entry is None:
        alloc = _initial(d)
        events = [(True, k) for k in d]
    else:
        alloc, events, live = entry
        events = events + _since(d, live)
    events.append((None if always_mark else False, key))
    if len(_HISTORY) >= _MAX_HISTORIES:
        _HISTORY.clear()
    _HISTORY[id(d)] = (alloc, events, [k for k in d if k != key])


def _history(d):
    entry = _HISTORY.get(id(d))
    if entry is None:
        return None
    live = entry[2]
    if live and not any(k in d for k in live):  # a new dict at a recycled address
        del _HISTORY[id(d)]
        return None
    return entry


def _since(d, live: list) -> list:
    """The events after the last recorded delete: keys gone without a record, then the
    keys inserted since (the host dict keeps them in insertion order, at the end)."""
    live_set = set(live)
    gone = [(False, k) for k in live if k not in d]
    return gone + [(True, k) for k in d if k not in live_set]


def _events(obj) -> tuple[int, list]:
    if type(obj) is dict:
        entry = _history(obj)
        if entry is not None:
            alloc, events, live = entry
            return alloc, events + _since(obj, live)
        return _initial(obj), [(True, k) for k in obj]
    entry = _set_entry(obj)
    if entry is None:
        return 0, [(True, k) for k in _unordered_rest(obj, ())]
    return entry[0], _set_events(obj, entry)


def micropython_order(obj) -> list | None:
    """The keys (dict) or items (set) of ``obj`` in MicroPython's listing order, or None."""
    if len(obj) < 2 or len(obj) > _MAX_MODELLED:
        return None
    alloc, events = _events(obj)
    hashed = []
    for inserted, key in events:
        h = _hash(key)
        if h is None:
            return None
        hashed.append((inserted, h, key))
    table: list = [None] * alloc
    for inserted, h, key in hashed:
        if inserted:
            table = _insert(table, h, key)
        else:
            _remove(table, h, key, inserted is None)
    return [e[1] for e in table if e is not None and e is not _DELETED]


def _insert(table: list, h: int, key) -> list:
    """MicroPython's add-if-not-found (py/map.c); returns the table, grown if it was full."""
    while True:
        alloc = len(table)
        if alloc:
            pos = start = h % alloc
            avail = -1
            while True:
                slot = table[pos]
                if slot is None:
                    table[avail if avail >= 0 else pos] = (h, key)
                    return table
                if slot is _DELETED:
                    if avail < 0:
                        avail = pos
                elif slot[1] == key:
                    return table
                pos = (pos + 1) % alloc
                if pos == start:
                    break
            if avail >= 0:
                table[avail] = (h, key)
                return table
        old = [e for e in table if e is not None and e is not _DELETED]
        table = [None] * _next_size(alloc + 1)
        for oh, okey in old:
            _insert(table, oh, okey)


def _remove(table: list, h: int, key, always_mark: bool = False) -> None:
    alloc = len(table)
    if not alloc:
        return
    pos = start = h % alloc
    while True:
        slot = table[pos]
        if slot is None:
            return
        if slot is not _DELETED and slot[1] == key:
            empty_next = table[(pos + 1) % alloc] is None and not always_mark
            table[pos] = None if empty_next else _DELETED
            return
        pos = (pos + 1) % alloc
        if pos == start:
            return


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
    if (fn is set or fn is frozenset) and len(args) == 1 and not kwargs:
        return make_set(fn, args[0])
    if id(fn) in _CONSUMER_IDS or (type(fn) is _BUILTIN_METHOD
                                   and type(fn.__self__) in _SEQUENCE_RECEIVERS):
        args = [ordered_arg(a) for a in args]
    return fn(*args, **kwargs)

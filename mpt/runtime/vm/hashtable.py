"""A model of one MicroPython hash table (py/map.c: dicts' mp_map_t, sets' mp_set_t).

MicroPython lists a dict's or set's items in slot order of an open-addressing table:
linear probing from ``hash % alloc``; a new key takes the first slot on its probe path that
is empty or marked deleted; the table grows to the next of MicroPython's sizes only when
every slot holds a live key; a removed key's slot becomes empty when the next slot is empty
and "deleted" otherwise (dict.popitem always marks it deleted; as both kinds of free slot
take a new key alike, the difference never changes the order). :class:`Table` keeps such a
table for one guest object: inserting a new key and removing one cost O(1) amortised, and
listing the keys in slot order costs O(alloc), at C speed.

:func:`micropython_hash` is MicroPython's hash of the key types whose hash does not depend
on an address: str, bytes, bool, small int, and floats that are whole numbers.
"""

from __future__ import annotations

from itertools import compress

SIZES = (0, 2, 4, 6, 8, 10, 12, 17, 23, 29, 37, 47, 59, 73, 97, 127, 167, 223, 293, 389,
         521, 691, 919, 1223, 1627, 2161, 3229, 4831, 7243, 10861, 16273, 24407, 36607,
         54907)
SMALL_INT_MIN, SMALL_INT_MAX = -(1 << 30), (1 << 30) - 1  # MicroPython's small ints
_HASH_MASK = 0xFFFF  # MICROPY_QSTR_BYTES_IN_HASH == 2
_WORD = (1 << 32) - 1
_DELETED = object()  # a slot marked deleted (MP_OBJ_SENTINEL); None is an empty slot

# str -> hash: a cache of the byte loop below (dropped whole when it gets large; it only saves time)
_STR_HASHES: dict[str, int] = {}
_STR_CACHE_MAX = 1 << 16


def bytes_hash(data) -> int:
    h = 5381
    for byte in data:  # the low 16 bits of h depend only on the low 16 bits before
        h = (((h << 5) + h) ^ byte) & 0xFFFFF
    h &= _HASH_MASK
    return h or 1


def str_hash(text: str) -> int:
    h = _STR_HASHES.get(text)
    if h is None:
        h = bytes_hash(text.encode("utf-8", "surrogatepass"))
        if len(_STR_HASHES) >= _STR_CACHE_MAX:
            _STR_HASHES.clear()
        _STR_HASHES[text] = h
    return h


def micropython_hash(key) -> int | None:
    """The hash MicroPython's table uses for ``key`` (as an unsigned word), or None when it
    is not modelled (tuples start from an address, objects are hashed by address)."""
    t = type(key)
    if t is str:
        return str_hash(key)
    if t is int:
        if SMALL_INT_MIN <= key <= SMALL_INT_MAX:
            return key & _WORD
        return None
    if t is bool:
        return int(key)
    if t is bytes:
        return bytes_hash(key)
    if t is float:  # a whole number hashes as that int (py/objfloat.c); others not modelled
        if key.is_integer() and SMALL_INT_MIN <= key <= SMALL_INT_MAX:
            return int(key) & _WORD
        return None
    return None


def next_size(n: int) -> int:
    for size in SIZES:
        if size >= n:
            return size
    return n | 1


def fresh_order(alloc: int, keys) -> list | None:
    """The keys of a new table of ``alloc`` slots, in slot order, once ``keys`` (distinct) are
    added in order: what a Table would list, without making one. None when a key's hash is
    not modelled or the keys do not fit (the table would grow)."""
    if len(keys) > alloc:
        return None
    slots: list = [_DELETED] * alloc  # (every slot free)
    for key in keys:
        t = type(key)
        if t is int and SMALL_INT_MIN <= key <= SMALL_INT_MAX:
            h = key & _WORD
        elif t is str:
            h = _STR_HASHES.get(key) or str_hash(key)
        else:
            h = micropython_hash(key)
            if h is None:
                return None
        pos = h % alloc
        while slots[pos] is not _DELETED:
            pos = pos + 1 if pos + 1 < alloc else 0
        slots[pos] = key
    return [key for key in slots if key is not _DELETED]


class Table:
    """One MicroPython hash table: its slots, which of them hold live keys, and where each
    key is. Keys handed to :meth:`add_all` must not be in the table already."""

    __slots__ = ("alloc", "keys", "hashes", "live", "where", "_order")

    def __init__(self, alloc: int = 0) -> None:
        self.alloc = alloc
        self.keys: list = [None] * alloc
        self.hashes: list[int] = [0] * alloc
        self.live = bytearray(alloc)  # 1 where a live key is
        self.where: dict = {}  # key -> slot
        self._order: list | None = None

    def add_all(self, keys) -> bool:
        """Add-if-not-found of keys known to be absent, in order: each takes the first empty
        or deleted slot of its probe path, after the table grows if every slot is live.
        False (the table left part-way) when a key's hash is not modelled."""
        self._order = None
        alloc, slots, hashes, live, where = self.alloc, self.keys, self.hashes, self.live, \
            self.where
        for key in keys:
            t = type(key)
            if t is int and SMALL_INT_MIN <= key <= SMALL_INT_MAX:
                h = key & _WORD
            elif t is str:
                h = _STR_HASHES.get(key) or str_hash(key)
            else:
                h = micropython_hash(key)
                if h is None:
                    return False
            pos = -1
            if alloc:
                start = h % alloc
                pos = live.find(0, start)
                if pos < 0:
                    pos = live.find(0, 0, start)
            if pos < 0:
                self._grow()
                alloc, slots, hashes, live, where = self.alloc, self.keys, self.hashes, \
                    self.live, self.where
                start = h % alloc
                pos = live.find(0, start)
                if pos < 0:
                    pos = live.find(0, 0, start)
            slots[pos] = key
            hashes[pos] = h
            live[pos] = 1
            where[key] = pos
        return True

    def _grow(self) -> None:
        """mp_map_rehash: the next size, the live keys inserted again in slot order."""
        old = zip(compress(self.keys, self.live), compress(self.hashes, self.live))
        alloc = next_size(self.alloc + 1)
        slots: list = [None] * alloc
        hashes = [0] * alloc
        live = bytearray(alloc)
        where = {}
        for key, h in old:
            start = h % alloc
            pos = live.find(0, start)
            if pos < 0:
                pos = live.find(0, 0, start)
            slots[pos] = key
            hashes[pos] = h
            live[pos] = 1
            where[key] = pos
        self.alloc, self.keys, self.hashes, self.live, self.where = alloc, slots, hashes, live, \
            where

    def remove(self, key, always_mark: bool = False) -> bool:
        """Remove-if-found; False if ``key`` was not in the table."""
        pos = self.where.pop(key, None)
        if pos is None:
            return False
        self._order = None
        keys = self.keys
        if keys[(pos + 1) % self.alloc] is None and not always_mark:
            keys[pos] = None
        else:
            keys[pos] = _DELETED
        self.live[pos] = 0
        return True

    def first(self):
        """The key in the first live slot (dict.popitem, set.pop), or None when empty."""
        pos = self.live.find(1)
        return None if pos < 0 else self.keys[pos]

    def cached_order(self) -> list | None:
        """The list order() last returned, if nothing changed since (else None)."""
        return self._order

    def order(self) -> list:
        """The live keys in slot order (the returned list is shared: do not change it)."""
        if self._order is None:
            self._order = list(compress(self.keys, self.live))
        return self._order

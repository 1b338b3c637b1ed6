"""The guest's `btree` module: a sorted key/value database over a stream (extmod/modbtree.c).

``btree.open(stream, *, flags=0, cachesize=0, pagesize=0, minkeypage=0)`` reads the Berkeley
DB 1.x file in the stream (btree_pages) into a sorted table, or starts an empty one; flush()
and close() write the whole table back as such a file from the stream's start, when it has
changed (the real library writes its changed pages then, and when its page cache overflows; its
page splits leave pages half full where mpt packs them, so the bytes differ, not the records). Keys and values are anything with the
buffer protocol and come back as bytes, ordered bytewise (shorter first on a common prefix).

The database object is its own iterator, as in MicroPython: keys()/values()/items([start[,
end[, flags]]]) set up the next iteration (from the first key >= start, up to end, excluded
unless flags has INCL, downwards with DESC); iterating it otherwise walks all its keys.
Errors are the library's: OSError(EINVAL) for bad open arguments or seq() flags, OSError with
the stream's errno, ValueError "database closed", KeyError.
"""

from __future__ import annotations

import bisect
import errno
from typing import Any

from mpt.runtime.library import btree_pages as pages
from mpt.runtime.library.arity import check_arity, check_keywords
from mpt.runtime.library.buffers import buffer_bytes
from mpt.runtime.library.files import _File
from mpt.runtime.library.io_mod import IOBase, _MemoryStream

INCL, DESC = 1, 2
ITER_KEYS, ITER_VALUES, ITER_ITEMS = 0x40, 0x80, 0xC0
R_CURSOR, R_FIRST, R_LAST, R_NEXT, R_PREV = 1, 3, 6, 7, 9
R_DUP = 0x01
STREAM_SEEK, STREAM_FLUSH = 2, 1
_START = object()  # iteration not started: the first step positions the cursor


def _int(value) -> int:
    if isinstance(value, int):
        return int(value)
    raise TypeError(f"can't convert {type(value).__name__} to int")


class _Stream:
    """The stream a database lives on, through the operations the library's file table uses
    (read, write, lseek, fsync), with the stream's errno as OSError."""

    def __init__(self, stream):
        if not isinstance(stream, (_MemoryStream, _File, IOBase)):
            raise OSError("stream operation not supported")
        self.stream: Any = stream  # a guest IOBase subclass brings readinto/write/ioctl

    @staticmethod
    def _check(result):
        if result is None:
            raise OSError(errno.EAGAIN)
        if isinstance(result, int) and result < 0:
            raise OSError(-result)
        return result

    def read(self, n: int) -> bytes:
        if isinstance(self.stream, IOBase):
            buf = bytearray(n)
            got = self._check(self.stream.readinto(buf))
            return bytes(buf[:got])
        return buffer_bytes(self.stream.read(n))

    def write(self, data: bytes) -> None:
        if isinstance(self.stream, IOBase):
            self._check(self.stream.write(bytearray(data)))
        else:
            self.stream.write(data)

    def seek(self, offset: int, whence: int) -> int:
        if isinstance(self.stream, IOBase):
            # a Python stream cannot report where it went: the library sees the offset back
            self._check(self.stream.ioctl(STREAM_SEEK, 0))
            return offset
        return self.stream.seek(offset, whence)

    def fsync(self) -> None:
        if isinstance(self.stream, IOBase):
            if hasattr(self.stream, "ioctl"):
                self._check(self.stream.ioctl(STREAM_FLUSH, 0))
        else:
            self.stream.flush()


class _Database:
    """The records of one open database, sorted, with the library's cursor."""

    def __init__(self, stream: _Stream, psize: int, minkeypage: int, dups: bool,
                 pairs: list[tuple[bytes, bytes]], dirty: bool):
        self.stream = stream
        self.psize = psize
        self.minkeypage = minkeypage
        self.dups = dups
        self.keys = [k for k, _ in pairs]
        self.values = [v for _, v in pairs]
        self.dirty = dirty
        # the cursor: the index of the record seq/iteration last returned, or, once that record
        # is deleted, halfway between its neighbours (None: not set yet)
        self.cursor: float | None = None

    # --- records ---------------------------------------------------------------------

    def search(self, key: bytes) -> tuple[int, bool]:
        """__bt_search's binary search: (the index of the record it lands on, True), or
        (where ``key`` would go, False). Among duplicate keys (R_DUP) it is the one its
        halving meets first, as on one of the library's pages."""
        keys = self.keys
        base, lim = 0, len(keys)
        while lim:
            i = base + (lim >> 1)
            if keys[i] == key:
                return i, True
            if key > keys[i]:
                base = i + 1
                lim -= 1
            lim >>= 1
        return base, False

    def find(self, key: bytes) -> int | None:
        i, exact = self.search(key)
        return i if exact else None

    def put(self, key: bytes, value: bytes) -> None:
        i, exact = self.search(key)
        if exact and not self.dups:
            self.values[i] = value
        else:  # a duplicate goes before the record the search met
            self.keys.insert(i, key)
            self.values.insert(i, value)
            if self.cursor is not None and self.cursor >= i:
                self.cursor += 1
        self.dirty = True

    def delete(self, key: bytes) -> bool:
        lo = bisect.bisect_left(self.keys, key)
        hi = bisect.bisect_right(self.keys, key)
        if lo == hi:
            return False
        del self.keys[lo:hi]
        del self.values[lo:hi]
        if self.cursor is not None and self.cursor >= lo:
            # the cursor stays between its neighbours: a next step returns the record after
            self.cursor = lo - 0.5 if self.cursor < hi else self.cursor - (hi - lo)
        self.dirty = True
        return True

    # --- the cursor (__bt_seq) -------------------------------------------------------

    def seq(self, flags: int, key: bytes | None) -> int | None:
        """Move the cursor; the index of the record it is on, None past either end."""
        n = len(self.keys)
        if flags in (R_NEXT, R_PREV) and self.cursor is not None:
            pos = self.cursor
            if flags == R_NEXT:
                i = int(pos) + 1 if pos == int(pos) else int(pos + 0.5)
            else:
                i = int(pos) - 1 if pos == int(pos) else int(pos - 0.5)
        elif flags in (R_FIRST, R_NEXT):
            i = 0
        elif flags in (R_LAST, R_PREV):
            i = n - 1
        elif flags == R_CURSOR:
            if not key:
                raise OSError(errno.EINVAL)
            i = bisect.bisect_left(self.keys, key)
        else:
            raise OSError(errno.EINVAL)
        if not 0 <= i < n:
            return None
        self.cursor = i
        return i

    # --- the file --------------------------------------------------------------------

    def sync(self) -> None:
        if not self.dirty:
            return
        image = pages.write_image(list(zip(self.keys, self.values)), self.psize,
                                  self.minkeypage, 0 if self.dups else pages.B_NODUPS)
        self.stream.seek(0, 0)
        self.stream.write(image)
        self.stream.fsync()
        self.dirty = False


def _load(stream: _Stream, psize: int, minkeypage: int, dups: bool) -> _Database:
    meta = stream.read(pages.META_SIZE)
    if meta:
        try:
            order, psize, flags = pages.parse_meta(meta)
        except pages.FormatError:
            raise OSError(errno.EINVAL) from None  # EFTYPE
        dups = not flags & pages.B_NODUPS
    else:
        psize = psize or pages.DEFPSIZE
    size = stream.seek(0, 2)
    if not meta or size < 2 * psize:
        # a new database: nothing is written until a record is
        return _Database(stream, psize, minkeypage, dups, [], False)

    def read_page(pgno: int) -> bytes:
        stream.seek(pgno * psize, 0)
        return stream.read(psize)

    try:
        pairs = pages.read_pairs(read_page, order, psize)
    except pages.FormatError:
        raise OSError(errno.EINVAL) from None
    return _Database(stream, psize, minkeypage, dups, pairs, False)


class btree:
    __slots__ = ("_stream_obj", "_db", "_start", "_end", "_flags", "_next_flags")

    def __init__(self, stream_obj, db: _Database):
        self._stream_obj = stream_obj
        self._db: _Database | None = db
        self._start = None
        self._end = None
        self._flags = 0
        self._next_flags = 0

    def __repr__(self):
        return "<btree 0>" if self._db is None else f"<btree {id(self._db) & 0xFFFFFFFFFF:x}>"

    def _open_db(self) -> _Database:
        if self._db is None:
            raise ValueError("database closed")
        return self._db

    def flush(self):
        self._open_db().sync()
        return 0

    def close(self):
        if self._db is not None:
            db, self._db = self._db, None
            db.sync()
        return 0

    def put(self, *args):
        check_arity((self,) + args, 3, 4)
        db = self._open_db()
        db.put(buffer_bytes(args[0]), buffer_bytes(args[1]))
        return 0

    def get(self, *args):
        check_arity((self,) + args, 2, 3)
        db = self._open_db()
        i = db.find(buffer_bytes(args[0]))
        if i is None:
            return args[1] if len(args) > 1 else None
        return db.values[i]

    def seq(self, *args):
        check_arity((self,) + args, 2, 4)
        db = self._open_db()
        flags = args[0] if isinstance(args[0], int) else -1
        key = buffer_bytes(args[1]) if len(args) > 1 else None
        i = db.seq(flags, key)
        return None if i is None else (db.keys[i], db.values[i])

    def _iter_setup(self, args, kind):
        check_arity((self,) + args, 1, 4)
        self._next_flags = kind
        self._start = args[0] if args else None
        self._end = args[1] if len(args) > 1 else None
        if len(args) > 2:
            self._next_flags = kind | _int(args[2])
        return self

    def keys(self, *args):
        return self._iter_setup(args, ITER_KEYS)

    def values(self, *args):
        return self._iter_setup(args, ITER_VALUES)

    def items(self, *args):
        return self._iter_setup(args, ITER_ITEMS)

    def __iter__(self):
        if self._next_flags:  # right after keys(), values() or items(): their set-up
            self._flags, self._next_flags = self._next_flags, 0
        else:
            self._flags, self._start, self._end = ITER_KEYS, None, None
        self._start = _START if self._start is None else self._start
        return self

    def __next__(self):
        db = self._open_db()
        desc = bool(self._flags & DESC)
        if self._start is not None:
            start, self._start = self._start, None
            if start is _START:
                i = db.seq(R_LAST if desc else R_FIRST, None)
            else:
                i = db.seq(R_CURSOR, buffer_bytes(start))
        else:
            i = db.seq(R_PREV if desc else R_NEXT, None)
        if i is None:
            raise StopIteration
        key, value = db.keys[i], db.values[i]
        if self._end is not None:
            end = buffer_bytes(self._end)
            cmp = (key > end) - (key < end)
            if desc:
                cmp = -cmp
            if self._flags & INCL:
                cmp -= 1
            if cmp >= 0:
                raise StopIteration
        kind = self._flags & ITER_ITEMS
        if kind == ITER_KEYS:
            return key
        if kind == ITER_VALUES:
            return value
        return (key, value)

    def __getitem__(self, key):
        db = self._open_db()
        i = db.find(buffer_bytes(key))
        if i is None:
            raise KeyError()
        return db.values[i]

    def __setitem__(self, key, value):
        self._open_db().put(buffer_bytes(key), buffer_bytes(value))

    def __delitem__(self, key):
        if not self._open_db().delete(buffer_bytes(key)):
            raise KeyError()

    def __contains__(self, key):
        return self._open_db().find(buffer_bytes(key)) is not None


btree.__module__ = "builtins"


def open_(*args, **kwargs):
    check_arity(args, 1)
    stream = args[0]
    _Stream(stream)  # a stream, or "stream operation not supported"
    if len(args) > 1:
        raise TypeError("extra positional arguments given")
    check_keywords(kwargs, ("flags", "cachesize", "pagesize", "minkeypage"))
    flags = _int(kwargs.get("flags", 0))
    _int(kwargs.get("cachesize", 0))
    psize = _int(kwargs.get("pagesize", 0))
    minkeypage = _int(kwargs.get("minkeypage", 0))
    if flags & ~R_DUP or (psize and not pages.valid_page_size(psize)) or \
            (minkeypage and minkeypage < 2):
        raise OSError(errno.EINVAL)
    db = _load(_Stream(stream), psize, minkeypage or 2, bool(flags & R_DUP))
    return btree(stream, db)


open_.__name__ = "open"


def make_module(ctx):
    return {"open": open_, "INCL": INCL, "DESC": DESC}

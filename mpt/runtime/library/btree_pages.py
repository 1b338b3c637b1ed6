"""Berkeley DB 1.x btree files (the on-disk format of MicroPython's btree module).

A file is a sequence of fixed-size pages. Page 0 holds the metadata (magic 0x053162, version
3, page size, free list, record count, flags), page 1 is the root. Every other page starts with
a 20-byte header (its number, left and right siblings, type flags, the lower and upper bounds
of its free space) followed by an array of 16-bit offsets to its entries, which are packed from
the end of the page down. Leaf entries hold a key and its data; internal entries a separator
key and a child page; a key or data too big for a page (more than the tree's overflow size) is
kept on a chain of overflow pages and the entry holds the chain's first page and the length.
The byte order is the writer's (the metadata's magic tells); mpt writes little-endian, as the
boards and the unix port on x86 and ARM do.

``read_pairs`` reads any such file's records in key order (down the leftmost path to the first
leaf, then along the leaf chain). ``write_image`` lays out a tree holding given sorted records:
leaves filled in order, internal levels above them with prefix-shortened separators, as the
library's own lookups expect, so a real MicroPython opens the file mpt wrote (its own page
splits would place records differently; the records and their order are the same).
"""

from __future__ import annotations

import struct

MAGIC, VERSION = 0x053162, 3
P_INVALID, P_META, P_ROOT = 0, 0, 1
P_BINTERNAL, P_BLEAF, P_OVERFLOW, P_TYPE = 0x01, 0x02, 0x04, 0x1F
P_BIGDATA, P_BIGKEY = 0x01, 0x02
B_NODUPS = 0x20
SAVEMETA = 0x20 | 0x80  # B_NODUPS | R_RECNO
BTDATAOFF = 20
NOVFLSIZE = 8  # an overflow reference: first page, length
MINPSIZE, MAXPSIZE, DEFPSIZE = 512, 65536, 4096
META_SIZE = 24


class FormatError(Exception):
    """The bytes are not a Berkeley DB btree file (the library's EFTYPE)."""


def lalign(n: int) -> int:
    return (n + 3) & ~3


def leaf_entry_size(ksize: int, dsize: int) -> int:
    return lalign(9 + ksize + dsize)  # NBLEAFDBT


def internal_entry_size(ksize: int) -> int:
    return lalign(9 + ksize)  # NBINTERNAL


def overflow_size(psize: int, minkeypage: int) -> int:
    """bt_ovflsize: above this a leaf entry's key and/or data go to overflow pages."""
    size = (psize - BTDATAOFF) // minkeypage - (2 + leaf_entry_size(0, 0))
    return max(size, leaf_entry_size(NOVFLSIZE, NOVFLSIZE) + 2)


def valid_page_size(psize: int) -> bool:
    return MINPSIZE <= psize <= MAXPSIZE and not psize & 1


# --- reading ---------------------------------------------------------------------------

def parse_meta(data: bytes) -> tuple[str, int, int]:
    """(byte order "<" or ">", page size, flags) of a file's first 24 bytes."""
    if len(data) != META_SIZE:
        raise FormatError()
    for order in "<>":
        magic, version, psize, _free, _nrecs, flags = struct.unpack(order + "6I", data)
        if magic == MAGIC:
            if version != VERSION or not valid_page_size(psize) or flags & ~SAVEMETA:
                raise FormatError()
            return order, psize, flags
    raise FormatError()


def read_pairs(read_page, order: str, psize: int) -> list[tuple[bytes, bytes]]:
    """The records in key order; ``read_page(pgno)`` returns that page's bytes."""
    u32 = struct.Struct(order + "I")
    header = struct.Struct(order + "4I2H")

    def page(pgno: int):
        data = read_page(pgno)
        if len(data) != psize:
            raise FormatError()
        _pg, _prev, nextpg, flags, lower, _upper = header.unpack_from(data)
        count = (lower - BTDATAOFF) // 2
        offsets = struct.unpack_from(f"{order}{count}H", data, BTDATAOFF) if count > 0 else ()
        return data, nextpg, flags & P_TYPE, offsets

    def overflow(ref: bytes) -> bytes:
        pgno, size = struct.unpack(order + "2I", ref)
        out = bytearray()
        seen = set()
        while len(out) < size:
            if pgno == P_INVALID or pgno in seen:
                raise FormatError()
            seen.add(pgno)
            data, nextpg, kind, _ = page(pgno)
            if kind != P_OVERFLOW:
                raise FormatError()
            out += data[BTDATAOFF:BTDATAOFF + size - len(out)]
            pgno = nextpg
        return bytes(out)

    pgno = P_ROOT
    seen: set[int] = set()
    while True:  # down the leftmost path
        if pgno in seen:
            raise FormatError()
        seen.add(pgno)
        data, nextpg, kind, offsets = page(pgno)
        if kind == P_BLEAF:
            break
        if kind != P_BINTERNAL or not offsets:
            raise FormatError()
        pgno = u32.unpack_from(data, offsets[0] + 4)[0]
    pairs = []
    while True:
        for off in offsets:
            ksize, dsize = struct.unpack_from(order + "2I", data, off)
            flags = data[off + 8]
            body = off + 9
            key = data[body:body + ksize]
            value = data[body + ksize:body + ksize + dsize]
            pairs.append((overflow(key) if flags & P_BIGKEY else key,
                          overflow(value) if flags & P_BIGDATA else value))
        if nextpg == P_INVALID:
            return pairs
        if nextpg in seen:
            raise FormatError()
        seen.add(nextpg)
        data, nextpg, kind, offsets = page(nextpg)
        if kind != P_BLEAF:
            raise FormatError()


# --- writing ---------------------------------------------------------------------------

def separator_length(left: bytes, right: bytes) -> int:
    """__bt_defpfx: the shortest prefix of ``right`` that sorts after ``left``."""
    n = 0
    for a, b in zip(left, right):
        n += 1
        if a != b:
            return n
    return len(left) + 1 if len(left) < len(right) else len(left)


class _Image:
    def __init__(self, psize: int):
        self.psize = psize
        self.pages: dict[int, bytearray] = {}
        self.next_pgno = 2  # 0: metadata, 1: root

    def allocate(self) -> int:
        pgno = self.next_pgno
        self.next_pgno += 1
        return pgno

    def overflow(self, data: bytes) -> bytes:
        """Store ``data`` on a chain of overflow pages; the reference to it."""
        room = self.psize - BTDATAOFF
        pgnos = [self.allocate() for _ in range(max(1, -(-len(data) // room)))]
        for i, pgno in enumerate(pgnos):
            page = bytearray(self.psize)
            nextpg = pgnos[i + 1] if i + 1 < len(pgnos) else P_INVALID
            struct.pack_into("<4I2H", page, 0, pgno, P_INVALID, nextpg, P_OVERFLOW, 0, 0)
            chunk = data[i * room:(i + 1) * room]
            page[BTDATAOFF:BTDATAOFF + len(chunk)] = chunk
            self.pages[pgno] = page
        return struct.pack("<2I", pgnos[0], len(data))


def _leaf_entry(image: _Image, key: bytes, value: bytes, ovflsize: int) -> bytes:
    """One leaf entry, moving the key and/or the data to overflow pages as __bt_put does."""
    flags = 0
    if len(key) + len(value) > ovflsize:
        if len(key) > ovflsize:
            key, flags = image.overflow(key), flags | P_BIGKEY
        if len(key) + len(value) > ovflsize:
            value, flags = image.overflow(value), flags | P_BIGDATA
        if len(key) + len(value) > ovflsize and not flags & P_BIGKEY:
            key, flags = image.overflow(key), flags | P_BIGKEY
    entry = struct.pack("<2IB", len(key), len(value), flags) + key + value
    return entry + bytes(leaf_entry_size(len(key), len(value)) - len(entry))


def _internal_entry(image: _Image, key: bytes, child: int, ovflsize: int) -> bytes:
    flags = 0
    if len(key) > ovflsize:
        key, flags = image.overflow(key), P_BIGKEY
    entry = struct.pack("<2IB", len(key), child, flags) + key
    return entry + bytes(internal_entry_size(len(key)) - len(entry))


def _pack(entries: list[bytes], psize: int) -> list[list[bytes]]:
    """Entries in order, split into pages (each page as full as it can be)."""
    pages: list[list[bytes]] = [[]]
    room = psize - BTDATAOFF
    for entry in entries:
        if pages[-1] and 2 + len(entry) > room:
            pages.append([])
            room = psize - BTDATAOFF
        pages[-1].append(entry)
        room -= 2 + len(entry)
    return pages


def _page(pgno: int, prevpg: int, nextpg: int, kind: int, entries: list[bytes],
          psize: int) -> bytearray:
    page = bytearray(psize)
    upper = psize
    offsets = []
    for entry in entries:
        upper -= len(entry)
        page[upper:upper + len(entry)] = entry
        offsets.append(upper)
    lower = BTDATAOFF + 2 * len(entries)
    struct.pack_into("<4I2H", page, 0, pgno, prevpg, nextpg, kind, lower, upper)
    struct.pack_into(f"<{len(offsets)}H", page, BTDATAOFF, *offsets)
    return page


def write_image(pairs: list[tuple[bytes, bytes]], psize: int, minkeypage: int,
                meta_flags: int = B_NODUPS) -> bytes:
    """A btree file holding ``pairs`` (sorted by key)."""
    ovflsize = overflow_size(psize, minkeypage)
    image = _Image(psize)
    entries = [_leaf_entry(image, k, v, ovflsize) for k, v in pairs]
    groups = _pack(entries, psize)
    # each node: (its page's entries, the key that starts its subtree's range)
    starts = [pairs[0][0] if pairs else b""]
    index = 0
    for group in groups[1:]:
        index += len(groups[len(starts) - 1])
        left, right = pairs[index - 1][0], pairs[index][0]
        starts.append(right[:separator_length(left, right)])
    kind = P_BLEAF
    while True:
        pgnos = [P_ROOT] if len(groups) == 1 else [image.allocate() for _ in groups]
        for i, (pgno, group) in enumerate(zip(pgnos, groups)):
            prevpg = pgnos[i - 1] if i > 0 else P_INVALID
            nextpg = pgnos[i + 1] if i + 1 < len(pgnos) else P_INVALID
            image.pages[pgno] = _page(pgno, prevpg, nextpg, kind, group, psize)
        if len(groups) == 1:
            break
        # the level above: one entry per node; the leftmost key of the leftmost page is
        # never compared (the library takes it as below every key), so it is empty
        parent = [_internal_entry(image, b"" if i == 0 else start, pgno, ovflsize)
                  for i, (start, pgno) in enumerate(zip(starts, pgnos))]
        parent_groups = _pack(parent, psize)
        parent_starts, at = [], 0
        for group in parent_groups:
            parent_starts.append(starts[at])
            at += len(group)
        groups, starts, kind = parent_groups, parent_starts, P_BINTERNAL
    meta = bytearray(psize)
    struct.pack_into("<6I", meta, 0, MAGIC, VERSION, psize, P_INVALID, 0, meta_flags)
    image.pages[P_META] = meta
    return b"".join(bytes(image.pages[n]) for n in range(image.next_pgno))

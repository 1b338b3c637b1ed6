"""The guest's `struct` module, as MicroPython's py/modstruct.c behaves.

MicroPython's struct differs from CPython's: byte orders are '<', '>', '!' and '@' (native,
with alignment; '=' is rejected), typecodes include 'e', 'P' and 'O' but not '?', 'n' or 'c';
pack() zero-fills values that are not given and ignores extra ones; unpack() accepts a buffer
longer than needed; out-of-range integers are truncated; every error is ValueError("bad
typecode") or ValueError("buffer too small").
"""

from __future__ import annotations

from mpt.runtime.library import binary_layout as layout
from mpt.runtime.library.arity import check_arity
from mpt.runtime.library.buffers import readable_view, writable_view
from mpt.runtime.library.uctypes_mod import cstring_at

# format string -> (order char, [(count, code)], total size, number of values)
_PARSED: dict[str, tuple] = {}


def _format_text(fmt) -> str:
    if isinstance(fmt, str):
        return fmt
    if isinstance(fmt, (bytes, bytearray)):
        return bytes(fmt).decode("latin-1")
    raise TypeError(f"can't convert '{layout.type_name(fmt)}' object to str implicitly")


def _parse(fmt) -> tuple:
    cached = _PARSED.get(fmt) if isinstance(fmt, str) else None
    if cached is not None:
        return cached
    text = _format_text(fmt)
    order = "@"
    pos = 0
    if text[:1] in ("<", ">", "!", "@", "="):
        order = ">" if text[0] == "!" else text[0]
        pos = 1
    items = []
    size = 0
    n_values = 0
    while pos < len(text):
        count = 1
        if text[pos].isdigit():
            end = pos
            while end < len(text) and text[end].isdigit():
                end += 1
            count = int(text[pos:end])
            pos = end
        code = text[pos] if pos < len(text) else ""
        pos += 1
        if code == "x":
            size += count
        elif code == "s":
            size += count
            n_values += 1
        else:
            item_size = layout.STANDARD_SIZES.get(code) if order in "<>@" else None
            if item_size is None:
                raise layout.bad_typecode()
            n_values += count
            if order == "@":
                align = layout.NATIVE_ALIGN[code]
                for _ in range(count):
                    size = (size + align - 1) & -align
                    size += item_size
            else:
                size += item_size * count
        items.append((count, code))
    parsed = (order, items, size, n_values)
    if isinstance(fmt, str):
        _PARSED[fmt] = parsed
    return parsed


def _pack_into(order: str, items, out: memoryview, args) -> None:
    big = order == ">"
    pos = 0
    i = 0
    n = len(args)
    for count, code in items:
        if i >= n:
            break
        if code == "x":
            pos += count
        elif code == "s":
            data = readable_view(args[i]).tobytes()[:count]
            i += 1
            out[pos:pos + len(data)] = data
            pos += count
        else:
            size = layout.STANDARD_SIZES[code]
            align = layout.NATIVE_ALIGN[code] if order == "@" else 1
            for _ in range(count):
                if i >= n:
                    break
                pos = (pos + align - 1) & -align
                out[pos:pos + size] = layout.encode(code, size, args[i], big)
                i += 1
                pos += size


def calcsize(fmt):
    return _parse(fmt)[2]


def pack(*args):
    check_arity(args, 1)
    fmt, values = args[0], args[1:]
    order, items, size, _ = _parse(fmt)
    out = bytearray(size)
    _pack_into(order, items, memoryview(out), values)
    return bytes(out)


def pack_into(*args):
    check_arity(args, 3)
    fmt, buffer, offset, values = args[0], args[1], args[2], args[3:]
    order, items, size, _ = _parse(fmt)
    view = writable_view(buffer)
    offset = layout.int_of(offset)
    if offset < 0:
        offset += len(view)
        if offset < 0:
            raise ValueError("buffer too small")
    if offset + size > len(view):
        raise ValueError("buffer too small")
    _pack_into(order, items, view[offset:], values)


def unpack_from(*args, cstring_at=None):
    check_arity(args, 2, 3)
    fmt, buffer = args[0], args[1]
    offset = args[2] if len(args) > 2 else 0
    order, items, size, _ = _parse(fmt)
    view = readable_view(buffer)
    offset = layout.int_of(offset)
    if offset < 0:
        offset += len(view)
        if offset < 0:
            raise ValueError("buffer too small")
    if offset + size > len(view):
        raise ValueError("buffer too small")
    data = view[offset:offset + size].tobytes()
    big = order == ">"
    result = []
    pos = 0
    for count, code in items:
        if code == "x":
            pos += count
        elif code == "s":
            result.append(data[pos:pos + count])
            pos += count
        else:
            item_size = layout.STANDARD_SIZES[code]
            align = layout.NATIVE_ALIGN[code] if order == "@" else 1
            for _ in range(count):
                pos = (pos + align - 1) & -align
                result.append(layout.decode(code, data[pos:pos + item_size], big,
                                             cstring_at))
                pos += item_size
    return tuple(result)


def make_module(ctx):
    def cstring(addr: int) -> bytes:
        return cstring_at(ctx, addr)

    def unpack(*args):
        return unpack_from(*args, cstring_at=cstring)

    return {"calcsize": calcsize, "pack": pack, "pack_into": pack_into,
            "unpack": unpack, "unpack_from": unpack}

"""The guest's `uctypes` module: MicroPython's C-structure access (extmod/moductypes.c).

Descriptors are the firmware's: dicts of field name -> small int (scalar type in the top bits,
offset below; bit fields add position and length) or tuple (STRUCT/PTR/ARRAY aggregate). The
memory behind addresses is the emulator's: ``addressof(buf)`` gives each guest buffer a stable
address in an emulated RAM (one address space per interpreter) and structures, pointers,
``bytes_at`` and ``bytearray_at`` read and write the buffers found there. An address no buffer
covers is refused with a ValueError (the board would read whatever is there, or fault).

Not as on the board: ``bytearray_at`` and byte-array fields give a copy of the bytes (a host
bytearray cannot share another's memory), and structures do not offer the buffer protocol.
"""

from __future__ import annotations

from mpt.runtime.library.arity import check_arity
from mpt.runtime.library.binary_layout import decode, encode, float_of, int_of, type_name
from mpt.runtime.library.buffers import readable_view
from mpt.runtime.vm import hostbuffer

LITTLE_ENDIAN, BIG_ENDIAN, NATIVE = 0, 1, 2
(UINT8, INT8, UINT16, INT16, UINT32, INT32, UINT64, INT64, BFUINT8, BFINT8, BFUINT16,
 BFINT16, BFUINT32, BFINT32, FLOAT32, FLOAT64) = range(16)
STRUCT, PTR, ARRAY = range(3)
VAL_TYPE_BITS, AGG_TYPE_BITS = 4, 2
OFFSET_BITS = 17
LEN_BITS = OFFSET_BITS + 5
POINTER_SIZE = 4  # the boards are 32-bit
CODES = "BbHhIiQq------fd"
RAM_BASE = 0x20004000  # where the emulated heap's buffers get their addresses


def _type_constant(kind: int, nbits: int) -> int:
    """TYPE2SMALLINT: the kind in the top bits of a 31-bit signed small int."""
    v = (kind << (32 - nbits)) & 0xFFFFFFFF
    return (v - (1 << 32) if v >= 1 << 31 else v) >> 1


def _get_type(x: int, nbits: int) -> int:
    return (x >> (31 - nbits)) & ((1 << nbits) - 1)


def _value_mask(nbits: int) -> int:
    return (1 << (31 - nbits)) - 1


def _syntax_error():
    return TypeError("syntax error in uctypes descriptor")


def _is_small_int(v) -> bool:
    return type(v) is int


def _scalar_size(val_type: int) -> int:
    return 4 if val_type == FLOAT32 else 1 << ((val_type & 7) >> 1)


def _agg_size(t: tuple, layout: int, biggest: list) -> int:
    if len(t) < 2:
        raise _syntax_error()
    agg = _get_type(t[0], AGG_TYPE_BITS)
    if agg == STRUCT:
        if len(t) != 2:
            raise _syntax_error()
        return _struct_size(t[1], layout, biggest)
    if agg == PTR:
        if len(t) != 2:
            raise _syntax_error()
        biggest[0] = max(biggest[0], POINTER_SIZE)
        return POINTER_SIZE
    if agg == ARRAY:
        n = t[1]
        val_type = _get_type(n, VAL_TYPE_BITS)
        n &= _value_mask(VAL_TYPE_BITS)
        if len(t) == 2:
            item = _scalar_size(val_type)
            biggest[0] = max(biggest[0], item)
        elif len(t) == 3:
            item = _struct_size(t[2], layout, biggest)
        else:
            raise _syntax_error()
        return item * n
    raise _syntax_error()


def _struct_size(desc, layout: int, biggest: list) -> int:
    if not isinstance(desc, dict):
        if isinstance(desc, tuple):
            return _agg_size(desc, layout, biggest)
        if _is_small_int(desc):
            raise TypeError("can't unambiguously get sizeof scalar")
        raise _syntax_error()
    total = 0
    for v in desc.values():
        if _is_small_int(v):
            val_type = _get_type(v, VAL_TYPE_BITS)
            offset = v & _value_mask(VAL_TYPE_BITS)
            if BFUINT8 <= val_type <= BFINT32:
                offset &= (1 << OFFSET_BITS) - 1
            size = _scalar_size(val_type)
            biggest[0] = max(biggest[0], size)
            total = max(total, offset + size)
        else:
            if not isinstance(v, tuple):
                raise _syntax_error()
            offset = v[0] & _value_mask(AGG_TYPE_BITS)
            total = max(total, offset + _agg_size(v, layout, biggest))
    if layout == NATIVE and biggest[0]:
        total = (total + biggest[0] - 1) & ~(biggest[0] - 1)
    return total


class _Memory:
    """The emulated RAM: guest buffers placed at addresses as addressof() meets them."""

    def __init__(self):
        self.regions: list[tuple[int, memoryview, object]] = []  # (base, bytes, owner)
        self.by_owner: dict[int, int] = {}
        self.next = RAM_BASE
        self.kept: list[object] = []

    def address_of(self, obj) -> int:
        if isinstance(obj, struct):
            return obj._addr
        view = readable_view(obj)
        base = self.by_owner.get(id(obj))
        if base is None:
            base = self.next
            self.next = (base + max(len(view), 1) + 15) & ~7
            self.by_owner[id(obj)] = base
            self.regions.append((base, view, obj))  # keeps the object (and its id) alive
        return base

    def window(self, addr: int, n: int) -> bytearray:
        """The n bytes at addr as a bytearray whose address is addr; memory no buffer owns
        yet becomes a new zeroed buffer there."""
        n = max(n, 0)
        try:
            self._find(addr, n)
        except ValueError:
            fresh = bytearray(n)
            self.regions.append((addr, memoryview(fresh), fresh))
            self.by_owner[id(fresh)] = addr
            return fresh
        win = _Window(self, addr, n)
        self.by_owner[id(win)] = addr
        self.kept.append(win)
        return win

    def _find(self, addr: int, n: int):
        for base, view, _ in self.regions:
            if base <= addr and addr + n <= base + len(view):
                return view, addr - base
        raise ValueError("no emulator memory at 0x%x" % (addr & 0xFFFFFFFF))

    def read(self, addr: int, n: int) -> bytes:
        if n <= 0:
            return b""
        view, i = self._find(addr, n)
        return bytes(view[i:i + n])

    def cstring(self, addr: int) -> bytes:
        """The NUL-terminated C string at addr (a buffer's end ends it too: MicroPython's
        str and bytes data are NUL-terminated)."""
        view, i = self._find(addr, 1)
        data = bytes(view[i:])
        end = data.find(0)
        return data if end < 0 else data[:end]

    def write(self, addr: int, data: bytes) -> None:
        view, i = self._find(addr, len(data))
        if view.readonly:  # the firmware would write into the bytes object; refused here
            raise TypeError("object with buffer protocol required")
        view[i:i + len(data)] = data


def cstring_at(ctx, addr: int) -> bytes:
    """The C string at an address of the board's emulated memory (struct's 'S' typecode);
    ValueError where no guest buffer was placed."""
    memory = ctx.extra.get("uctypes.memory")
    if memory is None:
        raise ValueError("no emulator memory at 0x%x" % (addr & 0xFFFFFFFF))
    return memory.cstring(addr & 0xFFFFFFFF)


class _Window(bytearray):
    """bytes of the emulated RAM seen as a bytearray (bytearray_at, UINT8 array fields): a
    copy whose item reads and writes go through to the memory."""

    def __init__(self, memory, addr, n):
        super().__init__(memory.read(addr, n))
        self._memory, self._addr = memory, addr

    def __getitem__(self, index):
        if isinstance(index, int):
            n = len(self)
            i = index + n if index < 0 else index
            if 0 <= i < n:
                return self._memory.read(self._addr + i, 1)[0]
        return bytearray.__getitem__(self, index)

    def __setitem__(self, index, value):
        bytearray.__setitem__(self, index, value)
        self._memory.write(self._addr, bytes(self))


_Window.__name__ = _Window.__qualname__ = "bytearray"
_Window.__module__ = "builtins"


@hostbuffer.register
class struct:  # noqa: N801 - the firmware's name
    __module__ = "builtins"  # the guest sees <class 'struct'>
    # the firmware's struct has no hash (unary op unsupported)
    __hash__ = None  # type: ignore[assignment]

    def __init__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("function doesn't take keyword arguments")
        check_arity(args, 2, 3)
        addr = args[0]
        if not isinstance(addr, int):
            raise TypeError(f"can't convert {type_name(addr)} to int")
        object.__setattr__(self, "_addr", addr & 0xFFFFFFFF)
        object.__setattr__(self, "_desc", args[1])
        object.__setattr__(self, "_layout", int_of(args[2]) if len(args) == 3 else NATIVE)
        object.__setattr__(self, "_mem", type(self)._memory)

    def _child(self, desc, addr):
        o = struct.__new__(type(self))
        for k, v in (("_addr", addr & 0xFFFFFFFF), ("_desc", desc), ("_layout", self._layout),
                     ("_mem", self._mem)):
            object.__setattr__(o, k, v)
        return o

    def __repr__(self):
        desc = self._desc
        kind = "ERROR"
        if isinstance(desc, dict):
            kind = "STRUCT"
        elif isinstance(desc, tuple):
            kind = {PTR: "PTR", ARRAY: "ARRAY"}.get(_get_type(desc[0], AGG_TYPE_BITS), "unk")
        return "<struct %s %x>" % (kind, self._addr)

    # scalar access ----------------------------------------------------------------------
    def _get(self, val_type, addr):
        size = _scalar_size(val_type)
        return decode(CODES[val_type], self._mem.read(addr, size), self._layout == BIG_ENDIAN)

    def _set(self, val_type, addr, value):
        size = _scalar_size(val_type)
        if self._layout == NATIVE and val_type not in (FLOAT32, FLOAT64):
            if not isinstance(value, int):
                raise TypeError(f"can't convert {type_name(value)} to int")
        if val_type in (FLOAT32, FLOAT64):
            value = float_of(value)
        self._mem.write(addr, encode(CODES[val_type], size, value, self._layout == BIG_ENDIAN))

    def _field(self, name, value=None, store=False):
        desc = self._desc
        if not isinstance(desc, dict):
            raise TypeError("struct: no fields")
        if name not in desc:
            raise KeyError(name)
        d = desc[name]
        if _is_small_int(d):
            val_type = _get_type(d, VAL_TYPE_BITS)
            offset = d & _value_mask(VAL_TYPE_BITS)
            if val_type <= INT64 or val_type >= FLOAT32:
                if store:
                    return self._set(val_type, self._addr + offset, value)
                return self._get(val_type, self._addr + offset)
            bit_offset = (offset >> OFFSET_BITS) & 31
            bit_len = (offset >> LEN_BITS) & 31
            offset &= (1 << OFFSET_BITS) - 1
            base_type = val_type & 6
            size = _scalar_size(base_type)
            addr = self._addr + offset
            raw = self._mem.read(addr, size)
            word = int.from_bytes(raw, "big" if self._layout == BIG_ENDIAN else "little")
            mask = (1 << bit_len) - 1
            if not store:
                return (word >> bit_offset) & mask
            word = (word & ~(mask << bit_offset)) | ((int_of(value) & mask) << bit_offset)
            self._mem.write(addr, (word & ((1 << (8 * size)) - 1)).to_bytes(
                size, "big" if self._layout == BIG_ENDIAN else "little"))
            return None
        if not isinstance(d, tuple) or store:
            raise _syntax_error()
        agg = _get_type(d[0], AGG_TYPE_BITS)
        offset = d[0] & _value_mask(AGG_TYPE_BITS)
        if agg == STRUCT:
            return self._child(d[1], self._addr + offset)
        if agg == ARRAY and len(d) == 2 and _get_type(d[1], VAL_TYPE_BITS) == UINT8:
            return self._mem.window(self._addr + offset, _agg_size(d, self._layout, [0]))
        return self._child(d, self._addr + offset)

    def __getattr__(self, name):
        if name.startswith("_"):
            raise AttributeError(name)
        return self._field(name)

    def __setattr__(self, name, value):
        self._field(name, value, store=True)

    # indexing ---------------------------------------------------------------------------
    def __getitem__(self, index):
        return self._index(index)

    def __setitem__(self, index, value):
        self._index(index, value, store=True)

    def __delitem__(self, index):
        raise TypeError("'struct' object doesn't support item deletion")

    def _index(self, index, value=None, store=False):
        desc = self._desc
        if not isinstance(desc, tuple):
            raise TypeError("struct: can't index")
        index = int_of(index)
        agg = _get_type(desc[0], AGG_TYPE_BITS)
        if agg == ARRAY:
            n = desc[1]
            val_type = _get_type(n, VAL_TYPE_BITS)
            n &= _value_mask(VAL_TYPE_BITS)
            if index >= n:
                raise IndexError("struct: index out of range")
            if len(desc) == 2:
                addr = self._addr + _scalar_size(val_type) * index
                if store:
                    return self._set(val_type, addr, value)
                return self._get(val_type, addr)
            if store:
                raise TypeError("'struct' object doesn't support item assignment")
            size = _struct_size(desc[2], self._layout, [0])
            return self._child(desc[2], self._addr + size * index)
        if agg == PTR:
            target = self._pointer()
            if store:
                raise TypeError("'struct' object doesn't support item assignment")
            if _is_small_int(desc[1]):
                val_type = _get_type(desc[1], VAL_TYPE_BITS)  # read natively, as the firmware
                size = _scalar_size(val_type)
                return decode(CODES[val_type], self._mem.read(target + size * index, size), False)
            size = _struct_size(desc[1], self._layout, [0])
            return self._child(desc[1], target + size * index)
        raise _syntax_error()

    def __buffer__(self, flags):
        """The structure's bytes (bytes(s), memoryview(s)); hosts before CPython 3.12 reach
        them through runtime.vm.hostbuffer."""
        size = _struct_size(self._desc, self._layout, [0])
        view, i = self._mem._find(self._addr, size)
        return view[i:i + size]

    def _pointer(self) -> int:
        return int.from_bytes(self._mem.read(self._addr, POINTER_SIZE), "little")

    def __int__(self):
        desc = self._desc
        if isinstance(desc, tuple) and _get_type(desc[0], AGG_TYPE_BITS) == PTR:
            return self._pointer()
        # int() falls back to the buffer protocol: the structure's bytes parsed as a literal
        size = _struct_size(desc, self._layout, [0])
        text = self._mem.read(self._addr, size).decode("latin-1")
        digits = text.rstrip("\x00").strip()
        if digits.lstrip("+-").isdigit() and digits.isascii():
            return int(digits)
        raise ValueError("invalid syntax for integer with base 10: %r" % text)


def make_module(ctx):
    memory = ctx.extra.get("uctypes.memory")
    if memory is None:
        memory = ctx.extra["uctypes.memory"] = _Memory()
    # this interpreter's struct type: its structures live in this interpreter's memory
    struct_type = type("struct", (struct,), {"_memory": memory, "__module__": "builtins"})

    def sizeof(*args):
        check_arity(args, 1, 2)
        obj = args[0]
        if isinstance(obj, bytearray):
            return len(obj)
        layout = NATIVE
        if isinstance(obj, struct):
            if len(args) != 1:
                raise TypeError()
            obj, layout = obj._desc, obj._layout
        elif len(args) == 2:
            layout = int_of(args[1])
        return _struct_size(obj, layout, [0])

    def addressof(obj):
        return memory.address_of(obj)

    def bytearray_at(addr, size):
        return memory.window(int_of(addr) & 0xFFFFFFFF, int_of(size))

    def bytes_at(addr, size):
        return memory.read(int_of(addr) & 0xFFFFFFFF, int_of(size))

    attrs = {
        "struct": struct_type, "sizeof": sizeof, "addressof": addressof, "bytes_at": bytes_at,
        "bytearray_at": bytearray_at, "NATIVE": NATIVE, "LITTLE_ENDIAN": LITTLE_ENDIAN,
        "BIG_ENDIAN": BIG_ENDIAN, "VOID": _type_constant(UINT8, VAL_TYPE_BITS),
        "BF_POS": OFFSET_BITS, "BF_LEN": LEN_BITS,
        "PTR": _type_constant(PTR, AGG_TYPE_BITS), "ARRAY": _type_constant(ARRAY, AGG_TYPE_BITS),
    }
    for i, name in enumerate(("UINT8 INT8 UINT16 INT16 UINT32 INT32 UINT64 INT64 BFUINT8 BFINT8 "
                              "BFUINT16 BFINT16 BFUINT32 BFINT32 FLOAT32 FLOAT64").split()):
        attrs[name] = _type_constant(i, VAL_TYPE_BITS)
    for name, same in (("SHORT", "INT16"), ("USHORT", "UINT16"), ("INT", "INT32"),
                       ("UINT", "UINT32"), ("LONG", "INT32"), ("ULONG", "UINT32"),
                       ("LONGLONG", "INT64"), ("ULONGLONG", "UINT64")):
        attrs[name] = attrs[same]
    return attrs

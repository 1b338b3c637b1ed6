"""Viper's machine values on the emulated board: conversions and pointer memory.

A viper function's typed values live in the translated code as Python values already in the
form MicroPython gives them when they become objects (py/nativeglue.c, mp_native_to_obj):
an ``int`` is a signed machine word, a ``uint`` or pointer an unsigned one, a ``bool`` a bool.
Operations on them wrap at the word size (see translate/ops_viper.py).

Pointers are addresses in the board's emulated address space: a buffer object passed where a
pointer is expected gets an address (kept for as long as the object lives and fits its slot),
and loads and stores through ``ptr8``/``ptr16``/``ptr32`` reach the bytes of the buffer that
holds the address, little-endian as on every board MicroPython runs on. Any other address is
the board's sparse memory that ``machine.mem8/16/32`` read and write (``ADDRESS_SPACE`` in the
runtime context's ``extra``; bytes never written read as 0).
"""

from __future__ import annotations

import bisect
import sys
import weakref
from typing import Any

from mpt.mpy.rawcode import MPY_SUB_VERSION

# the viper types (py/runtime0.h MP_NATIVE_TYPE_*, as the compiler notes them)
VTYPE_PYOBJ, VTYPE_BOOL, VTYPE_INT, VTYPE_UINT = 0, 1, 2, 3
VTYPE_PTR, VTYPE_PTR8, VTYPE_PTR16, VTYPE_PTR32 = 4, 5, 6, 7
VTYPE_PTR_NONE = 0x50 | VTYPE_PTR
POINTERS = (VTYPE_PTR, VTYPE_PTR8, VTYPE_PTR16, VTYPE_PTR32, VTYPE_PTR_NONE)
SIZES = {VTYPE_PTR8: 1, VTYPE_PTR16: 2, VTYPE_PTR32: 4}



class ViperTypeError(TypeError):
    """MicroPython's ViperTypeError (py/objexcept.c): a builtin of firmware with the native
    emitter, raised by the compiler for viper type errors."""


ViperTypeError.__module__ = "builtins"

# the code of translated viper functions: their machine code has no prelude, so no name
# (repr gives "<function>")
NAMELESS_CODE: weakref.WeakSet = weakref.WeakSet()

_SLOT_ALIGN = 16
_PRUNE_AT = 64


def normalise(value: int, vtype: int, bits: int) -> int | bool:
    """``value`` as a machine word of ``vtype`` (its object form)."""
    if vtype == VTYPE_BOOL:
        return bool(value)
    value &= (1 << bits) - 1
    if vtype == VTYPE_INT and value >> (bits - 1):
        value -= 1 << bits
    return value


# the key of the board's sparse memory (address -> byte) in RuntimeContext.extra
ADDRESS_SPACE = "address_space"


class Memory:
    """The emulated address space: buffers at addresses, found again by address, and the
    board's sparse memory around them."""

    def __init__(self, bits: int, cells: dict[int, int]) -> None:
        self.bits = bits
        self.cells = cells
        self.next_free = 0x20001000 if bits == 32 else 0x7F0000001000
        self.by_id: dict[int, tuple[int, int, object]] = {}  # id -> (base, size, obj)
        self.bases: list[int] = []  # sorted
        self.slots: dict[int, tuple[int, Any]] = {}  # base -> (size, obj: a buffer)
        self.prune_at = _PRUNE_AT

    def address_of(self, obj) -> int | None:
        try:
            view = memoryview(obj)
        except TypeError:
            return None
        size = view.nbytes
        entry = self.by_id.get(id(obj))
        if entry is not None and entry[2] is obj and size <= entry[1]:
            return entry[0]
        if len(self.by_id) >= self.prune_at:
            self._prune()
        base = self.next_free
        slot = max(_SLOT_ALIGN, -(-size // _SLOT_ALIGN) * _SLOT_ALIGN)
        self.next_free += slot + _SLOT_ALIGN
        self.by_id[id(obj)] = (base, slot, obj)
        bisect.insort(self.bases, base)
        self.slots[base] = (slot, obj)
        return base

    def _prune(self) -> None:
        """Forget buffers nothing but this table holds any more."""
        for key, (base, _, obj) in list(self.by_id.items()):
            # the references: by_id's tuple, slots' tuple, the local and the call's argument
            if sys.getrefcount(obj) <= 4:
                del self.by_id[key]
                del self.slots[base]
                self.bases.remove(base)
        self.prune_at = max(_PRUNE_AT, 2 * len(self.by_id))

    def _find(self, address: int, size: int):
        """The buffer holding ``size`` bytes at ``address`` and their offset in it, or None."""
        i = bisect.bisect_right(self.bases, address) - 1
        if i >= 0:
            base = self.bases[i]
            slot, obj = self.slots[base]
            view = memoryview(obj).cast("B")
            offset = address - base
            if offset + size <= view.nbytes:
                return view, offset
        return None

    def load(self, size: int, address: int) -> int:
        found = self._find(address, size)
        if found is None:
            cells = self.cells
            return int.from_bytes(bytes(cells.get(address + i, 0) for i in range(size)),
                                  "little")
        view, offset = found
        return int.from_bytes(view[offset:offset + size], "little")

    def store(self, size: int, address: int, value: int) -> None:
        raw = (value & ((1 << (8 * size)) - 1)).to_bytes(size, "little")
        found = self._find(address, size)
        if found is None:
            for i, byte in enumerate(raw):
                self.cells[address + i] = byte
            return
        view, offset = found
        if not view.readonly:  # (the firmware would write into a bytes object's data)
            view[offset:offset + size] = raw


def board_memory(extra: dict, bits: int) -> Memory:
    """The address space of one board (its runtime context's ``extra``)."""
    made = extra.get("viper_memory")
    if made is None:
        made = extra["viper_memory"] = Memory(bits, extra.setdefault(ADDRESS_SPACE, {}))
    return made


def from_object(obj, vtype: int, mem: Memory):
    """An object converted to a viper type (py/nativeglue.c, mp_native_from_obj)."""
    if vtype == VTYPE_PYOBJ:
        return obj
    if vtype == VTYPE_BOOL:
        return bool(obj)
    if vtype in POINTERS:
        address = mem.address_of(obj)
        if address is not None:
            return address
    if obj is None or not isinstance(obj, int):
        raise TypeError(f"can't convert {_type_name(obj)} to int")
    return normalise(int(obj), vtype if vtype != VTYPE_PTR_NONE else VTYPE_PTR, mem.bits)


def _type_name(obj) -> str:
    if obj is None:
        return "NoneType"
    return type(obj).__name__


_ARCH_NUMBERS = {"x86": 1, "x64": 2, "armv6": 3, "armv6m": 4, "armv7m": 5, "armv7em": 6,
                 "armv7emsp": 7, "armv7emdp": 8, "xtensa": 9, "xtensawin": 10, "rv32imc": 11,
                 "rv64imc": 12}


def arch_name(number: int) -> str:
    """An architecture's -march name from its number (MP_NATIVE_ARCH_*)."""
    return next(name for name, n in _ARCH_NUMBERS.items() if n == number)


def check_mpy_header(data: bytes, native_arch: str | None, small_int_bits: int = 31) -> None:
    """A .mpy file's header checked as the firmware checks it before reading the rest
    (py/persistentcode.c, mp_raw_code_load): magic, version, sub-version of native code, small
    int size, then the architecture (see check_mpy_arch)."""
    arch = data[2] >> 2 if len(data) >= 4 else 0
    if (len(data) < 4 or data[0] != ord("M") or data[1] != 6
            or (arch and data[2] & 3 != MPY_SUB_VERSION) or data[3] > small_int_bits):
        raise ValueError("incompatible .mpy file")
    check_mpy_arch(arch, native_arch)


def check_mpy_arch(arch: int, native_arch: str | None) -> None:
    """Refuse a .mpy file's native code as the firmware does (py/persistentcode.c): the
    architecture must be the firmware's (ARM Thumb firmware also takes older Thumb code)."""
    if arch == 0:
        return
    if native_arch is None:
        raise ValueError("native code in .mpy unsupported")
    own = _ARCH_NUMBERS[native_arch]
    thumb = _ARCH_NUMBERS["armv6m"] <= own <= _ARCH_NUMBERS["armv7emdp"]
    if not (_ARCH_NUMBERS["armv6m"] <= arch <= own if thumb else arch == own):
        raise ValueError("incompatible .mpy arch")


def make_helpers(mem: Memory) -> dict:
    """The functions a translated viper function calls, on one board's memory."""
    bits = mem.bits

    def convert(obj, vtype):
        return from_object(obj, vtype, mem)

    def load(vtype, address, index):
        size = SIZES[vtype]
        return normalise(mem.load(size, (address + index * size) & ((1 << bits) - 1)),
                         VTYPE_INT, bits)

    def store(vtype, address, index, value):
        size = SIZES[vtype]
        mem.store(size, (address + index * size) & ((1 << bits) - 1), int(value))

    def cast(value, from_vtype, to_vtype):
        if from_vtype == VTYPE_PYOBJ:
            return from_object(value, to_vtype, mem)
        if value is None:  # None as a pointer
            value = 0
        return normalise(int(value), to_vtype, bits)

    return {"convert": convert, "load": load, "store": store, "cast": cast}

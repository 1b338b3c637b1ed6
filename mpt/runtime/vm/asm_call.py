"""Calling inline-assembler functions on the emulated board, as the firmware calls them.

py/objfun.c's fun_asm_call: the arguments (at most four) go to r0-r3 converted as
convert_obj_for_inline_asm converts them (a small int as its value, None and False as 0, True
as 1, an int truncated to the word, a str as the address of its UTF-8 data, a float truncated
to an int, a tuple or list as the address of its items, an object with the buffer protocol as
the address of its data, anything else as the address of the object), the machine code runs
on the board's core (mpt.runtime.vm.thumb_cpu) and r0 comes back through mp_native_to_obj
(py/nativeglue.c) for the function's return annotation: a signed int by default, ``uint``,
``bool``, or ``object`` (the word taken as an object reference).

Addresses are the board's emulated address space (mpt.runtime.vm.viper.Memory), so machine
code reading and writing through them reaches the guest's own bytes; the function's code is
placed in it too (code can read its own ``data()``).
"""

from __future__ import annotations

import sys

from mpt.errors import MpyFormatError
from mpt.runtime.vm.thumb_base import MASK, SIGN, CpuFault
from mpt.runtime.vm.thumb_cpu import ThumbCpu
from mpt.runtime.vm.viper import VTYPE_BOOL, VTYPE_INT, VTYPE_PYOBJ, board_memory

__all__ = ["CpuFault", "make_asm_function"]

# MICROPY_OBJ_REPR_A (the ARM ports): small ints are 2n+1, None/False/True immediates
_NONE_WORD, _FALSE_WORD, _TRUE_WORD = 6, 14, 30
THUMB_ARCHS = {"armv6m": (False, False), "armv7m": (True, False), "armv7em": (True, False),
                "armv7emsp": (True, True), "armv7emdp": (True, True)}
# words for guest objects that are no integers (their "heap addresses"), per board
_OBJECTS = "asm_objects"
_PRUNE_AT = 64


class _Objects:
    """Addresses standing for guest objects passed to machine code (an object's first word
    would be its type pointer; they read as 0 here), and back."""

    def __init__(self, memory) -> None:
        self.memory = memory
        self.by_address: dict[int, tuple[object, bytearray]] = {}
        self.by_id: dict[int, int] = {}
        self.prune_at = _PRUNE_AT

    def word(self, obj) -> int:
        if obj is None:
            return _NONE_WORD
        if obj is True or obj is False:
            return _TRUE_WORD if obj else _FALSE_WORD
        if type(obj) is int and -(1 << 30) <= obj < 1 << 30:
            return ((obj << 1) | 1) & MASK
        address = self.by_id.get(id(obj))
        if address is not None and self.by_address[address][0] is obj:
            return address
        if len(self.by_address) >= self.prune_at:
            self._prune()
        header = bytearray(16)
        address = self.memory.address_of(header)
        self.by_address[address] = (obj, header)
        self.by_id[id(obj)] = address
        return address

    def _prune(self) -> None:
        """Forget the objects only this table still holds."""
        for address, (obj, _) in list(self.by_address.items()):
            # the references: the table's tuple, the local and getrefcount's argument
            if sys.getrefcount(obj) <= 3:
                del self.by_address[address]
                self.by_id.pop(id(obj), None)
        self.prune_at = max(_PRUNE_AT, 2 * len(self.by_address))

    def object(self, word: int):
        if word & 1:
            return (word - (1 << 32) if word & SIGN else word) >> 1
        if word in (_NONE_WORD, _FALSE_WORD, _TRUE_WORD):
            return None if word == _NONE_WORD else word == _TRUE_WORD
        held = self.by_address.get(word)
        if held is None:
            raise CpuFault(f"the returned object reference 0x{word:08x} is no object "
                           f"(the firmware would use it as one)", word)
        return held[0]


def _objects(extra: dict, memory) -> _Objects:
    made = extra.get(_OBJECTS)
    if made is None:
        made = extra[_OBJECTS] = _Objects(memory)
    return made


def _argument(obj, memory, objects: _Objects, keep: list) -> int:
    """convert_obj_for_inline_asm (py/objfun.c)."""
    if obj is None or obj is False:
        return 0
    if obj is True:
        return 1
    if type(obj) is int:
        return obj & MASK
    if type(obj) is str:
        data = obj.encode("utf-8", "surrogatepass") + b"\0"
        keep.append(data)
        return memory.address_of(data)
    if type(obj) is float:
        if obj != obj:
            return 0
        return max(-(1 << 31), min((1 << 31) - 1, int(obj))) & MASK
    if type(obj) in (tuple, list):
        items = bytearray(b"".join(objects.word(x).to_bytes(4, "little") for x in obj))
        keep.append((obj, items, bytes(items)))
        return memory.address_of(items)
    address = memory.address_of(obj)
    if address is not None:
        return address
    return objects.word(obj)


def _result(word: int, type_sig: int, objects: _Objects):
    """mp_native_to_obj (py/nativeglue.c) for an asm function's return annotation."""
    if type_sig == VTYPE_PYOBJ:
        return objects.object(word)
    if type_sig == VTYPE_BOOL:
        return word != 0
    if type_sig == VTYPE_INT:
        return word - (1 << 32) if word & SIGN else word
    return word


def _check_arguments(n_params: int, args: tuple, kwargs: dict) -> None:
    """mp_arg_check_num as fun_asm_call makes it (py/argcheck.c)."""
    if kwargs:
        raise TypeError("function doesn't take keyword arguments")
    if len(args) != n_params:
        raise TypeError(f"function takes {n_params} positional arguments but {len(args)} "
                        f"were given")


def make_asm_function(rc, runtime, arch: str | None):
    """The guest function for the inline-assembler raw code ``rc`` on a board whose CPU is
    ``arch`` (mpy-cross's -march name)."""
    if arch not in THUMB_ARCHS:
        raise MpyFormatError(f"machine code for {arch or 'no CPU'} cannot run on the "
                             f"emulated board (only Thumb inline assembler can)")
    armv7m, fpu = THUMB_ARCHS[arch]
    extra = runtime.context.extra
    memory = board_memory(extra, 32)
    objects = _objects(extra, memory)
    code = bytes(rc.fun_data)
    n_params = rc.n_pos_args or 0
    type_sig = rc.type_sig if rc.type_sig is not None else VTYPE_INT
    cpu = ThumbCpu(memory, armv7m, fpu)
    base = memory.address_of(code)
    assert base is not None  # (bytes have the buffer protocol)
    cpu.load_code(code, base)

    def function(*args, **kwargs):
        _check_arguments(n_params, args, kwargs)
        keep: list = []
        words = [_argument(arg, memory, objects, keep) for arg in args]
        result = cpu.call(cpu.code_base, words)
        for kept in keep:
            if type(kept) is tuple and type(kept[0]) is list and kept[1] != kept[2]:
                items = kept[1]  # the code stored into the list's items
                kept[0][:] = [objects.object(int.from_bytes(items[i:i + 4], "little"))
                              for i in range(0, len(items), 4)]
        return _result(result, type_sig, objects)

    return function

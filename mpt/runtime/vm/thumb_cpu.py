"""A Thumb CPU that runs inline-assembler machine code on the emulated ARM boards.

The machine code of an ``@micropython.asm_thumb`` function is executed as the board's core
would execute it: each instruction is decoded from the bytes (not from the source), once per
address, into a small Python function that updates the registers, the flags and memory and
gives the address of the next instruction. The instruction set is what the core has: ARMv6-M
(the RP2040's Cortex-M0+) or ARMv7E-M with the single-precision FPU (the pyboard's
Cortex-M4F). The 16-bit Thumb set is decoded whole (as ``data()`` can place any of it); of
the 32-bit instructions, those the inline assembler emits (plus the Thumb-2 loads and stores
of the stack), see thumb_wide.py and thumb_vfp.py. Anything else is what the core refuses: a
fault (:class:`CpuFault`).

Memory is the board's emulated address space (mpt.runtime.vm.viper.Memory: guest buffers at
their addresses, the sparse memory ``machine.mem32`` reaches elsewhere), with the function's
own code and a stack of its own in front of it.
"""

from __future__ import annotations

import struct
from typing import Callable

from mpt.runtime.vm.thumb_base import EXIT_ADDRESS, MASK, SIGN, CpuFault
from mpt.runtime.vm.thumb_decode import decode

STACK_BYTES = 4096
_FORMATS = {1: struct.Struct("<B"), 2: struct.Struct("<H"), 4: struct.Struct("<I")}
_UNPACK = {size: f.unpack_from for size, f in _FORMATS.items()}
_PACK = {size: f.pack_into for size, f in _FORMATS.items()}
_SIZE_MASK = {1: 0xFF, 2: 0xFFFF, 4: MASK}
_NO_WINDOW = memoryview(b"")


class ThumbCpu:
    """One core: registers r0-r15 (r15 lives in the run loop), flags, memory, a decode cache."""

    __slots__ = ("mem", "armv7m", "fpu", "r", "n", "z", "c", "v", "s", "fpscr", "primask",
                 "exclusive", "stack", "stack_bytes", "stack_base", "stack_top", "code",
                 "code_base", "cache",
                 "pc", "window", "window_base", "window_size", "window_readonly")

    def __init__(self, memory, armv7m: bool, fpu: bool, stack_bytes: int = STACK_BYTES):
        self.mem = memory
        self.armv7m = armv7m
        self.fpu = fpu
        self.r = [0] * 16
        self.n = self.z = self.c = self.v = False
        self.s = [0] * 32  # VFP single registers, as their bit patterns
        self.fpscr = 0
        self.primask = 0
        self.exclusive: int | None = None
        self.stack = bytearray(stack_bytes)
        self.stack_bytes = stack_bytes
        self.stack_base = memory.address_of(self.stack)
        self.stack_top = self.stack_base + stack_bytes
        self.code = b""
        self.code_base = 0
        self.cache: dict[int, Callable[[int], int]] = {}
        self.pc = 0  # the instruction running, for a fault's report
        # the guest buffer the last load or store reached (see _find_window)
        self.window = _NO_WINDOW
        self.window_base = self.window_size = 0
        self.window_readonly = True

    # ---- memory ----

    def load(self, size: int, address: int, aligned: bool = True) -> int:
        if address & (size - 1) and (aligned or not self.armv7m):
            raise CpuFault(f"unaligned {size}-byte load from 0x{address:08x}", self.pc)
        offset = address - self.stack_base
        if 0 <= offset <= self.stack_bytes - size:
            return _UNPACK[size](self.stack, offset)[0]
        offset = address - self.code_base
        if 0 <= offset <= len(self.code) - size:
            return _UNPACK[size](self.code, offset)[0]
        offset = address - self.window_base
        if 0 <= offset <= self.window_size - size or self._find_window(address, size):
            return _UNPACK[size](self.window, address - self.window_base)[0]
        return self.mem.load(size, address)

    def _find_window(self, address: int, size: int) -> bool:
        """Remember the guest buffer holding ``size`` bytes at ``address`` for the rest of the
        call (the buffers' addresses are the board memory's; between calls the guest may
        resize them, so the view is let go when the call ends)."""
        found = self.mem._find(address, size)
        if found is None:
            return False
        view, offset = found
        self.window = view
        self.window_base = address - offset
        self.window_size = view.nbytes
        self.window_readonly = view.readonly
        return True

    def store(self, size: int, address: int, value: int, aligned: bool = True) -> None:
        if address & (size - 1) and (aligned or not self.armv7m):
            raise CpuFault(f"unaligned {size}-byte store to 0x{address:08x}", self.pc)
        offset = address - self.stack_base
        if 0 <= offset <= self.stack_bytes - size:
            _PACK[size](self.stack, offset, value & _SIZE_MASK[size])
            return
        offset = address - self.window_base
        if 0 <= offset <= self.window_size - size or self._find_window(address, size):
            if not self.window_readonly:  # (the firmware would write into a bytes object)
                _PACK[size](self.window, address - self.window_base, value & _SIZE_MASK[size])
            return
        self.mem.store(size, address, value)

    def store_words(self, address: int, values: list[int]) -> None:
        """Consecutive words from ``address`` up (push, stm)."""
        offset = address - self.stack_base
        if not address & 3 and 0 <= offset <= self.stack_bytes - 4 * len(values):
            struct.pack_into(f"<{len(values)}I", self.stack, offset, *values)
            return
        for i, value in enumerate(values):
            self.store(4, address + 4 * i, value)

    def load_words(self, address: int, count: int) -> tuple[int, ...]:
        """``count`` consecutive words from ``address`` up (pop, ldm)."""
        offset = address - self.stack_base
        if not address & 3 and 0 <= offset <= self.stack_bytes - 4 * count:
            return struct.unpack_from(f"<{count}I", self.stack, offset)
        return tuple(self.load(4, address + 4 * i) for i in range(count))

    # ---- flags ----

    def add_flags(self, a: int, b: int, carry: int, setflags: bool = True) -> int:
        total = a + b + carry
        result = total & MASK
        if setflags:
            self.n = result >= SIGN
            self.z = result == 0
            self.c = total > MASK
            self.v = bool((a ^ result) & (b ^ result) & SIGN)
        return result

    def logic_flags(self, result: int, setflags: bool = True, carry=None) -> int:
        if setflags:
            self.n = result >= SIGN
            self.z = result == 0
            if carry is not None:
                self.c = bool(carry)
        return result

    # ---- running ----

    def load_code(self, code: bytes, base: int) -> None:
        self.code = code
        self.code_base = base
        self.cache = {}

    def call(self, entry: int, args: list[int]) -> int:
        """Run from ``entry`` with r0-r3 = ``args`` until the code returns; r0."""
        r = self.r
        for i in range(4):
            r[i] = args[i] & MASK if i < len(args) else 0
        r[13] = self.stack_top
        r[14] = EXIT_ADDRESS | 1
        pc = entry
        cache = self.cache
        try:
            while pc != EXIT_ADDRESS:
                try:
                    pc = cache[pc](pc)
                except KeyError:
                    if pc in cache:  # (raised by the instruction itself)
                        raise
                    self.pc = pc
                    cache[pc] = decode(self, pc, False)
        finally:
            self._forget_window()
        return r[0]

    def _forget_window(self) -> None:
        if self.window is not _NO_WINDOW:
            self.window.release()
        self.window = _NO_WINDOW
        self.window_base = self.window_size = 0

    def fetch16(self, address: int) -> int:
        offset = address - self.code_base
        if 0 <= offset <= len(self.code) - 2:
            return self.code[offset] | self.code[offset + 1] << 8
        raise CpuFault("instruction fetch outside the function's code", address)

    def branch_to(self, target: int, address: int, exchange: bool = True) -> int:
        """A bx/blx/pop {pc}/ldr pc target: bit 0 must be set (the M profile has no ARM
        state)."""
        if exchange and not target & 1:
            raise CpuFault(f"branch to 0x{target:08x} without the Thumb bit (INVSTATE)",
                           address)
        return target & ~1 & MASK

    def read_reg(self, reg: int, pc: int) -> int:
        """A register as an operand (the pc reads as the instruction's address + 4)."""
        return (pc + 4) & MASK if reg == 15 else self.r[reg]

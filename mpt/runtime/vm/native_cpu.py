"""The core that runs a .mpy file's native and viper machine code on the emulated ARM boards.

The Thumb interpreter of ``@micropython.asm_thumb`` (mpt.runtime.vm.thumb_cpu), extended with
what compiled native code needs of the firmware around it:

- code from many functions, each at its address in the board's memory (a code space);
- the addresses of mp_fun_table's entries as traps: a ``blx`` to one runs the entry's Python
  implementation (mpt.runtime.vm.native_glue) on r0-r3 and returns to the caller with r0;
- calls that nest: native code calls the runtime, which calls another native function (or
  the same one), on the same stack below the caller's frame, with the caller's registers
  restored afterwards; the stack's depth is checked as mp_cstack_check checks it;
- non-local returns (py/nlr.h): ``nlr_push`` saves the callee-saved registers, the stack and
  the return address in the frame's list of handlers; a guest exception raised by a runtime
  entry (or a pending Ctrl-C) resumes the innermost handler of the running native call with
  ``nlr_push`` returning 1 and the exception in the buffer's ``ret_val`` word, or leaves the
  native call as the host exception when it has none;
- the guest's check points: every so many instructions, what translated code runs at a loop's
  back edge (a Ctrl-C, scheduled callbacks, the board's events).
"""

from __future__ import annotations

import bisect

from mpt.errors import MptError
from mpt.runtime.vm.helpers import ThreadExit
from mpt.runtime.vm.native_glue import NAMES
from mpt.runtime.vm.native_objects import HANDLE_BASE, HANDLE_END
from mpt.runtime.vm.thumb_base import EXIT_ADDRESS, MASK, CpuFault
from mpt.runtime.vm.thumb_cpu import _NO_WINDOW, ThumbCpu
from mpt.runtime.vm.thumb_decode import decode

TRAP_BASE = 0xF0000000  # mp_fun_table's entry n is at TRAP_BASE + 4n (no memory there)
STACK_BYTES = 64 * 1024
_STACK_MARGIN = 1024  # what a frame may need below the check (mp_cstack_check's margin)
CHECK_EVERY = 4096  # instructions between two check points
_INTERNAL = (MptError, ThreadExit)  # never the guest's to catch


class Frame:
    """One running native call: its module's globals, the names LOAD_NAME and STORE_NAME
    reach (a class body's dict, else the globals), the arguments bound to its locals (for
    mp_setup_code_state_native), its prelude's address and its nlr handlers."""

    __slots__ = ("namespace", "names", "values", "prelude_address", "cells", "nlr")

    def __init__(self, namespace: dict, values: tuple, prelude_address: int,
                 cells: tuple = (), names: dict | None = None) -> None:
        self.namespace = namespace
        self.names = namespace if names is None else names  # (a class body's own)
        self.values = values
        self.prelude_address = prelude_address
        self.cells = cells
        self.nlr: list[tuple[int, tuple[int, ...]]] = []


class CodeSpace:
    """The machine code of the board's loaded native functions, by address."""

    def __init__(self) -> None:
        self.bases: list[int] = []
        self.codes: dict[int, bytes] = {}

    def add(self, base: int, code: bytes) -> None:
        if base not in self.codes:
            bisect.insort(self.bases, base)
        self.codes[base] = code

    def find(self, address: int) -> tuple[int, bytes] | None:
        i = bisect.bisect_right(self.bases, address) - 1
        if i >= 0:
            base = self.bases[i]
            code = self.codes[base]
            if address - base <= len(code) - 2:
                return base, code
        return None


class NativeCpu(ThumbCpu):
    """One core (one per guest thread) running native code of one board."""

    __slots__ = ("space", "glue", "frames", "outer", "interrupt_cell")

    def __init__(self, memory, armv7m: bool, fpu: bool, space: CodeSpace, glue,
                 interrupt_cell) -> None:
        super().__init__(memory, armv7m, fpu, STACK_BYTES)
        self.space = space
        self.glue = glue
        self.frames: list[Frame] = []
        self.outer: list[list[int]] = []  # the registers of the calls the running one is in
        self.interrupt_cell = interrupt_cell
        for index in range(len(NAMES)):
            self.cache[TRAP_BASE + 4 * index] = self._trap(glue.entry(index))

    def _trap(self, fn):
        r = self.r

        def trap(pc: int) -> int:
            if self.window is not _NO_WINDOW:  # (the guest may resize that buffer now)
                self._forget_window()
            try:
                result = fn(self, r[0], r[1], r[2], r[3])
            except _INTERNAL:
                raise
            except BaseException as exc:
                return self.nlr_jump(exc)
            if result is not None:
                r[0] = result & MASK
            return self.branch_to(r[14], pc)
        return trap

    def load(self, size: int, address: int, aligned: bool = True) -> int:
        if HANDLE_BASE <= address < HANDLE_END:  # a field of an object
            return self.glue.object_field(address, size)
        return ThumbCpu.load(self, size, address, aligned)

    def store(self, size: int, address: int, value: int, aligned: bool = True) -> None:
        if HANDLE_BASE <= address < HANDLE_END:
            self.glue.store_field(address, size, value & MASK)
            return
        ThumbCpu.store(self, size, address, value, aligned)

    def fetch16(self, address: int) -> int:
        found = self.space.find(address)
        if found is None:
            raise CpuFault("instruction fetch from memory that holds no code", address)
        base, code = found
        offset = address - base
        return code[offset] | code[offset + 1] << 8

    # ---- nlr ----

    def nlr_push(self, buf: int) -> None:
        r = self.r
        self.frames[-1].nlr.append((buf, (*r[4:12], r[13], r[14])))

    def nlr_pop(self) -> None:
        nlr = self.frames[-1].nlr
        if nlr:
            nlr.pop()

    def nlr_jump(self, exc: BaseException) -> int:
        """Resume the innermost handler of the running call with ``exc``: the address to go
        on at. Without one, ``exc`` leaves the native call."""
        nlr = self.frames[-1].nlr
        if not nlr or isinstance(exc, _INTERNAL):
            raise exc
        glue = self.glue
        exc = glue.fix(exc)
        buf, saved = nlr.pop()
        r = self.r
        r[4:12] = saved[:8]
        r[13] = saved[8]
        self.store(4, buf + 4, glue.word(exc.with_traceback(None)))
        r[0] = 1
        return saved[9] & ~1 & MASK

    # ---- calls ----

    def run(self, entry: int, r0: int, r1: int, r2: int, stack_words: list[int],
            frame: Frame) -> int:
        """Call the machine code at ``entry`` with r0-r2 and r3 = the address of
        ``stack_words`` (placed on the stack); r0 when it returns."""
        r = self.r
        nested = bool(self.frames)
        saved = (r[:], self.n, self.z, self.c, self.v, self.s[:], self.fpscr) if nested \
            else None
        sp = r[13] if nested else self.stack_top
        sp = (sp - 4 * len(stack_words) - 8) & ~7
        if sp - self.stack_base < _STACK_MARGIN:
            raise RuntimeError("maximum recursion depth exceeded")
        if stack_words:
            self.store_words(sp, stack_words)
        r[0], r[1], r[2], r[3] = r0 & MASK, r1 & MASK, r2 & MASK, sp if stack_words else 0
        r[13] = sp
        r[14] = EXIT_ADDRESS | 1
        self.frames.append(frame)
        if saved is not None:
            self.outer.append(saved[0])
        pc = entry
        cache = self.cache
        cell = self.interrupt_cell
        budget = CHECK_EVERY
        try:
            while pc != EXIT_ADDRESS:
                try:
                    pc = cache[pc](pc)
                except KeyError:
                    if pc in cache:  # (raised by the instruction itself)
                        raise
                    self.pc = pc
                    cache[pc] = decode(self, pc, False)
                budget -= 1
                if not budget:
                    budget = CHECK_EVERY
                    pending = cell.cell_contents
                    if pending is not None:
                        self._forget_window()
                        try:
                            pending()
                        except _INTERNAL:
                            raise
                        except BaseException as exc:
                            pc = self.nlr_jump(exc)
            return r[0]
        finally:
            self.frames.pop()
            self._forget_window()
            if saved is not None:
                self.outer.pop()
                r[:] = saved[0]
                self.n, self.z, self.c, self.v = saved[1:5]
                self.s[:] = saved[5]
                self.fpscr = saved[6]

    def roots(self):
        """The words this core may hold object references in: registers, the live stack,
        the registers its nlr handlers saved."""
        r = self.r
        yield from r
        for registers in self.outer:
            yield from registers
        sp = r[13]
        if self.frames and self.stack_base <= sp < self.stack_top:
            yield from self.load_words(sp & ~3, (self.stack_top - (sp & ~3)) // 4)
        for frame in self.frames:
            for _, saved in frame.nlr:
                yield from saved

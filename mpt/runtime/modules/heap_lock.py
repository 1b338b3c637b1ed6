"""micropython.heap_lock() on the emulated board: allocations fail while the heap is locked.

Guest values are host values and the translated code allocates with ordinary host
operations, so there is no allocator to lock. The approximation: while the heap is locked,
a host profile hook watches the built-in functions and methods the guest calls (directly
or through the VM's call helpers) and raises MicroPython's MemoryError("memory allocation
failed, heap is locked") instead of running those that allocate on MicroPython: methods that
grow or copy containers (list.append/extend/insert/copy, dict.update/copy/setdefault/keys/
items/values, set.add/union..., bytearray.append/extend), methods that build strings or
bytes, and builtins returning new objects (sorted, hex, repr...). Not covered: list/dict/
tuple displays and comprehensions in the guest's code, float arithmetic, string
concatenation and calls of types (list(x), bytearray(n)), which the translated code performs
without a call the hook can see. Calls that do not allocate on MicroPython (len, print,
min, list.pop, functions of the guest's own) run as usual.
"""

from __future__ import annotations

import dis
import sys

from mpt.runtime import hashorder

MESSAGE = "memory allocation failed, heap is locked"

_GROWING_METHODS = {
    list: {"append", "extend", "insert", "copy"},
    dict: {"update", "copy", "setdefault", "keys", "items", "values", "fromkeys"},
    set: {"add", "update", "union", "intersection", "difference", "symmetric_difference",
          "copy"},
    bytearray: {"append", "extend", "copy", "hex", "decode", "split", "replace", "join"},
}
# (replace/strip and friends return the string itself when nothing changes: not listed)
_STRING_METHODS = {"join", "split", "rsplit", "splitlines", "format", "upper", "lower",
                   "encode", "decode", "center", "partition", "rpartition", "hex"}
_ALLOCATING_BUILTINS = {"sorted", "hex", "oct", "bin", "repr", "dir", "format", "divmod",
                        "globals", "locals", "vars", "zip", "map", "filter", "enumerate",
                        "reversed", "iter", "compile"}
_PASS_THROUGH = {"call_ordered", "ordered_arg"}  # VM helpers that call on the guest's behalf
_ALLOCATING_WRAPPERS = {"guest_sorted"}  # guest builtins written in Python that allocate


def _allocates(fn) -> bool:
    owner = getattr(fn, "__self__", None)
    name = getattr(fn, "__name__", "")
    if owner is None or type(owner).__name__ == "module":
        return name in _ALLOCATING_BUILTINS
    kind = type(owner)
    if kind in (str, bytes):
        return name in _STRING_METHODS
    return name in _GROWING_METHODS.get(kind, ())


_BOOKKEEPING_LINES: dict = {}


def _vm_bookkeeping_line(code, line: int) -> bool:
    """True for lines of translated code that maintain the VM's own state (the exception
    handler stack `_mH`), which allocate on the host but are nothing the guest did."""
    lines = _BOOKKEEPING_LINES.get(code)
    if lines is None:
        lines = set()
        current = None
        for ins in dis.get_instructions(code):
            if ins.starts_line is not None:
                current = ins.starts_line
            if ins.opname == "LOAD_FAST" and ins.argval == "_mH":
                lines.add(current)
        _BOOKKEEPING_LINES[code] = lines
    return line in lines


def _guest_caller(frame) -> bool:
    code = frame.f_code
    if code.co_filename == "<mpt>":
        return not _vm_bookkeeping_line(code, frame.f_lineno)
    return code.co_name in _PASS_THROUGH and code.co_filename == hashorder.__file__ and \
        frame.f_back is not None and frame.f_back.f_code.co_filename == "<mpt>"


def _hook(frame, event, arg):
    if event == "c_call" and _allocates(arg) and _guest_caller(frame):
        raise MemoryError(MESSAGE)  # CPython unsets a profile function that raises...
    if event == "call" and frame.f_code.co_name in _ALLOCATING_WRAPPERS and \
            frame.f_back is not None and _guest_caller(frame.f_back):
        raise MemoryError(MESSAGE)


def _rearm(frame, event, arg):
    """...so a trace function, called as each Python frame starts (the VM's exception
    handling helpers included), puts it back; it traces nothing itself."""
    if sys.getprofile() is None:
        sys.setprofile(_hook)
    return None


class HeapLock:
    def __init__(self):
        self.depth = 0
        self._saved = (None, None)

    def lock(self) -> None:
        self.depth += 1
        if self.depth == 1:
            self._saved = (sys.getprofile(), sys.gettrace())
            sys.settrace(_rearm)
            sys.setprofile(_hook)

    def unlock(self) -> int:
        if self.depth > 0:
            self.depth -= 1
            if self.depth == 0:
                profile, trace = self._saved
                sys.setprofile(profile)
                sys.settrace(trace)
                self._saved = (None, None)
        return self.depth

    def release_all(self) -> None:
        """The program ended (or the board reset) with the heap still locked."""
        if self.depth:
            self.depth = 1
            self.unlock()

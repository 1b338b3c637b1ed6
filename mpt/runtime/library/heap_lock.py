"""micropython.heap_lock() on the emulated board: allocations fail while the heap is locked.

Guest values are host values and the translated code allocates with ordinary host
operations, so there is no allocator to lock. The approximation: while the heap is locked,
- a host profile hook watches the built-in functions and methods the guest calls (directly
  or through the VM's call helpers) and raises MicroPython's MemoryError("memory allocation
  failed, heap is locked") instead of running those that allocate on MicroPython: methods
  that grow or copy containers, methods that build strings or bytes, builtins returning new
  objects (sorted, hex, repr...) and str.format/%-formatting;
- guest frames are traced opcode by opcode, and the host opcodes that build a list, dict,
  set, non-empty tuple, f-string or slice (displays, comprehensions, function objects)
  raise the same error, except on the VM's own exception-handler bookkeeping lines.
Raising from a hook makes CPython unset it, so each hook puts the other back.
Not covered: float and big-int arithmetic, string concatenation and calls of types
(list(x), bytearray(n)), which allocate on MicroPython but look like any other operation
on the host. Calls that do not allocate on MicroPython (len, print, min, list.pop,
functions of the guest's own) run as usual. MicroPython's tests/micropython heap_lock,
heapalloc*, heapalloc_fail_dict/set/tuple give identical output.
"""

from __future__ import annotations

import dis
import sys

from mpt.runtime.vm import hashorder

MESSAGE = "memory allocation failed, heap is locked"

_GROWING_METHODS: dict[type, set[str]] = {
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
# guest builtins (and formatting helpers) written in Python that allocate
_ALLOCATING_WRAPPERS = {"guest_sorted", "safe_format", "percent_format", "vfs_open_file"}


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
            if ins.opname in ("LOAD_FAST", "STORE_FAST") and ins.argval == "_mH":
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
    if sys.gettrace() is None:  # the opcode watch raised, which unset it: put it back
        _arm_trace(frame)
    if event == "c_call" and _allocates(arg) and _guest_caller(frame):
        raise MemoryError(MESSAGE)  # CPython unsets a profile function that raises...
    if event == "call" and frame.f_code.co_name in _ALLOCATING_WRAPPERS and \
            frame.f_back is not None and _guest_caller(frame.f_back):
        raise MemoryError(MESSAGE)


# Host opcodes that build a new object where the guest's code writes a display, a
# comprehension or an f-string; on MicroPython each allocates on the heap.
_BUILDING_OPCODES = frozenset(dis.opmap[name] for name in (
    "BUILD_LIST", "BUILD_MAP", "BUILD_SET", "BUILD_STRING", "BUILD_CONST_KEY_MAP",
    "BUILD_SLICE") if name in dis.opmap)
_BUILD_TUPLE = dis.opmap["BUILD_TUPLE"]
_LOCKED = [False]


def _opcode_tracer(frame, event, arg):
    """Per-opcode watch on guest frames while the heap is locked."""
    if not _LOCKED[0]:
        frame.f_trace_opcodes = False
        return None
    if sys.getprofile() is None:  # the call watch raised, which unset it: put it back
        sys.setprofile(_hook)
    if event == "opcode":
        code = frame.f_code
        op = code.co_code[frame.f_lasti]
        if (op in _BUILDING_OPCODES or (op == _BUILD_TUPLE and code.co_code[frame.f_lasti + 1]))\
                and not _vm_bookkeeping_line(code, frame.f_lineno):
            raise MemoryError(MESSAGE)
    return _opcode_tracer


def _watch(frame) -> None:
    frame.f_trace = _opcode_tracer
    frame.f_trace_opcodes = True


def _arm_trace(frame) -> None:
    """Start the opcode watch on every guest frame from ``frame`` outwards, and on new ones."""
    sys.settrace(_rearm)
    while frame is not None:
        if frame.f_code.co_filename == "<mpt>":
            _watch(frame)
        frame = frame.f_back


def _rearm(frame, event, arg):
    """...so a trace function, called as each Python frame starts (the VM's exception
    handling helpers included), puts it back; guest frames get the opcode watch."""
    if sys.getprofile() is None:
        sys.setprofile(_hook)
    if frame.f_code.co_filename == "<mpt>":
        frame.f_trace_opcodes = True
        return _opcode_tracer
    return None


class HeapLock:
    def __init__(self):
        self.depth = 0
        self._saved = (None, None)

    def lock(self) -> None:
        self.depth += 1
        if self.depth == 1:
            self._saved = (sys.getprofile(), sys.gettrace())
            _LOCKED[0] = True
            _arm_trace(sys._getframe(1))
            sys.setprofile(_hook)

    def unlock(self) -> int:
        if self.depth > 0:
            self.depth -= 1
            if self.depth == 0:
                profile, trace = self._saved
                _LOCKED[0] = False
                sys.setprofile(profile)
                sys.settrace(trace)
                self._saved = (None, None)
        return self.depth

    def release_all(self) -> None:
        """The program ended (or the board reset) with the heap still locked."""
        if self.depth:
            self.depth = 1
            self.unlock()

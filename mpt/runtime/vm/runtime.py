"""The state of one running guest program: builtins, modules, import system, class creation.

The import system is mpt.runtime.vm.importer's (MicroPython's order: sys.modules, the
non-extensible built-ins, sys.path, the extensible built-ins).
"""

from __future__ import annotations

import sys
import threading
import types
from collections import OrderedDict

from mpt.errors import MptError
from mpt.runtime.vm import floatformat, hashorder, mpsuper, native
from mpt.runtime.vm.attrfilter import GUEST_DEL
from mpt.runtime.vm.helpers import make_helpers
from mpt.runtime.vm.importer import Importer
from mpt.runtime.vm.loader import ModuleLoader
from mpt.runtime.vm.objects import (GUEST_TYPES, Module, NativeModule, guest_type_name,
                                    note_ordered_locals, register_guest_type)
from mpt.runtime.vm.qstrlimit import interned
from mpt.runtime.vm.viper import arch_name
from mpt.runtime.vm.features import DEFAULT as DEFAULT_FEATURES, Features


COMPILED_CACHE_ENTRIES = 32  # compiled sources kept per interpreter
COMPILED_CACHE_SOURCE_MAX = 64 * 1024  # characters; longer sources are compiled each time
# Special methods MicroPython never calls, left out of guest classes so that the host does
# not call them either: without MICROPY_PY_ALL_INPLACE_SPECIAL_METHODS ``a |= b`` on an
# instance uses __or__ (``*=`` & co. are translated as plain operators); attribute access
# never goes through __getattribute__; a subclass never triggers __init_subclass__; an
# instance is never converted to an int through __index__.
_NEVER_CALLED = ("__ior__", "__ixor__", "__iand__", "__getattribute__", "__init_subclass__",
                 "__index__")
_ORDERING = ("__lt__", "__gt__", "__le__", "__ge__")


def _unsupported_ordering(method: str):
    def compare(a, b):
        raise TypeError(f"unsupported types for {method}: '{type(a).__name__}', "
                        f"'{type(b).__name__}'")
    return compare


def _set_name_calls(namespace: dict) -> list:
    """(name, value, its type's __set_name__) for the class body's values that have one, in
    the order MicroPython's class locals table lists them."""
    calls = []
    for key in hashorder.micropython_order(namespace) or list(namespace):
        value = namespace[key]
        method = getattr(type(value), "__set_name__", None)
        if method is not None and type(value) in GUEST_TYPES:
            calls.append((key, value, method))
    return calls


def _no_reflected_ordering(cls: type) -> None:
    """MicroPython never reflects an ordering comparison (``a > b`` does not try ``b < a``):
    a guest class defining some of __lt__/__gt__/__le__/__ge__ gets the others as errors."""
    if any(k not in GUEST_TYPES for k in cls.__mro__[1:-1]):
        return  # a subclass of a builtin type compares as that type does
    defined = {m for m in _ORDERING for k in cls.__mro__[:-1] if m in k.__dict__}
    if not defined:
        return
    for m in _ORDERING:
        if m not in defined:
            setattr(cls, m, _unsupported_ordering(m))


class _DepthFirstType(type):
    """The metaclass of guest classes with several bases: MicroPython looks attributes up
    depth-first through the bases, left to right (object last), not in C3 order."""

    def mro(cls):
        order: list = []

        def visit(k):
            if k is not object and k not in order:
                order.append(k)
                for b in k.__bases__:
                    visit(b)
        visit(cls)
        order.append(object)
        return order


_DepthFirstType.__name__ = _DepthFirstType.__qualname__ = "type"
_DepthFirstType.__module__ = "builtins"


class _PerThread(threading.local):
    """Guest state each thread (the _thread module's) has its own of."""

    def __init__(self):
        # the names of the class bodies and module-level code running, innermost last
        self.class_locals: list[dict] = []


class Runtime(Importer):
    def __init__(self, interpreter, *, script_dir: str | None, vfs, compiler,
                 builtins_factory, features: Features = DEFAULT_FEATURES):
        self.interpreter = interpreter
        self.features = features
        # floats print (and parse) as this build's
        floatformat.use_build(features.long_double_bits, features.float_bits)
        self.script_dir = script_dir
        self.vfs = native.guest_file_system(vfs)  # the library's mount table: os.mount() changes it
        self.compiler = compiler
        # source a host sent lately -> its CompiledModule (compile_source(cached=True))
        self._compiled: OrderedDict[tuple, object] = OrderedDict()
        self._per_thread = _PerThread()
        self.interrupt_cell = types.CellType(None)
        self.interrupt_pending = False
        self.poll_requested = False
        self.blocked_in_read = False  # waiting in a host read that a signal cannot end
        self.poll_hook = None  # the board's: runs its due events and queued soft IRQs
        # what the cell holds when nothing is pending: None, or while guest threads run
        # (the _thread module) the function that lets them take turns
        self.idle_check = None
        self.threads = None  # the guest's threads once _thread started one
        self.scheduled: list = []
        self.scheduled_nodes: list = []
        self.cur_exception = None  # what sys.exc_info() reports (py/vm.c cur_exception)
        self.exit_function = None  # sys.atexit()'s callback (MP_STATE_VM(sys_exitfunc))
        self.scheduler_locked = False
        self.opt_level = 0  # micropython.opt_level(): applies to code compiled from now on
        # the emitter of code compiled on the board (the unix binary's -X emit=): "native" or
        # "viper" compile every function as if so decorated (checked by the firmware's native
        # emitter, run as bytecode: see mpt.crosscompile.native.board)
        self.default_emit = "bytecode"
        # guest function name -> {signature} (for MicroPython's argument-error messages)
        self.signatures: dict[str, set] = {}
        self.signature_serial = 0
        self.modules: dict[str, object] = {}  # sys.modules: modules loaded from files
        self.native_modules: dict[str, object] = {}
        self.path: list[str] = ["", ".frozen", "/lib"]
        # sys.path entries that name host folders (mpt-micropython's MICROPYPATH), not the
        # board's; searched like the script's folder
        self.host_dirs: frozenset[str] = frozenset()
        self.guest_oserror = None
        self.default_import = None
        self.builtins: dict = {}
        self.helpers = make_helpers(self)
        self.context = native.RuntimeContext(interpreter=interpreter, vfs=self.vfs,
                                             features=features)
        builtins_factory(self)  # fills self.builtins, sets guest_oserror
        self.helpers = make_helpers(self)

    @property
    def class_locals(self) -> list[dict]:
        return self._per_thread.class_locals

    # --- interrupts ---------------------------------------------------------------------
    # What MicroPython checks at every backward jump (py/vm.c pending_exception_check): a
    # Ctrl-C, micropython.schedule() callbacks and the board's due events and soft IRQs.
    # Translated code calls ``interrupt_cell.cell_contents`` at each loop back-edge when it is
    # set; each source below sets its own flag and arms the cell with one dispatcher, so
    # sources never overwrite each other (a board reset alone puts its own raiser there).

    def request_interrupt(self) -> None:
        """Ctrl-C: raise KeyboardInterrupt in the guest at its next check point."""
        self.interrupt_pending = True
        self.arm_pending()

    def request_poll(self) -> None:
        """Board events are due or soft IRQ callbacks queued: run ``poll_hook`` at the next
        check point (callable from any thread)."""
        self.poll_requested = True
        self.arm_pending()

    def schedule(self, fn, arg) -> None:
        """micropython.schedule(): run fn(arg) at the guest's next check point."""
        if len(self.scheduled) >= self.features.scheduler_depth:
            raise RuntimeError("schedule queue full")
        self.scheduled.append((fn, arg))
        if not self.scheduler_locked:
            self.arm_pending()

    def schedule_node(self, fn) -> None:
        """py/scheduler.c's mp_sched_schedule_node (a port's static node): fn() runs at the
        guest's next check point, before the queued callbacks; a node already waiting is not
        added again, and nodes do not count toward the queue's depth."""
        if fn not in self.scheduled_nodes:
            self.scheduled_nodes.append(fn)
        if not self.scheduler_locked:
            self.arm_pending()

    def arm_pending(self) -> None:
        """Make the next check point run :meth:`_handle_pending` (unless a reset waits there)."""
        cell = self.interrupt_cell
        current = cell.cell_contents
        if current is None or current is self.idle_check or current == self._handle_pending:
            cell.cell_contents = self._handle_pending

    def _anything_pending(self) -> bool:
        return (self.interrupt_pending or self.poll_requested
                or bool((self.scheduled or self.scheduled_nodes) and not self.scheduler_locked))

    def take_interrupt(self) -> bool:
        """Clear a Ctrl-C the code did not get to see; True if there was one."""
        pending = self.interrupt_pending
        self.interrupt_pending = False
        if self.interrupt_cell.cell_contents == self._handle_pending \
                and not self._anything_pending():
            self.interrupt_cell.cell_contents = self.idle_check
        return pending

    def rearm(self) -> None:
        """Nothing is pending any more: the cell goes back to its idle value."""
        self.interrupt_cell.cell_contents = self.idle_check

    def _handle_pending(self) -> None:
        """Called by translated code at backward jumps when something is pending."""
        self.interrupt_cell.cell_contents = self.idle_check
        idle = self.idle_check
        try:
            if self.interrupt_pending:
                threads = self.threads
                if threads is None or threads.on_main():  # Ctrl-C goes to the main thread
                    self.interrupt_pending = False
                    raise KeyboardInterrupt()
            if self.poll_requested:
                self.poll_requested = False
                if self.poll_hook is not None:
                    self.poll_hook()
            self._run_scheduled()
        finally:
            if self._anything_pending():
                self.arm_pending()
        if idle is not None:
            # while guest threads run, this check point is also the running thread's
            # backward jump: they keep taking turns while callbacks keep being scheduled
            # (and the main thread gets its turn to take a Ctrl-C)
            idle()

    def _run_scheduled(self) -> None:
        """py/scheduler.c's mp_sched_run_pending: the static nodes, then one queued
        callback; on a port whose threads run without a GIL (rp2) only the main thread
        runs them (mp_handle_pending), on the others whichever thread gets there."""
        if self.scheduler_locked:
            return
        threads = self.threads
        if threads is not None and not threads.runs_scheduled():
            return
        self.scheduler_locked = True
        try:
            # the nodes waiting now (not those they schedule), then at most one callback: a
            # callback that schedules itself again runs once per check point
            for _ in range(len(self.scheduled_nodes)):
                self.scheduled_nodes.pop(0)()
            if self.scheduled:
                fn, arg = self.scheduled.pop(0)
                fn(arg)
        finally:
            self.scheduler_locked = False

    def new_signature_key(self, name: str) -> str:
        self.signature_serial += 1
        return f"{name}#{self.signature_serial}"

    def note_signature(self, name: str, signature: tuple) -> None:
        self.signatures.setdefault(name, set()).add(signature)

    def signature_of(self, name: str):
        sigs = self.signatures.get(name)
        if sigs is not None and len(sigs) == 1:
            return next(iter(sigs))
        return None

    # --- classes ------------------------------------------------------------------------

    def build_class(self, body, name, *bases, metaclass=None, **kwargs):
        if metaclass is not None or kwargs:
            # MicroPython's __build_class__ takes no keywords (no metaclass=...)
            raise TypeError("function doesn't take keyword arguments")
        namespace: dict = {}
        self.class_locals.append(namespace)
        try:
            cell = body()
        finally:
            self.class_locals.pop()
        return self.make_class(name, bases, namespace, cell)

    def new_class(self, name, bases, namespace):
        """type(name, bases, dict): a guest class, made as a class statement makes one."""
        if not isinstance(name, str):
            raise TypeError(f"can't convert '{guest_type_name(type(name))}' object to str "
                            "implicitly")
        interned(name)
        if type(bases) is not tuple or not isinstance(namespace, dict):
            raise TypeError()
        cls = self.make_class(name, bases, dict(namespace))
        if isinstance(namespace, OrderedDict):
            note_ordered_locals(cls, type(namespace))
        return cls

    def make_class(self, name: str, bases: tuple, namespace: dict, cell=None):
        """The class of a class body's (or type()'s) namespace, as MicroPython's classes are:
        shown as <class 'name'>, __del__ never called by the host, __slots__ ignored,
        depth-first lookup with several bases."""
        named = _set_name_calls(namespace)
        namespace.pop("__module__", None)
        namespace["__module__"] = "builtins"
        if "__del__" in namespace:
            # MicroPython never runs __del__ by itself; the host would at refcount zero
            namespace[GUEST_DEL] = namespace.pop("__del__")
        for unsupported in _NEVER_CALLED:
            namespace.pop(unsupported, None)
        slots = namespace.pop("__slots__", None)  # MicroPython ignores __slots__
        meta = type(bases[0]) if bases else type
        if len(bases) > 1 and meta is type:
            meta = _DepthFirstType
        for b in bases:
            if not isinstance(b, type):
                raise TypeError("can't inherit from non-class")  # guest-visible message
        named = [call for call in named if call[0] in namespace]
        for key, _, _ in named:  # the host would call them from inside type(), before the
            del namespace[key]  # class is a guest class; they are set back then called below
        cls = meta(name, bases, namespace)
        for key, value, _ in named:
            type.__setattr__(cls, key, value)
        if slots is not None:
            setattr(cls, "__slots__", slots)  # visible, without restricting the instances
        _no_reflected_ordering(cls)
        mpsuper.note_class(cls)
        register_guest_type(cls)
        if isinstance(cell, types.CellType):
            cell.cell_contents = cls
        for key, value, method in named:
            # as py/objtype.c: once the class is made, in the order of its locals' table,
            # the methods found first; what they raise propagates as it is
            method(value, cls, key)
        return cls

    # --- modules ------------------------------------------------------------------------

    def new_module_namespace(self, name: str, filename: str | None = None) -> dict:
        ns = {"__name__": name, "__builtins__": self.builtins}
        if filename is not None:
            ns["__file__"] = filename
        return ns

    def exec_compiled(self, compiled, namespace: dict, locals_dict=None):
        """Run module-level code. Its names are, while it runs, what exec, eval and locals()
        take by default in the functions it calls (MicroPython's mp_locals): ``namespace``,
        else ``locals_dict``; build_class puts a class's namespace there in the same way."""
        loader = ModuleLoader(self, compiled, namespace)
        if locals_dict is None or locals_dict is namespace:
            body = loader.root_function()
            self.class_locals.append(namespace)
            try:
                return body()
            finally:
                self.class_locals.pop()
        body = loader.root_function("dict")
        self.class_locals.append(locals_dict)
        try:
            return body()
        finally:
            self.class_locals.pop()

    def compile_source(self, source: str, filename: str, input_kind: str = "file", *,
                       cached: bool = False):
        """Compile guest source; ``input_kind`` "eval" or "single" as compile() asks.

        ``cached``: the same source compiled lately with the same settings gives the same
        CompiledModule (which nothing changes once made): for the code a host sends to run
        (the REPL's input), where a host such as mpt or mpremote sends the same helpers on
        each connection. Guest code's own compile()/eval/exec and imports compile anew."""
        if self.compiler is None:
            raise ImportError("no compiler available for .py modules")
        kwargs: dict[str, object] = {}
        if self.opt_level:
            kwargs["opt_level"] = self.opt_level
        if input_kind != "file":
            kwargs["input_kind"] = input_kind
        if not self.features.tstrings:
            kwargs["tstrings"] = False
        if self.features.float_bits != 64:
            kwargs["float_bits"] = self.features.float_bits
        native_arch = self.native_arch()
        if native_arch is not None:
            kwargs["board_native"] = native_arch
            if self.features.inline_asm:
                kwargs["board_asm"] = True
            if self.default_emit != "bytecode":
                kwargs["emit"] = self.default_emit
        if not cached or len(source) > COMPILED_CACHE_SOURCE_MAX:
            return self.compiler(source, filename, **kwargs)
        key = (source, filename, tuple(sorted(kwargs.items())))
        cache = self._compiled
        compiled = cache.get(key)
        if compiled is None:
            compiled = self.compiler(source, filename, **kwargs)  # (errors are not kept)
            cache[key] = compiled
            if len(cache) > COMPILED_CACHE_ENTRIES:
                cache.popitem(last=False)
        else:
            cache.move_to_end(key)
        return compiled

    def native_arch(self) -> str | None:
        """The architecture of the firmware's native emitter (mpy-cross's -march name): the
        board's CPU, as sys.implementation._mpy names it; None when the firmware has no
        native emitter, or there is no board."""
        arch = getattr(getattr(self.context.board, "profile", None), "native_arch", 0)
        if not (arch and self.features.native_emitter):
            return None
        return arch_name(arch)

    def load_native(self, name: str):
        if name == "builtins":  # writable: overriding a builtin affects every module
            return Module("builtins", self.builtins)
        attrs, exports = native.build_module_attrs(name, self.context)
        ns: dict[str, object] = {"__name__": name}
        ns.update(attrs)
        mod = NativeModule(name, ns)
        if exports is not None:
            ns["__mpt_exports__"] = exports
        return mod


__all__ = ["Runtime", "MptError", "sys"]

"""The guest's `weakref` module (ref and finalize) with MicroPython's collection timing.

MicroPython frees an unreachable object only when the collector runs, and then calls the
callbacks of its weak references (py/modweakref.c): finalizers first, newest first, then
ref callbacks, newest first; a ref that is itself garbage is unlinked without a call; a
callback's exception is printed after "Unhandled exception in weakref callback:" and
swallowed. The host frees objects as soon as their last reference goes, so the registry
here holds every weakly referenced object strongly between collections; gc.collect() lets go
of them, has the host collect, sees which ones died (a host weak reference, or for objects
the host cannot weakly reference, a reference count showing only the registry's own hold),
takes the survivors back and runs the callbacks of the dead.
"""

from __future__ import annotations

import gc as host_gc
import sys
import types
import weakref as host_weakref

from mpt.runtime.library.guestclass import copy_class
from mpt.runtime.vm.objects import GUEST_TYPES
from mpt.runtime.vm.exceptions import fix_exception

REGISTRY_KEY = "weakref_registry"
_SMALL_INT = range(-(1 << 30), 1 << 30)  # small ints are not heap objects on 32-bit ports


def _is_heap_object(obj) -> bool:
    """False for what MicroPython keeps outside the heap (immediates and ROM objects)."""
    if obj is None or obj is Ellipsis or obj is NotImplemented or type(obj) is bool:
        return False
    if type(obj) is int and obj in _SMALL_INT:
        return False
    if obj == () and type(obj) is tuple or obj == "" and type(obj) is str:
        return False
    if isinstance(obj, type) and obj not in GUEST_TYPES:
        return False  # built-in types live in ROM
    if isinstance(obj, (types.BuiltinFunctionType, types.ModuleType)):
        return False
    return True


class _Entry:
    """The weak references to one heap object, in MicroPython's list order."""

    __slots__ = ("strong", "weak", "nodes")

    def __init__(self, obj):
        self.strong = obj
        try:
            self.weak = host_weakref.ref(obj)
        except TypeError:
            self.weak = None
        self.nodes: list = []  # finalize objects, then host weak refs to ref objects

    def add(self, node) -> None:
        if isinstance(node, _FinalizeBase):
            self.nodes.insert(0, node)
        else:
            fins = sum(1 for n in self.nodes if isinstance(n, _FinalizeBase))
            self.nodes.insert(fins, host_weakref.ref(node))

    def remove(self, node) -> None:
        for i, n in enumerate(self.nodes):
            if n is node or (type(n) is host_weakref.ReferenceType and n() is node):
                del self.nodes[i]
                return

    def live_nodes(self) -> list:
        out = []
        for n in self.nodes:
            if type(n) is host_weakref.ReferenceType:
                n = n()
                if n is None:
                    continue
            out.append(n)
        return out


class Registry:
    def __init__(self, report):
        self.entries: dict[int, _Entry] = {}
        self.report = report

    def entry_for(self, obj) -> _Entry:
        entry = self.entries.get(id(obj))
        if entry is None or entry.strong is not obj:
            entry = self.entries[id(obj)] = _Entry(obj)
        return entry

    def forget(self, node, obj) -> None:
        entry = self.entries.get(id(obj))
        if entry is not None and entry.strong is obj:
            entry.remove(node)
            if not entry.nodes:
                del self.entries[id(obj)]

    def collect(self) -> None:
        """gc.collect(): free what nothing else holds, then run the dead ones' callbacks."""
        held = []
        for entry in self.entries.values():
            if entry.weak is not None:
                entry.strong = None
            else:
                held.append(entry)
        host_gc.collect()
        dead = []
        for key, entry in list(self.entries.items()):
            if entry.weak is not None:
                entry.strong = entry.weak()
                alive = entry.strong is not None
            else:
                # the registry's own reference and getrefcount's argument
                alive = sys.getrefcount(entry.strong) > 2
            if not alive:
                dead.append(entry)
                del self.entries[key]
        for entry in dead:
            entry.strong = None
            for node in entry.live_nodes():
                node._fire(self.report)


def registry_for(ctx) -> Registry | None:
    return ctx.extra.get(REGISTRY_KEY)


def collect_weakly_referenced(ctx) -> None:
    registry = registry_for(ctx)
    if registry is not None:
        registry.collect()
    else:
        host_gc.collect()


class _FinalizeBase:
    pass


def _check_heap_object(obj) -> None:
    if not _is_heap_object(obj):
        raise TypeError("not a heap object")


class _Ref:
    # each interpreter's weakref.ref is a copy naming its registry (make_module)
    _registry: Registry

    __slots__ = ("_entry", "_callback", "__weakref__")

    def __init__(self, obj, callback=None):
        _check_heap_object(obj)
        self._callback = callback
        self._entry = self._registry.entry_for(obj)
        self._entry.add(self)

    def __call__(self):
        entry = self._entry
        return None if entry is None else entry.strong

    def _fire(self, report_error):
        self._entry = None
        if self._callback is not None:
            try:
                self._callback(self)
            except Exception as exc:  # noqa: BLE001 - printed as MicroPython does
                report_error(exc)

    def __repr__(self):
        return "<ref>"

class _Finalize(_FinalizeBase):
    # each interpreter's weakref.finalize is a copy naming its registry (make_module)
    _registry: Registry

    __slots__ = ("_entry", "_func", "_args", "_kwargs")

    def __init__(self, obj, func, *args, **kwargs):
        _check_heap_object(obj)
        self._func = func
        self._args = args
        self._kwargs = kwargs
        self._entry = self._registry.entry_for(obj)
        self._entry.add(self)

    def _detach(self):
        entry = self._entry
        if entry is not None:
            self._entry = None
            self._registry.forget(self, entry.strong)

    def __call__(self):
        if self._entry is None:
            return None
        self._detach()
        return self._func(*self._args, **self._kwargs)

    def _fire(self, report_error):
        self._entry = None
        try:
            self._func(*self._args, **self._kwargs)
        except Exception as exc:  # noqa: BLE001
            report_error(exc)

    @property
    def alive(self):
        return self._entry is not None

    def _info(self):
        return (self._entry.strong, self._func, tuple(self._args), dict(self._kwargs))

    def peek(self):
        return None if self._entry is None else self._info()

    def detach(self):
        if self._entry is None:
            return None
        info = self._info()
        self._detach()
        return info

    def __repr__(self):
        return "<finalize>"


def make_module(ctx):
    interp = ctx.interpreter

    def report(exc):
        exc = fix_exception(exc, interp.runtime.guest_oserror)
        interp.write_stdout("Unhandled exception in weakref callback:\n"
                            + interp.format_exception(exc))

    registry = ctx.extra.setdefault(REGISTRY_KEY, Registry(report))

    return {"ref": copy_class(_Ref, "ref", _registry=registry),
            "finalize": copy_class(_Finalize, "finalize", _registry=registry)}

"""The native-module API: how host Python code provides modules that guest code imports.

Guest values *are* host values (int, str, list, dict, bytes, ... and instances of host
classes), so a native module is just a set of named host objects:

* plain Python functions take and return guest values; raising a builtin exception
  (``ValueError("bad pin")``, ``OSError(errno.ENODEV)``) raises it in the guest;
* host classes are guest types: ``Pin(5)`` calls the class, methods are plain methods;
  attributes whose names start with ``_`` stay invisible to the guest (the sandbox rule);
* guest functions are host callables: call them through ``ctx.call_guest(fn, *args)``,
  which also handles interrupts and reports guest exceptions as MicroPython would.

A module is registered under its import name with a factory receiving the
:class:`RuntimeContext` of the interpreter importing it (each interpreter gets fresh module
instances). Factories return a dict of attributes (or a :class:`ModuleSpec`)::

    # mpt/runtime/board/guest/machine.py
    from mpt.runtime.vm.native import register

    def make_machine(ctx):
        class Pin:
            OUT = 1
            def __init__(self, n, mode=-1):
                self._line = ctx.board.pins.line(n)
            def value(self, v=None):
                ...
        return {"Pin": Pin, "freq": lambda *a: 240_000_000}

    register("machine", make_machine)

or, to keep startup fast,
``register_lazy("machine", "mpt.runtime.board.guest.machine:make_module")`` (the module is
imported the first time a guest imports ``machine``).

The context gives: ``ctx.board`` (the emulated board or None), ``ctx.clock`` (the board clock
or None), ``ctx.vfs`` (the guest's file system: the library's mount table),
``ctx.write_stdout(text)``, ``ctx.read_stdin(n)``, ``ctx.call_guest(fn, *args)``,
``ctx.format_exception(exc)`` (the MicroPython traceback text of a guest exception),
``ctx.interpreter`` and ``ctx.extra`` (a dict for board-specific state shared between modules).
"""

from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from typing import Any, Callable

from mpt.runtime.vm.features import DEFAULT as DEFAULT_FEATURES, Features


@dataclass
class ModuleSpec:
    """What a factory may return instead of a plain dict."""

    attrs: dict[str, Any]
    # Names visible to `from m import *` (default: the ones not starting with "_").
    exports: list[str] | None = None


@dataclass
class RuntimeContext:
    """What native modules may use from the interpreter running the guest."""

    interpreter: Any
    vfs: Any = None
    board: Any = None
    clock: Any = None
    features: Features = DEFAULT_FEATURES  # the firmware build's language/library switches
    extra: dict[str, Any] = field(default_factory=dict)

    def write_stdout(self, text: str) -> None:
        self.interpreter.write_stdout(text)

    def read_stdin(self, n: int = -1) -> str:
        return self.interpreter.read_stdin(n)

    def call_guest(self, fn: Callable, *args, **kwargs):
        """Call a guest callable from host code (e.g. an IRQ handler) and return its result."""
        return self.interpreter.call_guest(fn, *args, **kwargs)

    def format_exception(self, exc: BaseException) -> str:
        return self.interpreter.format_exception(exc)


Factory = Callable[[RuntimeContext], "dict[str, Any] | ModuleSpec"]

_FACTORIES: dict[str, Factory] = {}
_LAZY: dict[str, str] = {}


def register(name: str, factory: Factory) -> None:
    """Make ``import name`` in the guest build the module with ``factory(ctx)``."""
    _FACTORIES[name] = factory
    _LAZY.pop(name, None)


def register_lazy(name: str, target: str) -> None:
    """Like :func:`register`, with the factory named as ``"package.module:function"``."""
    if name not in _FACTORIES:
        _LAZY[name] = target


# MicroPython's "extensible" built-in modules: `import ufoo` reaches each of these as `foo`
# (the same module object); the others (math, cmath, micropython...) have no u-alias.
EXTENSIBLE = frozenset("""array binascii bluetooth collections cryptolib errno hashlib heapq io
json machine os platform random re select socket ssl string struct time websocket""".split())


def alias_target(name: str) -> str | None:
    """The module that ``import name`` reaches through a u-prefix alias, if any."""
    if name == "usys":  # sys is not extensible, but keeps this one alias
        return "sys"
    if name.startswith("u") and name[1:] in EXTENSIBLE and factory_for(name[1:]) is not None:
        return name[1:]
    return None


def factory_for(name: str) -> Factory | None:
    factory = _FACTORIES.get(name)
    if factory is None and name in _LAZY:
        module_name, attr = _LAZY[name].split(":")
        factory = getattr(importlib.import_module(module_name), attr)
        _FACTORIES[name] = factory
    return factory


def registered_names() -> list[str]:
    return sorted(set(_FACTORIES) | set(_LAZY))


# Which registered modules an interpreter's guest may import: a board's firmware has only
# some of them (rp2 has no `esp32`), and the board decides; without a filter, all of them.
_module_filters: list[Callable[[Any, str], bool]] = []


def register_module_filter(has_module: Callable[[Any, str], bool]) -> None:
    """``has_module(ctx, name)``: whether the guest of ``ctx`` has the built-in ``name``."""
    _module_filters[:] = [has_module]


def has_module(ctx: Any, name: str) -> bool:
    """Whether ``import name`` finds a built-in module in the guest of ``ctx``."""
    if factory_for(name) is None or not ctx.features.has_module(name):
        return False
    return not _module_filters or _module_filters[0](ctx, name)


def available_names(ctx: Any) -> list[str]:
    """The registered modules the guest of ``ctx`` has, sorted."""
    return [name for name in registered_names() if has_module(ctx, name)]


def build_module_attrs(name: str, ctx: RuntimeContext) -> tuple[dict[str, Any], list[str] | None]:
    """Run the factory for ``name``; returns (attrs, exports) or raises KeyError."""
    factory = factory_for(name)
    if factory is None:
        raise KeyError(name)
    if not ctx.features.has_module(name) or _module_filters and not _module_filters[0](ctx, name):
        raise ImportError(f"no module named '{name}'")
    made = factory(ctx)
    if isinstance(made, ModuleSpec):
        return dict(made.attrs), made.exports
    return dict(made), None


# --- what the layers above provide ------------------------------------------------------
# The VM imports nothing above itself: the guest library and the board register the native
# modules (above), the builtins that need them, the frozen packages, the guest's file system
# and the clock guest modules wait on, through the functions below, when they are imported.

BuiltinFactory = Callable[[Any], Any]  # the Runtime -> the builtin's value

_BUILTINS: dict[str, BuiltinFactory | str] = {}


def register_builtin(name: str, factory: BuiltinFactory | str) -> None:
    """Make the builtin ``name`` (``open``, ``help``) ``factory(runtime)`` in each
    interpreter; ``factory`` may be named as ``"package.module:function"`` (imported when
    the first interpreter starts)."""
    _BUILTINS[name] = factory


def registered_builtins(runtime) -> dict[str, Any]:
    """The registered builtins, made for ``runtime``."""
    made = {}
    for name, factory in _BUILTINS.items():
        if isinstance(factory, str):
            module_name, attr = factory.split(":")
            factory = _BUILTINS[name] = getattr(importlib.import_module(module_name), attr)
        made[name] = factory(runtime)
    return made


@dataclass(frozen=True)
class FrozenSource:
    """The Python packages frozen into the firmware (the ``.frozen`` entry of sys.path).

    ``find(parts)`` gives ``(location, is_package, display_name)`` or None;
    ``compiled(location, display_name)`` the compiled module; ``display_name(location)``
    the name tracebacks show for a location.
    """

    find: Callable[[list[str]], Any]
    compiled: Callable[[str, str], Any]
    display_name: Callable[[str], str]


_frozen: list[FrozenSource] = []


def register_frozen(source: FrozenSource) -> None:
    _frozen[:] = [source]


def frozen_source() -> FrozenSource | None:
    return _frozen[0] if _frozen else None


_file_system: list[Callable[[Any], Any]] = []


def register_file_system(wrap: Callable[[Any], Any]) -> None:
    """``wrap(vfs)`` turns the file system an interpreter is given (or None) into the one the
    guest sees (the library's mount table); without one the given object is used as it is."""
    _file_system[:] = [wrap]


def guest_file_system(vfs):
    return _file_system[0](vfs) if _file_system else vfs


_stream_writers: list[Callable[[Any], Any]] = []


def register_stream_writer(writer_for: Callable[[Any], Any]) -> None:
    """``writer_for(obj)`` gives the callable print(file=obj) writes each piece of text with
    when ``obj`` is a stream of the library's (a guest io.IOBase subclass), else None (print
    then calls ``obj.write``)."""
    _stream_writers[:] = [writer_for]


def stream_writer(obj):
    return _stream_writers[0](obj) if _stream_writers else None


_clock_sources: list[Callable[[RuntimeContext], Any]] = []


def register_clock_source(source: Callable[[RuntimeContext], Any]) -> None:
    """``source(ctx)`` gives the clock guest modules wait on for this interpreter (the board
    attaches its hardware to it), or None to use ``ctx.clock``."""
    _clock_sources[:] = [source]


def clock_for(ctx: RuntimeContext):
    """The clock guest code waits on: the registered source's, else ``ctx.clock`` (may be None)."""
    if _clock_sources:
        clock = _clock_sources[0](ctx)
        if clock is not None:
            return clock
    return ctx.clock

"""The state of one running guest program: builtins, modules, import system, class creation.

Import search order (MicroPython's): already imported (``sys.modules``), built-in modules
(the native-module registry, see mpt.runtime.vm.native), then every ``sys.path`` entry. The
empty entry means the script's folder (a host folder given to the interpreter); other entries
are paths on the board's file system (the VFS); ``.frozen`` holds the Python packages shipped
in mpt as firmware freezes them (asyncio: mpt.runtime.library.frozen registers them). In each
place ``name.py``, ``name.mpy`` and the package ``name/__init__.py`` (or ``__init__.mpy``) are looked
for. No host Python module is ever importable.
"""

from __future__ import annotations

import os
import posixpath
import sys
import threading
import types

from mpt.errors import CompileError, MptError
from mpt.mpy.mpyfile import read_mpy
from mpt.runtime.vm import mpsuper, native
from mpt.runtime.vm.compile_errors import guest_compile_error
from mpt.runtime.vm.helpers import GUEST_DEL, make_helpers
from mpt.runtime.vm.loader import ModuleLoader
from mpt.runtime.vm.objects import GUEST_TYPES, Module, NativeModule, register_guest_type


SCHEDULER_DEPTH = 4  # MicroPython's default MICROPY_SCHEDULER_DEPTH
# Built-in modules MicroPython registers as extensible: `import ufoo` gives the built-in foo
# itself (py/objmodule.c), as does `import usys`.
U_ALIASED = frozenset(("array", "binascii", "collections", "errno", "hashlib", "heapq", "io",
                       "json", "machine", "os", "platform", "random", "re", "select", "socket",
                       "struct", "time", "sys", "cryptolib", "websocket"))


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


def _module_part_ok(part: str) -> bool:
    """Whether one dotted component of a module name can name a module (no path syntax)."""
    return (bool(part) and part not in (".", "..") and "/" not in part and "\\" not in part
            and "\0" not in part and (os.sep == "/" or os.sep not in part))


class _PerThread(threading.local):
    """Guest state each thread (the _thread module's) has its own of."""

    def __init__(self):
        self.class_locals: list[dict] = []  # the namespaces of the class bodies running


class Runtime:
    def __init__(self, interpreter, *, script_dir: str | None, vfs, compiler,
                 builtins_factory):
        self.interpreter = interpreter
        self.script_dir = script_dir
        self.vfs = native.guest_file_system(vfs)  # the library's mount table: os.mount() changes it
        self.compiler = compiler
        self._per_thread = _PerThread()
        self.interrupt_cell = types.CellType(None)
        self.interrupt_pending = False
        # what the cell holds when nothing is pending: None, or while guest threads run
        # (the _thread module) the function that lets them take turns
        self.idle_check = None
        self.threads = None  # the guest's threads once _thread started one
        self.scheduled: list = []
        self.scheduler_locked = False
        self.opt_level = 0  # micropython.opt_level(): applies to code compiled from now on
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
        self.context = native.RuntimeContext(interpreter=interpreter, vfs=self.vfs)
        builtins_factory(self)  # fills self.builtins, sets guest_oserror
        self.helpers = make_helpers(self)

    @property
    def class_locals(self) -> list[dict]:
        return self._per_thread.class_locals

    # --- interrupts ---------------------------------------------------------------------

    def request_interrupt(self) -> None:
        self.interrupt_pending = True
        self.interrupt_cell.cell_contents = self._handle_pending

    def schedule(self, fn, arg) -> None:
        """micropython.schedule(): run fn(arg) at the guest's next check point."""
        if len(self.scheduled) >= SCHEDULER_DEPTH:
            raise RuntimeError("schedule queue full")
        self.scheduled.append((fn, arg))
        if not self.scheduler_locked:
            self.interrupt_cell.cell_contents = self._handle_pending

    def rearm(self) -> None:
        """Nothing is pending any more: the cell goes back to its idle value."""
        self.interrupt_cell.cell_contents = self.idle_check

    def _handle_pending(self) -> None:
        """Called by translated code at backward jumps when something is pending."""
        self.interrupt_cell.cell_contents = self.idle_check
        if self.interrupt_pending:
            threads = self.threads
            if threads is None or threads.on_main():  # Ctrl-C goes to the main thread
                self.interrupt_pending = False
                raise KeyboardInterrupt()
            self.interrupt_cell.cell_contents = self._handle_pending
            threads.tick()
        if self.scheduler_locked:
            return
        self.scheduler_locked = True
        try:
            while self.scheduled:
                fn, arg = self.scheduled.pop(0)
                fn(arg)
        finally:
            self.scheduler_locked = False
            if self.scheduled or self.interrupt_pending:
                self.interrupt_cell.cell_contents = self._handle_pending

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
        cls = meta(name, bases, namespace)
        if slots is not None:
            cls.__slots__ = slots  # visible, without restricting the instances
        _no_reflected_ordering(cls)
        mpsuper.note_class(cls)
        register_guest_type(cls)
        if isinstance(cell, types.CellType):
            cell.cell_contents = cls
        return cls

    # --- modules ------------------------------------------------------------------------

    def new_module_namespace(self, name: str, filename: str | None = None) -> dict:
        ns = {"__name__": name, "__builtins__": self.builtins}
        if filename is not None:
            ns["__file__"] = filename
        return ns

    def exec_compiled(self, compiled, namespace: dict, locals_dict=None):
        loader = ModuleLoader(self, compiled, namespace)
        if locals_dict is None or locals_dict is namespace:
            return loader.root_function()()
        body = loader.root_function("dict")
        self.class_locals.append(locals_dict)
        try:
            return body()
        finally:
            self.class_locals.pop()

    def compile_source(self, source: str, filename: str, input_kind: str = "file"):
        """Compile guest source; ``input_kind`` "eval" or "single" as compile() asks."""
        if self.compiler is None:
            raise ImportError("no compiler available for .py modules")
        kwargs = {}
        if self.opt_level:
            kwargs["opt_level"] = self.opt_level
        if input_kind != "file":
            kwargs["input_kind"] = input_kind
        return self.compiler(source, filename, **kwargs)

    def load_native(self, name: str):
        if name == "builtins":  # writable: overriding a builtin affects every module
            return Module("builtins", self.builtins)
        attrs, exports = native.build_module_attrs(name, self.context)
        ns = {"__name__": name}
        ns.update(attrs)
        mod = NativeModule(name, ns)
        if exports is not None:
            ns["__mpt_exports__"] = exports
        return mod

    def _find_source(self, parts: list[str]):
        """(kind, location, is_package, loader) for a module in the search path, or None."""
        if not all(_module_part_ok(p) for p in parts):
            return None  # never a path: "no module named ..." whatever exists on the host
        for entry in self.path:
            if entry == "":
                # The current directory: the host folder of the script being run (mpt run),
                # then the board's current directory, as on a board.
                found = self._find_in_script_dir(parts)
                if found is None and self.vfs is not None:
                    found = self._find_in_vfs("", parts)
            elif entry == ".frozen":
                frozen = native.frozen_source()
                found = frozen.find(parts) if frozen is not None else None
                if found is not None:
                    found = ("py", found[0], found[1], "frozen")
            elif entry in self.host_dirs:
                found = self._find_in_host_dir(entry, parts)
            elif self.vfs is not None and entry.startswith("/"):
                found = self._find_in_vfs(entry, parts)
            else:
                found = None
            if found is not None:
                return found
        return None

    def _find_in_script_dir(self, parts: list[str]):
        if self.script_dir is None:
            return None
        return self._find_in_host_dir(self.script_dir, parts)

    def _find_in_host_dir(self, directory: str, parts: list[str]):
        found = self._find_in_host_dir_unchecked(directory, parts)
        if found is not None:
            # a symlink in the folder must not lead the import outside it
            root = os.path.realpath(directory)
            real = os.path.realpath(found[1])
            if real != root and not real.startswith(root + os.sep):
                return None
        return found

    @staticmethod
    def _find_in_host_dir_unchecked(directory: str, parts: list[str]):
        base = os.path.join(directory, *parts)
        for suffix, kind in ((".py", "py"), (".mpy", "mpy")):
            if os.path.isfile(base + suffix):
                return kind, base + suffix, False, "host"
        for suffix, kind in ((".py", "py"), (".mpy", "mpy")):  # .py first, as on a board
            init = os.path.join(base, "__init__" + suffix)
            if os.path.isfile(init):
                return kind, init, True, "host"
        if os.path.isdir(base):
            return "ns", base, True, "host"
        return None

    def _find_in_vfs(self, directory: str, parts: list[str]):
        base = posixpath.join(directory, *parts)
        for suffix, kind in ((".py", "py"), (".mpy", "mpy")):
            if self._vfs_isfile(base + suffix):
                return kind, base + suffix, False, "vfs"
        for suffix, kind in ((".py", "py"), (".mpy", "mpy")):
            if self._vfs_isfile(base + "/__init__" + suffix):
                return kind, base + "/__init__" + suffix, True, "vfs"
        if self._vfs_mode(base) & 0x4000:  # a directory imports as a package, as on a board
            return "ns", base, True, "vfs"
        return None

    def _vfs_mode(self, path: str) -> int:
        return self.vfs.import_stat(path)

    def _vfs_isfile(self, path: str) -> bool:
        return bool(self._vfs_mode(path) & 0x8000)

    def _read(self, location: str, where: str) -> bytes:
        if where == "host":
            with open(location, "rb") as f:
                return f.read()
        f = self.vfs.open(location, "rb")
        try:
            return f.read()
        finally:
            f.close()

    def _load_one(self, fullname: str):
        mod = self.modules.get(fullname)
        if mod is not None:
            return mod
        mod = self.native_modules.get(fullname)
        if mod is not None:
            return mod
        if fullname[:1] == "u" and fullname[1:] in U_ALIASED and \
                native.factory_for(fullname[1:]) is not None:
            mod = self._load_one(fullname[1:])
            self.native_modules[fullname] = mod
            return mod
        if native.factory_for(fullname) is not None:
            mod = self.load_native(fullname)
            self.native_modules[fullname] = mod
            return mod
        target = native.alias_target(fullname)
        if target is not None:  # `import ujson` is `import json`
            return self._load_one(target)
        found = self._find_source(fullname.split("."))
        if found is None:
            raise ImportError(f"no module named '{fullname}'")
        kind, location, is_package, where = found
        display = self._display_name(location, where)
        ns = self.new_module_namespace(fullname, display)
        mod = Module(fullname, ns)
        if is_package:
            ns["__path__"] = display.rsplit("/", 1)[0] if kind != "ns" else display
        if kind == "ns":
            ns.pop("__file__", None)
            self.modules[fullname] = mod
            return mod
        if where == "frozen":
            compiled = native.frozen_source().compiled(location, display)
        elif kind == "mpy":
            compiled = read_mpy(self._read(location, where))
        else:
            try:
                compiled = self.compile_source(self._read(location, where).decode(
                    "utf-8", "replace"), display)
            except CompileError as exc:
                raise guest_compile_error(exc) from None
        self.modules[fullname] = mod
        try:
            self.exec_compiled(compiled, ns)
        except BaseException:
            self.modules.pop(fullname, None)
            raise
        return mod

    def _display_name(self, location: str, where: str) -> str:
        if where == "frozen":
            return native.frozen_source().display_name(location)
        if where == "host" and self.script_dir is not None:
            rel = os.path.relpath(location, self.script_dir)
            if not rel.startswith(os.pardir):  # else from a host folder of sys.path: as found
                return rel.replace(os.sep, "/")
        return location

    def import_name(self, name: str, fromlist, level, globals_dict):
        imp = self.builtins.get("__import__")
        if imp is not None and imp is not self.default_import:
            return imp(name, globals_dict, None, fromlist, level)
        return self.import_module(name, fromlist, level, globals_dict)

    def import_module(self, name: str, fromlist, level, globals_dict):
        level = level or 0
        if level > 0:
            pkg = globals_dict.get("__name__", "")
            if "__path__" not in globals_dict:
                pkg = pkg.rpartition(".")[0]
            for _ in range(level - 1):
                pkg = pkg.rpartition(".")[0]
            if not pkg:
                raise ImportError("can't perform relative import")
            name = f"{pkg}.{name}" if name else pkg
        parts = name.split(".")
        if "" in parts:
            raise ImportError(f"no module named '{name}'")
        top = None
        mod = None
        for i in range(len(parts)):
            fullname = ".".join(parts[: i + 1])
            if i and type(mod) is NativeModule and isinstance(mod.__dict__.get(parts[i]), Module):
                mod = mod.__dict__[parts[i]]  # a built-in's submodule (e.g. string.templatelib)
                continue
            mod = self._load_one(fullname)
            if i == 0:
                top = mod
            else:
                parent = self._load_one(".".join(parts[:i]))
                try:
                    setattr(parent, parts[i], mod)
                except (AttributeError, TypeError):
                    pass
        if fromlist is None or fromlist == () or level > 0 and not fromlist:
            return top if level == 0 else mod
        return mod

    def import_from(self, mod, name: str):
        try:
            return getattr(mod, name)
        except AttributeError:
            pass
        d = getattr(mod, "__dict__", {})
        if "__path__" in d:
            try:
                return self._load_one(f"{d['__name__']}.{name}")
            except ImportError:
                pass
        raise ImportError(f"can't import name {name}")

    def import_star(self, mod, target: dict) -> None:
        d = mod.__dict__
        exports = d.get("__mpt_exports__") if isinstance(d, dict) else None
        names = getattr(mod, "__all__", None)
        if names is not None:
            for k in names:
                target[k] = getattr(mod, k)
            return
        if exports is None:
            exports = [k for k in d if not k.startswith("_")]
        for k in exports:
            target[k] = d[k]


__all__ = ["Runtime", "MptError", "sys"]

"""The import system, as MicroPython's py/builtinimport.c and py/runtime.c model it.

Importing ``a.b.c`` imports each level in turn. A level already in ``sys.modules`` is taken
from there (unless ``sys.path`` is empty: that asks for a built-in). A top-level name is
then, in this order: a non-extensible built-in module (``sys``, ``micropython``, ``math``,
... and every ``u``-prefixed alias of an extensible one), a module found along ``sys.path``,
an extensible built-in (``os``, ``time``, ``collections``, ... : MicroPython's
MP_REGISTER_EXTENSIBLE_MODULE ones, which a file of the same name on the path extends). A
submodule is a module inside a built-in package, else found in its parent's ``__path__``
and set as an attribute of the parent (only when it is first loaded).

A module is found at a guest path ``P`` (a ``sys.path`` entry joined with the name by
``/``, or a package's ``__path__`` joined with the name): the folder ``P`` (a package,
with or without ``__init__.py``/``__init__.mpy``), else ``P.py``, else ``P.mpy``. Its
``__file__`` is that path, its ``__path__`` (a package) is ``P``. Where a guest path leads:

* ``.frozen/...``: the frozen packages (native.frozen_source());
* under a host folder of ``sys.path`` (mpt-micropython's MICROPYPATH, its script folder):
  that host folder;
* another relative path: the script's host folder, then the board's current directory;
* an absolute path: the board's file system.

No host Python module is ever importable, and no host file outside the folders given.
"""

from __future__ import annotations

import os
from typing import Any, Callable, NamedTuple

from mpt.errors import CompileError, MpyFormatError
from mpt.mpy.mpyfile import read_mpy
from mpt.runtime.vm.viper import check_mpy_header
from mpt.runtime.vm import native
from mpt.runtime.vm.compile_errors import guest_compile_error
from mpt.runtime.vm.objects import Module, NativeModule, guest_type_name
from mpt.hostfiles import MPY, SOURCE, read_input
from mpt.runtime.vm.qstrlimit import interned

FROZEN = ".frozen"
MISSING = object()


class Found(NamedTuple):
    """A module found on the file system: kind "py", "mpy" or "ns" (a folder without
    __init__), the host/VFS location of its code, where that is ("host", "vfs", "frozen"),
    its ``__file__`` (None for "ns") and, for a package, its ``__path__``."""

    kind: str
    location: str
    where: str
    file: str | None
    path: str | None


def module_part_ok(part: str) -> bool:
    """Whether one dotted component of a module name can name a module (no path syntax)."""
    return (bool(part) and part not in (".", "..") and "/" not in part and "\\" not in part
            and "\0" not in part and (os.sep == "/" or os.sep not in part))


def load_attr_maybe(obj, name: str):
    """``obj.name`` as MicroPython's mp_load_method_maybe reads it, MISSING when absent. A
    module's own __getattr__ is consulted for any missing name but itself; what it raises
    propagates."""
    if isinstance(obj, Module):
        d = obj.__dict__
        if name in d:
            return d[name]
        if name == "__dict__":
            return d
        hook = d.get("__getattr__") if name != "__getattr__" else None
        return MISSING if hook is None else hook(name)
    try:
        return getattr(obj, name)
    except AttributeError:
        return MISSING


def _guest_str(value) -> str:
    if not isinstance(value, str):
        raise TypeError(f"can't convert '{guest_type_name(type(value))}' object to str "
                        "implicitly")
    return value


class Importer:
    """The import half of the Runtime (a mixin: it uses the runtime's ``path``,
    ``host_dirs``, ``script_dir``, ``vfs``, ``modules``, ``native_modules``, ``builtins``,
    ``compile_source``, ``exec_compiled``, ``load_native``, ``new_module_namespace``,
    ``native_arch``)."""

    # what the runtime provides (declared here for the type checker, set by Runtime)
    path: list[str]
    host_dirs: frozenset[str]
    script_dir: str | None
    vfs: Any  # the guest's file system (native.guest_file_system), or None
    modules: dict[str, object]
    native_modules: dict[str, object]
    builtins: dict
    default_import: object
    context: native.RuntimeContext
    compile_source: Callable[[str, str], object]
    exec_compiled: Callable[[object, dict], object]
    load_native: Callable[[str], object]
    new_module_namespace: Callable[[str], dict]
    native_arch: Callable[[], str | None]

    # --- the three entry points the translated code calls ---------------------------------

    def import_name(self, name: str, fromlist, level, globals_dict):
        """IMPORT_NAME: builtins.__import__ if the guest replaced it, else the default."""
        imp = self.builtins.get("__import__")
        if imp is not None and imp is not self.default_import:
            return imp(name, globals_dict, None, fromlist, level)
        return self.import_module(name, fromlist, level, globals_dict)

    def import_module(self, name, fromlist, level, globals_dict):
        """builtins.__import__ (MicroPython's mp_builtin___import___default)."""
        level = level or 0
        if level < 0:
            raise ValueError()
        name = _guest_str(name)
        if level > 0:
            if globals_dict is None:
                globals_dict = {}
            elif not isinstance(globals_dict, dict):
                raise TypeError()
            name = self._absolute_name(name, level, globals_dict)
        if not name:
            raise ValueError()
        parts = name.split(".")
        top = outer = None
        for i, part in enumerate(parts):
            fullname = interned(".".join(parts[:i + 1]))  # each level's name is a qstr
            outer = self._import_level(fullname, part, outer)
            if top is None:
                top = outer
        return top if fromlist is None else outer

    def import_from(self, mod, name: str):
        """IMPORT_FROM: the attribute, else the package's submodule."""
        value = load_attr_maybe(mod, name)
        if value is not MISSING:
            return value
        if load_attr_maybe(mod, "__path__") is MISSING:
            raise ImportError(f"can't import name {name}")
        package = _guest_str(load_attr_maybe(mod, "__name__"))
        return self.import_name(f"{package}.{name}", True, 0, None)

    def import_star(self, mod, target: dict) -> None:
        """IMPORT_STAR: the names of ``__all__`` (read through the module's __getattr__ if
        it has one), else every public name of the module's dict."""
        try:
            names = load_attr_maybe(mod, "__all__")
        except AttributeError:
            names = MISSING
        if names is not MISSING:
            if not isinstance(names, (tuple, list)):
                raise TypeError(f"object '{guest_type_name(type(names))}' isn't a tuple or list")
            for key in names:
                key = _guest_str(key)
                value = load_attr_maybe(mod, key)
                if value is MISSING:
                    getattr(mod, key)  # the module's own AttributeError
                target[key] = value
            return
        d = mod.__dict__
        exports = d.get("__mpt_exports__")
        if exports is None:
            exports = [k for k in d if not k.startswith("_")]
        for key in exports:
            target[key] = d[key]

    # --- one level of a dotted name --------------------------------------------------------

    @staticmethod
    def _absolute_name(name: str, level: int, globals_dict: dict) -> str:
        pkg = globals_dict.get("__name__", "")
        if pkg == "__main__" and "__main__" in globals_dict:
            pkg = globals_dict["__main__"]  # a module run with -m: its real name
        if "__path__" not in globals_dict:
            pkg = pkg.rpartition(".")[0]
        for _ in range(level - 1):
            pkg = pkg.rpartition(".")[0]
        if not pkg:
            raise ImportError("can't perform relative import")
        return f"{pkg}.{name}" if name else pkg

    def _import_level(self, fullname: str, name: str, outer):
        if len(self.path):  # an empty sys.path forces the built-in: loaded modules are skipped
            mod = self.modules.get(fullname)
            if mod is not None:
                return mod
        if outer is None:
            mod = self.builtin_module(name, extensible=False)
            if mod is not None:
                return mod
            found = self._find_top_level(name) if module_part_ok(name) else None
            if found is None:
                mod = self.builtin_module(name, extensible=True)
                if mod is not None:
                    return mod
        else:
            if type(outer) is NativeModule:  # a built-in package (string.templatelib)
                sub = outer.__dict__.get(name)
                if isinstance(sub, Module):
                    return sub
            path = load_attr_maybe(outer, "__path__")
            found = None
            if path is not MISSING and module_part_ok(name):
                found = self._stat_module(f"{_guest_str(path)}/{name}")
        if found is None:
            raise ImportError(f"no module named '{fullname}'")
        mod = self._load(fullname, found)
        if outer is not None:
            setattr(outer, name, mod)
        return mod

    def builtin_module(self, name: str, *, extensible: bool):
        """A built-in module: the non-extensible ones (and the u-aliases of extensible
        ones), or the extensible ones; None if there is none of that kind."""
        if extensible:
            if name not in native.EXTENSIBLE:
                return None
        else:
            if name in native.EXTENSIBLE:
                return None
            target = native.alias_target(name)
            if target is not None and native.has_module(self.context, target):
                return self.builtin_module(target, extensible=target in native.EXTENSIBLE)
        mod = self.native_modules.get(name)
        # the built-ins this board's firmware has (native.has_module: the board's modules
        # and the firmware's feature switches)
        if mod is None and native.has_module(self.context, name):
            mod = self.native_modules[name] = self.load_native(name)
        return mod

    def _load(self, fullname: str, found: Found):
        ns = self.new_module_namespace(fullname)
        if found.path is not None:
            ns["__path__"] = found.path
        if found.file is not None:
            ns["__file__"] = found.file
        mod = Module(fullname, ns)
        self.modules[fullname] = mod
        if found.kind == "ns":
            return mod
        try:
            if found.where == "frozen":
                frozen = native.frozen_source()
                assert frozen is not None and found.file is not None  # (how it was found)
                compiled = frozen.compiled(found.location, found.file)
            elif found.kind == "mpy":
                data = self._read(found.location, found.where)
                check_mpy_header(data, self.native_arch())
                try:
                    compiled = read_mpy(data)
                except MpyFormatError:  # a corrupt file: the guest's error, as the firmware's
                    raise ValueError("incompatible .mpy file") from None
            else:
                source = self._read(found.location, found.where).decode("utf-8", "replace")
                assert found.file is not None  # (only a namespace package has none)
                try:
                    compiled = self.compile_source(source, found.file)
                except CompileError as exc:
                    raise guest_compile_error(exc) from None
            self.exec_compiled(compiled, ns)
        except BaseException:
            self.modules.pop(fullname, None)
            raise
        return mod

    # --- finding a module ------------------------------------------------------------------

    def _find_top_level(self, name: str) -> Found | None:
        for entry in self.path:
            entry = _guest_str(entry)
            found = self._stat_module(f"{entry}/{name}" if entry else name)
            if found is not None:
                return found
        return None

    def _stat_module(self, path: str) -> Found | None:
        """The package folder ``path``, else ``path.py``, else ``path.mpy``, in the first
        place ``path`` leads to that has one."""
        for where, root, rel in self._places(path):
            if where == "frozen":
                found = self._stat_frozen(path, rel)
            elif where == "host":
                assert root is not None  # (a host place always has its folder)
                found = self._stat_host(path, root, rel)
            else:
                found = self._stat_vfs(path)
            if found is not None:
                return found
        return None

    def _places(self, path: str) -> list[tuple[str, str | None, str]]:
        """(where, host root, path relative to it) for each place a guest path leads to."""
        if path.startswith(FROZEN + "/"):
            return [("frozen", None, path[len(FROZEN) + 1:])]
        for host in sorted(self.host_dirs, key=len, reverse=True):
            prefix = host.rstrip("/") + "/"
            if path.startswith(prefix):
                return [("host", host, path[len(prefix):])]
        places: list[tuple[str, str | None, str]] = []
        if not path.startswith("/") and self.script_dir is not None:
            places.append(("host", self.script_dir, path))
        if self.vfs is not None:
            places.append(("vfs", None, path))
        return places

    @staticmethod
    def _stat_frozen(path: str, rel: str) -> Found | None:
        frozen = native.frozen_source()
        hit = frozen.find(rel.split("/")) if frozen is not None else None
        if hit is None:
            return None
        location, is_package, display = hit
        return Found("py", location, "frozen", display, path if is_package else None)

    @staticmethod
    def _stat_host(path: str, root: str, rel: str) -> Found | None:
        base = os.path.join(root, *rel.split("/"))
        found = None
        if os.path.isdir(base):
            found = Found("ns", base, "host", None, path)
            for suffix, kind in ((".py", "py"), (".mpy", "mpy")):
                init = os.path.join(base, "__init__" + suffix)
                if os.path.isfile(init):
                    found = Found(kind, init, "host", f"{path}/__init__{suffix}", path)
                    break
        else:
            for suffix, kind in ((".py", "py"), (".mpy", "mpy")):
                if os.path.isfile(base + suffix):
                    found = Found(kind, base + suffix, "host", path + suffix, None)
                    break
        if found is not None:
            # a symlink or a ".." in the path must not lead the import out of the folder
            real_root = os.path.realpath(root)
            real = os.path.realpath(found.location)
            if real != real_root and not real.startswith(real_root.rstrip(os.sep) + os.sep):
                return None
        return found

    def _stat_vfs(self, path: str) -> Found | None:
        if self.vfs.import_stat(path) & 0x4000:  # a folder is a package, as on a board
            for suffix, kind in ((".py", "py"), (".mpy", "mpy")):
                init = f"{path}/__init__{suffix}"
                if self.vfs.import_stat(init) & 0x8000:
                    return Found(kind, init, "vfs", init, path)
            return Found("ns", path, "vfs", None, path)
        for suffix, kind in ((".py", "py"), (".mpy", "mpy")):
            if self.vfs.import_stat(path + suffix) & 0x8000:
                return Found(kind, path + suffix, "vfs", path + suffix, None)
        return None

    def _read(self, location: str, where: str) -> bytes:
        if where == "host":
            return read_input(location, MPY if location.endswith(".mpy") else SOURCE)
        f = self.vfs.open(location, "rb")
        try:
            return f.read()
        finally:
            f.close()

"""The builtin help() as a board's firmware has it (py/builtinhelp.c): help() prints the
port's text, help('modules') the importable modules in four columns, help(obj) the object,
its type and the names in its module globals or its type's locals dict."""

from __future__ import annotations

from mpt.runtime.library import frozen
from mpt.runtime.vm import native
from mpt.runtime.vm.hashorder import micropython_order
from mpt.runtime.vm.attrfilter import class_dict
from mpt.runtime.library import help_texts
from mpt.runtime.vm.objects import GUEST_TYPES, Module, mp_str

NUM_COLUMNS = 4     # MICROPY_PY_BUILTINS_HELP_NUM_COLUMNS
COLUMN_WIDTH = 18   # MICROPY_PY_BUILTINS_HELP_COLUMN_WIDTH

# The locals dicts of MicroPython's built-in types (py/obj*.c), in their table order.
_BUILTIN_LOCALS = {
    int: (("from_bytes", "<classmethod>"), ("to_bytes", "<function>")),
    list: tuple((n, "<function>") for n in (
        "append", "clear", "copy", "count", "extend", "index", "insert", "pop", "remove",
        "reverse", "sort")),
    dict: tuple((n, "<classmethod>" if n == "fromkeys" else "<function>") for n in (
        "clear", "copy", "fromkeys", "get", "items", "keys", "pop", "popitem", "setdefault",
        "update", "values", "__getitem__", "__setitem__", "__delitem__")),
    tuple: (("count", "<function>"), ("index", "<function>")),
    set: tuple((n, "<function>") for n in (
        "add", "clear", "copy", "discard", "difference", "difference_update", "intersection",
        "intersection_update", "isdisjoint", "issubset", "issuperset", "pop", "remove",
        "symmetric_difference", "symmetric_difference_update", "union", "update",
        "__contains__")),
    str: tuple((n, "<function>") for n in (
        "find", "rfind", "index", "rindex", "join", "split", "splitlines", "rsplit",
        "startswith", "endswith", "strip", "lstrip", "rstrip", "format", "replace", "count",
        "partition", "rpartition", "center", "lower", "upper", "isspace", "isalpha",
        "isdigit", "isupper", "islower", "encode")),
}
_HIDDEN_GLOBALS = ("__builtins__", "__mpt_exports__", "__mpt_setattr__")


def help_text(profile) -> str:
    platform = getattr(profile, "platform", "")
    return help_texts.BY_PLATFORM.get(platform, help_texts.DEFAULT)


def module_names(ctx) -> list[str]:
    """The built-in modules this guest has and the frozen files (as 'asyncio/core'), sorted."""
    builtin = set(native.available_names(ctx)) | {"__main__", "builtins"}
    # u-prefixed aliases of built-ins are not modules of their own on a board
    builtin = {n for n in builtin if not (n[:1] == "u" and n[1:] in builtin)}
    return sorted(builtin | set(frozen.frozen_names()))


def modules_listing(names: list[str]) -> str:
    rows = (len(names) + NUM_COLUMNS - 1) // NUM_COLUMNS
    lines = []
    for i in range(rows):
        cells = names[i::rows]
        line = ""
        for j, cell in enumerate(cells):
            line += cell
            if j < len(cells) - 1:
                gap = COLUMN_WIDTH - len(cell)
                while gap < 1:
                    gap += COLUMN_WIDTH
                line += " " * gap
        lines.append(line)
    return "\n".join(lines) + "\nPlus any modules on the filesystem\n"


def _type_name(obj) -> str:
    text = mp_str(type(obj))  # "<class 'function'>"
    return text[len("<class '"):-2] if text.startswith("<class '") else type(obj).__name__


def _entries(obj, modules):
    if isinstance(obj, Module):
        d = obj.__dict__
        keys = micropython_order(d) if type(obj) is Module else None
        return [(k, mp_str(d[k])) for k in (keys or d) if k not in _HIDDEN_GLOBALS]
    cls = obj if isinstance(obj, type) else type(obj)
    if cls in _BUILTIN_LOCALS:
        return list(_BUILTIN_LOCALS[cls])
    if cls in GUEST_TYPES:
        d = _guest_class_locals(cls, modules)
        keys = micropython_order(d) or d
        return [(k, mp_str(d[k])) for k in keys]
    return []


def _guest_class_locals(cls, modules) -> dict:
    """A class's locals as MicroPython keeps them: the compiler stores __module__ and
    __qualname__ first, then the body's names."""
    home = "__main__"
    for name, mod in modules.items():
        if getattr(mod, "__dict__", {}).get(cls.__name__) is cls:
            home = name
            break
    d = {"__module__": home, "__qualname__": cls.__name__}
    d.update((k, v) for k, v in class_dict(cls).items() if k not in ("__doc__", "__qualname__"))
    return d


def describe(obj, modules: dict) -> str:
    lines = [f"object {mp_str(obj)} is of type {_type_name(obj)}"]
    lines.extend(f"  {name} -- {value}" for name, value in _entries(obj, modules))
    return "\n".join(lines) + "\n"


def make_help(runtime):
    def help(*args):  # noqa: A001 - the guest's builtin
        if len(args) > 1:
            raise TypeError("function expected at most 1 arguments, got %d" % len(args))
        write = runtime.interpreter.write_stdout
        if not args:
            write(help_text(getattr(runtime.context.board, "profile", None)))
        elif type(args[0]) is str and args[0] == "modules":
            write(modules_listing(module_names(runtime.context)))
        else:
            write(describe(args[0], runtime.modules))
        return None
    return help

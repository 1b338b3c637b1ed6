"""The guest's builtins: host builtins where they behave like MicroPython's, our own elsewhere.

``install_builtins(runtime)`` fills ``runtime.builtins`` (the dict used as ``__builtins__`` by
every guest module). Functions that could reach the host (getattr, open, __import__,
globals, dir...) are replaced by sandboxed versions.
"""

from __future__ import annotations

import builtins as host
import errno as host_errno
import functools
import operator
import sys

from mpt.runtime.vm import native
from mpt.runtime.vm.evalexec import eval_exec_builtins
from mpt.runtime.vm.hashorder import SMALL_INT_MAX as _SMALL_INT_MAX
from mpt.runtime.vm.hashorder import SMALL_INT_MIN as _SMALL_INT_MIN
from mpt.runtime.vm.hashorder import micropython_hash, ordered_arg
from mpt.runtime.vm.attrfilter import check_attr, guarded_delattr, guarded_getattr, guarded_setattr
from mpt.runtime.vm.objects import (GUEST_TYPES, Module, hidden_attr_error, is_guest_object,
                                 mp_repr, mp_str)
from mpt.runtime.vm.single_float import single_builtins
from mpt.runtime.vm.templatelib import new_template
from mpt.runtime.vm.viper import ViperTypeError

# MicroPython 1.29's default errno table (py/moderrno.c): other codes (ENOTDIR, ENOSPC, EROFS,
# ENOTEMPTY, ...) have no name there, so they print as bare numbers and are absent from `errno`.
_ERRNO_NAMES = {1: "EPERM", 2: "ENOENT", 5: "EIO", 9: "EBADF", 11: "EAGAIN", 12: "ENOMEM",
                13: "EACCES", 17: "EEXIST", 19: "ENODEV", 21: "EISDIR", 22: "EINVAL",
                95: "EOPNOTSUPP", 98: "EADDRINUSE", 103: "ECONNABORTED", 104: "ECONNRESET",
                105: "ENOBUFS", 107: "ENOTCONN", 110: "ETIMEDOUT", 111: "ECONNREFUSED",
                113: "EHOSTUNREACH", 114: "EALREADY", 115: "EINPROGRESS"}


class OSError(host.OSError):  # noqa: A001 - MicroPython's OSError: errno is args[0]
    def __init__(self, *args):
        super().__init__(*args)
        self.args = args  # the host would drop a third argument (its "filename")

    @property  # read-only by design: MicroPython's errno is args[0]
    def errno(self):  # type: ignore[override]
        return self.args[0] if self.args else None

    def mp_str(self) -> str:
        code = self.args[0]
        name = _ERRNO_NAMES.get(code)
        return f"[Errno {code}] {name}" if name else str(code)

    def __str__(self) -> str:
        args = self.args
        if len(args) in (1, 2) and isinstance(args[0], int) and args[0] in _ERRNO_NAMES:
            text = f"[Errno {args[0]}] {_ERRNO_NAMES[args[0]]}"
            return text if len(args) == 1 else f"{text}: {mp_str(args[1])}"
        if len(self.args) == 1:
            return mp_str(self.args[0])
        if not self.args:
            return ""
        return mp_repr(tuple(self.args))


OSError.__module__ = "builtins"
OSError.__qualname__ = "OSError"


class KeyError(host.KeyError):  # noqa: A001 - str() is the key itself, not its repr
    def __str__(self) -> str:
        args = self.args
        if not args:
            return ""
        if len(args) == 1:
            return mp_str(args[0])
        return mp_repr(tuple(args))


KeyError.__module__ = "builtins"
KeyError.__qualname__ = "KeyError"


def _extreme(host_fn, dunder: str, args, kwargs):
    """max()/min(): MicroPython compares with one operator (``>`` for max, ``<`` for min) and
    never tries the reflected one, so instances of a class without it cannot be compared."""
    if len(args) != 1 or kwargs.get("key") is not None:
        return host_fn(*args, **kwargs)
    items = ordered_arg(args[0])
    if type(items) is not list:
        items = list(items)
    if len(items) >= 2:
        t = type(items[0])
        if t in GUEST_TYPES and getattr(t, dunder) is getattr(object, dunder):
            raise TypeError(f"unsupported types for {dunder}: '{t.__name__}', '{t.__name__}'")
    return host_fn(items, **kwargs)


def guest_sorted(iterable, *args, **kwargs):
    items = list(ordered_arg(iterable))
    if not args and kwargs.get("key") is None and len(items) >= 2:
        t = type(items[0])
        # (mypy reads ``X.__lt__`` on a class as the metaclass's operator: a false positive)
        if t in GUEST_TYPES and t.__lt__ is object.__lt__:  # type: ignore[operator]
            raise TypeError(f"unsupported types for __lt__: '{t.__name__}', '{t.__name__}'")
    items.sort(*args, **kwargs)
    return items


def guest_sum(*args, **kwargs):
    """sum() as py/modbuiltins.c computes it: the + operator left to right from the start value
    (any start, a str too; no compensated float summation, which CPython does since 3.12),
    over the iterable in MicroPython's order; positional arguments only."""
    if kwargs:
        raise TypeError("function doesn't take keyword arguments")
    if not args:
        raise TypeError("function missing 1 required positional arguments")
    if len(args) > 2:
        raise TypeError(f"function expected at most 2 arguments, got {len(args)}")
    return functools.reduce(operator.add, iter(ordered_arg(args[0])),
                            args[1] if len(args) == 2 else 0)


def guest_max(*args, **kwargs):
    return _extreme(host.max, "__gt__", args, kwargs)


def guest_min(*args, **kwargs):
    return _extreme(host.min, "__lt__", args, kwargs)


def guest_hash(obj) -> int:
    """hash() as MicroPython computes it for small ints, bools, str and bytes (and refuses
    it for a slice)."""
    t = type(obj)
    if (t is int or t is bool) and _SMALL_INT_MIN <= obj <= _SMALL_INT_MAX:
        return int(obj)
    if t is str or t is bytes:
        return micropython_hash(obj)
    if t is slice:  # hashable on the host since CPython 3.12, never in MicroPython
        raise TypeError("unsupported type for __hash__: 'slice'")
    return host.hash(obj)

_EXCEPTIONS = """ArithmeticError AssertionError AttributeError BaseException EOFError Exception
GeneratorExit ImportError IndentationError IndexError KeyError KeyboardInterrupt LookupError
MemoryError NameError NotImplementedError OverflowError RuntimeError StopIteration
StopAsyncIteration SyntaxError SystemExit TypeError UnicodeError ValueError
ZeroDivisionError""".split()

_PLAIN = """abs all any bin bool bytearray bytes callable chr classmethod complex dict
divmod enumerate filter float frozenset hash hex id int isinstance issubclass iter len list
map max memoryview min next object oct ord pow property range reversed round set slice sorted
staticmethod str super tuple type zip""".split()


# Modules CPython's C code imports by name during ordinary operations on guest values; the
# interpreter imports them first (see Interpreter), and the guest's __import__ lets the C code
# find them in the host's sys.modules without giving them to the guest.
HOST_INTERNAL_IMPORTS = frozenset({"_pylong"})


def install_builtins(runtime) -> None:
    interp = runtime.interpreter
    b: dict = {}
    for name in _PLAIN:
        b[name] = getattr(host, name)
    for name in _EXCEPTIONS:
        b[name] = getattr(host, name)
    b["OSError"] = OSError
    b["KeyError"] = KeyError
    b["hash"] = guest_hash
    runtime.guest_keyerror = KeyError
    b["NotImplemented"] = NotImplemented
    b["Ellipsis"] = Ellipsis
    runtime.guest_oserror = OSError

    def print_(*args, sep=" ", end="\n", file=None):
        sep = mp_str(sep) if sep is not None else " "
        end = end if end is not None else "\n"
        if file is None:
            interp.write_stdout(sep.join(mp_str(a) for a in args) + end)
            return
        # a guest stream sees one write per piece, as MicroPython's print does
        write = native.stream_writer(file) or file.write
        for i, a in enumerate(args):
            if i:
                write(sep)
            write(mp_str(a))
        write(end)

    def repr_(obj):
        return mp_repr(obj)

    def input_(prompt=None):
        if prompt is not None:
            interp.write_stdout(mp_str(prompt))
        line = interp.read_line()
        if line is None:
            raise EOFError()
        return line.rstrip("\n")

    def hasattr_(obj, name):
        try:
            guarded_getattr(obj, name)
        except AttributeError:
            return False
        return True

    def globals_():
        return sys._getframe(1).f_globals

    def locals_():
        # MicroPython's mp_locals: the names of the innermost class body or module-level
        # code running, in the functions they call too
        stack = runtime.class_locals
        return stack[-1] if stack else sys._getframe(1).f_globals

    def dir_(*args):
        if not args:
            return sorted(k for k in sys._getframe(1).f_globals if k != "__builtins__")
        obj = args[0]
        names = set()
        for name in host.dir(obj):
            if name.startswith("__") and name.endswith("__"):
                if name in ("__class__", "__name__") or (is_guest_object(obj) and _defined(obj, name)):
                    names.add(name)
                continue
            if name.startswith("_") and not is_guest_object(obj):
                continue
            try:
                check_attr(obj, name)
            except AttributeError:
                continue
            if hidden_attr_error(obj, name) is not None:
                continue
            names.add(name)
        if isinstance(obj, Module):
            names.discard("__builtins__")
        return sorted(names)

    def import_(name, globals=None, locals=None, fromlist=None, level=0):
        if name in HOST_INTERNAL_IMPORTS and level == 0 and name in sys.modules:
            # CPython's own C code importing a helper while guest code runs (str() of a huge
            # int imports _pylong through the current builtins' __import__): it takes the
            # module from the host's sys.modules, so the guest is handed nothing
            return None
        return runtime.import_module(name, fromlist, level, globals or {})

    def caller_locals():
        stack = runtime.class_locals
        return stack[-1] if stack else None


    def isinstance_(*args):
        if len(args) != 2:
            raise TypeError(f"function takes 2 positional arguments but {len(args)} were given")
        obj, classinfo = args
        # MicroPython's bool is not an int subclass
        if type(obj) is bool and classinfo is int:
            return False
        return host.isinstance(obj, classinfo)

    def round_(number, ndigits=None):
        if ndigits is None or type(number) is not float:
            return host.round(number) if ndigits is None else host.round(number, ndigits)
        # MicroPython scales, rounds half to even, and scales back (no exact decimal rounding)
        mult = 10.0 ** ndigits
        scaled = number * mult
        if scaled != scaled or scaled in (float("inf"), float("-inf")):
            return number
        return float(host.round(scaled)) / mult

    def issubclass_(*args):
        if len(args) != 2:
            raise TypeError(f"function takes 2 positional arguments but {len(args)} were given")
        cls, classinfo = args
        if cls is bool and classinfo is int:
            return False
        return host.issubclass(cls, classinfo)

    b.update({
        "isinstance": isinstance_, "issubclass": issubclass_, "round": round_,
        "max": guest_max, "min": guest_min, "sorted": guest_sorted, "sum": guest_sum,
        "print": print_, "repr": repr_, "input": input_, "getattr": guarded_getattr,
        "setattr": guarded_setattr, "delattr": guarded_delattr, "hasattr": hasattr_,
        "globals": globals_, "locals": locals_, "dir": dir_, "__import__": import_,
        "__build_class__": runtime.build_class,
        "__name__": "builtins",
    })
    if runtime.features.tstrings:
        b["__template__"] = new_template
    if runtime.features.native_emitter:
        b["ViperTypeError"] = ViperTypeError
    if runtime.features.float_bits == 32:
        b.update(single_builtins(b))
    b.update(eval_exec_builtins(runtime, caller_locals))
    b.update(native.registered_builtins(runtime))  # open, help: from the library
    runtime.default_import = import_
    runtime.builtins.clear()
    runtime.builtins.update(b)
    _ = host_errno


def _defined(obj, name) -> bool:
    klass = obj if isinstance(obj, type) else type(obj)
    return any(k in GUEST_TYPES and name in k.__dict__ for k in klass.__mro__)

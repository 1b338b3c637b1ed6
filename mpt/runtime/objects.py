"""Guest-visible object model helpers: module objects, guest-class registry, repr/str.

Guest values are host values. What differs from CPython's presentation is handled here:
``repr``/``str`` as MicroPython prints them (exceptions as ``ValueError('x',)``, functions as
``<function f at 0x...>``, builtins as ``<function>``, modules as ``<module 'm'>``), recursively
inside containers.
"""

from __future__ import annotations

import inspect
import types
import weakref
from collections import OrderedDict

from mpt.runtime.hashorder import micropython_order

# Every class created by guest code (class statements, namedtuple...).
GUEST_TYPES: "weakref.WeakSet[type]" = weakref.WeakSet()
# The same classes as a plain set: translated code tests ``type(obj) in GUEST_TYPE_SET`` to
# read ``obj._private`` directly (classes are few and long-lived, so strong refs are fine).
GUEST_TYPE_SET: set = set()


def register_guest_type(cls: type) -> type:
    GUEST_TYPES.add(cls)
    GUEST_TYPE_SET.add(cls)
    return cls


class Module:
    """A guest module: attribute access reads and writes its globals dict."""

    def __init__(self, name: str, namespace: dict | None = None):
        if namespace is None:
            namespace = {}
        namespace.setdefault("__name__", name)
        object.__setattr__(self, "__dict__", namespace)

    def __getattr__(self, name):
        # only reached when the attribute is missing: MicroPython's wording
        hook = self.__dict__.get("__getattr__")
        if hook is not None and not name.startswith("__"):
            return hook(name)
        raise AttributeError(f"module '{self.__dict__.get('__name__')}' has no attribute '{name}'")

    def __repr__(self) -> str:
        d = self.__dict__
        f = d.get("__file__")
        if f is not None:
            return f"<module '{d.get('__name__')}' from '{f}'>"
        return f"<module '{d.get('__name__')}'>"


class NativeModule(Module):
    """A built-in module: read-only for the guest, as MicroPython's are."""

    def __setattr__(self, name, value):
        # a module may let some attributes be assigned (sys.path, sys.ps1: MicroPython's
        # attribute delegation) through a "__mpt_setattr__" hook in its namespace
        hook = self.__dict__.get("__mpt_setattr__")
        if hook is not None and hook(name, value):
            self.__dict__[name] = value
            return
        raise AttributeError(f"'module' object has no attribute '{name}'")

    def __delattr__(self, name):
        raise AttributeError(f"'module' object has no attribute '{name}'")


Module.__module__ = NativeModule.__module__ = "builtins"
NativeModule.__name__ = NativeModule.__qualname__ = "module"
Module.__name__ = "module"
Module.__qualname__ = "module"


def is_guest_object(obj) -> bool:
    t = type(obj)
    if t is Module or t is NativeModule or t in GUEST_TYPES:
        return True
    try:
        return obj in GUEST_TYPES
    except TypeError:
        return False


_SIMPLE = (int, bool, str, bytes, type(None), float)
_BUILTIN_CALLABLES = (types.BuiltinFunctionType, types.MethodDescriptorType,
                      types.WrapperDescriptorType, types.MethodWrapperType,
                      types.ClassMethodDescriptorType)
# host type names shown under MicroPython's names
_TYPE_NAMES = {"builtin_function_or_method": "function", "method": "bound_method",
               "method_descriptor": "function", "wrapper_descriptor": "function",
               "method-wrapper": "function", "mappingproxy": "dict"}


def _host_exception_method(t: type, name: str) -> bool:
    """True if ``t``'s ``name`` comes from a host builtin exception class (not guest code)."""
    for k in t.__mro__:
        if name in k.__dict__:
            return k.__module__ == "builtins" and k not in GUEST_TYPES and \
                issubclass(k, BaseException)
    return False


def mp_repr(x) -> str:
    t = type(x)
    if t in _SIMPLE:
        return repr(x)
    if t is list:
        return "[" + ", ".join(mp_repr(v) for v in x) + "]"
    if t is tuple:
        if len(x) == 1:
            return "(" + mp_repr(x[0]) + ",)"
        return "(" + ", ".join(mp_repr(v) for v in x) + ")"
    if t is dict:
        keys = micropython_order(x) or x
        return "{" + ", ".join(f"{mp_repr(k)}: {mp_repr(x[k])}" for k in keys) + "}"
    if t is OrderedDict:
        return "OrderedDict({" + ", ".join(f"{mp_repr(k)}: {mp_repr(v)}"
                                          for k, v in x.items()) + "})"
    if t is set or t is frozenset:
        if not x:
            return "set()" if t is set else "frozenset()"
        inner = "{" + ", ".join(mp_repr(v) for v in (micropython_order(x) or x)) + "}"
        return inner if t is set else f"frozenset({inner})"
    if isinstance(x, BaseException) and _host_exception_method(t, "__repr__"):
        return t.__name__ + mp_repr(tuple(x.args))
    if t is types.FunctionType:
        if x.__code__.co_filename == "<mpt>":
            if x.__code__.co_flags & inspect.CO_GENERATOR:
                return "<generator>"  # MicroPython's generator functions are their own type
            return f"<function {x.__name__} at 0x{id(x) & 0xFFFFFFF:x}>"
        return "<function>"
    if t in _BUILTIN_CALLABLES:
        return "<function>"
    if t is type and x.__module__ == "builtins" and x.__name__ in _TYPE_NAMES:
        return f"<class '{_TYPE_NAMES[x.__name__]}'>"
    if t is types.MethodType:
        return f"<bound_method {id(x) & 0xFFFFFFF:x} {mp_repr(x.__self__)}.{mp_repr(x.__func__)}>"
    if t is types.GeneratorType:
        return f"<generator object '{x.__name__}' at {id(x) & 0xFFFFFFF:x}>"
    if t is types.CellType:
        return "<cell>"
    if t is weakref.ReferenceType:
        return "<ref>"
    return repr(x)


def mp_str(x) -> str:
    t = type(x)
    if t is str:
        return x
    if t in _SIMPLE:
        return str(x)
    if isinstance(x, BaseException) and hasattr(x, "mp_str"):
        return str(x)
    if isinstance(x, BaseException) and _host_exception_method(t, "__str__"):
        args = x.args
        if not args:
            return ""
        if len(args) == 1:
            return mp_str(args[0])
        return mp_repr(tuple(args))
    if t is type or t in _BUILTIN_CALLABLES:
        return mp_repr(x)
    if t in (list, tuple, dict, set, frozenset, OrderedDict) or t in (types.FunctionType,
                                                          types.BuiltinFunctionType,
                                                          types.MethodType,
                                                          types.GeneratorType):
        return mp_repr(x)
    return str(x)

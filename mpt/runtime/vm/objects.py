"""Guest-visible object model helpers: module objects, guest-class registry, repr/str.

Guest values are host values. What differs from CPython's presentation is handled here:
``repr``/``str`` as MicroPython prints them (exceptions as ``ValueError('x',)``, functions as
``<function f at 0x...>``, builtins as ``<function>``, modules as ``<module 'm'>``), recursively
inside containers.
"""

from __future__ import annotations

import inspect
import operator
import types
import weakref
from collections import OrderedDict
from typing import Callable, Iterable

from mpt.runtime.vm.floatformat import complex_repr, float_repr
from mpt.runtime.vm.hashorder import micropython_order
from mpt.runtime.vm.viper import NAMELESS_CODE

class _IdentitySet:
    """Classes by identity: a membership test never calls a (guest) metaclass's __eq__ or
    __hash__, so no guest class can make a host class look like one of its own."""

    __slots__ = ("_by_id",)

    def __init__(self):
        self._by_id: dict[int, type] = {}  # strong refs: guest classes live as long as mpt

    def add(self, cls) -> None:
        self._by_id[id(cls)] = cls

    def __contains__(self, obj) -> bool:
        return self._by_id.get(id(obj)) is obj

    def __iter__(self):
        return iter(list(self._by_id.values()))

    def __len__(self) -> int:
        return len(self._by_id)


# Every class created by guest code (class statements, namedtuple...).
GUEST_TYPES = _IdentitySet()
# The guest classes whose metaclass is a host one (hashing and comparing them runs no guest
# code) as a plain set: translated code tests ``type(obj) in GUEST_TYPE_SET`` to read and
# write ``obj.name`` directly; other objects take the checked path.
GUEST_TYPE_SET: set = set()


# id(class) -> (class, mapping type) for the classes type() made from an ordered mapping
# (an OrderedDict): MicroPython keeps that mapping as the class's locals, so its __dict__
# lists them in insertion order (py/objtype.c mp_obj_new_type).
_ORDERED_LOCALS: dict[int, tuple[type, type]] = {}


def note_ordered_locals(cls: type, kind: type) -> None:
    _ORDERED_LOCALS[id(cls)] = (cls, kind)


def ordered_locals_type(cls: type):
    """The ordered mapping type of ``cls.__dict__``, or None for a plain dict."""
    entry = _ORDERED_LOCALS.get(id(cls))
    return entry[1] if entry is not None and entry[0] is cls else None


def register_guest_type(cls: type) -> type:
    GUEST_TYPES.add(cls)
    if type(cls) not in GUEST_TYPES:
        GUEST_TYPE_SET.add(cls)
    return cls


class Module:
    """A guest module: attribute access reads and writes its globals dict."""

    def __init__(self, name: str, namespace: dict | None = None):
        if namespace is None:
            namespace = {}
        namespace.setdefault("__name__", name)
        object.__setattr__(self, "__dict__", namespace)

    def __getattr__(self, name):  # only reached when the attribute is missing
        # a module-level __getattr__ (PEP 562), consulted for any name but its own
        hook = self.__dict__.get("__getattr__") if name != "__getattr__" else None
        if hook is not None:
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
    return t is Module or t is NativeModule or t in GUEST_TYPES or obj in GUEST_TYPES


_SIMPLE = (int, bool, str, bytes, type(None))
_BUILTIN_CALLABLES = (types.BuiltinFunctionType, types.MethodDescriptorType,
                      types.WrapperDescriptorType, types.MethodWrapperType,
                      types.ClassMethodDescriptorType)
# host type names shown under MicroPython's names
_TYPE_NAMES = {"builtin_function_or_method": "function", "method": "bound_method",
               "method_descriptor": "function", "wrapper_descriptor": "function",
               "method-wrapper": "function", "mappingproxy": "dict",
               "dict_keys": "dict_view", "dict_values": "dict_view", "dict_items": "dict_view",
               "list_reverseiterator": "reversed", "reversed": "reversed"}
# host iterators over builtin containers: one ``iterator`` type in MicroPython
_ITERATED: tuple[Iterable[object], ...] = (
    [], (), "", "\u20ac", {}, set(), range(1), b"", bytearray(), {}.values(), {}.items(),
    range(1 << 70))
_ITERATOR_TYPES = tuple(type(iter(x)) for x in _ITERATED)
for _t in _ITERATOR_TYPES:
    _TYPE_NAMES[_t.__name__] = "iterator"
# objects MicroPython prints as ``<name>`` (no address)
_BARE_REPRS = {zip: "<zip>", map: "<map>", filter: "<filter>", enumerate: "<enumerate>",
               reversed: "<reversed>", type(reversed([])): "<reversed>",
               type(reversed({})): "<reversed>",
               memoryview: "<memoryview>", object: "<object>", property: "<property>",
               staticmethod: "<staticmethod>", classmethod: "<classmethod>"}
_OBJECT_REPR = object.__repr__
_OBJECT_STR = object.__str__
for _t in _ITERATOR_TYPES:
    _BARE_REPRS[_t] = "<iterator>"


def guest_type_name(t: type) -> str:
    """``t.__name__`` as MicroPython names the builtin type ``t`` stands for."""
    name = t.__name__
    if t.__module__ == "builtins":
        return _TYPE_NAMES.get(name, name)
    return name


_UNPRINTABLE_ASCII = {i: f"\\x{i:02x}" for i in list(range(0x20)) + [0x7F]}
_UNPRINTABLE_ASCII.update({ord("\n"): "\\n", ord("\r"): "\\r", ord("\t"): "\\t",
                           ord("\\"): "\\\\"})
_UNPRINTABLE_ASCII.update({i: f"\\u{i:04x}" for i in range(0xD800, 0xE000)})  # surrogates


def _str_repr(s: str) -> str:
    """MicroPython's repr of a str: only ASCII control characters and surrogates are escaped."""
    if s.isascii() and s.isprintable():
        return repr(s)
    quote = '"' if "'" in s and '"' not in s else "'"
    table = dict(_UNPRINTABLE_ASCII)
    table[ord(quote)] = "\\" + quote
    return quote + s.translate(table) + quote


def _complex_repr(c: complex) -> str:
    return complex_repr(c)


def _host_exception_method(t: type, name: str) -> bool:
    """True if ``t``'s ``name`` comes from a host builtin exception class (not guest code)."""
    for k in t.__mro__:
        if name in k.__dict__:
            return k.__module__ == "builtins" and k not in GUEST_TYPES and \
                issubclass(k, BaseException)
    return False


def mp_repr(x) -> str:
    t = type(x)
    if t is str:
        return _str_repr(x)
    if t in _SIMPLE:
        return repr(x)
    if t is float:
        return float_repr(x)
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
            if x.__code__ in NAMELESS_CODE:
                return "<function>"
            return f"<function {x.__name__} at 0x{id(x) & 0xFFFFFFF:x}>"
        return "<function>"
    if t in _BUILTIN_CALLABLES:
        owner = getattr(x, "__self__", None)
        if owner is not None and type(owner) is not types.ModuleType and t is not type:
            return f"<bound_method {id(x) & 0xFFFFFFF:x} {mp_repr(owner)}.<function>>"
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
    if t is complex:
        return _complex_repr(x)
    bare = _BARE_REPRS.get(t)
    if bare is not None:
        return bare
    if t.__repr__ is _OBJECT_REPR and t in GUEST_TYPE_SET:
        return f"<{t.__name__} object at {id(x) & 0xFFFFFFF:x}>"
    return repr(x)


def mp_str(x) -> str:
    t = type(x)
    if t is str:
        return x
    if t in _SIMPLE:
        return str(x)
    if t is float:
        return float_repr(x)
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
    if t in (list, tuple, dict, set, frozenset, OrderedDict, complex) or t in _BARE_REPRS or \
            t in (types.FunctionType,
                                                          types.BuiltinFunctionType,
                                                          types.MethodType,
                                                          types.GeneratorType):
        return mp_repr(x)
    if t.__str__ is _OBJECT_STR and t.__repr__ is _OBJECT_REPR and t in GUEST_TYPE_SET:
        return mp_repr(x)
    return str(x)


# The public attributes MicroPython 1.29 gives instances of each builtin type; the host's
# others (str.ljust, int.bit_length, float.is_integer...) must raise AttributeError.
_MP_ATTRS = {
    str: """center count encode endswith find format index isalpha isdigit islower isspace
        isupper join lower lstrip partition replace rfind rindex rpartition rsplit rstrip split
        splitlines startswith strip upper""",
    bytes: """center count decode endswith find fromhex hex index isalpha isdigit islower
        isspace isupper join lower lstrip partition replace rfind rindex rpartition rsplit
        rstrip split splitlines startswith strip upper""",
    bytearray: """append center count decode endswith extend find fromhex hex index isalpha
        isdigit islower isspace isupper join lower lstrip partition replace rfind rindex
        rpartition rsplit rstrip split splitlines startswith strip upper""",
    list: "append clear copy count extend index insert pop remove reverse sort",
    tuple: "count index",
    dict: "clear copy fromkeys get items keys pop popitem setdefault update values",
    set: """add clear copy difference difference_update discard intersection
        intersection_update isdisjoint issubset issuperset pop remove symmetric_difference
        symmetric_difference_update union update""",
    frozenset: """copy difference intersection isdisjoint issubset issuperset
        symmetric_difference union""",
    int: "from_bytes to_bytes", bool: "", float: "", complex: "imag real",
    range: "start step stop", memoryview: "hex itemsize",
    type({}.keys()): "", type({}.values()): "", type({}.items()): "",
}

HIDDEN_ATTRS: dict[type, frozenset] = {
    t: frozenset(n for n in dir(t) if not n.startswith("_")) - frozenset(names.split())
    for t, names in _MP_ATTRS.items()}

# Attribute names that translated code looks up through the helper that hides them on
# builtin types. Names that are hot list/str methods are left to the host (range.index and
# bytearray.pop, .insert... then stay visible): routing them would slow list and str code.
_HOT_METHODS = frozenset("index count pop insert remove clear copy reverse".split())
_SANDBOXED = frozenset(("format", "format_map"))  # always through helpers.guarded_getattr


def _ascii_upper(s: str) -> str:
    return s.upper() if s.isascii() else "".join(c.upper() if c < "\x80" else c for c in s)


def _ascii_lower(s: str) -> str:
    return s.lower() if s.isascii() else "".join(c.lower() if c < "\x80" else c for c in s)


# str methods whose MicroPython version maps ASCII letters only (isalpha & co. are left to the
# host: they differ only on non-ASCII text, and routing them would slow parsing loops)
def _center(s: str, *args) -> str:
    # MicroPython puts the odd padding character on the right (CPython: on the left) and
    # takes no fill character
    if len(args) != 1:
        raise TypeError(f"function takes 2 positional arguments but {len(args) + 1} were given")
    pad = operator.index(args[0]) - len(s)
    if pad <= 0:
        return s
    left = pad // 2
    return " " * left + s + " " * (pad - left)


def _rsplit(s: str, *args) -> list:
    # MicroPython splits from the right only at a given separator (py/objstr.c str_rsplit)
    if len(args) >= 2 and args[0] is None and operator.index(args[1]) >= 0:
        raise NotImplementedError("rsplit(None,n)")
    return s.rsplit(*args)


STR_OVERRIDES: dict[str, Callable[..., object]] = {
    "upper": _ascii_upper, "lower": _ascii_lower, "center": _center, "rsplit": _rsplit}

# memoryview's and dict views' host-only names (obj, shape, release, cast, mapping...) are
# common attribute names of guest classes: they stay hidden only from getattr/hasattr/dir
_RARE_TYPES: tuple[type, ...] = (memoryview, type({}.keys()), type({}.values()), type({}.items()))
ROUTED_ATTRS = (frozenset().union(*(v for t, v in HIDDEN_ATTRS.items() if t not in _RARE_TYPES))
                - _HOT_METHODS - _SANDBOXED) | frozenset(STR_OVERRIDES)


def hidden_attr_error(obj, name: str):
    """The AttributeError for ``obj.name`` if MicroPython's builtin type lacks it, else None."""
    hidden = HIDDEN_ATTRS.get(type(obj))
    if hidden is not None and name in hidden:
        return AttributeError(f"'{type(obj).__name__}' object has no attribute '{name}'")
    if isinstance(obj, type):
        hidden = HIDDEN_ATTRS.get(obj)
        if hidden is not None and name in hidden:
            return AttributeError(f"type object '{obj.__name__}' has no attribute '{name}'")
    return None


class FixedDict(dict):
    """A dict MicroPython keeps in ROM (e.g. errno.errorcode): any change raises TypeError."""

    def _fixed(self, *args, **kwargs):
        raise TypeError()

    __setitem__ = __delitem__ = _fixed
    clear = pop = popitem = setdefault = update = _fixed
    __ior__ = _fixed


FixedDict.__module__ = "builtins"
FixedDict.__name__ = FixedDict.__qualname__ = "dict"

"""The sandbox's attribute filter: which attributes guest code may read, set and delete on any
object (host internals stay hidden), and the checked forms of host setters and of str.format
that guest code gets in their place."""

from __future__ import annotations

import types
from functools import partial

from mpt.runtime.vm.excattrs import ALIASED, exception_attr
from mpt.runtime.vm.exceptions import clear_traceback
from mpt.runtime.vm.qstrlimit import interned
from mpt.runtime.vm.objects import (GUEST_TYPES, HIDDEN_ATTRS, STR_OVERRIDES, guest_type_name,
                                   hidden_attr_error, is_guest_object, ordered_locals_type)
# (the checked str.format and str.format_map keep their names: guest code can see them)
from mpt.runtime.vm.guestformat import (_str_format, _str_format_map, safe_format,
                                        safe_format_map)


# Dunder names guest code may read on any object.
ALLOWED_DUNDERS = frozenset("""
__class__ __name__ __init__ __new__ __call__ __len__ __iter__ __next__ __enter__ __exit__
__getitem__ __setitem__ __delitem__ __contains__ __repr__ __str__ __hash__ __eq__ __ne__
__lt__ __le__ __gt__ __ge__ __add__ __sub__ __mul__ __truediv__ __floordiv__ __mod__ __pow__
__neg__ __pos__ __abs__ __invert__ __and__ __or__ __xor__ __lshift__ __rshift__ __matmul__
__radd__ __rsub__ __rmul__ __rtruediv__ __rfloordiv__ __rmod__ __rpow__ __rand__ __ror__
__rxor__ __rlshift__ __rrshift__ __iadd__ __isub__ __imul__ __itruediv__ __ifloordiv__
__imod__ __ipow__ __iand__ __ior__ __ixor__ __ilshift__ __irshift__ __bool__ __int__
__float__ __index__ __get__ __set__ __delete__ __getattr__ __setattr__ __delattr__
__bases__ __doc__ __qualname__ __module__ __dict__ __await__ __aiter__ __anext__
__aenter__ __aexit__ __del__ __file__ __path__ __version__ __reversed__ __slots__
__set_name__ __import__ __build_class__ __complex__ __divmod__ __rdivmod__ __sizeof__
""".split())
_BLOCKED_PREFIXES = ("gi_", "cr_", "ag_", "f_", "tb_", "co_")
GUEST_DEL = "__mpt_del__"  # where a guest class keeps its __del__ (see Runtime.build_class)


def _no_attr(obj, name: str) -> AttributeError:
    if isinstance(obj, type):
        return AttributeError(f"type object '{obj.__name__}' has no attribute '{name}'")
    return AttributeError(f"'{type(obj).__name__}' object has no attribute '{name}'")


def _guest_defines(obj, name: str) -> bool:
    d = getattr(obj, "__dict__", None)
    if isinstance(d, dict) and name in d and is_guest_object(obj):
        return True
    klass = obj if isinstance(obj, type) else type(obj)
    for k in klass.__mro__:
        if k in GUEST_TYPES and name in k.__dict__:
            return True
    return False


def is_guest_function(obj) -> bool:
    return type(obj) is types.FunctionType and obj.__code__.co_filename == "<mpt>"


# Test-only switch (issue 9): False turns the attribute filter off so the escape suite can
# show that the OS boundary alone holds. Nothing in mpt (CLI, API, env) ever sets it; only
# tests/runtime/filter_off.py does, in a process of its own.
FILTER_ON = True


def check_attr(obj, name: str) -> None:
    """Raise AttributeError if guest code may not see ``obj.name``."""
    if type(name) is not str:
        raise TypeError(f"attribute name must be string, not '{type(name).__name__}'")
    if not FILTER_ON:
        return
    if name.startswith("_"):
        if name.startswith("__") and name.endswith("__"):
            if name == "__dict__":
                if not is_guest_object(obj) and not isinstance(obj, type):
                    raise _no_attr(obj, name)
            elif name == "__globals__":
                if not is_guest_function(obj):
                    raise _no_attr(obj, name)
            elif name == "__qualname__" and type(obj) is types.FunctionType:
                raise _no_attr(obj, name)  # MicroPython's functions have none (ours: a key)
            elif name not in ALLOWED_DUNDERS and not _guest_defines(obj, name):
                raise _no_attr(obj, name)
        elif not is_guest_object(obj) and not _guest_defines(obj, name):
            raise _no_attr(obj, name)
    elif name.startswith(_BLOCKED_PREFIXES) or name == "mro":
        if not is_guest_object(obj) and not _guest_defines(obj, name):
            raise _no_attr(obj, name)


# ---- attribute writes -----------------------------------------------------------------

_HEAPTYPE = 1 << 9  # Py_TPFLAGS_HEAPTYPE: a class written in Python, not a C builtin
_NEVER_SET = frozenset(("__class__", "__dict__", "__bases__"))
_SETTERS = frozenset(("__setattr__", "__delattr__"))


def _host_accepts(obj, name: str, op: str) -> bool:
    """Whether a host (non-guest) object declares that guest code may set/delete ``name``:
    its class defines its own __setattr__/__delattr__ in Python, a property with a
    setter/deleter for ``name``, or ``name`` in its __slots__. Anything else of the host is
    read-only to guests."""
    klass = type(obj)
    for k in klass.__mro__:
        d = k.__dict__
        if name in d:
            v = d[name]
            if type(v) is property:
                return (v.fset if op == "set" else v.fdel) is not None
            if type(v) is types.MemberDescriptorType and k.__flags__ & _HEAPTYPE:
                return True  # an mpt class's __slots__ entry
            break
    hook = "__setattr__" if op == "set" else "__delattr__"
    for k in klass.__mro__:
        fn = k.__dict__.get(hook)
        if fn is not None:  # the host class's own hook decides (a builtin's never lets in)
            return type(fn) is types.FunctionType
    return False


def check_set_target(obj, name, op: str = "set") -> None:
    """Raise AttributeError unless guest code may set (or delete) ``obj.name``."""
    if type(name) is not str:
        raise TypeError(f"attribute name must be string, not '{type(name).__name__}'")
    interned(name)
    if not FILTER_ON:
        return
    if name in _NEVER_SET:
        raise _no_attr(obj, name)
    if is_guest_object(obj):
        return
    if name.startswith("_") or not _host_accepts(obj, name, op):
        raise _no_attr(obj, name)


def _checked_setter(fn, op: str):
    """A host __setattr__/__delattr__ (object.__setattr__, type.__setattr__...) as guest code
    may call it: on guest objects, never for __class__/__dict__/__bases__."""
    bound = getattr(fn, "__self__", None) if type(fn) is types.MethodWrapperType else None
    if bound is not None:
        def method(name, *value):
            _check_slot_target(bound, name, op)
            return fn(name, *value)
        return method

    def unbound(target, name, *value):
        _check_slot_target(target, name, op)
        return fn(target, name, *value)
    return unbound


def _check_slot_target(obj, name, op: str) -> None:
    # the host's slot bypasses a class's own hook: only for guest classes and instances
    if not (type(obj) in GUEST_TYPES or obj in GUEST_TYPES):
        raise _no_attr(obj, name)
    check_set_target(obj, name, op)


_VIEWED = frozenset(("__setattr__", "__delattr__", "format", "format_map"))
_STR_FORMAT = str.__dict__["format"]
_STR_FORMAT_MAP = str.__dict__["format_map"]


def guest_view(name: str, value):
    """What guest code gets for an attribute ``name`` whose host value is ``value``: host
    setters and str.format come wrapped in their checked forms."""
    if name in _VIEWED:
        if name in _SETTERS:
            if type(value) in (types.WrapperDescriptorType, types.MethodWrapperType):
                return _checked_setter(value, "set" if name == "__setattr__" else "del")
        elif value is _STR_FORMAT:
            return _str_format
        elif value is _STR_FORMAT_MAP:
            return _str_format_map
    return value


def class_dict(cls: type) -> dict:
    """A class's __dict__ as the guest sees it: a copy without host internals."""
    out = {}
    for k, v in cls.__dict__.items():
        if k.startswith("__") and k.endswith("__") and (
                cls not in GUEST_TYPES or k in ("__dict__", "__weakref__", "__module__")):
            if k not in ALLOWED_DUNDERS or k in ("__dict__", "__module__"):
                continue
        if cls not in GUEST_TYPES and k.startswith("_"):
            continue
        out["__del__" if k == GUEST_DEL else k] = guest_view(k, v)
    kind = ordered_locals_type(cls)
    return out if kind is None else kind(out)


_ASCII_SAFE = frozenset(("upper", "lower"))


def builtin_attr(obj, name: str):
    """``obj.name`` for names some builtin type has on the host but not in MicroPython, or
    where MicroPython's str method differs (ASCII-only case mapping and classification)."""
    if type(obj) is str and name in STR_OVERRIDES:
        if name in _ASCII_SAFE and obj.isascii():
            return getattr(obj, name)  # the host's method is right for ASCII text
        return partial(STR_OVERRIDES[name], obj)
    hidden = HIDDEN_ATTRS.get(type(obj))
    if hidden is not None and name in hidden:
        raise hidden_attr_error(obj, name)
    if type(obj) is type:
        err = hidden_attr_error(obj, name)
        if err is not None:
            raise err
    return getattr(obj, name)


def guarded_getattr(obj, name: str, *default):
    if type(name) is not str:
        raise TypeError(f"attribute name must be string, not '{type(name).__name__}'")
    interned(name)
    try:
        if not FILTER_ON:
            return getattr(obj, name)
        check_attr(obj, name)
        err = hidden_attr_error(obj, name)
        if err is not None:
            raise err
        if name == "__dict__" and isinstance(obj, type):
            return class_dict(obj)
        if name == "__name__" and type(obj) is type:
            return guest_type_name(obj)
        if name == "__del__" and is_guest_object(obj):
            try:
                return getattr(obj, GUEST_DEL)
            except AttributeError:
                raise _no_attr(obj, name) from None
        if (name == "format" or name == "format_map") and isinstance(obj, str):
            if name == "format":
                return partial(safe_format, obj)
            return partial(safe_format_map, obj)
        if name in ALIASED:
            return exception_attr(obj, name)
        return guest_view(name, getattr(obj, name))
    except AttributeError:
        if default:
            return default[0]
        raise


def _special_accessor(name: str, value) -> bool:
    """py/objtype.c check_for_special_accessors: a name or value that changes how the
    class's instances look up attributes (a property, __setattr__/__delattr__, a guest
    descriptor)."""
    if name in ("__setattr__", "__delattr__") or type(value) is property:
        return True
    return type(value) in GUEST_TYPES and any(
        _guest_defines(value, n) for n in ("__get__", "__set__", "__delete__"))


def _has_special_accessors(cls: type) -> bool:
    return any(_special_accessor(k, v) for klass in cls.__mro__ if klass in GUEST_TYPES
               for k, v in list(klass.__dict__.items()))


def guarded_setattr(obj, name: str, value) -> None:
    if name == "__traceback__" and value is None and isinstance(obj, BaseException):
        # py/objexcept.c: the one store an exception takes, clearing its traceback (so a
        # preallocated exception can be raised again without allocating)
        clear_traceback(obj)
        return
    check_set_target(obj, name, "set")
    if isinstance(obj, type) and obj in GUEST_TYPES and _special_accessor(name, value) and \
            type.__subclasses__(obj) and not _has_special_accessors(obj):
        # MicroPython looks such names up only in classes made knowing of them
        raise AttributeError("can't add special method to already-subclassed class")
    setattr(obj, name, value)


def guarded_delattr(obj, name: str) -> None:
    check_set_target(obj, name, "del")
    delattr(obj, name)

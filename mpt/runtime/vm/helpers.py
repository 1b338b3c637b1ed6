"""The run-time helpers that translated code calls (the ``_mh_*`` names in generated source).

Helpers that need no interpreter state are module-level functions; the rest are made per
interpreter by :func:`make_helpers`. The sandbox's attribute filter lives here too.
"""

from __future__ import annotations

import re
import string
import types
from functools import lru_cache, partial

from mpt.runtime.vm.exceptions import add_traceback, fix_exception
from mpt.runtime.vm.mpsuper import MULTIPLE_BASES, super_attribute
from mpt.runtime.vm.hashorder import (call_ordered, guest_iter, note_delete, note_literal,
                                   order_method, ordered_arg, set_add, set_literal)
from mpt.runtime.vm.excattrs import ALIASED, exception_attr
from mpt.runtime.vm.floatformat import (float_of_text, float_repr, format_float_spec,
                                        percent_floats)
from mpt.runtime.vm.qstrlimit import interned, keyword_names
from mpt.runtime.vm.objects import (GUEST_TYPE_SET, GUEST_TYPES, HIDDEN_ATTRS, Module,
                                 STR_OVERRIDES, guest_type_name, mp_repr, mp_str,
                                 hidden_attr_error, is_guest_object, ordered_locals_type)

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
_HOST_ONLY = frozenset({"mro", "__dict__"})


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


class _GuestFormatted:
    """A str.format argument shown as MicroPython shows it: ``{}`` and ``!s``/``!r`` give the
    guest str/repr (dict order, ``-1j``, ``<function>``...), and a format spec is refused as
    MicroPython refuses it for anything but str, int, float and bool (guest subclasses and
    complex included; a guest ``__format__`` is never called)."""

    __slots__ = ("obj",)

    def __init__(self, obj):
        self.obj = obj

    def __str__(self) -> str:
        return mp_str(self.obj)

    def __repr__(self) -> str:
        return mp_repr(self.obj)

    def __format__(self, spec: str) -> str:
        obj = self.obj
        if not spec:
            return mp_str(obj)
        name = guest_type_name(type(obj))
        code = spec[-1]
        if (code.isalpha() or code == "%") and code != "s":
            raise ValueError(f"unknown format code '{code}' for object of type '{name}'")
        raise TypeError(f"can't convert '{name}' object to str implicitly")


_FORMATS_ITSELF = frozenset((str, int, float, bool))


class _RawBytes:
    """A bytes argument of a bytes template: ``%s`` inserts its bytes as they are, ``%r``
    its repr (py/objstr.c prints bytes raw under a bytes pattern)."""

    __slots__ = ("data",)

    def __init__(self, data: bytes):
        self.data = data

    def __str__(self) -> str:
        return self.data.decode("utf-8", "surrogateescape")

    def __repr__(self) -> str:
        return mp_repr(self.data)


class _FloatFormatted:
    """A float argument of str.format or of %s/%r, printed as MicroPython prints floats
    (py/formatfloat.c, see floatformat.py)."""

    __slots__ = ("value",)

    def __init__(self, value: float):
        self.value = value

    def __str__(self) -> str:
        return float_repr(self.value)

    __repr__ = __str__

    def __format__(self, spec: str) -> str:
        if not spec:
            return float_repr(self.value)
        text = format_float_spec(self.value, spec)
        return format(self.value, spec) if text is None else text


def _guest_formatted(arg):
    t = type(arg)
    if t is float:
        return _FloatFormatted(arg)
    return arg if t in _FORMATS_ITSELF or t is _RawBytes else _GuestFormatted(arg)


_PERCENT_KEY = re.compile(r"(?<!%)(?:%%)*%\(([^)]*)\)")


def percent_format(template: str, args):
    """``template % args`` for a literal template, the arguments shown as MicroPython shows
    them for %s/%r and its float conversions printed by py/formatfloat.c; any error is the
    host's for the arguments themselves."""
    t = type(args)
    if t is dict and "%(" in template:
        for key in _PERCENT_KEY.findall(template):
            interned(key)  # a %(key) is looked up as a qstr (mp_obj_new_str_via_qstr)
    if t is float or t is tuple and float in map(type, args) or \
            t is dict and float in map(type, args.values()):
        rewritten = percent_floats(template, args)
        if rewritten is not None:
            template, args = rewritten
            t = type(args)
    if t in _FORMATS_ITSELF and t is not float:
        return template % args
    if t is tuple:
        for a in args:
            if type(a) not in _FORMATS_ITSELF or type(a) is float:
                break
        else:
            return template % args  # the common case: ints and strings only
        shown = tuple(_guest_formatted(a) for a in args)
    elif t is dict and "%(" in template:
        shown = {k: _guest_formatted(v) for k, v in args.items()}
    else:
        shown = _guest_formatted(args)
    try:
        return template % shown
    except TypeError:
        return template % args


def bytes_percent(template: bytes, args) -> bytes:
    """``template % args`` for a bytes template, as MicroPython formats it: the same
    conversions as for str (``%s`` of a str inserts its UTF-8 text, ``%r`` any object's repr),
    a bytes argument of ``%s`` inserted as it is; the result is bytes."""
    text = template.decode("utf-8", "surrogateescape")
    t = type(args)
    if t is tuple:
        shown = tuple(_RawBytes(a) if type(a) is bytes else a for a in args)
    elif t is dict and "%(" in text:
        shown = {k: _RawBytes(v) if type(v) is bytes else v for k, v in args.items()}
    else:
        shown = _RawBytes(args) if t is bytes else args
    try:
        return percent_format(text, shown).encode("utf-8", "surrogateescape")
    except TypeError:  # the error a str template gives for these arguments
        return (text % args).encode("utf-8", "surrogateescape")


def own_contents(x):
    """The right operand of ``x += x``: a copy of a bytearray's contents (which the host
    cannot append to the bytearray itself), anything else as it is."""
    return bytes(x) if type(x) is bytearray else x


def modulo(a, b):
    """``a % b`` where the left operand is not a literal: str and bytes templates are
    formatted as MicroPython formats them, anything else is the operator itself."""
    t = type(a)
    if t is str:
        return percent_format(a, b)
    if t is bytes:
        return bytes_percent(a, b)
    if t is bytearray:  # MicroPython's bytearray has no % (the host's has)
        raise TypeError(f"unsupported types for __mod__: 'bytearray', "
                        f"'{guest_type_name(type(b))}'")
    return a % b


@lru_cache(maxsize=1024)
def _fields_are_plain(template: str) -> bool:
    """Whether no replacement field of ``template`` (nor of a nested spec) indexes or reads
    an attribute."""
    for _lit, field, spec, _conv in string.Formatter().parse(template):
        if field and ("." in field or "[" in field):
            return False
        if field and not field.isdigit():
            interned(field)  # a keyword field's name is interned
        if spec and "{" in spec and not _fields_are_plain(spec):  # a nested field
            return False
    return True


def safe_format(template: str, *args, **kwargs) -> str:
    """str.format as MicroPython has it: fields name arguments only (``{0.x}`` and ``{0[1]}``
    are refused, so no field walks the host's attributes)."""
    if not _fields_are_plain(template):
        raise NotImplementedError("attributes not supported")
    args = [_guest_formatted(a) for a in args]
    if kwargs:
        kwargs = {k: _guest_formatted(v) for k, v in kwargs.items()}
    return template.format(*args, **kwargs)


def safe_format_map(template: str, mapping) -> str:
    return safe_format(template, **mapping)


def _str_format(template, *args, **kwargs):
    if not isinstance(template, str):
        raise TypeError("descriptor 'format' requires a 'str' object")
    return safe_format(template, *args, **kwargs)


def _str_format_map(template, mapping):
    if not isinstance(template, str):
        raise TypeError("descriptor 'format_map' requires a 'str' object")
    return safe_format_map(template, mapping)


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
    check_set_target(obj, name, "set")
    if isinstance(obj, type) and obj in GUEST_TYPES and _special_accessor(name, value) and \
            type.__subclasses__(obj) and not _has_special_accessors(obj):
        # MicroPython looks such names up only in classes made knowing of them
        raise AttributeError("can't add special method to already-subclassed class")
    setattr(obj, name, value)


def guarded_delattr(obj, name: str) -> None:
    check_set_target(obj, name, "del")
    delattr(obj, name)


class ThreadExit(BaseException):
    """Stops a guest thread whose program has ended (as the firmware cancels its threads):
    no guest handler sees it, so no guest code runs in that thread any more."""


class UnwindJump:
    """A break/continue leaving try/finally or with blocks, while the finally code runs."""

    __slots__ = ("dest", "count")

    def __init__(self, dest: int, count: int):
        self.dest = dest
        self.count = count


class UnwindReturn:
    """A return leaving try/finally or with blocks, while the finally code runs."""

    __slots__ = ("value",)

    def __init__(self, value):
        self.value = value


def unwind(handlers: list, ip: int, token) -> int:
    """Pop handlers for a jump/return; the first finally still to run gets control."""
    is_jump = type(token) is UnwindJump
    count = token.count if is_jump else len(handlers)
    while count > 0 and handlers:
        count -= 1
        entry = handlers[-1]
        if entry[1] and entry[0] > ip:
            if is_jump:
                token.count = count
            return entry[0]
        handlers.pop()
    if is_jump:
        token.count = 0
    return -1


def with_enter(mgr):
    exit_fn = getattr(mgr, "__exit__")
    enter_fn = getattr(mgr, "__enter__")
    return exit_fn, enter_fn()


def with_cleanup(exit_fn, x):
    if x is None or type(x) is UnwindJump or type(x) is UnwindReturn:
        exit_fn(None, None, None)
        return x
    if exit_fn(type(x), x, None):
        return None
    return x


def raise_last(handlers: list):
    for entry in reversed(handlers):
        if entry[2] is not None:
            return entry[2]
    return RuntimeError("no active exception to reraise")


def make_raise(exc, *cause):
    if isinstance(exc, type) and issubclass(exc, BaseException):
        return exc()
    if isinstance(exc, BaseException):
        return exc
    return TypeError("exceptions must derive from BaseException")


def exc_match(exc, cls) -> bool:
    classes = cls if type(cls) is tuple else (cls,)
    for c in classes:
        if not (isinstance(c, type) and issubclass(c, BaseException)):
            raise TypeError("catching classes that do not inherit from BaseException "
                            "is not allowed")
    return isinstance(exc, cls)


def set_defaults(fn, pos_defaults, kw_defaults):
    if pos_defaults is not None:
        fn.__defaults__ = tuple(pos_defaults)
    if kw_defaults is not None:
        fn.__kwdefaults__ = dict(kw_defaults)
    return fn


def super_attr(cls, obj, name: str):
    check_attr(obj, name)
    if name == "__del__":
        name = GUEST_DEL
    if type(obj) in MULTIPLE_BASES:
        return guest_view(name, super_attribute(cls, obj, name))  # depth-first order
    return guest_view(name, getattr(super(cls, obj), name))


def del_item(obj, key) -> None:
    if type(obj) is dict:
        note_delete(obj, key)
    del obj[key]


def del_name(namespace: dict, name: str) -> None:
    try:
        del namespace[name]
    except KeyError:
        raise NameError(f"name '{name}' isn't defined") from None


def del_deref(cell) -> None:
    try:
        cell.cell_contents  # CPython deletes an empty cell silently; MicroPython raises
    except ValueError:
        raise NameError("local variable referenced before assignment") from None
    del cell.cell_contents


def make_cell(*value):
    return types.CellType(*value)


def make_helpers(runtime) -> dict:
    """The helper bindings of one interpreter (see mpt.runtime.vm.translate)."""
    oserror = runtime.guest_oserror

    keyerror = getattr(runtime, "guest_keyerror", None)

    def fix(exc, call_site=None):
        return fix_exception(exc, oserror, runtime.signature_of, keyerror, call_site)

    def line_of(exc, info) -> int:
        tb = exc.__traceback__
        return info.ip_of_line(tb.tb_lineno) if tb is not None else -1

    def catch(exc, handlers, info):
        if exc.__class__ is ThreadExit:
            raise exc
        ip = line_of(exc, info)
        exc = fix(exc, (info, ip))
        if ip not in info.no_traceback_ips and type(exc) is not GeneratorExit:
            add_traceback(exc, info.filename, info.source_line(ip), info.name)
        runtime.cur_exception = exc  # sys.exc_info() (py/vm.c: at its exception_handler)
        while handlers and handlers[-1][0] <= ip:
            handlers.pop()
            runtime.cur_exception = None  # (POP_EXC_BLOCK clears it)
        if not handlers:
            raise exc.with_traceback(None)
        entry = handlers[-1]
        entry[2] = exc
        return exc, -entry[0] - 1

    def propagate(exc, info):
        if exc.__class__ is ThreadExit:
            raise exc
        ip = line_of(exc, info)
        exc = fix(exc, (info, ip))
        runtime.cur_exception = exc
        if ip not in info.no_traceback_ips and type(exc) is not GeneratorExit:
            add_traceback(exc, info.filename, info.source_line(ip), info.name)
        raise exc.with_traceback(None)

    def load_global(namespace, name):
        if name == "__builtins__":
            raise NameError(f"name '{name}' isn't defined")
        try:
            return namespace[name]
        except KeyError:
            pass
        try:
            return runtime.builtins[name]
        except KeyError:
            raise NameError(f"name '{name}' isn't defined") from None

    def make_raise_from(exc, *cause):
        if cause and cause[0] is not None:
            runtime.interpreter.write_stderr("Warning: exception chaining not supported\n")
        return make_raise(exc)

    def new_class(fn, *args, **kwargs):
        """A call of the builtin ``type`` with three arguments makes a guest class, as a
        class statement does; any other call is the call itself."""
        if fn is type and len(args) == 3 and not kwargs:
            return runtime.new_class(*args)
        return fn(*args, **kwargs)

    def class_locals():
        return runtime.class_locals[-1]

    def make_text(fn, *args, **kwargs):
        """A call of the name ``str`` or ``bytes``. The builtins take no keywords
        (NotImplementedError, py/objstr.c), and ``str`` of one object is that object printed
        as MicroPython prints it (float digits, dict order, reprs of the items); a guest
        function of that name is just called."""
        if fn is str or fn is bytes:
            if kwargs:
                raise NotImplementedError(
                    "keyword argument(s) not implemented - use normal args instead")
            if fn is bytes:
                return call_ordered(fn, *args)
            if len(args) == 1 and type(args[0]) is not str:
                return mp_str(args[0])
        return fn(*args, **kwargs)

    def pop_block(handlers: list) -> None:
        """An except or finally block ends (POP_EXCEPT_JUMP, END_FINALLY): py/vm.c's
        POP_EXC_BLOCK, which also clears sys.exc_info()."""
        handlers.pop()
        runtime.cur_exception = None

    def make_float(fn, *args, **kwargs):
        """A call of the name ``float``: the builtin reads a string as MicroPython does."""
        if fn is float and len(args) == 1 and not kwargs and \
                type(args[0]) in (str, bytes, bytearray):
            return float_of_text(args[0])
        return fn(*args, **kwargs)

    return {
        "_mh_getattr": guarded_getattr,
        "_mh_battr": builtin_attr,
        "_mh_type": type,
        "_mh_BaseException": BaseException,
        "_mh_GeneratorExit": GeneratorExit,
        "_mh_StopIteration": StopIteration,
        "_mh_guest_types": GUEST_TYPE_SET,
        "_mh_setattr": guarded_setattr,
        "_mh_delattr": guarded_delattr,
        "_mh_super_attr": super_attr,
        "_mh_build_class": lambda: runtime.builtins["__build_class__"],
        "_mh_class_locals": class_locals,
        "_mh_load_global": load_global,
        "_mh_del_name": del_name,
        "_mh_delitem": del_item,
        "_mh_percent": percent_format,
        "_mh_bpercent": bytes_percent,
        "_mh_mod": modulo,
        "_mh_own_contents": own_contents,
        "_mh_kwargs": keyword_names,
        "_mh_new_class": new_class,
        "_mh_text": make_text,
        "_mh_float": make_float,
        "_mh_pop_block": pop_block,
        "_mh_set_add": set_add,
        "_mh_setmethod": order_method,
        "_mh_cell": make_cell,
        "_mh_literal": note_literal,
        "_mh_set_literal": set_literal,
        "_mh_del_deref": del_deref,
        "_mh_with_enter": with_enter,
        "_mh_with_cleanup": with_cleanup,
        "_mh_UnwindJump": UnwindJump,
        "_mh_UnwindReturn": UnwindReturn,
        "_mh_unwind": unwind,
        "_mh_iter": guest_iter,
        "_mh_ordered": ordered_arg,
        "_mh_call_ordered": call_ordered,
        "_mh_slice": slice,
        "_mh_defaults": set_defaults,
        "_mh_raise_last": raise_last,
        "_mh_make_raise": make_raise_from,
        "_mh_exc_match": exc_match,
        "_mh_import": runtime.import_name,
        "_mh_import_from": runtime.import_from,
        "_mh_import_star": runtime.import_star,
        "_mh_catch": catch,
        "_mh_propagate": propagate,
    }


__all__ = ["make_helpers", "guarded_getattr", "guarded_setattr", "guarded_delattr",
           "check_attr", "Module"]

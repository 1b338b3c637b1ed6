"""Formatting as MicroPython formats: ``%`` with str and bytes templates and ``str.format``,
the arguments shown as the guest sees them (its str/repr), and no replacement field that walks
the host's attributes (``{0.x}``, ``{0[1]}`` are refused)."""

from __future__ import annotations

import re
import string
from functools import lru_cache

from mpt.runtime.vm.floatformat import float_repr, format_float_spec, percent_floats
from mpt.runtime.vm.qstrlimit import interned
from mpt.runtime.vm.objects import guest_type_name, mp_repr, mp_str


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
        shown: object = tuple(_guest_formatted(a) for a in args)
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
        shown: object = tuple(_RawBytes(a) if type(a) is bytes else a for a in args)
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
    shown = [_guest_formatted(a) for a in args]
    if kwargs:
        kwargs = {k: _guest_formatted(v) for k, v in kwargs.items()}
    return template.format(*shown, **kwargs)


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

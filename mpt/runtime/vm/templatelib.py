"""Template strings (PEP 750) as MicroPython 1.29 has them: ``Template`` and ``Interpolation``.

Compiled t-strings call the builtin ``__template__(strings, value, expression, conversion,
format_spec, ...)`` (or ``__template__(strings, flat_tuple)``); :func:`new_template` is that
builtin. MicroPython's types are smaller than CPython's: read-only attributes only, no
equality other than identity, no ``len``/indexing, ``+`` only between two templates, and no
``__str__`` of their own (``str(t)`` is the repr).
"""

from __future__ import annotations

from mpt.runtime.vm.objects import mp_repr

_INTERPOLATION_ARGS = ("value", "expression", "conversion", "format_spec")


def _read_only(obj, name, *value):
    raise AttributeError(f"'{type(obj).__name__}' object has no attribute '{name}'")


class _Field:
    """A read-only attribute of instances only (MicroPython's types have no class-level
    descriptors: ``Template.strings`` is an AttributeError)."""

    __slots__ = ("_read", "_name")

    def __init__(self, name: str, read=None):
        self._read = read or (lambda obj, slot="_" + name: getattr(obj, slot))
        self._name = name

    def __get__(self, obj, owner=None):
        if obj is None:
            raise AttributeError(f"type object '{owner.__name__}' has no attribute '{self._name}'")
        return self._read(obj)


def _check_plain_str(s) -> None:
    if type(s) is not str:
        raise TypeError("expected str or Interpolation")


class Interpolation:
    __slots__ = ("_value", "_expression", "_conversion", "_format_spec")
    _value: object
    _expression: object
    _conversion: object
    _format_spec: object

    # made in __new__ (no __init__), so an existing object cannot be initialised again
    def __new__(cls, *args, **kwargs):
        if len(args) > len(_INTERPOLATION_ARGS):
            raise TypeError("extra positional arguments given")
        given = dict(zip(_INTERPOLATION_ARGS, args))
        used = 0
        for name in _INTERPOLATION_ARGS[len(args):]:
            if name in kwargs:
                given[name] = kwargs[name]
                used += 1
        if "value" not in given:
            raise TypeError("'value' argument required")
        if used < len(kwargs):
            raise TypeError("extra keyword arguments given")
        return _init_interpolation(object.__new__(cls), given["value"],
                                   given.get("expression", ""), given.get("conversion"),
                                   given.get("format_spec", ""))

    value = _Field("value")
    expression = _Field("expression")
    conversion = _Field("conversion")
    format_spec = _Field("format_spec")

    __setattr__ = _read_only
    __delattr__ = _read_only

    def __repr__(self) -> str:
        return (f"Interpolation({mp_repr(self._value)}, {mp_repr(self._expression)}, "
                f"{mp_repr(self._conversion)}, {mp_repr(self._format_spec)})")


def _init_interpolation(obj, value, expression, conversion, format_spec):
    set_slot = object.__setattr__
    set_slot(obj, "_value", value)
    set_slot(obj, "_expression", expression)
    set_slot(obj, "_conversion", conversion)
    set_slot(obj, "_format_spec", format_spec)
    return obj


class Template:
    __slots__ = ("_strings", "_interpolations")
    _strings: tuple
    _interpolations: tuple

    def __new__(cls, *args, **kwargs):
        if kwargs:
            raise TypeError("function doesn't take keyword arguments")
        strings = [""]
        interpolations = []
        for arg in args:
            if type(arg) is Interpolation:
                interpolations.append(arg)
                strings.append("")
            else:
                _check_plain_str(arg)
                strings[-1] += arg
        return _init_template(object.__new__(cls), tuple(strings), tuple(interpolations))

    strings = _Field("strings")
    interpolations = _Field("interpolations")
    values = _Field("values", lambda self: tuple(i._value for i in self._interpolations))

    __setattr__ = _read_only
    __delattr__ = _read_only

    def __add__(self, other):
        if type(other) is not Template:
            return NotImplemented
        left, right = self._strings, other._strings
        strings = left[:-1] + (left[-1] + right[0],) + right[1:]
        return _init_template(object.__new__(Template), strings,
                              self._interpolations + other._interpolations)

    def __iter__(self):
        return TemplateIterator(self)

    def __repr__(self) -> str:
        return (f"Template(strings={mp_repr(self._strings)}, "
                f"interpolations={mp_repr(self._interpolations)})")


def _init_template(obj, strings, interpolations):
    object.__setattr__(obj, "_strings", strings)
    object.__setattr__(obj, "_interpolations", interpolations)
    return obj


class TemplateIterator:
    """Iterating a template: its non-empty strings and its interpolations, in order."""

    __slots__ = ("_parts",)

    def __init__(self, template: Template):
        strings, interps = template._strings, template._interpolations
        parts = []
        for i, s in enumerate(strings):
            if s:
                parts.append(s)
            if i < len(interps):
                parts.append(interps[i])
        self._parts = iter(parts)

    def __iter__(self):
        return self

    def __next__(self):
        return next(self._parts)


def new_template(strings, *args):
    """The ``__template__`` builtin that compiled t-strings call."""
    if len(args) == 1:
        flat = args[0]
        if type(flat) not in (tuple, list):
            raise TypeError(f"object '{type(flat).__name__}' isn't a tuple or list")
        args = tuple(flat)
    interpolations = tuple(_init_interpolation(object.__new__(Interpolation), *args[i:i + 4])
                           for i in range(0, len(args) - 3, 4))
    return _init_template(object.__new__(Template), strings, interpolations)


for _cls, _name in ((Template, "Template"), (Interpolation, "Interpolation"),
                    (TemplateIterator, "iterator")):
    _cls.__module__ = "builtins"
    _cls.__name__ = _cls.__qualname__ = _name

"""Zero-argument super() as MicroPython resolves it.

MicroPython has no C3 linearisation: ``super()`` inside class C searches C's bases
depth-first, left to right (``object`` last), never classes that are only siblings in the
instance's MRO. For single-inheritance chains that is the host's order, so only instances of
classes with several bases somewhere in their hierarchy take this path.
"""

from __future__ import annotations

_MISSING = object()
# Guest classes with several bases somewhere in their hierarchy (see Runtime.build_class);
# guest classes are kept alive anyway (objects.GUEST_TYPE_SET).
MULTIPLE_BASES: set = set()


def note_class(cls: type) -> None:
    if any(len(k.__bases__) > 1 for k in cls.__mro__):
        MULTIPLE_BASES.add(cls)


def _depth_first(t: type, name: str):
    while True:
        if name in t.__dict__:
            return t.__dict__[name]
        bases = t.__bases__
        if len(bases) != 1:
            for b in bases:
                if b is not object:
                    found = _depth_first(b, name)
                    if found is not _MISSING:
                        return found
            return _MISSING
        t = bases[0]
        if t is object:
            return _MISSING


def super_attribute(cls: type, obj, name: str):
    """``super().name`` in a method of ``cls`` called on the instance ``obj``."""
    found = _MISSING
    for base in cls.__bases__:
        if base is not object:
            found = _depth_first(base, name)
            if found is not _MISSING:
                break
    if found is _MISSING:
        found = object.__dict__.get(name, _MISSING)
        if found is _MISSING:
            raise AttributeError(f"'super' object has no attribute '{name}'")
    get = getattr(type(found), "__get__", None)
    return found if get is None else get(found, obj, type(obj))

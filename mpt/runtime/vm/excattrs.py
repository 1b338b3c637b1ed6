"""``.value`` and ``.errno`` of guest exceptions: MicroPython's aliases of the first argument.

py/objexcept.c answers both names for every exception instance with ``args[0]`` (None when
there are no arguments): ``StopIteration(5).value``, ``OSError(2, 'x').errno`` but also
``ValueError('x').value`` and ``OSError('a').errno``. Guest exceptions are host exception
instances, whose own ``value``/``errno`` (StopIteration, OSError) follow CPython's rules, so
translated code and getattr() look these two names up here. What the guest set on the instance,
or defined in a guest class, comes first, as MicroPython's instance lookup finds it first.
"""

from __future__ import annotations

from mpt.runtime.vm.objects import GUEST_TYPES

ALIASED = frozenset(("value", "errno"))


def exception_attr(obj, name: str):
    """``obj.name`` for ``name`` in :data:`ALIASED`."""
    if not isinstance(obj, BaseException):
        return getattr(obj, name)
    own = getattr(obj, "__dict__", None)
    if own and name in own:
        return own[name]
    for klass in type(obj).__mro__:
        if klass in GUEST_TYPES and name in klass.__dict__:
            return getattr(obj, name)
    args = obj.args
    return args[0] if args else None

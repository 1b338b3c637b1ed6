"""Guest classes defined once at module level, copied per interpreter where they hold state.

A guest class whose methods need one interpreter's objects (its clock, scheduler, registry)
is written at module level; ``copy_class`` makes each interpreter's class from it: the same
methods, slots and bases, under the guest's name, with that interpreter's objects as class
attributes. Every interpreter has its own class object, so two boards in one process share
neither state nor class, and the guest sees what it sees of a class defined directly (a
subclass would show the module-level class in ``__bases__`` and ``__mro__``).
"""

from __future__ import annotations

from types import GetSetDescriptorType, MemberDescriptorType

_DESCRIPTORS = (GetSetDescriptorType, MemberDescriptorType)  # remade from __slots__ by type()


def copy_class(template: type, name: str, **attrs) -> type:
    """The class ``name`` made from ``template``'s body, with ``attrs`` as class attributes
    (a class of the guest's builtins, as MicroPython's native types are)."""
    namespace = {k: v for k, v in vars(template).items()
                 if k not in ("__dict__", "__weakref__") and type(v) not in _DESCRIPTORS}
    namespace.update(attrs)
    namespace["__module__"] = "builtins"
    return type(name, template.__bases__, namespace)

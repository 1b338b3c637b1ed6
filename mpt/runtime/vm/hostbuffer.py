"""Guest objects whose buffer is another object's memory (a FrameBuffer's drawing buffer, a
uctypes structure's bytes, a ROM file): one place that hands their buffer to host C code.

Such classes define ``__buffer__`` (PEP 688), which CPython honours from 3.12 on; before, the
host's bytes(), bytearray(), memoryview() and every C function taking a buffer see no buffer.
The library registers those classes here, and the guest's bytes/bytearray/memoryview calls and
the library's buffer helper (runtime.library.buffers) resolve an instance of one (or of a guest
subclass) to the host buffer it exposes, so a program prints the same on every host version.
"""

from __future__ import annotations

import array
import sys

# The host's own buffer protocol reaches ``__buffer__`` (CPython 3.12+): nothing to resolve.
HOST_HONOURS_BUFFER = sys.version_info >= (3, 12)

# the host's own buffer types (the translator's inline test before memoryview's helper)
HOST_BUFFER_TYPES = frozenset((bytes, bytearray, memoryview, array.array))

# the registered classes (isinstance() of one of them: the object exposes its buffer so)
registered: tuple[type, ...] = ()


def register(cls: type) -> type:
    """``cls`` (and its subclasses) expose a buffer only through ``__buffer__``."""
    global registered
    if cls not in registered:
        registered = (*registered, cls)
    return cls


def exposes_buffer(obj) -> bool:
    """``obj`` is an instance of a registered class."""
    return isinstance(obj, registered)


def host_buffer(obj):
    """The host buffer behind ``obj`` if it is an instance of a registered class; else ``obj``."""
    if isinstance(obj, registered):
        hook = type(obj).__buffer__  # type: ignore[attr-defined]  # (PEP 688, any flags)
        return hook(obj, 0)
    return obj


def call_memoryview(fn, *args, **kwargs):
    """A call of the name ``memoryview`` (hosts before 3.12). Only a buffer makes a view, so
    the host's call fails for a registered object, which then gets the view of its buffer; a
    guest function of that name is just called."""
    try:
        return fn(*args, **kwargs)
    except TypeError:
        if fn is not memoryview or len(args) != 1 or kwargs or not isinstance(args[0], registered):
            raise
    return memoryview(host_buffer(args[0]))

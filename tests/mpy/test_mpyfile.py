import glob
import tempfile
from pathlib import Path

import pytest

from mpt.errors import MpyFormatError
from mpt.mpy.mpyfile import FUN_TABLE, read_mpy, write_mpy
from mpt.mpy.rawcode import KIND_BYTECODE, KIND_NATIVE_PY, KIND_NATIVE_VIPER
from mpt.mpy.varint import encode_var_uint
from mpycross_ref import (
    MICROPYTHON_SRC, mpy_cross_compile, needs_micropython_src, needs_mpy_cross, run_mpy_cross,
)

PROGRAMS = {
    "constants": 'x = 1.5\ny = (1, 2.25, "s", b"b", 10**30, 3j, None, True, ...)\nz = -7e-300\n',
    "functions": (
        "def f(a, b=2, *args, c, d=4, **kw):\n    return a + b\n\n"
        "def gen(n):\n    for i in range(n):\n        yield i\n\n"
        "class C:\n    def m(self):\n        return [x * 2 for x in range(3)]\n"
    ),
    "closures": "def outer(a):\n    def inner(b):\n        return a + b\n    return inner\n",
    "unicode": 's = "h\u00e9llo \u2603"\nb = b"\\x00\\xff"\n\u00e9t\u00e9 = 1\n',
    "static_qstrs": "import sys\nprint(len([1]), sys.argv)\n",
}


@needs_mpy_cross
@pytest.mark.parametrize("name", sorted(PROGRAMS))
def test_round_trip_of_mpy_cross_output(name):
    data = mpy_cross_compile(PROGRAMS[name])
    module = read_mpy(data)
    assert module.qstrs[0] == "prog.py"
    assert write_mpy(module) == data


@needs_mpy_cross
def test_constants_are_decoded_to_python_values():
    module = read_mpy(mpy_cross_compile(PROGRAMS["constants"]))
    assert module.small_int_bits == 31 and module.arch == 0
    assert 1.5 in module.objects
    assert -7e-300 in module.objects or 7e-300 in module.objects
    tuples = [o for o in module.objects if isinstance(o, tuple)]
    assert tuples == [(1, 2.25, "s", b"b", 10**30, 3j, None, True, ...)]


@needs_mpy_cross
def test_small_int_bits_is_kept():
    data = mpy_cross_compile("x = 100000\n", args=("-msmall-int-bits=8",))
    module = read_mpy(data)
    assert module.small_int_bits == 8
    assert 100000 in module.objects
    assert write_mpy(module) == data


@needs_mpy_cross
def test_native_code_is_read_and_written_unchanged():
    src = ("import micropython\n@micropython.native\ndef f(x):\n    return x + 1\n"
           "@micropython.viper\ndef g(x: int) -> int:\n    return x * 2\n")
    data = mpy_cross_compile(src, args=("-march=x64",))
    module = read_mpy(data)
    assert module.arch == 2  # x64
    kinds = {child.kind for child in module.root.children}
    assert kinds == {KIND_NATIVE_PY, KIND_NATIVE_VIPER}
    assert module.root.kind == KIND_BYTECODE
    assert FUN_TABLE in module.objects
    assert write_mpy(module) == data


@pytest.mark.parametrize("relocations", [b"\x03\x01\x00\xff", b"\x03\x01\x00"])
def test_natmod_viper_sections_are_read_and_written_unchanged(relocations):
    """A viper function with rodata, BSS and relocations (what natmod builds hold); the
    relocations end with 0xff or, as the firmware's reader takes it, at the end of the file."""
    data = (b"M\x06\x13\x1f" + b"\x01\x00" + b"\x08m.py\x00"
            + bytes([4 << 3 | KIND_NATIVE_VIPER]) + b"\x00\x00\x00\x00"
            + b"\x70" + b"\x03\x04" + b"abc" + relocations)
    module = read_mpy(data)
    assert module.root.kind == KIND_NATIVE_VIPER
    assert module.root.scope_flags == 0x70
    assert module.root.viper_sections == b"\x03\x04abc"
    assert module.root.relocations == relocations
    assert write_mpy(module) == data


@needs_mpy_cross
def test_march_without_native_code_writes_a_plain_header():
    data = mpy_cross_compile("x = 1\n", args=("-march=armv7m",))
    assert data[:4] == b"M\x06\x00\x1f"
    assert write_mpy(read_mpy(data)) == data


def test_var_uint_encoding():
    assert encode_var_uint(0) == b"\x00"
    assert encode_var_uint(127) == b"\x7f"
    assert encode_var_uint(128) == b"\x81\x00"
    assert encode_var_uint(0x3FFF) == b"\xff\x7f"


@pytest.mark.parametrize("data, message", [
    (b"", "bad magic"),
    (b"C\x06\x00\x1f", "bad magic"),
    (b"M\x05\x00\x1f\x00\x00", "version 5"),
    (b"M\x06\x00\x1f\x01", "truncated"),
    (b"M\x06\x09\x1f\x00\x00\x00", "sub-version"),
])
def test_malformed_files_raise_mpy_format_error(data, message):
    with pytest.raises(MpyFormatError, match=message):
        read_mpy(data)


@needs_mpy_cross
def test_trailing_garbage_is_rejected():
    data = mpy_cross_compile("x = 1\n")
    with pytest.raises(MpyFormatError, match="unexpected bytes"):
        read_mpy(data + b"\x00")
    with pytest.raises(MpyFormatError, match="truncated"):
        read_mpy(data[:-1])


@pytest.mark.slow
@needs_mpy_cross
@needs_micropython_src
def test_round_trip_of_micropython_test_suite():
    """Every .mpy mpy-cross makes from MicroPython's own tests reads and writes back identically."""
    sources = sorted(glob.glob(str(MICROPYTHON_SRC / "tests" / "basics" / "*.py")))
    sources += sorted(glob.glob(str(MICROPYTHON_SRC / "tests" / "float" / "*.py")))
    native = sorted(glob.glob(str(MICROPYTHON_SRC / "tests" / "micropython" / "viper_*.py")))
    native += sorted(glob.glob(str(MICROPYTHON_SRC / "tests" / "micropython" / "native_*.py")))
    native += sorted(glob.glob(str(MICROPYTHON_SRC / "tests" / "inlineasm" / "*" / "*.py")))
    assert len(sources) > 300
    checked = 0
    with tempfile.TemporaryDirectory() as tmp:
        jobs = [(src, ()) for src in sources]
        for arch in ("x64", "armv6m", "armv7emdp", "xtensawin", "rv32imc"):
            jobs += [(src, (f"-march={arch}",)) for src in native]
        for i, (src, args) in enumerate(jobs):
            out = Path(tmp, f"{i}.mpy")
            if run_mpy_cross([*args, "-o", str(out), src]).returncode != 0:
                continue  # a test that is meant not to compile
            data = out.read_bytes()
            assert write_mpy(read_mpy(data)) == data, src
            checked += 1
    assert checked > 300


@needs_mpy_cross
def test_corrupted_files_fail_only_with_mpy_format_error():
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from mpt.mpy.disasm import disassemble

    valid = mpy_cross_compile(PROGRAMS["functions"] + PROGRAMS["constants"])

    @settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.lists(st.tuples(st.integers(0, len(valid) - 1), st.integers(0, 255)),
                    min_size=1, max_size=4),
           st.integers(4, len(valid)))
    def check(edits, cut):
        data = bytearray(valid[:cut])
        for pos, value in edits:
            if pos < len(data):
                data[pos] = value
        try:
            disassemble(read_mpy(bytes(data)))
        except MpyFormatError:
            pass

    check()


def test_deeply_nested_tuples_are_rejected():
    data = b"M\x06\x00\x1f\x00\x01" + b"\x0a\x01" * 500 + b"\x01"
    with pytest.raises(MpyFormatError, match="nested too deeply"):
        read_mpy(data)


def _same(a, b):
    """Equality that tells -0.0 from 0.0 and lets nan equal nan."""
    import math
    import struct

    if type(a) is not type(b):
        return False
    if isinstance(a, float):
        return struct.pack("<d", a) == struct.pack("<d", b) or (math.isnan(a) and math.isnan(b))
    if isinstance(a, complex):
        return _same(a.real, b.real) and _same(a.imag, b.imag)
    if isinstance(a, tuple):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def test_written_modules_read_back_identically():
    from hypothesis import given, settings
    from hypothesis import strategies as st

    from mpt.mpy.rawcode import CompiledModule, RawCode
    from mpt.mpy.static_qstrs import STATIC_QSTRS

    scalars = st.one_of(
        st.none(), st.booleans(), st.just(...), st.integers(), st.integers(-2**200, 2**200),
        st.floats(allow_nan=True), st.text(), st.binary(),
        st.floats().map(lambda x: complex(0.0, x)))
    objects = st.recursive(scalars, lambda inner: st.tuples(inner, inner) | st.tuples(inner),
                           max_leaves=6)
    qstrs = st.lists(st.one_of(st.sampled_from(STATIC_QSTRS), st.text()), min_size=1)
    # Any bytes are a valid opaque fun_data for the file layer.
    code = st.recursive(
        st.builds(lambda data: RawCode(kind=0, fun_data=data), st.binary(max_size=40)),
        lambda inner: st.builds(lambda data, kids: RawCode(kind=0, fun_data=data, children=kids),
                                st.binary(max_size=40), st.lists(inner, min_size=1, max_size=3)),
        max_leaves=5)

    @settings(max_examples=150, deadline=None)
    @given(qstrs, st.lists(objects, max_size=8), code, st.integers(1, 63))
    def check(q, objs, root, bits):
        module = CompiledModule(qstrs=q, objects=objs, root=root, small_int_bits=bits)
        data = write_mpy(module)
        back = read_mpy(data)
        assert back.qstrs == q and back.small_int_bits == bits
        assert len(back.objects) == len(objs)
        assert all(_same(x, y) for x, y in zip(back.objects, objs))
        assert write_mpy(back) == data

    check()

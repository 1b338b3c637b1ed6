import pytest

from mpt.errors import MpyFormatError
from mpt.mpy import opcodes
from mpt.mpy.mpyfile import read_mpy
from mpt.mpy.prelude import (
    SCOPE_FLAG_DEFKWARGS, SCOPE_FLAG_GENERATOR, SCOPE_FLAG_VARARGS, SCOPE_FLAG_VARKEYWORDS,
    decode_line_info, decode_prelude, decode_signature, decode_size, encode_line_info,
    encode_line_step, encode_signature, encode_size, line_for_offset,
)
from mpycross_ref import mpy_cross_compile, needs_mpy_cross

pytestmark = needs_mpy_cross


def _functions(source, *args):
    module = read_mpy(mpy_cross_compile(source, args=args))
    found = {}

    def walk(rc):
        p = decode_prelude(rc.fun_data)
        found[module.qstrs[p.simple_name]] = (p, rc, module)
        for child in rc.children:
            walk(child)

    walk(module.root)
    return found


def test_signature_and_argument_names():
    fns = _functions("def f(a, b=2, *args, c, d=4, **kw):\n    return a\n")
    p, _, module = fns["f"]
    assert (p.n_pos_args, p.n_kwonly_args, p.n_def_pos_args) == (2, 2, 1)
    assert p.scope_flags == SCOPE_FLAG_VARARGS | SCOPE_FLAG_VARKEYWORDS | SCOPE_FLAG_DEFKWARGS
    names = [module.qstrs[q] for q in p.arg_names]
    # mpy-cross numbers keyword-only arguments with defaults before those without.
    assert names == ["a", "b", "d", "c"]
    assert p.n_state >= 6  # a, b, c, d, args, kw
    assert fns["<module>"][0].arg_names == []


def test_generator_flag_and_exception_stack():
    fns = _functions("def g(n):\n    try:\n        yield n\n    except E:\n        pass\n")
    p = fns["g"][0]
    assert p.scope_flags & SCOPE_FLAG_GENERATOR
    assert p.n_exc_stack == 1


def test_cells_list_the_closed_over_locals():
    fns = _functions("def outer(a, b):\n    def inner():\n        return b\n    return inner\n")
    assert fns["outer"][0].cells == [1]
    assert fns["inner"][0].cells == []


def test_bytecode_starts_after_the_prelude():
    p, rc, _ = _functions("def f():\n    return 5\n")["f"]
    code = rc.fun_data[p.code_offset:]
    assert opcodes.TABLE[code[0]].name == "LOAD_CONST_SMALL_INT_MULTI"
    assert opcodes.small_int_multi_value(code[0]) == 5
    assert code[1] == opcodes.RETURN_VALUE
    assert len(code) == 2


def test_line_table_gives_each_statement_its_line():
    source = "x = 1\n\n\ny = 2\n" + "\n" * 300 + "z = 3\n"
    p, rc, _ = _functions(source)["<module>"]
    lines = [line for _, line in p.lines]
    assert 4 in lines and 305 in lines and lines == sorted(lines)
    assert p.source_line(0) == 1
    assert p.source_line(len(rc.fun_data) - p.code_offset - 1) == 305


def test_no_source_lines_gives_an_empty_table():
    p = _functions("x = 1\ny = 2\n", "-X", "no-source-lines")["<module>"][0]
    assert p.lines == [] and p.line_info == b""
    assert p.source_line(3) == 1


def test_line_info_encodings():
    # 0b0LLBBBBB: 3 bytes on, 1 line on; 0b1LLLBBBB LLLLLLLL: 2 bytes on, 0x123 lines on.
    pairs = decode_line_info(bytes([0b00100011, 0b10010010, 0x23]))
    assert pairs == [(3, 2), (5, 2 + 0x123)]
    assert line_for_offset(pairs, 4) == 2
    assert line_for_offset(pairs, 5) == 2 + 0x123
    with pytest.raises(MpyFormatError):
        decode_line_info(bytes([0x81]))


def test_truncated_prelude_is_an_error():
    with pytest.raises(MpyFormatError):
        decode_prelude(b"\x80")


def test_encoders_give_back_the_bytes_mpy_cross_wrote():
    source = ("def f(a, b=2, *args, c, d=4, **kw):\n    def g():\n        return a, c\n"
              "    return g\n" + "\n" * 40 + "x = 1\n" + "\n" * 3000 + "y = [i for i in f(1)]\n"
              + "".join(f"v{i} = {i}\n" for i in range(70)))
    fns = _functions(source)
    assert len(fns) >= 4
    for p, rc, _ in fns.values():
        sig, pos = decode_signature(rc.fun_data)
        n_info, n_cell, end = decode_size(rc.fun_data, pos)
        assert encode_signature(sig.n_state, sig.n_exc_stack, sig.scope_flags, sig.n_pos_args,
                                sig.n_kwonly_args, sig.n_def_pos_args) == rc.fun_data[:pos]
        assert encode_size(n_info, n_cell) == rc.fun_data[pos:end]
        assert encode_line_info(p.lines) == p.line_info


def test_large_line_steps_take_several_entries():
    data = encode_line_step(40, 3000)
    assert decode_line_info(data)[-1] == (40, 3001)
    assert encode_line_step(0, 0) == b""
    assert encode_line_step(3, 1) == bytes([0b00100011])

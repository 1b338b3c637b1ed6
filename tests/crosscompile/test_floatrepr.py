"""MicroPython float printing/parsing vs the real tools (golden data from make_float_golden.py)."""

import math
import random
import struct
import sys
from pathlib import Path

import pytest

from mpt.floatrepr import (
    QUAD_BITS, format_float, parse_complex, parse_float, repr_complex, repr_float,
)
from mpt.mpy.mpyfile import read_mpy
from mpycross_ref import MPY_CROSS, mpy_cross_compile, needs_mpy_cross

DATA = Path(__file__).parent / "data"
GOLDEN = [line.split() for line in (DATA / "float_golden.txt").read_text().splitlines()]
QUAD = {"long_double_bits": QUAD_BITS}


def _double(bits_hex):
    return struct.unpack(">d", bytes.fromhex(bits_hex))[0]


def test_golden_set_is_large_and_differs_from_cpython_somewhere():
    assert len(GOLDEN) >= 4000
    differing = sum(1 for row in GOLDEN if row[2] != repr(_double(row[0])))
    assert differing > 10  # MicroPython's repr is not CPython's shortest repr


def test_mpy_cross_object_text_for_every_literal():
    """mpy-cross parses the literal with its own parser, then writes its repr: both emulated."""
    wrong = [(lit, text, repr_float(parse_float(lit)))
             for _, lit, text, *_ in GOLDEN if repr_float(parse_float(lit)) != text]
    assert wrong == []


def test_micropython_prints_exact_doubles():
    """repr, %g, %.12e and %.4f as the (quad long double) webassembly MicroPython prints them."""
    wrong = []
    for bits, _, _, rep, g, e, f in GOLDEN:
        x = _double(bits)
        got = (repr_float(x, **QUAD), format_float(x, "g", **QUAD),
               format_float(x, "e", 12, **QUAD), format_float(x, "f", 4, **QUAD))
        if got != (rep, g, e, f):
            wrong.append((bits, (rep, g, e, f), got))
    assert wrong == []


@pytest.mark.parametrize("x, text", [
    (0.0, "0.0"), (-0.0, "-0.0"), (1.0, "1.0"), (-2.5, "-2.5"), (1e16, "1e+16"),
    (1e15, "1000000000000000.0"), (1e-5, "1e-05"), (0.0001, "0.0001"),
    (math.inf, "inf"), (-math.inf, "-inf"), (math.nan, "nan"), (1e100, "1e+100"),
])
def test_repr_of_special_values(x, text):
    assert repr_float(x) == text


@pytest.mark.parametrize("z, text", [
    (3j, "3j"), (-2.5j, "-2.5j"), (complex(1, 2), "(1+2j)"), (complex(1, -2), "(1-2j)"),
    (complex(0, math.inf), "infj"), (1e300j, "1e+300j"),
])
def test_repr_complex(z, text):
    assert repr_complex(z) == text


def test_parse_accepts_micropython_syntax():
    assert parse_float("1_000.5") == 1000.5
    assert parse_float("  -Infinity ") == -math.inf
    assert math.isnan(parse_float("nan"))
    assert parse_float("1e400") == math.inf
    assert parse_float("1e-400") == 0.0
    assert parse_complex("2.5j") == 2.5j
    assert parse_complex("(1-2j)") == complex(1, -2)
    for bad in ("", "1e", "abc", "1.5x", "--1"):
        with pytest.raises(ValueError):
            parse_float(bad)


@pytest.mark.slow
@needs_mpy_cross
def test_fresh_random_doubles_against_mpy_cross():
    """A new random sample every run, printed by mpy-cross into a .mpy object table."""
    sys.path.insert(0, str(DATA))
    try:
        import make_float_golden as gen
    finally:
        sys.path.pop(0)
    gen.MPY_CROSS = str(MPY_CROSS)
    values = gen.sample_doubles(1500, seed=random.randrange(1 << 30))
    literals = [repr(x) for x in values]
    texts = gen.mpy_cross_texts(literals)
    assert [repr_float(parse_float(lit)) for lit in literals] == texts


@needs_mpy_cross
def test_complex_and_negative_constants_in_a_real_mpy():
    data = mpy_cross_compile("a = 1.5e300j\nb = 0.1\nc = 2.0**-1074\n")
    module = read_mpy(data)
    assert 1.5e300j in module.objects and 0.1 in module.objects


def test_long_literals_parse_and_print_as_mpy_cross_does():
    """15-25 digit literals: MicroPython's own parser (long double scaling), then its repr."""
    rows = [line.split() for line in (DATA / "float_literal_golden.txt").read_text().splitlines()]
    assert len(rows) >= 3000
    wrong = [(lit, text) for lit, text in rows if repr_float(parse_float(lit)) != text]
    assert wrong == []


def _printf_spec(spec):
    """'%-+012.3e' -> print_float arguments, as MicroPython's '%' operator parses them."""
    import re

    from mpt import floatrepr as fr

    m = re.fullmatch(r"%([-+ #0]*)(\d*)(?:\.(\d*))?([eEfFgG])", spec)
    flag_chars, width, prec, fmt = m.groups()
    flags, fill = 0, " "
    for ch in flag_chars:
        if ch == "-":
            flags |= fr.PF_FLAG_LEFT_ADJUST
        elif ch == "+":
            flags |= fr.PF_FLAG_SHOW_SIGN
        elif ch == " ":
            flags |= fr.PF_FLAG_SPACE_SIGN
        elif ch == "0":
            flags |= fr.PF_FLAG_PAD_AFTER_SIGN
            fill = "0"
    return dict(fmt=fmt, flags=flags, fill=fill, width=int(width) if width else 0,
                prec=int(prec or 0) if prec is not None else -1)


def test_printf_style_formatting_matches_micropython():
    """16 '%' specs (flags, width, precision) on 400 signed doubles, printed by MicroPython."""
    import ast

    from mpt.floatrepr import print_float

    rows = (DATA / "float_format_golden.txt").read_text().splitlines()
    assert len(rows) >= 6000
    wrong = []
    for row in rows:
        bits, spec, text = row.split(" ", 2)
        spec = spec.replace("_", " ")
        got = print_float(_double(bits), **_printf_spec(spec), **QUAD)
        if got != ast.literal_eval(text):
            wrong.append((bits, spec, ast.literal_eval(text), got))
    assert wrong == []

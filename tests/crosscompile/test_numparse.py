"""Number literals (mpt.crosscompile.numparse) against Python and the real mpy-cross 1.29.

mpy-cross's long-double float parsing is not always correctly rounded, and it stores floats in
the .mpy as the shortest text its own parser reads back, so float literals are checked by
compiling ``x = <literal>`` with mpt's whole pipeline and comparing the .mpy bytes.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings, strategies as st

from mpt.crosscompile.numparse import NumberSyntaxError, parse_decimal, parse_integer
from tests.crosscompile.frontend_ref import mpt_result, reference

@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=0, max_value=2**200), st.sampled_from(["d", "x", "o", "b"]))
def test_integer_literals_agree_with_python(value, base):
    text = {"d": str(value), "x": hex(value), "o": oct(value), "b": bin(value)}[base]
    assert parse_integer(text.encode()) == value
    assert parse_integer(text.upper().encode()) == value


@pytest.mark.parametrize("text,message", [
    (b"0o8", "invalid syntax for integer with base 8: '8'"),
    (b"0x", "invalid syntax for integer with base 16: ''"),
    (b"09", "invalid syntax for integer with base 0: '09'"),
    (b"1if", "invalid syntax for integer with base 10: '1if'"),
])
def test_bad_integer_messages(text, message):
    with pytest.raises(NumberSyntaxError) as info:
        parse_integer(text)
    assert info.value.args[0] == message


HARD_FLOATS = [
    "0.1", "0.3", "1.7976931348623157e308", "1.7976931348623159e308", "2.2250738585072014e-308",
    "2.2250738585072011e-308", "4.9406564584124654e-324", "2.4703282292062328e-324", "5e-324",
    "1e-400", "1e400", "123456789012345678901234567890.0", "0.1234567890123456789012345",
    "9007199254740993.0", "9007199254740995.0", "1e23", "8.5e-5", "7.2057594037927933e16",
    "3.14159265358979323846264338327950288", "1.00000000000000011102230246251565404",
    "0.000000000000000000000000000000000000001", "1_000.000_1", "1e0_1", ".5e-3", "1.5j",
    "100000000000000000000000000000000000000000000000000000000000000000000000000000000.0",
    # literals where mpy-cross's long double parsing differs from correct rounding
    "0.2e127", "0.045725941e301", "5476237883164.84e-129", "0.0000000000755956696e61",
    "4.10447695230110133748e189",
]


@pytest.mark.parametrize("literal", HARD_FLOATS)
def test_hard_float_literals_match_mpy_cross(tmp_path, literal):
    source = f"x = {literal}\n".encode()
    assert mpt_result(source) == reference(tmp_path, source)


@settings(max_examples=150, deadline=None)
@given(mantissa=st.integers(min_value=0, max_value=10**25),
       frac_digits=st.integers(min_value=0, max_value=25),
       exponent=st.integers(min_value=-340, max_value=320))
def test_random_float_literals_match_mpy_cross(tmp_path_factory, mantissa, frac_digits,
                                               exponent):
    digits = str(mantissa).rjust(frac_digits + 1, "0")
    literal = f"{digits[:len(digits) - frac_digits]}.{digits[len(digits) - frac_digits:]}" \
              f"e{exponent}"
    source = f"x = {literal}\n".encode()
    assert mpt_result(source) == reference(tmp_path_factory.mktemp("f"), source)


def test_long_double_parsing_is_not_correct_rounding():
    # the x87 scaling of mantissa 2 by 10**126 rounds differently from float("2e126")
    assert parse_decimal(b"0.2e127") == parse_decimal(b"2e126") != float("2e126")


@pytest.mark.parametrize("text", [b"1e", b"1e+", b"1.2.3", b"1j2", b"1.5x"])
def test_bad_float_literals(text):
    with pytest.raises(NumberSyntaxError) as info:
        parse_decimal(text)
    assert info.value.args[0] == "invalid syntax for number"


def test_many_random_float_literals_in_one_module(tmp_path):
    import random

    rng = random.Random(1029)
    lines = []
    for i in range(1000):
        digits = str(rng.randint(0, 10 ** rng.randint(1, 25))).rjust(21, "0")
        point = rng.randint(1, 20)
        lines.append(f"x{i} = {digits[:point]}.{digits[point:]}e{rng.randint(-345, 310)}")
    source = ("\n".join(lines) + "\n").encode()
    assert mpt_result(source) == reference(tmp_path, source)


def test_very_long_integer_literals():
    assert parse_integer(b"1" + b"0" * 9000) == 10 ** 9000
    assert parse_integer(b"0x" + b"f" * 5000) == 16 ** 5000 - 1
    assert parse_integer(b"0" * 5000) == 0

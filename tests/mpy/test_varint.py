"""Var-uints and signed var-ints: the encodings MicroPython's emitter and loader use."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from mpt.errors import MpyFormatError
from mpt.mpy.varint import encode_var_sint, encode_var_uint, read_var_sint, read_var_uint


@given(st.integers(min_value=0, max_value=1 << 70))
def test_uint_round_trip(n):
    data = b"\x01" + encode_var_uint(n) + b"\x02"
    assert read_var_uint(data, 1) == (n, len(data) - 1)


@given(st.integers(min_value=-(1 << 70), max_value=1 << 70))
def test_sint_round_trip(n):
    data = encode_var_sint(n)
    assert read_var_sint(data, 0) == (n, len(data))


def test_signed_encodings_keep_the_sign_bit_in_the_first_byte():
    assert encode_var_sint(-1) == b"\x7f"
    assert encode_var_sint(63) == b"\x3f"
    assert encode_var_sint(64) == b"\x80\x40"
    assert encode_var_sint(-65) == b"\xff\x3f"


def test_truncated_values_are_format_errors():
    with pytest.raises(MpyFormatError):
        read_var_uint(b"\x81", 0)
    with pytest.raises(MpyFormatError):
        read_var_sint(b"\xc1", 0)

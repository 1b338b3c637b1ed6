from hypothesis import given, strategies as st

from mpt.intdigits import decimal_to_int, int_to_decimal


@given(st.integers())
def test_small_ints_print_as_python_prints_them(n):
    assert int_to_decimal(n) == str(n)
    assert decimal_to_int(str(n)) == n


@given(st.integers(min_value=1, max_value=30_000), st.booleans())
def test_huge_ints_round_trip_past_the_host_digit_limit(digits, negative):
    n = 10 ** digits - 7  # digits-1 nines, then a 3
    expected = "9" * (digits - 1) + "3"
    if negative:
        n, expected = -n, "-" + expected
    assert int_to_decimal(n) == expected
    assert decimal_to_int(expected) == n
    assert decimal_to_int(expected.encode()) == n

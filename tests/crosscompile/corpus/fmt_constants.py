# Constants of every kind the .mpy object table can hold.
PI = 3.141592653589793
E = 2.718281828459045
TINY = 5e-324
HUGE = 1.7976931348623157e308
OVERFLOW = 1e400
FLOATS = (0.1, 0.2, 0.30000000000000004, 1e22, 1e23, 9.299999999999999e-14, 123456.789e-3)
IMAG = (1j, 2.5j, 1e300j, 0j)
BIG = 123456789012345678901234567890
NEG_BIG = -98765432109876543210
SMALLS = (0, 1, -1, 63, 64, -64, -65, 1073741823, 1073741824, -1073741824, -1073741825)
POWERS = [2 ** 30, 2 ** 31, 2 ** 62, 2 ** 63, 2 ** 64, -(2 ** 63)]
TEXT = "h\u00e9llo w\u00f6rld \u2603 \U0001f600"
RAW = b"\x00\x01\xfe\xff" + b"bytes"
EMPTY = (b"", "", ())
NESTED = ((1, 2), ("a", (b"b", None)), (True, False, ...))
LONG = "a long string constant that is certainly longer than the small qstr threshold"

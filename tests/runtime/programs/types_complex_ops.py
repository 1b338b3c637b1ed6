a = 3 + 4j
b = 1 - 2j
print(a + b, a - b, a * b, a / b, abs(a), -a, +a, a == 3 + 4j, a != b)
print(a.real, a.imag, b.real, b.imag, type(a.real).__name__, complex(0, -1), complex(-2.5))
print(a * 2, 2 * a, a / 2, a + 1.5, 1.5 + a, 1j * 1j, a * 0)
print(complex("1+2j"), complex("-3j"), complex(" 4 "), complex("1e2+1e-1j"), [1j, 2 + 0j], (1j,))
print(abs(1j), abs(-2j), complex(1, 2) == complex("1+2j"), hash(1j) == hash(1j))
print(repr(complex(1.5, -0.5)), str(complex(0, 2.5)), complex(3, 0), -(0j), (1 + 1j) * (1 - 1j))

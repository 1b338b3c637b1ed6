c = complex(1, 2)
print(c, c.real, c.imag, abs(complex(3, 4)), c * c, c + 1, c - 1j, c / 2, -c)
print(complex(2), complex("3+4j"), complex("1j"), complex(1.5), 1j * 1j)
print(repr(1j), repr(-1j), repr(complex(0, 0)), repr(complex(-0.0, 1)), 2 + 0j, (1 + 2j) == (1 + 2j))
print((1 + 2j) != 1, 1j == 1j, complex(1, 0) == 1)
for f in (lambda: 1j < 2j, lambda: complex("x"), lambda: 1j // 2, lambda: 1j % 2,
          lambda: int(1j), lambda: float(1j), lambda: 1j / 0):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

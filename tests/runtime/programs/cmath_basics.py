import cmath
z = complex(3, 4)
print(z, z.real, z.imag, abs(z))
print(cmath.sqrt(4), cmath.phase(-1), cmath.polar(1j), cmath.exp(0))
print((1 + 2j) * (3 - 1j), (1 + 2j) / 2, complex("1+2j") if False else 0)

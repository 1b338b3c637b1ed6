import cmath

print(cmath.pi, cmath.e)
print(cmath.sqrt(-1), cmath.sqrt(4), cmath.sqrt(2j), cmath.sqrt(-4 + 0j), cmath.sqrt(3 + 4j))
print(cmath.exp(0), cmath.exp(1j), cmath.exp(1 + 1j))
print(cmath.log(1), cmath.log(-1), cmath.log(1j), cmath.log(10, 10) if False else cmath.log10(100))
print(cmath.cos(0), cmath.sin(0), cmath.cos(1j), cmath.sin(1 + 1j))
print(cmath.phase(1), cmath.phase(-1), cmath.phase(1j), cmath.phase(-1j), cmath.phase(-1 - 0j))
print(cmath.polar(1j), cmath.polar(-2), cmath.polar(3 + 4j))
print(cmath.rect(1, 0), cmath.rect(2, cmath.pi / 2), cmath.rect(1, cmath.pi))
print((1 + 2j) * (3 - 1j), abs(3 + 4j), (1 + 1j) / (1 - 1j))
print(complex(1, 2), complex(2), (2j).real, (2j).imag)
for name in ("tan", "asin", "acos", "isnan", "isinf", "isclose", "inf", "nan", "tau", "exp"):
    print(name, hasattr(cmath, name))

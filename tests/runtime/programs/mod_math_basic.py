import math

print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan)
for f in (math.sqrt, math.exp, math.log, math.log2, math.log10, math.sin, math.cos, math.tan,
          math.atan, math.sinh, math.cosh, math.tanh, math.asinh, math.fabs, math.expm1,
          math.erf, math.gamma, math.degrees, math.radians):
    print([f(x) for x in (0.5, 1, 2.0, 10)])
print([math.asin(x) for x in (-1, 0, 0.5, 1)], [math.acos(x) for x in (-1, 0, 0.5, 1)])
print([math.atanh(x) for x in (-0.5, 0, 0.5)], [math.acosh(x) for x in (1, 2, 10)])
print(math.atan2(1, 1), math.atan2(-1, -1), math.atan2(0, -1), math.atan2(0, 0))
print(math.pow(2, 10), math.pow(2, 0.5), math.pow(-8, 3), math.pow(4, -1))
print(math.copysign(3, -0.0), math.copysign(-2, 1), math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7.5, -2))
print(math.ldexp(0.5, 3), math.frexp(8.0), math.frexp(0.0), math.frexp(-3))
print(math.modf(3.75), math.modf(-2.5), math.modf(4))
print(math.log(8, 2), math.log(100, 10), math.log(2.718281828459045))
print([math.erfc(x) for x in (0.5, 1, 2.0)], math.lgamma(1), math.lgamma(2))
print(math.factorial(0), math.factorial(10), math.factorial(20))

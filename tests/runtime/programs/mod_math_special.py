import math

inf, nan = math.inf, math.nan
print(math.sqrt(inf), math.exp(inf), math.exp(-inf), math.log(inf), math.atan(inf), math.tanh(-inf))
print(math.isnan(math.sin(nan)), math.isnan(math.sqrt(nan)), math.copysign(1, nan) in (1.0, -1.0))
print(math.floor(-0.5), math.fabs(-0.0), math.sqrt(-0.0), math.sqrt(0.0))
print(math.exp(1000) if False else "skip", math.exp(-1000), math.pow(0, 0), math.pow(1, nan), math.pow(nan, 0))
print(math.pow(inf, -1), math.pow(-inf, 3), math.pow(2, -inf), math.hypot(3, 4) if hasattr(math, "hypot") else "no hypot")
print(math.erf(inf), math.erfc(-inf), math.gamma(1), math.gamma(0.5), math.lgamma(1), math.lgamma(2))
print(math.degrees(math.pi), math.radians(180), math.frexp(inf)[1], math.modf(inf), math.modf(-inf))
print(math.atan2(inf, inf), math.atan2(-inf, inf), math.ldexp(1, -1075), math.ldexp(1, 1023))

import math
for v in [2.5, 3.5, -2.5, 0.5, 1.4999, -0.5, 7.0]:
    print(v, round(v), math.floor(v), math.ceil(v), math.trunc(v), int(v))
print(round(1.005, 2), round(12345.6789, -2), round(-12345.6789, 1), round(5, 1), round(15, -1))

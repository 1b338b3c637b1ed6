# constant expressions the compiler folds (in the build's float type) next to the same
# operations at run time
import math
one, three, tenth, two = 1, 3, 0.1, 0.2
print(1 / 3, one / three, 0.1 + 0.2, tenth + two, 0.1 * 3, tenth * three)
print(2 ** -1, 2.0 ** 0.5, 10 ** -3, 1e38 * 10, -1e38 * 10, 7.5 // 2, 7.5 % 2)
print(16777217 / 3, 16777217 * 1.0, 123456789 / 10)
print(math.pi, math.pi * 2, math.pi / 180, math.e ** 2, 3.14159265358979, 2.718281828459045)
print(0.1j + 0.2, 1e-45, 1.401298464324817e-45, 3.4028235677973366e+38)
X = 0.1 + 0.7
print(X, X * 10, int(X * 10))

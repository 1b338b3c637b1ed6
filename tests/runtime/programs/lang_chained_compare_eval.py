def v(x):
    print("eval", x)
    return x
print(v(1) < v(2) < v(3))
print(v(3) < v(2) < v(1))
print(1 < 2 > 1 == 1 != 2)
print(1 == 1.0 == True)
x = 5
print(0 <= x < 10, 0 <= x < 3)
print("a" < "b" < "c", [1] < [1, 0] <= [2])
print(1 is 1 is not None)
print(2 in [1, 2] in [[1, 2]])
a = b = [1]
print(a is b is a, a == b is not None)
print((1, 2) < (1, 3) < (2,))
print(None is None is None)

print(sum([0.1]*10))
print(sum([1, 2.5, 3]))
print(sum([[1], [2]], []))
try:
    sum(['a', 'b'])
except TypeError as e:
    print(e)
try:
    sum(['a', 'b'], '')
except TypeError as e:
    print(e)
print(sum(range(10), 5))
print(sum((x*0.1 for x in range(10)), 0.5))
try:
    sum(1)
except TypeError as e:
    print(e)
try:
    sum()
except TypeError as e:
    print(e)
print(sum([], start=3) if False else sum([], 3))
print(sum([1e100, 1.0, -1e100]))
try:
    sum([], start=3)
except TypeError as e:
    print(e)
try:
    sum([1], 2, 3)
except TypeError as e:
    print(e)
print(sum(['a', 'b'], ''))
print(sum({0.1, 0.2, 0.3, 1e16, -1e16}))
print(sum({1.5: 0, 2.25: 1, 1e-9: 2}))
print(sum(b'abc'))
print(sum([True, True]))

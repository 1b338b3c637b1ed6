a, b, c = 1, 2, 3
a, b = b, a
print(a, b, c)
x, *y = [1, 2, 3, 4]
*p, q = "abc"
m, *n, o = range(5)
print(x, y, p, q, m, n, o)
(i, j), k = (1, 2), 3
print(i, j, k)
for u, (v, w) in [(1, (2, 3)), (4, (5, 6))]:
    print(u + v + w)
def t(fn):
    try:
        fn()
    except ValueError as e:
        print("ValueError:", e)
def too_many():
    a, b = 1, 2, 3
def too_few():
    a, b, c = [1, 2]
t(too_many)
t(too_few)
first, *_ = "xyz"
print(first)

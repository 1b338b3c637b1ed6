a = [1, 2]
b = (3, 4)
def f(*args, **kw):
    return args, sorted(kw.items())
print(f(*a, *b, 5, *range(2)))
print(f(**{"p": 1}, q=2, **{"r": 3}))
print(f(*"ab", **dict(z=0)))
first, *middle, last = "hello"
print(first, middle, last)
*init, = range(3)
print(init)
print(*a, sep="-")
print(*[], "only")
try:
    f(**{"p": 1}, p=2)
except TypeError as e:
    print("TypeError", e)
print(max(*a, *b), min(*range(5, 8)))

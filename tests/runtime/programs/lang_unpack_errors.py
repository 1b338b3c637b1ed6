def attempt(fn):
    try:
        print(fn())
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)

def two():
    a, b = [1, 2, 3]
    return a, b
def three():
    a, b, c = (1, 2)
    return a
def star_short():
    a, b, *c = [1]
    return c
def not_iter():
    a, b = 5
    return a
def ok_star():
    a, *b, c = range(6)
    return a, b, c
def nested():
    (a, b), [c, *d] = ("xy", (1, 2, 3))
    return a, b, c, d
def from_str():
    x, y, z = "abc"
    return z + y + x
def from_dict():
    k1, k2 = {"only": 1, "two": 2}
    return sorted([k1, k2])
def gen_unpack():
    a, b = (i for i in range(2))
    return a + b
def gen_too_many():
    a, b = (i for i in range(3))
    return a
for fn in (two, three, star_short, not_iter, ok_star, nested, from_str, from_dict,
           gen_unpack, gen_too_many):
    attempt(fn)
first, *_ = [9, 8, 7]
*_, last = [9, 8, 7]
print(first, last)
for i, (x, y) in enumerate([(1, 2), (3, 4)]):
    print(i, x, y)

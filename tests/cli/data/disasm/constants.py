PI = 3.141592653589793
BIG = 123456789012345678901234567890
NEG = -40000000000
IMAG = 2.5j
TABLE = (1, 2.0, "three", b"four", None, True, ...)
TEXT = "h\u00e9llo"
small = [-1, 0, 63, -17, 1000]


class Point:
    def __init__(self, x, y):
        self.x = x
        self.y = y

    def __repr__(self):
        return "Point(%r, %r)" % (self.x, self.y)

    def scaled(self, k):
        return Point(*[v * k for v in (self.x, self.y)])


def gen(n):
    yield from range(n)
    x = yield
    return {k: k ** 2 for k in range(x)}

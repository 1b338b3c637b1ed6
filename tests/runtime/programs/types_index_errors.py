# The TypeError of a subscript with a bad index names the container and the index's type,
# whatever the host says (some hosts leave the index's type out, or word it otherwise).
import array


class Key:
    pass


key = Key()
for c in ("abc", b"abc", bytearray(b"abc"), memoryview(b"abc"), array.array("b", [1]),
          range(3), [1], (1,)):
    for i in ("x", 1.5, None, key):
        try:
            c[i]
        except TypeError as e:
            print(type(c).__name__, e)
n = 2.0
try:
    "abc"[n]
except TypeError as e:
    print(e)
try:
    memoryview(b"ab")[n]
except TypeError as e:
    print(e)

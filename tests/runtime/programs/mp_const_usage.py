from micropython import const
import micropython

A = const(1)
B = const(A + 2)
_C = const(B * 10)
MASK = const(0xFF00 | 0x0F)
print(A, B, _C, MASK, hex(MASK))
print(const(-5), const(1 << 20))


def uses():
    return A + B + _C


print(uses())


class K:
    X = const(9)


print(K.X)
print(micropython.const("text"), micropython.const((1, 2)))
print(globals().get("_C"), "A" in globals(), "_C" in globals())

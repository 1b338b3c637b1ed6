# Constant folding that produces ints far longer than CPython's default str() limit.
HUGE = 10 ** 5000
SHIFTED = 99999999999999999999 << 20000
NEGATIVE = -(7 ** 6000)
print(HUGE % 97, SHIFTED & 0xFFFF, NEGATIVE // 3)

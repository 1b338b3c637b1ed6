import random

random.seed(1)
print([random.getrandbits(n) for n in (1, 2, 8, 16, 31, 32, 0)])
random.seed(12345)
print([random.getrandbits(32) for _ in range(8)])
random.seed(0)
print([random.getrandbits(7) for _ in range(10)])
random.seed(2**32 + 5)
a = [random.getrandbits(32) for _ in range(3)]
random.seed(5)
print(a == [random.getrandbits(32) for _ in range(3)])
random.seed(-1)
print(random.getrandbits(32))
for n in (33, -1):
    try:
        random.getrandbits(n)
    except ValueError as e:
        print("ValueError", e)

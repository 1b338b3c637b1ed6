import random

random.seed(42)
print([random.randint(1, 6) for _ in range(20)])
print([random.randrange(10) for _ in range(10)])
print([random.randrange(5, 9) for _ in range(10)])
print([random.randrange(0, 100, 7) for _ in range(10)])
print([random.randrange(10, 0, -3) for _ in range(10)])
print([random.randint(-1000000, 1000000) for _ in range(5)])
print(random.randint(3, 3), random.randrange(4, 5))
for args in ((0,), (-3,), (5, 5), (5, 1), (1, 5, 0), (1, 5, -1)):
    try:
        random.randrange(*args)
    except ValueError as e:
        print(args, "ValueError", repr(e))
try:
    random.randint(2, 1)
except ValueError as e:
    print("randint ValueError", repr(e))

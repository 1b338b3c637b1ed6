import random
random.seed(42)
a = [random.getrandbits(16) for _ in range(5)]
random.seed(42)
b = [random.getrandbits(16) for _ in range(5)]
print(a == b)
random.seed(1)
print([random.randint(1, 6) for _ in range(3)] == [random.randint(1, 6) for _ in range(0)] + [random.randint(1, 6) for _ in range(3)] or "ok")
random.seed(7)
x = random.random()
print(0 <= x < 1, 5 <= random.uniform(5, 6) <= 6, random.choice([9]), random.randrange(3, 4))
for _ in range(20):
    v = random.randrange(0, 10, 2)
    assert v in (0, 2, 4, 6, 8)
print("ranges ok")

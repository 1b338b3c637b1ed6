import random

print(sorted(n for n in dir(random) if not n.startswith("_")))
for name in ("shuffle", "sample", "gauss", "choices", "Random", "SystemRandom"):
    print(name, hasattr(random, name))
random.seed()
random.seed(None)
x = random.getrandbits(8)
print(0 <= x < 256)
random.seed(3)
a = random.random()
random.seed(3)
print(a == random.random())
print(random.seed(1))
for bad in (lambda: random.randint(1), lambda: random.seed(1, 2), lambda: random.getrandbits("x"),
            lambda: random.randrange(1.5), lambda: random.uniform("a", 1)):
    try:
        bad()
    except TypeError as e:
        print("TypeError", e)

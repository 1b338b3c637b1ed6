import random

random.seed(7)
print([random.choice("abcdef") for _ in range(12)])
print([random.choice([10, 20, 30]) for _ in range(6)], random.choice((None,)), random.choice(range(100, 200)))
print([random.random() for _ in range(5)])
print([random.uniform(-1, 1) for _ in range(4)])
print(random.uniform(5, 5), random.uniform(2, 1) <= 2)
for seq in ("", [], ()):
    try:
        random.choice(seq)
    except IndexError as e:
        print("IndexError", repr(e))
random.seed(99)
xs = [random.random() for _ in range(1000)]
print(min(xs) >= 0, max(xs) < 1)

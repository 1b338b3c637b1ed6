import random
random.seed(123)
ok = True
for _ in range(100):
    ok = ok and 0 <= random.getrandbits(8) < 256 and 1 <= random.randint(1, 3) <= 3
    ok = ok and 0.0 <= random.random() < 1.0 and random.choice("xyz") in "xyz"
print(ok)
random.seed(5)
s1 = [random.random() for _ in range(3)]
random.seed(5)
print(s1 == [random.random() for _ in range(3)])
try:
    random.choice([])
except IndexError:
    print("IndexError")
try:
    random.randrange(5, 5)
except ValueError:
    print("ValueError")

import random

random.seed(2024)
deck = list(range(10))
# Fisher-Yates with randrange: MicroPython has no shuffle()
for i in range(len(deck) - 1, 0, -1):
    j = random.randrange(i + 1)
    deck[i], deck[j] = deck[j], deck[i]
print(deck)
counts = [0] * 6
for _ in range(600):
    counts[random.randint(1, 6) - 1] += 1
print(counts, sum(counts))
print("".join(random.choice("ACGT") for _ in range(30)))
print([round(random.uniform(10, 20), 6) for _ in range(3)])
random.seed(2024)
print(random.randrange(10) == deck.index(deck[0]) or True, random.getrandbits(16))

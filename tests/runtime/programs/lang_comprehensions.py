print([x * x for x in range(6) if x % 2])
print([(i, j) for i in range(3) for j in range(i)])
print({k: v for k, v in zip("abc", range(3))})
print(sorted({x % 3 for x in range(10)}))
print([[r * c for c in range(3)] for r in range(3)])
print(sum(x for x in range(10) if x > 5), max(len(w) for w in ["a", "abc", "ab"]))
y = 10
print([y + i for i in range(3)], y)
print(list(filter(lambda s: s.startswith("a"), ["ab", "ba", "ac"])))

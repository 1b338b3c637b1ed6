x = "global x"
r = [x for x in range(3)]
print(r, x)
matrix = [[i * 3 + j for j in range(3)] for i in range(3)]
print(matrix)
print([row[i] for i in range(3) for row in matrix if row[i] % 2 == 0])
print({k: v for k, v in zip("abc", range(3)) if v})
print({n % 3 for n in range(10)})
flat = [c for word in ["ab", "cd"] for c in word]
print(flat)
def f(n):
    return [lambda: i * n for i in range(3)]
print([g() for g in f(10)])
class K:
    vals = [1, 2, 3]
    doubled = [v * 2 for v in vals]
print(K.doubled)
print(list(x * y for x in range(1, 3) for y in range(1, 3)))
print(sum(i for i in range(101)))
nested = [[(a, b) for b in range(a)] for a in range(3)]
print(nested)
print([i if i % 2 else -i for i in range(5)])
print(dict((str(i), i) for i in range(3)))

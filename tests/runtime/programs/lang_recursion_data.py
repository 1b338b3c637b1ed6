def flatten(x):
    out = []
    for v in x:
        if isinstance(v, list):
            out.extend(flatten(v))
        else:
            out.append(v)
    return out
print(flatten([1, [2, [3, [4, [5]]]], 6]))
def perms(s):
    if len(s) <= 1:
        return [s]
    return [c + p for i, c in enumerate(s) for p in perms(s[:i] + s[i + 1:])]
print(perms("abc"))
def hanoi(n, a="A", b="B", c="C"):
    return [] if n == 0 else hanoi(n - 1, a, c, b) + [(a, c)] + hanoi(n - 1, b, a, c)
print(len(hanoi(6)), hanoi(2))
def depth(t):
    return 0 if not isinstance(t, tuple) else 1 + max((depth(x) for x in t), default=0)
print(depth((1, (2, (3,)), ())))

print(0 or "default", "" or [] or None, 5 or 0)
print(1 and "last", 0 and "never", [] and 1)
print(None or 0 or "x", (1, 2) and [])
def side(v):
    print("side", v)
    return v
print(side(0) and side(1))
print(side(1) or side(2))
print(side(1) and side(0) or side(3))
name = None
print(name or "anonymous")
vals = [0, 1, "", "s", None, [], [0]]
print([v for v in vals if v], [bool(v) for v in vals])
print(not [], not [0], not None, not 0.0)
x = 3
print(x > 1 and x < 5, x > 5 or x == 3)

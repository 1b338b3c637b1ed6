print(list(zip()), list(zip([1], [2], [3])), dict(zip("ab", [1, 2])), list(map(str.upper, ["a", "b"])))
print(sorted({3: "c", 1: "a"}.items()), list(range(0)), repr(range(3)) if False else "range")
print(isinstance([], (list, tuple)), type([]) is list, [].__class__.__name__, len({}), abs(-0))
print(eval("1 + 2") if False else 3, str.join(",", ["a", "b"]), getattr("abc", "upper")())
def f(*args):
    return len(args)
print(f(), f(1), f(*range(10)), print("inner") is None)
print(divmod(10, 3), hex(0), oct(0), bin(0), round(5), round(-0.4), int(-0.9))

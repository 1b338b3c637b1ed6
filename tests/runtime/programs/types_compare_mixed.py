print(1 == 1.0, 1 == "1", [1] == (1,), (1,) == (1,), "a" == b"a", None == False, 0 == False)
print(1 < 2.5, 2.5 < 3, -1 < True, [1, 2] < [1, 2, 0], (1, "a") < (1, "b"), "B" < "a", b"a" < b"b")
print({1, 2} == {2, 1}, {1: 2} == {1: 2}, [] == [], [[]] == [[]], 1 != 1.0, "x" != "y")
print(1 is 1, [] is [], () is (), "" is "", None is None)
for a, b in ((1, "a"), ([1], (1,)), ({}, {}), (None, None), (1j, 1), ("a", b"a"), (set(), 1)):
    try:
        print(a < b)
    except TypeError as e:
        print("TypeError", e)
for f in (lambda: None > 1, lambda: [] > (), lambda: "a" >= 1, lambda: {} <= {}, lambda: 1 > "1"):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)

d = {"a": 1}
for k in ("b", 1, (1, 2), None, 1.5, ""):
    try:
        d[k]
    except KeyError as e:
        print("KeyError", e, repr(e), e.args, str(e) == str(k))
try:
    d.pop("zz")
except KeyError as e:
    print("pop", e)
try:
    {1}.remove(9)
except KeyError as e:
    print("remove", e, type(e) is KeyError, isinstance(e, LookupError))
try:
    raise KeyError("custom", 2)
except KeyError as e:
    print(e, e.args)
try:
    raise KeyError
except KeyError as e:
    print(repr(e), "[%s]" % e)
e = KeyError("made")
print(e, str(e), repr(e), "{}".format(e), f"{e}")
print(str(IndexError("i")), str(ValueError("v")), str(Exception("x")), str(LookupError("l")))
try:
    {}["missing"]
except LookupError as e:
    print("caught as LookupError", e)
d2 = {}
d2["k"] = 1
del d2["k"]
try:
    del d2["k"]
except KeyError as e:
    print("del", e)
print(d["missing"])

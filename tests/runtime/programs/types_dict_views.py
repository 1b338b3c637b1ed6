d = {"one": 1, "two": 2}
ks = d.keys()
vs = d.values()
it = d.items()
print(type(ks).__name__, type(vs).__name__, type(it).__name__)
print(len(ks), "one" in ks, 1 in vs, ("one", 1) in it, sorted(ks), sorted(vs))
d["three"] = 3
print(len(ks), len(vs), len(it))
for f in (lambda: ks[0],):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
try:
    for k in d:
        d["new" + k] = 1
except Exception as e:
    print(type(e).__name__, e)

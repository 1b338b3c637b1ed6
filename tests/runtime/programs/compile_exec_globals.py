# exec/eval with explicit globals and locals dicts
g = {"base": 100}
exec("x = base + 1\ndef f(y):\n    return x + y\n", g)
print(sorted(g), g["x"], g["f"](1))
print(g["f"].__globals__ is g)
loc = {}
exec("y = base * 2\nz = y + 1", g, loc)
print(sorted(loc.items()), "y" in g)
exec("base = 5", g)
print(g["base"], g["f"](0))
print(eval("base + x", g), eval("base + q", g, {"q": 1}))
print(eval("len(k)", {"k": [1, 2]}))
d = {}
exec("", d)
print(d)
exec("import micropython", d)
print(sorted(d))
exec("print(len([i for i in range(5)]))", {})
exec("class K:\n  v = 3\nw = K.v", d)
print(d["w"], sorted(d))
exec("def h():\n  global t\n  t = 'set'\nh()", d)
print(d["t"])
exec("q = 9", None, loc)
print(loc["q"])

g = {"a": 1}
exec("b = a + 1", g)
print(g["b"], "b" in globals())
l = {}
exec("c = 3\nd = c * 2", g, l)
print(sorted(l.items()), "c" in g)
print(eval("a * 10", g))
print(eval("a + z", g, {"z": 5}))
print(eval("[i * i for i in range(4)]"))
y = 7
def f():
    return eval("y + 1")
print(f())
exec("def made(n):\n    return n * 3\n", g)
print(g["made"](4))
try:
    eval("undefined_thing")
except NameError as e:
    print("NameError", e)
try:
    exec("raise ValueError('from exec')")
except ValueError as e:
    print("ValueError", e)
print(eval(" 2 ** 8 "))
print(eval(b"1 + 1"))
exec("print('exec prints', __name__)")

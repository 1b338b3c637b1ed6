# what exec'd code sees of its namespaces; a "__builtins__" entry is ignored, as in MicroPython
for b in ({}, None, 5, {"print": 1}):
    try:
        exec("print('ran', len([1]))", {"__builtins__": b})
    except Exception as e:
        print(type(e).__name__, e)
g = {}
exec("r = __name__", g)
print(g["r"])
g2 = {}
exec("r = len(globals())", g2)
print(g2["r"])
l = {}
exec("a = 1\nr = sorted(locals().items())", {}, l)
print(l["r"])
exec("def f(): return 1\nr = f.__name__", g)
print(g["r"])
print(eval("__name__"))
import builtins
print(eval("__name__", {}))
def f():
    return eval("__name__")
print(f())
print(eval("__file__" if False else "1"))

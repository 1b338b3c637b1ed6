# code objects: reusable, run in whatever globals they are given
c = compile("n = n + 1 if 'n' in globals() else 0\nprint('n', n)", "counter", "exec")
exec(c)
exec(c)
g = {}
exec(c, g)
exec(c, g)
exec(c, g)
print(g["n"], n)
print(type(c), repr(c))
print(type(hash(c)), c == c, c == compile("1", "f", "exec"))
expr = compile("v * 2", "e", "eval")
print([eval(expr, {"v": v}) for v in range(4)])
print(eval(expr, {}, {"v": "ab"}))
try:
    eval(expr, {})
except NameError as e:
    print("NameError", e)
codes = [compile(f"r{i} = {i}", "m", "exec") for i in range(3)]
ns = {}
for code in codes:
    exec(code, ns)
print(sorted(ns.items()))

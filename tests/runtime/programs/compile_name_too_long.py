# names are interned strings of at most 255 bytes
for n in (254, 255, 256, 1000):
    name = "v" * n
    try:
        exec(name + " = 1")
        print(n, "ok", name in globals())
    except RuntimeError as e:
        print(n, "RuntimeError", e)
try:
    exec("obj." + "a" * 300)
except RuntimeError as e:
    print("attribute", e)
try:
    exec("def f(" + "p" * 256 + "): pass")
except RuntimeError as e:
    print("parameter", e)
s = "x" * 400
exec("long_string = '" + s + "'")
print(len(long_string))
try:
    exec("z = 1 +\n" + "w" * 300)
except (SyntaxError, RuntimeError) as e:
    print(type(e).__name__, e)

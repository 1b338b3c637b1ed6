# Big generated functions run through exec: long expressions, many branches and locals.
src = "x = " + " + ".join("(%d * 2 - 1)" % i for i in range(300))
g = {}
exec(src, g)
print(g["x"])
exec("y = " + "(" * 50 + "1" + " + 1)" * 50, g)
print(g["y"])
exec("z = [" + ", ".join(str(i) for i in range(1500)) + "]", g)
print(len(g["z"]), g["z"][-1])
exec("d = {" + ", ".join("'k%d': %d" % (i, i) for i in range(400)) + "}", g)
print(len(g["d"]), g["d"]["k399"])
lines = ["def chain(v):"]
for i in range(150):
    lines.append("    %s v == %d:" % ("if" if i == 0 else "elif", i))
    lines.append("        return %d" % (i * 3))
lines.append("    return -1")
exec("\n".join(lines), g)
print(g["chain"](120), g["chain"](999))
lines = ["def many_locals():"]
for i in range(80):
    lines.append("    v%d = %d" % (i, i))
lines.append("    return " + " + ".join("v%d" % i for i in range(80)))
exec("\n".join(lines), g)
print(g["many_locals"]())
lines = []
for i in range(8):
    lines.append("    " * i + "try:")
lines.append("    " * 8 + "raise ValueError('deep')")
for i in reversed(range(8)):
    if i:
        lines.append("    " * i + "except KeyError:")
        lines.append("    " * i + "    pass")
    else:
        lines.append("except ValueError as e:")
        lines.append("    print('caught', e)")
exec("\n".join(lines), g)
lines = ["def loops(n):", "    t = 0"]
for i in range(6):
    lines.append("    " * (i + 1) + "for i%d in range(n):" % i)
lines.append("    " * 7 + "t += " + " + ".join("i%d" % i for i in range(6)))
lines.append("    return t")
exec("\n".join(lines), g)
print(g["loops"](3))

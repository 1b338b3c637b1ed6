# exec, eval and locals() with no namespace given take the names of the class body or
# module-level code running, in the functions it calls too (run-tests.py hands a board its
# settings with __build_class__(lambda: exec(...), "x"))


def body():
    exec("a = 1\ndef g():\n    return 2")
    print("body locals", sorted(locals()))


C = __build_class__(body, "C")
print("C", sorted(k for k in dir(C) if not k.startswith("__")), C.a, C.g())
print("globals", "a" in globals(), "g" in globals())

E = __build_class__(lambda: exec("x = 5"), "E")
print("E", E.x, "x" in globals())


class D:
    exec("b = 3")
    eval("exec('y = 6')")
    z = eval("b + y")
    print("D body", sorted(k for k in locals() if not k.startswith("__")))


print("D", D.b, D.y, D.z, "b" in globals(), "y" in globals())


def h():
    exec("c = 4")
    return "c" in locals(), eval("c")


print("h", h(), "c" in globals())


def in_class():
    return eval("k"), sorted(k for k in locals() if not k.startswith("__"))


class K:
    k = 7
    seen = in_class()


print("K", K.seen)

ns = {}
exec("def inner():\n    exec('w = 8')\n    return sorted(k for k in locals() if k != '__builtins__')\n"
     "names = inner()", ns)
print("ns", ns["names"], "w" in ns, "w" in globals())

loc = {}
exec("exec('v = 9')", {}, loc)
print("loc", loc, "v" in globals())


class Outer:
    class Inner:
        exec("p = 10")
    exec("q = 11")


print("nested", Outer.Inner.p, Outer.q, hasattr(Outer, "p"), hasattr(Outer.Inner, "q"))
print("module", "a" in locals(), locals() is globals())

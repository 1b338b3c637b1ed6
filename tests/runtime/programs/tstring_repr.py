# repr and str of templates and interpolations (MicroPython has no str() of its own for them)
from string.templatelib import Template, Interpolation

v = {"k": (1, "two")}
t = t"a{v!r:>3}b{'q'}"
print(repr(t))
print(str(t))
print(t)
print("%s|%r" % (t, t))
print("{}".format(t))
print(f"{t}")
print(repr(Template()))
print([Interpolation(1.5, "f")])
print((Interpolation("s", "e", None, ""),))
class P:
    def __repr__(self):
        return "<P>"
print(t"{P()}")
print(repr(t"{None}{True}{...}"))

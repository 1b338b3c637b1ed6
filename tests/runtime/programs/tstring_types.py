# the Template/Interpolation types themselves: class attributes, subclasses, the iterator
# type, and the __template__ builtin compiled t-strings call
from string.templatelib import Template, Interpolation
t = t"a{1}"
print(type(iter(t)))
print(iter(t) is iter(t))
it = iter(t)
print(iter(it) is it)
try:
    print(Template.strings)
except AttributeError as e:
    print("AttributeError", e)
try:
    class T(Template):
        pass
    x = T("a")
    print(type(x), x.strings)
    print(x + t)
except Exception as e:
    print(type(e).__name__, e)
try:
    class I(Interpolation):
        pass
    i = I(1)
    print(type(i), i.value)
    print(Template(i))
except Exception as e:
    print(type(e).__name__, e)
print(__template__(("a", "b"), 1, "x", None, ""))
print(__template__(("a",)))
print(__template__(("a", "b"), (1, "x", None, "")))
print(__template__("zz"))
try:
    print(__template__(("a", "b"), 5))
except Exception as e:
    print(type(e).__name__, e)
print(__template__(("a", "b"), 1, "x", None, "", 99))
print(repr(Template("a", "b")), Template("a", "b").strings)
print(t.values is t.values, t.interpolations is t.interpolations)
print(sorted(dir(t)))
print(sorted(dir(t.interpolations[0])))
print(Template.__name__, Template.__class__)
for n in ("values", "interpolations", "value", "format_spec"):
    for cls in (Template, Interpolation):
        print(n, hasattr(cls, n))

# templates compare by identity and hash like plain objects
from string.templatelib import Template, Interpolation

a = t"x{1}"
b = t"x{1}"
print(a == a, a == b, a != b, a is a)
print(Interpolation(1) == Interpolation(1))
d = {a: "first"}
print(d[a], b in d)
print(isinstance(a, Template), isinstance(a, str), isinstance(a.interpolations[0], Interpolation))
print(type(a) is Template, type(t"") is Template)
print(Template, Interpolation)
print(type(Template), type(Template).__name__)
print(Template.__name__, Interpolation.__name__)
s = {a, b, a}
print(len(s))
print(a.strings is a.strings, a.strings == b.strings)

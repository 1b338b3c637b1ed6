# Template(*args): strings and Interpolation objects in any order
from string.templatelib import Template, Interpolation

print(Template().strings, Template().interpolations)
print(Template("a").strings)
print(Template("a", "b", "c").strings)
i1 = Interpolation(1, "one")
i2 = Interpolation(2, "two")
for args in ((i1,), (i1, i2), ("x", i1), (i1, "y"), ("a", "b", i1, "c", "d", i2),
             (i1, "", i2), ("", "")):
    t = Template(*args)
    print(t.strings, t.values)
t = Template("p", i1)
print(t.interpolations[0] is i1)
for bad in ((1,), ("a", 2.5), (b"x",), ("a", None), (("a",),)):
    try:
        Template(*bad)
    except TypeError as e:
        print("TypeError", e)
try:
    Template(strings=("a",))
except TypeError as e:
    print("TypeError", e)

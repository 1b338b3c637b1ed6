# templates and interpolations are read-only and are neither sequences nor strings
from string.templatelib import Template, Interpolation

t = t"a{1}b"
i = t.interpolations[0]
for obj, attr in ((t, "strings"), (t, "values"), (t, "other"), (i, "value"), (i, "spec")):
    try:
        setattr(obj, attr, 0)
    except AttributeError as e:
        print("AttributeError", e)
for obj, attr in ((t, "nope"), (i, "nope")):
    try:
        getattr(obj, attr)
    except AttributeError as e:
        print("AttributeError", e)
try:
    del t.strings
except AttributeError as e:
    print("AttributeError", e)
try:
    len(t)
except TypeError as e:
    print("TypeError", e)
try:
    t[0]
except TypeError as e:
    print("TypeError", e)
try:
    i[0]
except TypeError as e:
    print("TypeError", e)
try:
    iter(i)
except TypeError as e:
    print("TypeError", e)
print(hasattr(t, "strings"), hasattr(t, "nope"), hasattr(i, "format_spec"))
print(bool(t), bool(Template()), bool(i))

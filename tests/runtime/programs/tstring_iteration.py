# iterating a template gives its non-empty strings and its interpolations in order
from string.templatelib import Template, Interpolation

a, b = "A", "B"
for t in (t"", t"plain", t"{a}", t"x{a}", t"{a}x", t"{a}{b}", t"1{a}2{b}3"):
    parts = []
    for part in t:
        if isinstance(part, Interpolation):
            parts.append("I:" + part.expression)
        else:
            parts.append("S:" + part)
    print(parts)

t = t"{a}-{b}"
it = iter(t)
print(type(next(it)).__name__)
print(next(it))
print(next(it).value)
try:
    next(it)
except StopIteration:
    print("StopIteration")
print(len(list(t)), len(list(t)))
print([p if isinstance(p, str) else p.value for p in Template("", Interpolation(1), "", Interpolation(2), "")])

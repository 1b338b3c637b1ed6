# Interpolation(value, expression="", conversion=None, format_spec="")
from string.templatelib import Interpolation

print(Interpolation(5))
print(Interpolation(5, "n"))
print(Interpolation(5, "n", "r"))
print(Interpolation(5, "n", "s", ">4"))
print(Interpolation("v", format_spec="x"))
print(Interpolation(value=[1], expression="lst"))
print(Interpolation(1, conversion="a").conversion)
i = Interpolation(None)
print(i.value, repr(i.expression), i.conversion, repr(i.format_spec))
# MicroPython does not check the types of the fields
print(Interpolation(1, 2, 3, 4))
for args, kwargs in (((), {}), ((1, 2, 3, 4, 5), {}), ((1,), {"bogus": 2}),
                     ((1,), {"value": 2}), ((), {"expression": "e"})):
    try:
        Interpolation(*args, **kwargs)
    except TypeError as e:
        print("TypeError", e)

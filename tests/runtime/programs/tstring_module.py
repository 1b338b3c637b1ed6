# the string module of MicroPython 1.29 and its templatelib submodule
import string.templatelib
from string.templatelib import Template, Interpolation
print(string.templatelib.Template is Template)
print(string.templatelib.Interpolation is Interpolation)
print(type(t"") is string.templatelib.Template)
import string.templatelib as tl
print(tl is string.templatelib, tl.__name__)
from string import templatelib
print(templatelib is tl)
try:
    from string.templatelib import Nope
except ImportError as e:
    print("ImportError", e)
try:
    import string.nothing
except ImportError as e:
    print("ImportError", e)

import sys
impl = sys.implementation
print(impl.name, impl.version, impl[0], impl[1] == impl.version)
print(type(impl.version).__name__, len(impl.version), impl.version[3])
print(isinstance(impl._mpy, int), impl._mpy & 0xFF, (impl._mpy >> 8) & 3)
print(type(impl._machine).__name__, len(impl._machine) > 0)
print(impl.version[:3] == (1, 29, 0))
print(type(sys.version_info).__name__, sys.version_info[:2], len(sys.version_info))
print(sys.version.startswith("3.4.0; MicroPython v1.29.0"))
try:
    impl.name = "x"
except AttributeError:
    print("AttributeError")
try:
    impl[0] = 1
except TypeError:
    print("TypeError")

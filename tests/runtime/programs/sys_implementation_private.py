# sys.implementation's _mpy and _machine are readable (tests use them to detect MicroPython)
import sys
impl = sys.implementation
print(hasattr(impl, "_mpy"), hasattr(impl, "_machine"))
print(impl._mpy & 0xFF, type(impl._machine).__name__)
print(getattr(impl, "_mpy") == impl._mpy)
print(impl.name, impl.version[:2])
if hasattr(sys.implementation, "_mpy"):
    try:
        compile('f"{x!invalid}"', "<test>", "exec")
    except SyntaxError as e:
        print("SyntaxError", e)

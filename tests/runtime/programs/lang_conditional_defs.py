import sys
if sys.implementation.name == "micropython":
    def impl():
        return "mp"
else:
    def impl():
        return "other"
print(impl())
try:
    import nonexistent_module_xyz
    have = True
except ImportError as e:
    have = False
    print("ImportError", e)
print(have)
try:
    from micropython import const
except ImportError:
    const = lambda x: x
N = const(10)
print(N * 2)
for flag in (True, False):
    if flag:
        class Impl:
            kind = "A"
    else:
        class Impl:
            kind = "B"
    print(Impl.kind)
def choose(k):
    if k:
        import math as m
    else:
        import math
        m = None
    return m is not None
print(choose(1), choose(0))
print(sys.implementation.name, type(sys.version_info).__name__ if False else "vi")

# functions, closures, generators and classes made by exec'd code keep working afterwards,
# with the board's builtins (repr as MicroPython prints it) however late they are created
ns = {}
exec("""
def make_adder(n):
    def add(x):
        def show():
            return repr(ValueError(x + n))
        return show
    return add

def counter():
    i = 0
    while i < 3:
        yield repr((i,))
        i += 1

class Box:
    def __init__(self, v):
        self.v = v
    def __repr__(self):
        return 'Box(' + repr([self.v]) + ')'
""", ns)
print(sorted(ns))
show = ns["make_adder"](10)(5)
print(show())
print(list(ns["counter"]()))
print(repr(ns["Box"](KeyError("k"))))
later = {}
exec("def outer():\n    def inner():\n        return repr(OSError(2))\n    return inner", later)
print(later["outer"]()())
print(eval("lambda: repr(StopIteration(1))", {})())

# t-strings reading locals, closures, globals, class attributes and comprehensions
g = "global"

def outer():
    cell = "cell"
    local = "local"
    def inner():
        return t"{cell}/{g}"
    return t"{local}", inner()

print(outer()[0].values, outer()[1].values)

class C:
    attr = "class"
    t = t"{attr}"
    def method(self):
        return t"{self.attr}!{type(self).__name__}"

print(C.t.values, C().method().values)
print([t"{i}".values[0] for i in range(3)])

def gen():
    for i in range(2):
        yield t"{i}"
print([t.values for t in gen()])

f = lambda x: t"<{x}>"
print(f(9).strings, f(9).values)

async_like = [t"{k}={v}" for k, v in sorted({"a": 1, "b": 2}.items())]
print([(t.strings, t.values) for t in async_like])

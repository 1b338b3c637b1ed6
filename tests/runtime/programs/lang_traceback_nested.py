class Widget:
    def render(self, depth):
        if depth == 0:
            return helper()
        return self.render(depth - 1)

def helper():
    data = {"a": 1}
    return [data[k] for k in ("a", "b")]

def gen():
    yield 1
    raise ValueError("from generator")

def consume():
    for v in gen():
        pass

try:
    Widget().render(2)
except KeyError as e:
    print("caught", repr(e))
try:
    consume()
except ValueError as e:
    print("caught", e)
f = lambda x: 1 // x
def outer():
    return f(0)
outer()

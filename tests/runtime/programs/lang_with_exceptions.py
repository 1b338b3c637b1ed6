class CM:
    def __init__(self, name, suppress=False):
        self.name = name
        self.suppress = suppress
    def __enter__(self):
        print("enter", self.name)
        return self
    def __exit__(self, et, ev, tb):
        print("exit", self.name, et.__name__ if et else None, ev)
        return self.suppress

with CM("a") as c:
    print("inside", c.name)
with CM("b", True):
    raise ValueError("boom")
print("after b")
try:
    with CM("c"):
        raise KeyError("k")
except KeyError as e:
    print("propagated", repr(e))
with CM("outer"), CM("inner", True):
    raise RuntimeError("x")

def ret_in_with():
    with CM("r"):
        return "returned"
print(ret_in_with())

def loop_with():
    for i in range(3):
        with CM(str(i)):
            if i == 0:
                continue
            if i == 1:
                break
    return i
print(loop_with())

class Bad:
    def __enter__(self):
        raise OSError("enter failed")
    def __exit__(self, *a):
        print("never")
try:
    with Bad():
        print("never body")
except OSError as e:
    print("OSError", e)

print(__name__)
if __name__ == "__main__":
    print("running as main")
def f():
    pass
print(f.__name__)
class K:
    def m(self):
        pass
print(K.__name__, K.m.__name__)
print(type(K()).__name__, type(1).__name__, type(None).__name__)
g = (x for x in [])
print(type(g).__name__)
lam = lambda: 0
print(lam.__name__)
def outer():
    def inner():
        pass
    return inner
print(outer().__name__)
exec("print('in exec', __name__)")

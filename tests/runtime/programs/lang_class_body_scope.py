x = "module"
class A:
    x = "class"
    y = x + "!"
    def method(self):
        return x
    items = [1, 2]
    total = sum(items)
    names = [n for n in ("a", "b")]
print(A.y, A().method(), A.total, A.names)
class B:
    val = 10
    try:
        doubled = [val * 2 for _ in range(2)]
    except NameError as e:
        doubled = "NameError"
print(B.doubled)
class C:
    def helper():
        return "called during class body"
    result = helper()
print(C.result)
def factory(n):
    class Local:
        size = n
        def get(self):
            return self.size * n
    return Local
print(factory(3)().get(), factory(4).size)
class D:
    if True:
        flag = "set"
    for i in range(3):
        last = i
print(D.flag, D.last, D.i)

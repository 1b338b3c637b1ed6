class Counter:
    count = 0
    def __init__(self):
        Counter.count += 1
    @classmethod
    def create(cls, n):
        return [cls() for _ in range(n)]
    @staticmethod
    def add(a, b):
        return a + b
    @classmethod
    def name(cls):
        return cls.__name__

Counter.create(3)
print(Counter.count)
print(Counter.add(2, 3), Counter().add(4, 5))
print(Counter.name())
class Sub(Counter):
    pass
print(Sub.name(), Sub().name())
items = Sub.create(2)
print(type(items[0]).__name__, Counter.count)
f = Counter.add
print(f(10, 20))
m = Sub.name
print(m())
sm = staticmethod(lambda: "plain")
class Q:
    go = sm
print(Q.go(), Q().go())

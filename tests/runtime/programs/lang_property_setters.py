class Temp:
    def __init__(self):
        self._c = 0
        self.log = []
    @property
    def celsius(self):
        self.log.append("get")
        return self._c
    @celsius.setter
    def celsius(self, v):
        self.log.append("set")
        if v < -273:
            raise ValueError("too cold")
        self._c = v
    @celsius.deleter
    def celsius(self):
        self.log.append("del")
        self._c = None
    @property
    def fahrenheit(self):
        return self._c * 9 // 5 + 32

t = Temp()
t.celsius = 100
print(t.celsius, t.fahrenheit)
try:
    t.celsius = -300
except ValueError as e:
    print("ValueError", e)
del t.celsius
print(t._c)
print(t.log)
try:
    t.fahrenheit = 5
except AttributeError as e:
    print("AttributeError")

class P:
    def _get(self):
        return 42
    x = property(_get)
print(P().x)
print(type(P.x).__name__)

class Sub(Temp):
    @property
    def celsius(self):
        return "overridden"
s = Sub()
print(s.celsius)

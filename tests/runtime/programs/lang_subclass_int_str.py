class MyInt(int):
    def double(self):
        return self * 2
m = MyInt(21)
print(m, m.double(), m + 1, type(m + 1).__name__, isinstance(m, int))
print(MyInt("ff", 16), MyInt() == 0)
class Named(str):
    def shout(self):
        return self.upper() + "!"
n = Named("hey")
print(n, n.shout(), len(n), n + "x", n == "hey", isinstance(n, str))
print(n.split("e"), n[1:])
class Tup(tuple):
    def first(self):
        return self[0]
t = Tup([4, 5])
print(t, t.first(), len(t))

class Acc:
    def __init__(self):
        self.items = []
    def __iadd__(self, o):
        self.items.append(o)
        return self
    def __isub__(self, o):
        self.items.remove(o)
        return self
    def __imul__(self, k):
        self.items = self.items * k
        return self

a = Acc()
orig = a
a += 1
a += 2
a -= 1
try:
    a *= 2
except TypeError as e:
    print("TypeError", e)
print(a.items, a is orig)
class Mul:
    def __mul__(self, k):
        return "mul"
    def __imul__(self, k):
        return "imul"
    def __or__(self, o):
        return "or"
    def __ior__(self, o):
        return "ior"
    def __iadd__(self, o):
        return "iadd"
m = Mul()
m *= 3
print(m)
m = Mul()
m |= 3
print(m)
m = Mul()
m += 3
print(m)
lst = [1, 2]
alias = lst
lst *= 2
print(lst, alias)
st = {1}
salias = st
st |= {2}
st -= {1}
print(st, salias)

class OnlyAdd:
    def __init__(self, v):
        self.v = v
    def __add__(self, o):
        return OnlyAdd(self.v + o)
o = OnlyAdd(1)
o2 = o
o += 5
print(o.v, o2.v, o is o2)

l = [1]
l2 = l
l += [2]
print(l, l2, l is l2)
t = (1,)
t2 = t
t += (2,)
print(t, t2)
s = "a"
s *= 3
print(s)
d = {"k": [0]}
d["k"] += [1]
d["k"][0] += 10
print(d)
class Obj:
    pass
ob = Obj()
ob.n = 1
ob.n <<= 4
ob.n |= 1
ob.n ^= 3
print(ob.n)
x = 17
x //= 3
x **= 2
x %= 7
print(x)

l = [1]
l += [2, 3]
l *= 2
print(l)
s = "ab"
s += "cd"
s *= 2
print(s)
t = (1,)
t += (2,)
print(t)
d = {"k": 1}
d["k"] += 5
print(d)
class O:
    pass
o = O()
o.a = 1
o.a += 1
o.a **= 3
print(o.a)
x = 100
x /= 8
print(x)
x //= 2
print(x)
n = 6
n >>= 1; n <<= 3; n ^= 5; n %= 7
print(n)

# Assignments, arithmetic, calls and simple control flow.
a = 1
b = a + 2 * 3 - 4 // 5 % 6
c, d = 7, 8
c, d, e = d, c, a
[f, g] = (a, b)
h = i = j = 100000
k = -1
k += 5
k -= a
k *= 2
k //= 3
k %= 7
k **= 2
k |= 1
k ^= 3
k &= 0xff
k <<= 2
k >>= 1
s = "hello"
t = 'it''s'
u = b"bytes"
v = None
w = True and False or not a
x = a < b <= c != d
y = a if b else c
z = ~a, -b, +c
print(a, b, c, d, e, f, g, h, i, j, k, s, t, u, v, w, x, y, z)
if a:
    print("a")
elif b:
    print("b")
else:
    print("c")
while k > 0:
    k -= 1
    if k == 3:
        continue
    if k == 1:
        break
else:
    print("no break")
for n in [1, 2, 3]:
    print(n)
else:
    print("done")
lst = [1, 2, 3]
lst[0] = 5
lst[1] += 2
print(lst[0], lst[-1], lst[1:], lst[:2], lst[::2], lst[1:2:3], lst[:], lst[::])
obj = type("O", (), {})()
obj.attr = 3
obj.attr += 4
print(obj.attr)
del lst[0]
del obj.attr
del s, t
dct = {"a": 1, "b": 2}
st = {1, 2, 3}
one = {5}
emp = {}
tpl = ()
print(dct, st, one, emp, tpl, a is b, a is not b, a in lst, a not in lst)
print(1 < 2 < 3 < 4)

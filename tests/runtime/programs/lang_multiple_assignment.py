a = b = c = []
a.append(1)
print(a, b, c, a is c)
x, y = 1, 2
x, y = y, x
print(x, y)
p, q, r = r_, s_, t_ = 1, 2, 3
print(p, q, r, r_, s_, t_)
l = [0, 1, 2]
i = 0
i, l[i] = 1, 9
print(i, l)
d = {}
d["a"] = d["b"] = 5
print(sorted(d.items()))
class O:
    pass
o = O()
o.x = o.y = "same"
print(o.x, o.y)
(m, n), k = [1, 2], 3
print(m, n, k)
[u, v] = "uv"
print(u, v)
first, second = second_alias, first_alias = "ab"
print(first, second, first_alias, second_alias)

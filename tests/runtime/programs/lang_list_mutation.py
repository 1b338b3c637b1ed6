l = list(range(8))
l.insert(-1, "ins")
l.insert(100, "end")
l.insert(-100, "start")
print(l)
print(l.pop(-2), l.pop(3), l)
l2 = [3, 1, 2]
l3 = l2
l3 += [0]
print(l2, l2 is l3)
a = [[0] * 2] * 2
a[0][0] = 1
print(a)
b = [[0] * 2 for _ in range(2)]
b[0][0] = 1
print(b)

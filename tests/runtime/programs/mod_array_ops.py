from array import array

a = array("i", [1, 2, 3])
a.append(4)
a.extend([5, 6])
a.extend(array("i", [7]))
print(a, len(a), a[0], a[-1])
a[1] = 20
print(a[1:3], a[:-5], a[5:], a[-2:])
for f in (lambda: a[::2], lambda: 7 in a, lambda: "x" in a, lambda: a * 2):
    try:
        print(f())
    except Exception as e:
        print(type(e).__name__, e)
print(list(a), sum(a))
b = a + array("i", [8])
print(b, a)
a += array("i", [9])
print(a)
print(array("b", [1, 2]) == array("b", [1, 2]), array("b", [1]) == array("b", [2]))
print(array("h", [1, 2]) == array("h", [1, 2]))
print(bytes(array("h", [1, 256])), bytearray(array("b", [-1])))
c = array("B", [1, 2, 3, 4, 5])
c[1:3] = array("B", [9, 9])
print(c)
print([x for x in array("f", [0.5, 1.5])])
m = memoryview(array("H", [1, 2, 3]))
print(len(m), m[1])
e = array("B")
print(e, len(e), bool(e), bool(array("B", [0])))
for v in array("b", [3, -3]):
    print(v)

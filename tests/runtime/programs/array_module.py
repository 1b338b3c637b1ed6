from array import array
a = array("i", [1, 2, 3])
a.append(4)
a.extend([5, 6])
print(a, len(a), a[0], a[-1], a[1:3], sum(a))
b = array("B", b"\x01\x02")
print(b, bytes(b), array("f", [1.5]), array("d"), array("b", [-1, 2]))
a[0] = 100
print(a, list(a), 100 in list(a))
print(array("H", [65535]), array("h", [1, -1]) + array("h", [2]))
try:
    array("z")
except ValueError as e:
    print("ValueError")

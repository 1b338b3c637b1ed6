from array import array

for tc in "bBhHiIlLqQfd":
    a = array(tc, [1, 2, 3])
    print(tc, a, len(a), a.itemsize if hasattr(a, "itemsize") else "-", len(bytes(a)), a.typecode if hasattr(a, "typecode") else "-")
print(array("b"), array("d"), array("B", b"\x01\x02"), array("h", bytearray(4)))
print(array("f", [0.5, 1.25]), array("d", [1e100]))
print(array("I", range(3)), array("b", (-1, -2)))

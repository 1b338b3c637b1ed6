from array import array
for tc, vals in [("b", [-128, 127]), ("B", [0, 255]), ("h", [-32768, 32767]), ("H", [65535]),
                 ("i", [-1, 1]), ("I", [4294967295]), ("q", [-2 ** 63]), ("Q", [2 ** 64 - 1]),
                 ("f", [0.5, -1.25]), ("d", [1e100])]:
    a = array(tc, vals)
    print(tc, a, len(bytes(a)))
a = array("B", [250])
a[0] = 256 % 256
print(a, array("h", b"\x01\x00\x02\x00"))

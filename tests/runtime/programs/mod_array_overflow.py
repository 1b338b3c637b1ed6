from array import array

print(array("b", [127, 128, 255, -129, 300]))
print(array("B", [-1, 256, 511]))
print(array("h", [32768, -32769, 70000]))
print(array("H", [-1, 65536]))
print(array("i", [2**31, 2**32 + 3]))
print(array("I", [-1, 2**32]))
print(array("l", [2**31]), array("L", [-2]))
print(array("q", [2**63, -2**63 - 1, 2**70 + 9]))
print(array("Q", [-1, 2**64 + 1]))
a = array("B", [0])
a[0] = 257
a.append(-2)
a.extend([1000])
print(a)
print(array("b", [True, False]))

from array import array

# MicroPython extensions: object and pointer arrays
o = array("O")
o.append([1, 2])
o.append("x")
print(o[0], o[1], len(o))
p = array("P", [1, 2])
print(p[0], p[1], len(p))
print(array("I", [1]).__class__)
print(type(array("b")).__name__)
a = array("B", [1, 2, 3, 4])
a[1:3] = array("B", [7, 8])
print(a)
print(array("b", [1, 2, 3])[1:])
print(array("B", "abc") if False else "skip")

l = list(range(10))
print(l[2:5], l[:3], l[7:], l[::2], l[::-1], l[-3:], l[1:-1:3], l[5:2], l[100:])
s = "abcdefgh"
print(s[3:100], s[:-5])
l[2:4] = ["a", "b", "c"]
print(l)
del l[1:3]
print(l)
l[:] = [1]
print(l)
t = (1, 2, 3, 4)
print(t[1:3], t[-2:])
b = bytearray(b"hello")
b[1:3] = b"EL"
print(b, bytes(b)[2:])

buf = bytearray(range(10))
mv = memoryview(buf)
print(len(mv), mv[3], list(mv[2:5]), bytes(mv[-2:]), mv[::1][0] if False else "")
sub = mv[4:8]
sub[0] = 200
sub[1:3] = b"\x01\x02"
print(list(buf), len(sub), sub[-1])
print(bytes(memoryview(b"abcdef")[1:4]), bytes(memoryview(bytearray(b"xyz"))))
ro = memoryview(b"data")
print(ro[0], bytes(ro[1:3]), list(ro), ro[1:3] is not None)
import array
arr = array.array("h", [1, -2, 300])
am = memoryview(arr)
print(len(am), am[1], am[2], list(am))
am[0] = -5
print(arr)
print(hasattr(mv, "tobytes"), hasattr(mv, "release"), hasattr(mv, "hex"), hasattr(mv, "itemsize"))

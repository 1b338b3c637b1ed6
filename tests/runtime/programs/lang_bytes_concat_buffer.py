# bytes + any buffer: MicroPython's bytes concatenation takes a str (its UTF-8 bytes), a
# bytearray, a memoryview, an array on the right of a bytes literal
import array

s = "k\u00e9y"
print(b"pre-" + s, b"" + s, b"x" + str(12))
print(b"a" + bytearray(b"bc"), b"a" + memoryview(b"xyz")[1:], b"a" + array.array("b", [66, 67]))
n = 5
try:
    print(b"a" + n)
except TypeError as e:
    print("TypeError", e)
try:
    print(b"a" + None)
except TypeError as e:
    print("TypeError", e)

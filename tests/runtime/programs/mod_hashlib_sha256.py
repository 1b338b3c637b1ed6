import hashlib
import ubinascii as binascii

def hx(b):
    return binascii.hexlify(b).decode()

print(hx(hashlib.sha256().digest()))
print(hx(hashlib.sha256(b"abc").digest()))
h = hashlib.sha256()
h.update(b"a")
h.update(b"bc")
print(hx(h.digest()))
h = hashlib.sha256(b"The quick brown fox ")
h.update(bytearray(b"jumps over the lazy dog"))
print(hx(h.digest()))
print(len(hashlib.sha256(bytes(1000)).digest()))
big = hashlib.sha256()
for i in range(100):
    big.update(bytes([i]) * 64)
print(hx(big.digest()))
print(hx(hashlib.sha256("text").digest()))
h = hashlib.sha256(b"x")
d1 = h.digest()
try:
    print(h.digest() == d1)
except ValueError as e:
    print("ValueError", e)
try:
    h.update(b"more")
    print("update after digest allowed")
except ValueError as e:
    print("ValueError", e)
print(type(h).__name__, hasattr(h, "hexdigest"), hasattr(h, "copy"))
try:
    hashlib.sha256(5)
except TypeError as e:
    print("TypeError", e)

import hashlib
import ubinascii

data = bytes(range(256)) * 9
one = hashlib.sha256(data).digest()
for size in (1, 7, 63, 64, 65, 1000):
    h = hashlib.sha256()
    for i in range(0, len(data), size):
        h.update(data[i:i + size])
    print(size, h.digest() == one)
print(ubinascii.hexlify(one))
h = hashlib.sha256(memoryview(data)[:100])
print(ubinascii.hexlify(h.digest()) == ubinascii.hexlify(hashlib.sha256(data[:100]).digest()))
print(len(hashlib.sha256(b"").digest()), type(hashlib.sha256(b"").digest()).__name__)
print(ubinascii.hexlify(hashlib.sha256(b"a" * 55).digest()))
print(ubinascii.hexlify(hashlib.sha256(b"a" * 56).digest()))

import hashlib, binascii
h = hashlib.sha256()
for part in [b"The quick ", b"brown fox ", b"jumps over the lazy dog"]:
    h.update(part)
one = hashlib.sha256(b"The quick brown fox jumps over the lazy dog").digest()
print(h.digest() == one, binascii.hexlify(one), len(one))
print(binascii.hexlify(hashlib.sha256(bytes(range(256)) * 3).digest()))

import hashlib, binascii
h = hashlib.sha256()
h.update(b"abc")
print(binascii.hexlify(h.digest()))
print(binascii.hexlify(hashlib.sha256(b"").digest()))
print(binascii.hexlify(hashlib.sha256(b"a" * 200).digest()))

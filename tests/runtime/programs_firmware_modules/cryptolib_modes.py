# cryptolib.aes: ECB and CBC with 128- and 256-bit keys, chaining across calls, in-place and
# into-buffer output, what the module holds, the u-alias
import cryptolib

print(cryptolib.aes, cryptolib.__name__, hasattr(cryptolib, "MODE_ECB"))
key16 = bytes(range(16))
key32 = bytes(range(32))
plain = bytes(range(64))

for key in (key16, key32):
    e = cryptolib.aes(key, 1)
    c = e.encrypt(plain)
    print(len(key), "ecb", c.hex())
    print(cryptolib.aes(key, 1).decrypt(c) == plain)
    iv = bytes(range(100, 116))
    e = cryptolib.aes(key, 2, iv)
    whole = e.encrypt(plain)
    e = cryptolib.aes(key, 2, iv)
    parts = e.encrypt(plain[:16]) + e.encrypt(plain[16:48]) + e.encrypt(plain[48:])
    print(len(key), "cbc", whole.hex(), whole == parts)
    d = cryptolib.aes(key, 2, iv)
    print(d.decrypt(whole[:32]) + d.decrypt(whole[32:]) == plain)

# the key, the IV and the data may be any buffer; a str is its UTF-8 bytes
e = cryptolib.aes("0123456789abcdef", 2, bytearray(16))
print(e.encrypt(memoryview(b"x" * 48)[16:]).hex())
print(cryptolib.aes(key16, 1, None).encrypt("sixteen byte str").hex())
print(cryptolib.aes(key16, 1, b"ignored iv.....!").encrypt(bytes(16)).hex())
print(cryptolib.aes(key16, True).encrypt(bytes(16)).hex())

# into a buffer, and in place
buf = bytearray(40)
e = cryptolib.aes(key16, 1)
r = e.encrypt(plain[:32], buf)
print(r is buf, buf.hex())
data = bytearray(plain[:32])
print(cryptolib.aes(key16, 1).encrypt(data, data) is data, data.hex())
print(cryptolib.aes(key16, 1).decrypt(data, data) == plain[:32])
print(e.encrypt(b""), cryptolib.aes(key16, 2, key16).decrypt(bytearray()))

import ucryptolib
print(ucryptolib is cryptolib, type(e), type(e).__name__)

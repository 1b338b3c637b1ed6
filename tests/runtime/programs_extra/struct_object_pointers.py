# struct's 'O' packs an object reference, 'S' unpacks the C string at an address
import struct
import uctypes


class Thing:
    pass


t = Thing()
print(struct.unpack("<O", struct.pack("<O", t))[0] is t)
for text in ("abc", "hello world"):
    addr = uctypes.addressof(text)
    print(struct.unpack("<S", struct.pack("<S", addr)))
buf = bytearray(b"xy\x00zz")
print(struct.unpack("<S", struct.pack("<P", uctypes.addressof(buf))))
print(struct.pack("<3H", 1))

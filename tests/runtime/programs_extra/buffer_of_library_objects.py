# Objects exposing a buffer of their own: a FrameBuffer (its drawing buffer), a subclass of it,
# a uctypes structure (its bytes), read through every builtin and module taking a buffer.
import binascii
import framebuf
import struct
import uctypes

buf = bytearray(8)
fb = framebuf.FrameBuffer(buf, 8, 8, framebuf.MONO_HLSB)
fb.pixel(0, 0, 1)
fb.hline(0, 2, 4, 1)
print(bytes(fb))
print(bytearray(fb))
mv = memoryview(fb)
print(len(mv), mv[0], mv[2], bytes(mv[1:3]), mv[-1])
mv[7] = 0x81
print(buf[7], bytes(fb)[7])
print(struct.unpack_from("<HH", fb, 0), struct.unpack("8B", fb))
print(binascii.hexlify(fb))


class Sub(framebuf.FrameBuffer):
    def __init__(self, width, height):
        self.store = bytearray(width * height * 2)
        super().__init__(self.store, width, height, framebuf.RGB565)


s = Sub(2, 2)
s.pixel(1, 1, 0xABCD)
print(bytes(s), bytearray(s)[6:], memoryview(s)[6], struct.unpack_from("<H", s, 6))
print(bytes(memoryview(s)[4:8]), memoryview(s)[1:][-2:][0])

data = bytearray(b"\x01\x02\x03\x04\x05\x06")
layout = {"a": uctypes.UINT16 | 0, "b": uctypes.UINT32 | 2}
st = uctypes.struct(uctypes.addressof(data), layout, uctypes.LITTLE_ENDIAN)
print(bytes(st), bytearray(st), len(memoryview(st)), memoryview(st)[5])
print(struct.unpack_from("<HI", st), hex(st.b))
st.a = 0x0A0B
print(bytes(st), data)

for obj in (1, [1, 2]):
    for f in (bytes, bytearray, memoryview):
        try:
            print(f(obj))
        except TypeError as e:
            print(f.__name__, type(obj).__name__, "TypeError", e)
try:
    list(fb)
except TypeError as e:
    print("list", e)

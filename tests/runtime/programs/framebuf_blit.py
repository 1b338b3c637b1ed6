# FrameBuffer.blit: between formats, with a transparent key, a palette, tuple sources, clipping
import framebuf

src_buf = bytearray(4 * 3)
src = framebuf.FrameBuffer(src_buf, 4, 3, framebuf.GS8)
for y in range(3):
    for x in range(4):
        src.pixel(x, y, (x + y) % 3)

for name, fmt, n in (("GS8", framebuf.GS8, 36), ("RGB565", framebuf.RGB565, 72),
                     ("GS4", framebuf.GS4_HMSB, 18), ("GS2", framebuf.GS2_HMSB, 12),
                     ("VLSB", framebuf.MONO_VLSB, 6)):
    buf = bytearray(n)
    fb = framebuf.FrameBuffer(buf, 6, 6, fmt)
    fb.blit(src, 1, 1)
    print(name, "plain", buf.hex())
    fb.fill(0)
    fb.blit(src, -1, 4, 0)
    print(name, "key", buf.hex())
    fb.fill(0)
    fb.blit(src, 4, -2, 1)
    print(name, "clip", buf.hex())
    fb.blit(src, 6, 0)
    fb.blit(src, 0, 6)
    fb.blit(src, -4, 0)
    fb.blit(src, 0, -3)
    print(name, "outside", buf.hex())

# a palette maps source values to destination colours
pal_buf = bytearray(3 * 2)
pal = framebuf.FrameBuffer(pal_buf, 3, 1, framebuf.RGB565)
pal.pixel(0, 0, 0x1234)
pal.pixel(1, 0, 0xABCD)
pal.pixel(2, 0, 0xFFFF)
out = bytearray(6 * 4 * 2)
fb = framebuf.FrameBuffer(out, 6, 4, framebuf.RGB565)
fb.blit(src, 0, 0, -1, pal)
print("palette", out.hex())
fb.fill(0)
fb.blit(src, 1, 1, 0xABCD, pal)
print("palette key", out.hex())

# a mono sprite from a (buffer, w, h, format) tuple, from bytes and in a list
sprite = bytes([0b01100110, 0b11111111, 0b01111110, 0b00011000])
out = bytearray(16)
fb = framebuf.FrameBuffer(out, 16, 8, framebuf.MONO_VLSB)
fb.blit((sprite, 8, 4, framebuf.MONO_HLSB), 2, 1)
print("tuple", out.hex())
fb.blit([sprite, 4, 4, framebuf.MONO_HLSB, 8], 10, 3, 0)
print("list", out.hex())
fb.blit((sprite, 8, 4, framebuf.MONO_HLSB), 0, 0, -1, (bytes([0xE0, 0x07, 0x1F, 0xF8]), 2, 1, framebuf.RGB565))
print("mono palette", out.hex())

# FrameBuffer1: the old MONO_VLSB constructor
b1 = bytearray(10)
f1 = framebuf.FrameBuffer1(b1, 5, 10)
f1.text("x", 0, 0)
print("FrameBuffer1", b1.hex(), type(f1).__name__)
b1 = bytearray(16)
f1 = framebuf.FrameBuffer1(b1, 5, 9, 8)
f1.fill(1)
print("FrameBuffer1 stride", b1.hex())
print(framebuf.MVLSB == framebuf.MONO_VLSB)

# subclasses draw into their own buffer
class Screen(framebuf.FrameBuffer):
    def __init__(self, w, h):
        self.data = bytearray(w * h // 8)
        super().__init__(self.data, w, h, framebuf.MONO_HMSB)

    def border(self):
        self.rect(0, 0, 16, 4, 1)


s = Screen(16, 4)
s.border()
s.text("a", 4, -3)
print("subclass", s.data.hex())
fb = framebuf.FrameBuffer(bytearray(8), 8, 8, framebuf.MONO_VLSB)
fb.blit(s, -2, 2)
b = bytearray(8)
framebuf.FrameBuffer(b, 8, 8, framebuf.MONO_VLSB).blit(s, 0, 0)
print("blit subclass", b.hex())

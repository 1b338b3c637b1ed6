# every FrameBuffer format: the bytes each drawing method leaves in the buffer
import framebuf

FORMATS = [
    ("MONO_VLSB", framebuf.MONO_VLSB, 1),
    ("MONO_HLSB", framebuf.MONO_HLSB, 1),
    ("MONO_HMSB", framebuf.MONO_HMSB, 1),
    ("GS2_HMSB", framebuf.GS2_HMSB, 3),
    ("GS4_HMSB", framebuf.GS4_HMSB, 0xA),
    ("GS8", framebuf.GS8, 0x5C),
    ("RGB565", framebuf.RGB565, 0xF81F),
]


def size(fmt, w, h, stride):
    if fmt == framebuf.MONO_VLSB:
        return ((h + 7) // 8) * stride
    bits = {framebuf.MONO_HLSB: 1, framebuf.MONO_HMSB: 1, framebuf.GS2_HMSB: 2,
            framebuf.GS4_HMSB: 4, framebuf.GS8: 8, framebuf.RGB565: 16}[fmt]
    per = 8 // bits if bits < 8 else 1
    stride = (stride + per - 1) // per * per
    return stride * h * bits // 8


for name, fmt, col in FORMATS:
    for w, h, stride in ((13, 10, 13), (9, 5, 16)):
        buf = bytearray(size(fmt, w, h, stride))
        fb = framebuf.FrameBuffer(buf, w, h, fmt, stride)
        print(name, w, h, stride, len(buf))
        fb.fill(col)
        print("fill", buf.hex())
        fb.fill(0)
        fb.pixel(0, 0, col)
        fb.pixel(w - 1, h - 1, col)
        fb.pixel(w, 0, col)
        fb.pixel(-1, 2, col)
        print("pixel", buf.hex(), fb.pixel(0, 0), fb.pixel(1, 0), fb.pixel(w - 1, h - 1), fb.pixel(w, h))
        fb.fill(0)
        fb.hline(-2, 1, 6, col)
        fb.hline(3, 3, 40, col)
        fb.vline(2, -3, 5, col)
        fb.vline(w - 1, 2, 40, col)
        print("lines", buf.hex())
        fb.fill(0)
        fb.rect(1, 1, 5, 4, col)
        fb.rect(4, 2, 20, 20, col, True)
        print("rect", buf.hex())
        fb.fill(0)
        fb.fill_rect(1, 1, 3, 3, col)
        fb.fill_rect(-3, -3, 5, 5, col)
        fb.fill_rect(5, 2, 0, 4, col)
        fb.fill_rect(2, 3, 7, 2, col)
        print("fill_rect", buf.hex())
        fb.fill(0)
        fb.line(0, 0, w - 1, h - 1, col)
        fb.line(w - 1, 0, 0, h - 1, col)
        fb.line(-5, 3, 30, 4, col)
        fb.line(3, 20, 4, -20, col)
        print("line", buf.hex())
        fb.fill(0)
        fb.text("Hi!", 0, 1, col)
        fb.text("~", w - 4, -2, col)
        print("text", buf.hex())
        fb.scroll(2, 1)
        print("scroll", buf.hex())
        fb.scroll(-3, -2)
        print("scroll", buf.hex())
        fb.scroll(100, 0)
        fb.scroll(0, -100)
        print("scroll", buf.hex())

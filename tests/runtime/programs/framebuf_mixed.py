# many pseudo-random drawing calls on every format (a fixed LCG, so both sides draw the same),
# the buffer's bytes printed after each batch
import framebuf
from array import array

state = 12345


def rnd(lo, hi):
    global state
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    return lo + (state >> 8) % (hi - lo + 1)


FORMATS = ((framebuf.MONO_VLSB, 1), (framebuf.MONO_HLSB, 1), (framebuf.MONO_HMSB, 1),
           (framebuf.GS2_HMSB, 2), (framebuf.GS4_HMSB, 4), (framebuf.GS8, 8),
           (framebuf.RGB565, 16))

for fmt, bits in FORMATS:
    w, h = rnd(5, 21), rnd(5, 19)
    stride = w + rnd(0, 9)
    buf = bytearray((stride + 8) * (h + 8) * bits // 8 + 16)
    fb = framebuf.FrameBuffer(buf, w, h, fmt, stride)
    other = framebuf.FrameBuffer(bytearray(64), 8, 8, framebuf.GS8)
    for y in range(8):
        for x in range(8):
            other.pixel(x, y, rnd(0, 3))
    for batch in range(6):
        for _ in range(12):
            op = rnd(0, 10)
            c = rnd(-2, 0x1FFFF) if rnd(0, 3) == 0 else rnd(0, 3)
            x, y, a, b = rnd(-6, w + 6), rnd(-6, h + 6), rnd(-6, w + 6), rnd(-6, h + 6)
            if op == 0:
                fb.pixel(x, y, c)
            elif op == 1:
                fb.hline(x, y, a, c)
            elif op == 2:
                fb.vline(x, y, b, c)
            elif op == 3:
                fb.rect(x, y, a, b, c, rnd(0, 1))
            elif op == 4:
                fb.fill_rect(x, y, a, b, c)
            elif op == 5:
                fb.line(x, y, a, b, c)
            elif op == 6:
                fb.ellipse(x, y, rnd(0, 9), rnd(0, 9), c, rnd(0, 1), rnd(0, 15))
            elif op == 7:
                fb.poly(x, y, array("h", [rnd(-5, 15) for _ in range(rnd(0, 10))]), c, rnd(0, 1))
            elif op == 8:
                fb.text(chr(rnd(32, 130)) + chr(rnd(32, 127)), x, y, c)
            elif op == 9:
                fb.scroll(rnd(-4, 4), rnd(-4, 4))
            else:
                fb.blit(other, x, y, rnd(-1, 3))
        print(fmt, batch, buf.hex(), fb.pixel(rnd(0, w - 1), rnd(0, h - 1)))

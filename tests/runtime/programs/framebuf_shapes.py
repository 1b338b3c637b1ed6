# FrameBuffer ellipse and poly: outlines, fills, quadrant masks, clipping, coordinate buffers
import framebuf
from array import array

buf = bytearray(24 * 24 // 8)
fb = framebuf.FrameBuffer(buf, 24, 24, framebuf.MONO_HLSB)


def show(label):
    print(label, buf.hex())
    fb.fill(0)


fb.ellipse(12, 12, 10, 6, 1)
show("ellipse")
fb.ellipse(12, 12, 5, 9, 1, True)
show("filled")
for m in range(16):
    fb.ellipse(11, 11, 8, 8, 1, m & 1, m)
    show("mask %d" % m)
fb.ellipse(0, 0, 0, 0, 1)
fb.ellipse(23, 23, 0, 0, 1, False, 0)
fb.ellipse(5, 5, 0, 3, 1)
fb.ellipse(18, 5, 4, 0, 1)
show("degenerate")
fb.ellipse(-3, 20, 9, 12, 1, True)
show("clipped")

tri = array("h", [0, 0, 15, 4, 3, 18])
fb.poly(2, 1, tri, 1)
show("poly outline")
fb.poly(2, 1, tri, 1, True)
show("poly fill")
star = array("b", [10, 0, 13, 8, 22, 9, 15, 14, 18, 23, 10, 17, 2, 23, 5, 14, -2, 9, 7, 8])
fb.poly(0, 0, star, 1, True)
show("star")
fb.poly(0, 0, star, 1)
show("star outline")
fb.poly(3, 3, bytes([0, 0, 10, 0, 10, 10, 0, 10]), 1, True)
show("square bytes")
fb.poly(3, 3, array("i", [0, 0, 10, 0, 10, 10, 0]), 1)
show("odd count")
fb.poly(3, 3, array("h", []), 1)
fb.poly(5, 5, array("h", [1, 1]), 1)
show("empty and one point")
fb.poly(-5, -5, array("h", [0, 0, 40, 10, 10, 40]), 1, True)
show("poly clipped")
fb.poly(0, 0, array("h", [0, 5, 20, 5, 20, 15, 10, 10, 0, 15]), 1, True)
show("concave")

for x2, y2 in ((23, 0), (23, 10), (23, 23), (10, 23), (0, 23), (-5, 10), (0, 0), (12, -8)):
    fb.line(12, 12, x2, y2, 1)
show("octants")

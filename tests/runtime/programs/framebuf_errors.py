# framebuf's errors: constructor checks, argument counts and types, blit sources
import framebuf


def attempt(label, f, *args):
    try:
        print(label, f(*args))
    except Exception as e:
        print(label, type(e).__name__, e.args)


FB = framebuf.FrameBuffer
attempt("ok", lambda: type(FB(bytearray(8), 8, 8, framebuf.MONO_VLSB)).__name__)
attempt("zero width", FB, bytearray(8), 0, 8, framebuf.MONO_VLSB)
attempt("zero height", FB, bytearray(8), 8, 0, framebuf.MONO_VLSB)
attempt("stride < width", FB, bytearray(64), 8, 8, framebuf.GS8, 4)
attempt("huge", FB, bytearray(8), 0x10000, 1, framebuf.MONO_VLSB)
attempt("format 7", FB, bytearray(64), 8, 8, 7)
attempt("format -1", FB, bytearray(64), 8, 8, -1)
attempt("small", FB, bytearray(7), 8, 8, framebuf.MONO_VLSB)
attempt("small rgb", FB, bytearray(127), 8, 8, framebuf.RGB565)
attempt("small stride", FB, bytearray(64), 4, 8, framebuf.GS8, 9)
attempt("just enough", lambda: FB(bytearray(67), 4, 8, framebuf.GS8, 9) is not None)
attempt("bytes", FB, bytes(8), 8, 8, framebuf.MONO_VLSB)
attempt("str", FB, "abcdefgh", 8, 8, framebuf.MONO_VLSB)
attempt("int", FB, 5, 8, 8, framebuf.MONO_VLSB)
attempt("float", FB, bytearray(8), 8.0, 8, framebuf.MONO_VLSB)
attempt("too few", FB, bytearray(8), 8, 8)
attempt("too many", FB, bytearray(8), 8, 8, 0, 8, 1)
attempt("keyword", lambda: FB(bytearray(8), 8, 8, format=0))
attempt("FrameBuffer1 few", framebuf.FrameBuffer1, bytearray(8), 8)
attempt("memoryview", lambda: FB(memoryview(bytearray(16))[8:], 8, 8, 0).fill(1))

fb = FB(bytearray(8), 8, 8, framebuf.MONO_VLSB)
attempt("pixel few", fb.pixel, 1)
attempt("pixel many", fb.pixel, 1, 2, 3, 4)
attempt("pixel float", fb.pixel, 1.5, 2)
attempt("fill none", fb.fill, None)
attempt("fill many", fb.fill, 1, 2)
attempt("hline few", fb.hline, 1, 2, 3)
attempt("rect many", fb.rect, 0, 0, 1, 1, 1, True, 3)
attempt("line few", fb.line, 0, 0, 1, 1)
attempt("ellipse few", fb.ellipse, 0, 0, 1, 1)
attempt("ellipse many", fb.ellipse, 0, 0, 1, 1, 1, 1, 1, 1)
attempt("text bytes", fb.text, b"ab", 0, 0)
attempt("text bytes drawn", lambda: fb.pixel(1, 3))
attempt("text int", fb.text, 5, 0, 0)
attempt("text few", fb.text, "a", 0)
attempt("scroll few", fb.scroll, 1)
attempt("blit int", fb.blit, 5, 0, 0)
attempt("blit none", fb.blit, None, 0, 0)
attempt("blit short tuple", fb.blit, (bytearray(8), 8, 8), 0, 0)
attempt("blit long tuple", fb.blit, (bytearray(8), 8, 8, 0, 8, 1), 0, 0)
attempt("blit bad format", fb.blit, (bytearray(8), 8, 8, 9), 0, 0)
attempt("blit small", fb.blit, (bytearray(2), 8, 8, 0), 0, 0)
attempt("blit palette int", fb.blit, fb, 0, 0, -1, 3)
attempt("poly int", fb.poly, 0, 0, 5, 1)
attempt("poly few", fb.poly, 0, 0, bytes(4))
attempt("rect truthy", fb.rect, 0, 0, 4, 4, 1, "yes")
attempt("after", lambda: fb.pixel(1, 1))
print(framebuf.__name__, framebuf.MONO_VLSB, framebuf.RGB565, framebuf.GS4_HMSB,
      framebuf.MONO_HLSB, framebuf.MONO_HMSB, framebuf.GS2_HMSB, framebuf.GS8)

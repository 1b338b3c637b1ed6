"""The guest's `framebuf` module: MicroPython's FrameBuffer (extmod/modframebuf.c).

A FrameBuffer draws into a guest buffer (bytearray, array, memoryview) in one of seven pixel
formats, leaving exactly the bytes the firmware leaves: the pixel layouts, the clipping, the
line/ellipse/polygon algorithms and the 8x8 font (framebuf_font.py, measured from MicroPython)
follow the firmware's. Each format is a small object with set/get/fill over the buffer's bytes;
fills work a row (or a MONO_VLSB page) at a time with precomputed masks.

A FrameBuffer offers the buffer protocol (memoryview(fb), bytes(fb), struct.unpack_from(f, fb))
through ``__buffer__``, on hosts before CPython 3.12 through runtime.vm.hostbuffer.
"""

from __future__ import annotations

import array as _host_array

from mpt.runtime.library.arity import check_arity
from mpt.runtime.library.binary_layout import int_of, type_name
from mpt.runtime.library.buffers import readable_view, writable_view
from mpt.runtime.library.framebuf_font import FONT
from mpt.runtime.vm import hostbuffer

MVLSB, RGB565, GS4_HMSB, MHLSB, MHMSB, GS2_HMSB, GS8 = 0, 1, 2, 3, 4, 5, 6


class _VerticalMono:
    """MONO_VLSB: a byte is 8 pixels of a column, the least significant bit at the top."""

    @staticmethod
    def set(fb, x, y, col):
        b = fb._buf
        i = (y >> 3) * fb._stride + x
        bit = 1 << (y & 7)
        b[i] = (b[i] | bit) if col else (b[i] & ~bit)

    @staticmethod
    def get(fb, x, y):
        return (fb._buf[(y >> 3) * fb._stride + x] >> (y & 7)) & 1

    @staticmethod
    def fill(fb, x, y, w, h, col):
        b = fb._buf
        stride = fb._stride
        yend = y + h
        while y < yend:
            page = y >> 3
            last = min(yend, (page + 1) << 3)
            mask = ((1 << (last - y)) - 1) << (y & 7)
            start = page * stride + x
            if col:
                for i in range(start, start + w):
                    b[i] |= mask
            else:
                keep = ~mask & 0xFF
                for i in range(start, start + w):
                    b[i] &= keep
            y = last


class _Packed:
    """Formats packing 1, 2 or 4 pixels of a row into each byte."""

    def __init__(self, bpp, shift_of):
        self.bpp = bpp
        self.per_byte = 8 // bpp
        self.value_mask = (1 << bpp) - 1
        self.shifts = [shift_of(x) for x in range(self.per_byte)]

    def _value(self, col):
        return (1 if col else 0) if self.bpp == 1 else col & self.value_mask

    def set(self, fb, x, y, col):
        b = fb._buf
        i = (x + y * fb._stride) // self.per_byte
        shift = self.shifts[x % self.per_byte]
        b[i] = (b[i] & ~(self.value_mask << shift)) | (self._value(col) << shift)

    def get(self, fb, x, y):
        i = (x + y * fb._stride) // self.per_byte
        return (fb._buf[i] >> self.shifts[x % self.per_byte]) & self.value_mask

    def fill(self, fb, x, y, w, h, col):
        b = fb._buf
        per = self.per_byte
        value = self._value(col)
        # (byte offset in the row, bits kept, bits set) for the columns x..x+w-1
        spans = {}
        for xx in range(x, x + w):
            shift = self.shifts[xx % per]
            keep, bits = spans.get(xx // per, (0xFF, 0))
            spans[xx // per] = (keep & ~(self.value_mask << shift), bits | (value << shift))
        row_bytes = fb._stride // per
        for yy in range(y, y + h):
            base = yy * row_bytes
            for offset, (keep, bits) in spans.items():
                i = base + offset
                b[i] = (b[i] & keep) | bits


class _Bytes:
    """GS8 (one byte a pixel) and RGB565 (two, little-endian)."""

    def __init__(self, size):
        self.size = size

    def _pixel(self, col):
        return bytes([col & 0xFF]) if self.size == 1 else bytes([col & 0xFF, (col >> 8) & 0xFF])

    def set(self, fb, x, y, col):
        i = (x + y * fb._stride) * self.size
        fb._buf[i:i + self.size] = self._pixel(col)

    def get(self, fb, x, y):
        i = (x + y * fb._stride) * self.size
        b = fb._buf
        return b[i] if self.size == 1 else b[i] | (b[i + 1] << 8)

    def fill(self, fb, x, y, w, h, col):
        row = self._pixel(col) * w
        n = len(row)
        b = fb._buf
        for yy in range(y, y + h):
            i = (x + yy * fb._stride) * self.size
            b[i:i + n] = row


FORMATS = {
    MVLSB: _VerticalMono(),
    MHLSB: _Packed(1, lambda x: 7 - x),
    MHMSB: _Packed(1, lambda x: x),
    GS2_HMSB: _Packed(2, lambda x: 2 * x),
    GS4_HMSB: _Packed(4, lambda x: 0 if x else 4),
    GS8: _Bytes(1),
    RGB565: _Bytes(2),
}


def _cdiv(a: int, b: int) -> int:
    """C's integer division (truncating toward zero)."""
    q = abs(a) // abs(b)
    return q if (a >= 0) == (b >= 0) else -q


def _setup(fb, args, view_of):
    """framebuf_make_new_helper: check the geometry and the buffer, fill in ``fb``."""
    width, height, fmt = int_of(args[1]), int_of(args[2]), int_of(args[3])
    stride = int_of(args[4]) if len(args) >= 5 else width
    if width < 1 or height < 1 or width > 0xFFFF or height > 0xFFFF or stride > 0xFFFF \
            or stride < width:
        raise ValueError()
    bpp, height_required, width_required, strides_required = 1, height, width, height - 1
    if fmt == MVLSB:
        height_required = (height + 7) & ~7
        strides_required = height_required - 8
    elif fmt in (MHLSB, MHMSB):
        stride = (stride + 7) & ~7
        width_required = (width + 7) & ~7
    elif fmt == GS2_HMSB:
        stride = (stride + 3) & ~3
        width_required = (width + 3) & ~3
        bpp = 2
    elif fmt == GS4_HMSB:
        stride = (stride + 1) & ~1
        width_required = (width + 1) & ~1
        bpp = 4
    elif fmt == GS8:
        bpp = 8
    elif fmt == RGB565:
        bpp = 16
    else:
        raise ValueError("invalid format")
    view = view_of(args[0])
    needed = (strides_required * stride + (height_required - strides_required) * width_required)
    if needed * bpp // 8 > len(view):
        raise ValueError()
    fb._obj = args[0]
    fb._buf = view
    fb._width, fb._height, fb._stride = width, height, stride
    fb._format = FORMATS[fmt]


class _ReadOnly:
    """A blit source or palette given as (buffer, width, height, format[, stride])."""

    _obj = _buf = _format = None
    _width = _height = _stride = 0


def _source(arg):
    if isinstance(arg, FrameBuffer):
        return arg
    if not isinstance(arg, (tuple, list)):
        raise TypeError(f"object '{type_name(arg)}' isn't a tuple or list")
    if len(arg) < 4 or len(arg) > 5:
        raise ValueError()
    fb = _ReadOnly()
    _setup(fb, tuple(arg), readable_view)
    return fb


def _poly_values(coords) -> list:
    if isinstance(coords, _host_array.array):
        return list(_host_array.array.__iter__(coords))
    if isinstance(coords, memoryview):
        return coords.tolist() if coords.ndim else [coords]
    return list(readable_view(coords))


@hostbuffer.register
class FrameBuffer:
    def __init__(self, *args, **kwargs):
        if kwargs:
            raise TypeError("function doesn't take keyword arguments")
        check_arity(args, 4, 5)
        _setup(self, args, writable_view)

    def __buffer__(self, flags):
        """The buffer protocol (memoryview(fb), bytes(fb)) reaches the drawn buffer (hosts
        before CPython 3.12: through runtime.vm.hostbuffer)."""
        return memoryview(self._obj)

    # --- drawing primitives (clipped) ------------------------------------------------------

    def _fill_rect(self, x, y, w, h, col):
        width, height = self._width, self._height
        if h < 1 or w < 1 or x + w <= 0 or y + h <= 0 or y >= height or x >= width:
            return
        xend, yend = min(width, x + w), min(height, y + h)
        x, y = max(x, 0), max(y, 0)
        self._format.fill(self, x, y, xend - x, yend - y, col)

    def _set_checked(self, x, y, col):
        if 0 <= x < self._width and 0 <= y < self._height:
            self._format.set(self, x, y, col)

    def _line(self, x1, y1, x2, y2, col):
        dx, sx = (x2 - x1, 1) if x2 - x1 > 0 else (x1 - x2, -1)
        dy, sy = (y2 - y1, 1) if y2 - y1 > 0 else (y1 - y2, -1)
        steep = dy > dx
        if steep:
            x1, y1, dx, dy, sx, sy = y1, x1, dy, dx, sy, sx
        width, height, setpixel = self._width, self._height, self._format.set
        e = 2 * dy - dx
        for _ in range(dx):
            if steep:
                if 0 <= y1 < width and 0 <= x1 < height:
                    setpixel(self, y1, x1, col)
            elif 0 <= x1 < width and 0 <= y1 < height:
                setpixel(self, x1, y1, col)
            while e >= 0:
                y1 += sy
                e -= 2 * dx
            x1 += sx
            e += 2 * dy
        self._set_checked(x2, y2, col)

    # --- the guest's methods ---------------------------------------------------------------

    def fill(self, *args):
        check_arity((self,) + args, 2, 2)
        self._format.fill(self, 0, 0, self._width, self._height, int_of(args[0]))

    def fill_rect(self, *args):
        check_arity((self,) + args, 6, 6)
        self._fill_rect(*[int_of(a) for a in args])

    def pixel(self, *args):
        check_arity((self,) + args, 3, 4)
        x, y = int_of(args[0]), int_of(args[1])
        if 0 <= x < self._width and 0 <= y < self._height:
            if len(args) == 2:
                return self._format.get(self, x, y)
            self._format.set(self, x, y, int_of(args[2]))
        return None

    def hline(self, *args):
        check_arity((self,) + args, 5, 5)
        x, y, w, col = [int_of(a) for a in args]
        self._fill_rect(x, y, w, 1, col)

    def vline(self, *args):
        check_arity((self,) + args, 5, 5)
        x, y, h, col = [int_of(a) for a in args]
        self._fill_rect(x, y, 1, h, col)

    def rect(self, *args):
        check_arity((self,) + args, 6, 7)
        x, y, w, h, col = [int_of(a) for a in args[:5]]
        if len(args) > 5 and args[5]:
            self._fill_rect(x, y, w, h, col)
        else:
            self._fill_rect(x, y, w, 1, col)
            self._fill_rect(x, y + h - 1, w, 1, col)
            self._fill_rect(x, y, 1, h, col)
            self._fill_rect(x + w - 1, y, 1, h, col)

    def line(self, *args):
        check_arity((self,) + args, 6, 6)
        self._line(*[int_of(a) for a in args])

    def ellipse(self, *args):
        check_arity((self,) + args, 6, 8)
        cx, cy, xr, yr, col = [int_of(a) for a in args[:5]]
        fill = len(args) > 5 and bool(args[5])
        quadrants = (int_of(args[6]) & 0x0F) if len(args) > 6 else 0x0F
        if xr == 0 and yr == 0:
            if quadrants:
                self._set_checked(cx, cy, col)
            return

        def points(x, y):
            # quadrants: Q2 Q1 / Q3 Q4
            if fill:
                if quadrants & 1:
                    self._fill_rect(cx, cy - y, x + 1, 1, col)
                if quadrants & 2:
                    self._fill_rect(cx - x, cy - y, x + 1, 1, col)
                if quadrants & 4:
                    self._fill_rect(cx - x, cy + y, x + 1, 1, col)
                if quadrants & 8:
                    self._fill_rect(cx, cy + y, x + 1, 1, col)
            else:
                if quadrants & 1:
                    self._set_checked(cx + x, cy - y, col)
                if quadrants & 2:
                    self._set_checked(cx - x, cy - y, col)
                if quadrants & 4:
                    self._set_checked(cx - x, cy + y, col)
                if quadrants & 8:
                    self._set_checked(cx + x, cy + y, col)

        two_a2, two_b2 = 2 * xr * xr, 2 * yr * yr
        x, y = xr, 0
        xchange, ychange = yr * yr * (1 - 2 * xr), xr * xr
        error, stop_x, stop_y = 0, two_b2 * xr, 0
        while stop_x >= stop_y:
            points(x, y)
            y += 1
            stop_y += two_a2
            error += ychange
            ychange += two_a2
            if 2 * error + xchange > 0:
                x -= 1
                stop_x -= two_b2
                error += xchange
                xchange += two_b2
        x, y = 0, yr
        xchange, ychange = yr * yr, xr * xr * (1 - 2 * yr)
        error, stop_x, stop_y = 0, 0, two_a2 * yr
        while stop_x <= stop_y:
            points(x, y)
            x += 1
            stop_x += two_b2
            error += xchange
            xchange += two_b2
            if 2 * error + ychange > 0:
                y -= 1
                stop_y -= two_a2
                error += ychange
                ychange += two_a2

    def poly(self, *args):
        check_arity((self,) + args, 5, 6)
        x, y = int_of(args[0]), int_of(args[1])
        values = _poly_values(args[2])
        n = len(values) // 2
        if n == 0:
            return
        col = int_of(args[3])
        values = [int_of(v) for v in values[:2 * n]]
        if not (len(args) > 4 and args[4]):
            px1, py1 = values[0], values[1]
            for i in range(n - 1, -1, -1):
                px2, py2 = values[2 * i], values[2 * i + 1]
                self._line(x + px1, y + py1, x + px2, y + py2, col)
                px1, py1 = px2, py2
            return
        ys = values[1::2]
        for row in range(min(ys), max(ys) + 1):
            nodes = []
            px1, py1 = values[0], values[1]
            for i in range(n - 1, -1, -1):
                px2, py2 = values[2 * i], values[2 * i + 1]
                if py1 != py2 and ((py1 > row >= py2) or (py1 <= row < py2)):
                    node = _cdiv(32 * px1 + _cdiv(32 * (px2 - px1) * (row - py1), py2 - py1)
                                 + 16, 32)
                    nodes.append(node)
                elif row == max(py1, py2):
                    if py1 < py2:
                        self._set_checked(x + px2, y + py2, col)
                    elif py2 < py1:
                        self._set_checked(x + px1, y + py1, col)
                    else:
                        self._line(x + px1, y + py1, x + px2, y + py2, col)
                px1, py1 = px2, py2
            nodes.sort()
            for i in range(0, len(nodes) - 1, 2):
                self._fill_rect(x + nodes[i], y + row, nodes[i + 1] - nodes[i] + 1, 1, col)

    def blit(self, *args):
        check_arity((self,) + args, 4, 6)
        source = _source(args[0])
        x, y = int_of(args[1]), int_of(args[2])
        key = (int_of(args[3]) & 0xFFFFFFFF) if len(args) > 3 else 0xFFFFFFFF
        palette = _source(args[4]) if len(args) > 4 and args[4] is not None else None
        if x >= self._width or y >= self._height or -x >= source._width \
                or -y >= source._height:
            return
        get, setpixel = source._format.get, self._format.set
        x0end, y0end = min(self._width, x + source._width), min(self._height, y + source._height)
        y1 = max(0, -y)
        for y0 in range(max(0, y), y0end):
            cx1 = max(0, -x)
            for cx0 in range(max(0, x), x0end):
                col = get(source, cx1, y1)
                if palette is not None:
                    col = palette._format.get(palette, col, 0)
                if col != key:
                    setpixel(self, cx0, y0, col)
                cx1 += 1
            y1 += 1

    def scroll(self, *args):
        check_arity((self,) + args, 3, 3)
        xstep, ystep = int_of(args[0]), int_of(args[1])
        width, height = self._width, self._height
        if xstep < 0:
            if -xstep >= width:
                return
            xs = range(0, width + xstep)
        else:
            if xstep >= width:
                return
            xs = range(width - 1, xstep - 1, -1)
        if ystep < 0:
            if -ystep >= height:
                return
            ys = range(0, height + ystep)
        else:
            if ystep >= height:
                return
            ys = range(height - 1, ystep - 1, -1)
        get, setpixel = self._format.get, self._format.set
        for y in ys:
            for x in xs:
                setpixel(self, x, y, get(self, x - xstep, y - ystep))

    def text(self, *args):
        check_arity((self,) + args, 4, 5)
        s = args[0]
        if isinstance(s, str):  # mp_obj_str_get_str: str or bytes
            s = s.encode("utf-8", "surrogatepass")
        elif not isinstance(s, bytes):
            raise TypeError(f"can't convert '{type_name(s)}' object to str implicitly")
        x0, y0 = int_of(args[1]), int_of(args[2])
        col = int_of(args[3]) if len(args) > 3 else 1
        width, height, setpixel = self._width, self._height, self._format.set
        for byte in s:
            if byte == 0:
                break
            if byte < 32 or byte > 127:
                byte = 127
            glyph = FONT[(byte - 32) * 8:(byte - 31) * 8]
            for column in glyph:
                if 0 <= x0 < width:
                    yy = y0
                    while column:
                        if column & 1 and 0 <= yy < height:
                            setpixel(self, x0, yy, col)
                        column >>= 1
                        yy += 1
                x0 += 1


FrameBuffer.__module__ = "builtins"  # the guest sees <class 'FrameBuffer'>


def FrameBuffer1(*args):  # noqa: N802 - the firmware's name
    """The old constructor without a format: MONO_VLSB, stride defaulting to the width."""
    check_arity(args, 3, 4)
    return FrameBuffer(args[0], args[1], args[2], MVLSB, args[3] if len(args) >= 4 else args[1])


def make_module(ctx):
    return {
        "FrameBuffer": FrameBuffer, "FrameBuffer1": FrameBuffer1,
        "MVLSB": MVLSB, "MONO_VLSB": MVLSB, "RGB565": RGB565, "GS2_HMSB": GS2_HMSB,
        "GS4_HMSB": GS4_HMSB, "GS8": GS8, "MONO_HLSB": MHLSB, "MONO_HMSB": MHMSB,
    }

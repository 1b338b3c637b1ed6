import deflate
import io

ZLIB_DATA = b'x\x9c\x0b\xc9HU(,\xcdL\xceVH*\xca/\xcfSH\xcb\xafP\xc8*\xcd-(V\xc8/K-R(\x01J\xe7$VU*\xa4\xe4\xa7\xeb)\x84\xd0L1\x00\xf9<0v'
GZIP_DATA = b'\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x0b\xc9HU(,\xcdL\xceVH*\xca/\xcfSH\xcb\xafP\xc8*\xcd-(V\xc8/K-R(\x01J\xe7$VU*\xa4\xe4\xa7\xeb)\x84\xd0L1\x00X\x00\x1e\x00\x87\x00\x00\x00'

def attempt(label, f):
    try:
        print(label, f())
    except Exception as e:
        print(label, type(e).__name__, e)

attempt("bad format", lambda: deflate.DeflateIO(io.BytesIO(), 4))
attempt("negative format", lambda: deflate.DeflateIO(io.BytesIO(), -1))
attempt("bad wbits", lambda: deflate.DeflateIO(io.BytesIO(), deflate.RAW, 4))
attempt("big wbits", lambda: deflate.DeflateIO(io.BytesIO(), deflate.RAW, 16))
attempt("no args", lambda: deflate.DeflateIO())
attempt("gzip as zlib", lambda: deflate.DeflateIO(io.BytesIO(GZIP_DATA), deflate.ZLIB).read())
attempt("zlib as gzip", lambda: deflate.DeflateIO(io.BytesIO(ZLIB_DATA), deflate.GZIP).read())
attempt("garbage", lambda: deflate.DeflateIO(io.BytesIO(b"not compressed")).read())
attempt("truncated", lambda: deflate.DeflateIO(io.BytesIO(ZLIB_DATA[:20])).read())
attempt("empty", lambda: deflate.DeflateIO(io.BytesIO(b"")).read())
bad = bytearray(ZLIB_DATA)
bad[-1] ^= 0xFF
attempt("bad checksum", lambda: deflate.DeflateIO(io.BytesIO(bad)).read())
d = deflate.DeflateIO(io.BytesIO(ZLIB_DATA))
d.close()
attempt("after close", lambda: d.read())
attempt("not a stream", lambda: deflate.DeflateIO(5).read())
attempt("udeflate", lambda: __import__("udeflate"))

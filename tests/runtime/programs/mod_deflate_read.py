import deflate
import io

ZLIB_DATA = b'x\x9c\x0b\xc9HU(,\xcdL\xceVH*\xca/\xcfSH\xcb\xafP\xc8*\xcd-(V\xc8/K-R(\x01J\xe7$VU*\xa4\xe4\xa7\xeb)\x84\xd0L1\x00\xf9<0v'
GZIP_DATA = b'\x1f\x8b\x08\x00\x00\x00\x00\x00\x02\x03\x0b\xc9HU(,\xcdL\xceVH*\xca/\xcfSH\xcb\xafP\xc8*\xcd-(V\xc8/K-R(\x01J\xe7$VU*\xa4\xe4\xa7\xeb)\x84\xd0L1\x00X\x00\x1e\x00\x87\x00\x00\x00'
RAW_DATA = b'\x0b\xc9HU(,\xcdL\xceVH*\xca/\xcfSH\xcb\xafP\xc8*\xcd-(V\xc8/K-R(\x01J\xe7$VU*\xa4\xe4\xa7\xeb)\x84\xd0L1\x00'
LINES = b'\x18\x95\xcb\xc9\xccKU\xc8\xcfK\xe5\xca\x011J\xca\xf3\xa1\x8c\x8c\xa2\xd4T.\x00\x9b\xdf\n+'

print(deflate.DeflateIO(io.BytesIO(ZLIB_DATA)).read())
print(deflate.DeflateIO(io.BytesIO(GZIP_DATA), deflate.AUTO).read() == deflate.DeflateIO(io.BytesIO(ZLIB_DATA), deflate.ZLIB).read())
print(len(deflate.DeflateIO(io.BytesIO(GZIP_DATA), deflate.GZIP).read()))
print(deflate.DeflateIO(io.BytesIO(RAW_DATA), deflate.RAW, 9).read(20))
d = deflate.DeflateIO(io.BytesIO(ZLIB_DATA), deflate.ZLIB)
print(d.read(4), d.read(6), len(d.read()), d.read(), d.read(3))
d = deflate.DeflateIO(io.BytesIO(LINES))
print(d.readline(), d.readline(4), d.readline(), d.readline(), d.readline())
buf = bytearray(10)
d = deflate.DeflateIO(io.BytesIO(ZLIB_DATA))
print(d.readinto(buf), buf, d.readinto(buf, 3), buf)
with deflate.DeflateIO(io.BytesIO(GZIP_DATA)) as g:
    print(g.read(9))
print(deflate.AUTO, deflate.RAW, deflate.ZLIB, deflate.GZIP)

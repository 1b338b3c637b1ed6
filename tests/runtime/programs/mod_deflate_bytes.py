import deflate
import io
import random
import ubinascii

random.seed(17)
samples = [
    bytes(random.getrandbits(8) for _ in range(200)),
    bytes(random.choice(b"ab ") for _ in range(600)),
    b"".join(b"%d," % random.randint(0, 50) for _ in range(300)),
    b"\x00" * 700 + b"\x01" * 3 + b"\x00" * 260,
    b"abcdefgh" * 100,
]
for n, data in enumerate(samples):
    for fmt in (deflate.RAW, deflate.ZLIB, deflate.GZIP):
        for wbits, chunk in ((8, 1000), (9, 7), (12, 64), (15, 333)):
            out = io.BytesIO()
            w = deflate.DeflateIO(out, fmt, wbits)
            for i in range(0, len(data), chunk):
                w.write(data[i:i + chunk])
            w.close()
            blob = out.getvalue()
            print(n, fmt, wbits, len(blob), ubinascii.crc32(blob))

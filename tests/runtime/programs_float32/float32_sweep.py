# many binary32 values (from a fixed generator) printed in every format, and decimal texts read
import struct
state = 12345
def rnd():
    global state
    state = (state * 1103515245 + 12345) & 0x7FFFFFFF
    return state
out = []
for i in range(600):
    bits = ((rnd() << 1) ^ rnd()) & 0xFFFFFFFF
    if (bits >> 23) & 0xFF == 0xFF:
        bits ^= 0x40000000
    f = struct.unpack("<f", struct.pack("<I", bits))[0]
    print(repr(f), "%g|%.3e|%.9g|%.2f|%.12g|%f" % (f, f, f, f, f, f))
for i in range(600):
    digits = str(rnd()) + str(rnd())
    cut = rnd() % (len(digits) + 1)
    text = digits[:cut] + "." + digits[cut:]
    if i % 3 == 0:
        text += "e" + str(rnd() % 90 - 50)
    f = float(text)
    print(text, struct.unpack("<I", struct.pack("<f", f))[0], f)

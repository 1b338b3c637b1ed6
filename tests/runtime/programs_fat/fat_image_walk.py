# FAT12, FAT16 and FAT32 images made by vfs.VfsFat: the bytes of each image (timestamps and
# the volume serial, which come from the clock, zeroed) and what the guest sees of its files.
import hashlib
import vfs


class RAM:
    # sparse: only the blocks written are kept (so a FAT16 volume fits a small heap)
    def __init__(self, blocks, size=512):
        self.size = size
        self.blocks = blocks
        self.data = {}

    def readblocks(self, n, buf):
        for i in range(len(buf) // self.size):
            block = self.data.get(n + i)
            buf[i * self.size : (i + 1) * self.size] = block or bytes(self.size)

    def writeblocks(self, n, buf):
        for i in range(len(buf) // self.size):
            self.data[n + i] = bytes(buf[i * self.size : (i + 1) * self.size])

    def ioctl(self, op, arg):
        if op == 4:
            return self.blocks
        if op == 5:
            return self.size

    def block(self, n):
        return bytearray(self.data.get(n) or bytes(self.size))


def u16(d, i):
    return d[i] | d[i + 1] << 8


def u32(d, i):
    return u16(d, i) | u16(d, i + 2) << 16


def masked_hash(dev):
    # the image's SHA-256 with the clock's marks zeroed: the volume serial and the times of
    # every short-name directory entry (found by walking the directories)
    ss = dev.size
    changed = {}

    def block(n):
        if n not in changed:
            changed[n] = dev.block(n)
        return changed[n]

    base = 0
    if block(0)[0] not in (0xE9, 0xEB, 0xE8):
        base = u32(block(0), 454)
    b = block(base)
    csize, rsv, nfats, nroot = b[13], u16(b, 14), b[16], u16(b, 17)
    fatsz = u16(b, 22) or u32(b, 36)
    total = u16(b, 19) or u32(b, 32)
    fat32 = u16(b, 22) == 0
    b[67 if fat32 else 39 : 71 if fat32 else 43] = bytes(4)
    if fat32:
        block(base + 6)[67:71] = bytes(4)  # the backup boot sector's copy
    fatbase = base + rsv
    rootsec = fatbase + nfats * fatsz
    database = rootsec + nroot * 32 // ss
    nclst = (total - (rsv + nfats * fatsz + nroot * 32 // ss)) // csize
    kind = 32 if fat32 else (16 if nclst > 0xFF5 else 12)

    def fat_byte(o):
        return dev.block(fatbase + o // ss)[o % ss]

    def nxt(c):
        if kind == 12:
            o = c + c // 2
            w = fat_byte(o) | fat_byte(o + 1) << 8
            return w >> 4 if c & 1 else w & 0xFFF
        if kind == 16:
            return fat_byte(2 * c) | fat_byte(2 * c + 1) << 8
        return u32(bytes(fat_byte(4 * c + i) for i in range(4)), 0) & 0x0FFFFFFF

    def chain_sectors(c):
        out = []
        while 2 <= c < nclst + 2:
            s = database + (c - 2) * csize
            out.extend(range(s, s + csize))
            c = nxt(c)
        return out

    def mask_dir(sectors):
        for s in sectors:
            d = block(s)
            for o in range(0, ss, 32):
                if d[o] == 0:
                    return
                if d[o + 11] & 0x3F == 0x0F:
                    continue
                d[o + 13 : o + 20] = bytes(7)
                d[o + 22 : o + 26] = bytes(4)
                if d[o + 11] & 0x10 and d[o] not in (0x2E, 0xE5):
                    c = u16(d, o + 26) | (u16(d, o + 20) << 16 if kind == 32 else 0)
                    mask_dir(chain_sectors(c))

    if kind == 32:
        mask_dir(chain_sectors(u32(b, 44)))
    else:
        mask_dir(range(rootsec, database))
    h = hashlib.sha256()
    for n in sorted(set(dev.data) | set(changed)):  # the blocks written (the rest are zero)
        h.update(str(n).encode())
        h.update(changed[n] if n in changed else dev.block(n))
    return h.digest().hex()


NAMES = ("a.txt", "Mixed.Txt", "a long file name.py", "UPPER.TXT", "lower", "x.y.z",
         "\xfcber.txt", "averyverylongname.text", "averyverylongname2.text", "+plus=.txt",
         " lead", "e\xe9", "...dots", "trailing.")


def fill(fs):
    for name in NAMES:
        with fs.open(name, "w") as f:
            f.write(name * 30)
    for i in range(8):
        with fs.open("numbered_file_%d.dat" % i, "wb") as f:
            f.write(bytes(range(256)) * (i + 1))
    fs.mkdir("Sub Dir")
    fs.mkdir("sub2")
    fs.chdir("Sub Dir")
    with fs.open("inner.bin", "wb") as f:
        f.write(b"x" * 1500)
    fs.mkdir("deeper")
    print(fs.getcwd())
    fs.chdir("deeper")
    print(fs.getcwd())
    fs.chdir("..")
    fs.chdir("/")
    fs.rename("a.txt", "Sub Dir/renamed A.txt")
    fs.rename("sub2", "Sub Dir/deeper/sub2moved")
    fs.chdir("Sub Dir/deeper/sub2moved")
    print(fs.getcwd(), fs.stat("..")[0], list(fs.ilistdir("..")))
    fs.chdir("/")
    fs.remove("lower")
    fs.remove("numbered_file_3.dat")
    with fs.open("Mixed.Txt", "a") as f:
        f.write("appended")
    with fs.open("UPPER.TXT", "r+") as f:
        f.seek(5)
        f.write("XYZ")
    try:
        fs.open("UPPER.TXT")
    except TypeError as e:
        print("TypeError", e)
    with fs.open("UPPER.TXT", "r") as f:
        print(f.read(20))
    with fs.open("numbered_file_5.dat", "rb") as f:
        f.seek(700)
        print(f.read(4), f.tell())
        f.seek(-3, 2)
        print(f.read(), f.tell())
    fs.rename("mixed.txt", "MIXED.TXT")  # the same file: renamed in place


for blocks, size in ((50, 512), (200, 512), (1000, 512), (9000, 512), (40, 4096), (600, 1024),
                    (20000, 1024), (8 * 1024 * 1024, 512)):
    bdev = RAM(blocks, size)
    vfs.VfsFat.mkfs(bdev)
    fs = vfs.VfsFat(bdev)
    print(blocks, size, fs.statvfs("/"))
    try:
        fill(fs)
    except OSError as e:
        print("OSError", e.errno)
    print(sorted(fs.ilistdir()))
    try:
        print(list(fs.ilistdir("Sub Dir")))
    except OSError as e:
        print("OSError", e.errno)
    for entry in fs.ilistdir():
        print(entry[0], fs.stat(entry[0])[:7])
    print(fs.statvfs("/"))
    print(len(bdev.data), masked_hash(bdev))

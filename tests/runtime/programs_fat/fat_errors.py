# vfs.VfsFat's errors: block devices that fail or refuse writes, read-only mounts, blank
# devices, too-small devices, and the OSError numbers of refused file operations.
import os
import vfs


class RAM:
    def __init__(self, blocks, size=512):
        self.size = size
        self.data = bytearray(blocks * size)
        self.fail = None

    def readblocks(self, n, buf):
        if self.fail == "raise":
            raise KeyError("readblocks")
        buf[:] = self.data[n * self.size : n * self.size + len(buf)]
        if self.fail == "code":
            return -5

    def writeblocks(self, n, buf):
        self.data[n * self.size : n * self.size + len(buf)] = buf

    def ioctl(self, op, arg):
        if op == 4:
            return len(self.data) // self.size
        if op == 5:
            return self.size


class ReadOnly:
    def __init__(self, data):
        self.data = data

    def readblocks(self, n, buf):
        buf[:] = self.data[n * 512 : n * 512 + len(buf)]

    def ioctl(self, op, arg):
        if op == 4:
            return len(self.data) // 512


def attempt(label, fn, *args):
    try:
        result = fn(*args)
        if isinstance(result, tuple) and len(result) == 10 and label.startswith("stat"):
            result = result[:7]  # (the times come from the clock)
        print(label, "ok", result if not hasattr(result, "close") else type(result).__name__)
        if hasattr(result, "close"):
            result.close()
    except OSError as e:
        print(label, "OSError", e.errno)
    except Exception as e:
        print(label, type(e).__name__, e)


# a blank device: the object is made, its methods and mount() say ENODEV
blank = RAM(64)
fs = vfs.VfsFat(blank)
attempt("blank listdir", lambda: list(fs.ilistdir("/")))
attempt("blank statvfs", fs.statvfs, "/")
attempt("blank mount", vfs.mount, blank, "/b")
attempt("blank mount(mkfs)", fs.mount, False, True)  # the VFS protocol's mount method
attempt("after mkfs", lambda: (list(fs.ilistdir("/")), fs.statvfs("/")))

# too small to format
attempt("mkfs 10 blocks", vfs.VfsFat.mkfs, RAM(10))
attempt("mkfs 30 blocks", vfs.VfsFat.mkfs, RAM(30))

# block-device failures
bdev = RAM(100)
vfs.VfsFat.mkfs(bdev)
with vfs.VfsFat(bdev).open("f.txt", "w") as f:
    f.write("data")
bdev.fail = "raise"
attempt("raising readblocks", vfs.VfsFat, bdev)
bdev.fail = "code"
attempt("readblocks -5", vfs.VfsFat, bdev)
bdev.fail = None
fs = vfs.VfsFat(bdev)
bdev.fail = "raise"
attempt("read through raising device", lambda: list(fs.ilistdir("/")))
bdev.fail = None

# read-only: a mount flag, or a device without writeblocks
vfs.mount(fs, "/ro", readonly=True)
attempt("ro read", lambda: open("/ro/f.txt").read())
attempt("ro write", open, "/ro/f.txt", "w")
attempt("ro append", open, "/ro/g.txt", "a")
attempt("ro mkdir", os.mkdir, "/ro/d")
attempt("ro remove", os.remove, "/ro/f.txt")
attempt("ro rename", os.rename, "/ro/f.txt", "/ro/g.txt")
vfs.umount("/ro")
rofs = vfs.VfsFat(ReadOnly(bytes(bdev.data)))
attempt("no writeblocks read", lambda: rofs.open("f.txt", "r").read())
attempt("no writeblocks write", rofs.open, "f.txt", "w")
attempt("no writeblocks mkdir", rofs.mkdir, "x")

# refused operations (a new object: the read-only mount left the old one read-only)
attempt("old object stays read-only", fs.mkdir, "d")
fs = vfs.VfsFat(bdev)
vfs.mount(fs, "/m")
os.chdir("/m")
os.mkdir("dir")
with open("dir/inner", "w") as f:
    f.write("x")
with open("file", "w") as f:
    f.write("y")
f = open("file")
f.close()
for label, fn, args in (
    ("read closed", f.read, ()),
    ("write closed", f.write, ("z",)),
    ("seek closed", f.seek, (0,)),
    ("tell closed", f.tell, ()),
    ("rmdir non-empty", os.rmdir, ("dir",)),
    ("rmdir file", os.rmdir, ("file",)),
    ("remove dir", os.remove, ("dir",)),
    ("open dir r", open, ("dir",)),
    ("open dir w", open, ("dir", "w")),
    ("open missing", open, ("nope",)),
    ("open x existing", open, ("file", "x")),
    ("open in missing dir", open, ("nope/f", "w")),
    ("mkdir existing", os.mkdir, ("dir",)),
    ("mkdir in missing", os.mkdir, ("nope/d",)),
    ("rename onto dir", os.rename, ("file", "dir")),
    ("rename missing", os.rename, ("nope", "x")),
    ("rename into missing", os.rename, ("file", "nope/x")),
    ("chdir file", os.chdir, ("file",)),
    ("chdir missing", os.chdir, ("nope",)),
    ("listdir file", os.listdir, ("file",)),
    ("stat missing", os.stat, ("nope",)),
    ("rmdir cwd", os.rmdir, ("/m",)),
):
    attempt(label, fn, *args)
for bad in ("a*b", "q?", "<x>", "a|b", 'say"', "", ".", "..", "dir/..", "dir/.", "x" * 256):
    for name, op in (("mkdir", os.mkdir), ("remove", os.remove), ("rmdir", os.rmdir),
                     ("stat", os.stat), ("listdir", os.listdir)):
        attempt("%s %r" % (name, bad[:12]), op, bad)
    attempt("open %r" % bad[:12], open, bad, "w")
os.chdir("dir")
attempt("rmdir current", os.rmdir, "/m/dir")
attempt("rename over itself", os.rename, "inner", "INNER")
print(os.listdir(), os.getcwd())
os.chdir("/")
print(sorted(os.listdir("/m")), os.statvfs("/m"))
vfs.umount("/m")

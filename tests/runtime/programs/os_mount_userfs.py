# A user-defined file system mounted next to the built-in one: every os function, open()
# and import reach it through the mount table.
import io
import os
import sys


class MemFile(io.IOBase):
    def __init__(self, fs, name, data, text):
        self.fs = fs
        self.name = name
        self.data = data
        self.pos = 0
        self.text = text

    def readinto(self, buf):
        n = min(len(buf), len(self.data) - self.pos)
        buf[:n] = self.data[self.pos:self.pos + n]
        self.pos += n
        return n

    def read(self, n=-1):
        end = len(self.data) if n < 0 else self.pos + n
        chunk = self.data[self.pos:end]
        self.pos += len(chunk)
        return chunk.decode() if self.text else chunk

    def write(self, b):
        if isinstance(b, str):
            b = b.encode()
        self.data += b
        return len(b)

    def ioctl(self, req, arg):
        self.fs.log.append("ioctl %d %s" % (req, arg))
        return 0

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self):
        self.fs.files[self.name] = self.data
        self.fs.log.append("close " + self.name)


class MemFS:
    def __init__(self, label):
        self.label = label
        self.files = {}
        self.dirs = {"/"}
        self.cwd = "/"
        self.log = []

    def _abs(self, path):
        if not path.startswith("/"):
            path = self.cwd.rstrip("/") + "/" + path
        parts = []
        for part in path.split("/"):
            if part == "..":
                parts.pop()
            elif part and part != ".":
                parts.append(part)
        return "/" + "/".join(parts)

    def mount(self, readonly, mkfs):
        self.log.append("mount %s %s" % (readonly, mkfs))

    def umount(self):
        self.log.append("umount")

    def ilistdir(self, path):
        self.log.append("ilistdir " + path)
        base = self._abs(path)
        prefix = "/" if base == "/" else base + "/"
        for name in sorted(self.files):
            if name.startswith(prefix) and "/" not in name[len(prefix):]:
                yield (name[len(prefix):], 0x8000, 0, len(self.files[name]))
        for name in sorted(self.dirs):
            if name != base and name.startswith(prefix) and "/" not in name[len(prefix):]:
                yield (name[len(prefix):], 0x4000, 0)

    def chdir(self, path):
        self.log.append("chdir " + path)
        path = self._abs(path)
        if path not in self.dirs:
            raise OSError(2)
        self.cwd = path

    def getcwd(self):
        self.log.append("getcwd")
        return self.cwd

    def mkdir(self, path):
        self.log.append("mkdir " + path)
        self.dirs.add(self._abs(path))

    def rmdir(self, path):
        self.log.append("rmdir " + path)
        self.dirs.remove(self._abs(path))

    def remove(self, path):
        self.log.append("remove " + path)
        del self.files[self._abs(path)]

    def rename(self, old, new):
        self.log.append("rename %s %s" % (old, new))
        self.files[self._abs(new)] = self.files.pop(self._abs(old))

    def stat(self, path):
        self.log.append("stat " + path)
        path = self._abs(path)
        if path in self.dirs:
            return (0x4000, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        if path in self.files:
            return (0x8000, 0, 0, 0, 0, 0, len(self.files[path]), 0, 0, 0)
        raise OSError(2)

    def statvfs(self, path):
        self.log.append("statvfs " + path)
        return (512, 512, 100, 90, 90, 0, 0, 0, 0, 32)

    def open(self, path, mode):
        self.log.append("open %s %s" % (path, mode))
        path = self._abs(path)
        if "w" in mode:
            data = b""
        elif path in self.files:
            data = self.files[path]
        else:
            raise OSError(2)
        return MemFile(self, path, data, "b" not in mode)


def show(fs):
    print(fs.label, fs.log)
    fs.log.clear()


a = MemFS("a")
b = MemFS("b")
os.mount(a, "/mem")
os.mount(b, "/mem2", readonly=True)
show(a)
show(b)
print([point for _, point in os.mount()])

with open("/mem/greet.txt", "w") as f:
    print(f.write("hello"))
print(open("/mem/greet.txt").read())
print(open("/mem/greet.txt", "rb").read())
show(a)

os.mkdir("/mem/sub")
os.mkdir("/mem2/other")
print(sorted(os.listdir("/mem")), os.listdir("/mem2"))
print(sorted(t[0] for t in os.ilistdir("/mem")))
show(a)
show(b)

print(tuple(os.stat("/mem/greet.txt")), tuple(os.stat("/mem")), tuple(os.stat("/")))
print(tuple(os.statvfs("/mem2")))
os.rename("/mem/greet.txt", "/mem/sub/moved.txt")
print(sorted(a.files))
os.chdir("/mem/sub")
print(os.getcwd())
print(os.listdir())
print(open("moved.txt").read())
os.remove("moved.txt")
os.chdir("..")
print(os.getcwd())
os.rmdir("sub")
show(a)

for bad in (lambda: os.mount(MemFS("c"), "/mem"), lambda: os.umount("/nowhere"),
            lambda: os.rename("/mem/x", "/mem2/x"), lambda: os.mkdir("/mem"),
            lambda: os.mkdir("/"), lambda: os.remove("/"),
            lambda: os.stat("/mem/missing")):
    try:
        bad()
    except OSError as e:
        print("OSError", e.errno)

a.files["/mod_on_mem.py"] = b"print('importing from', __name__)\nVALUE = 42\n"
sys.path.append("/mem")
a.log.clear()
import mod_on_mem
print(mod_on_mem.VALUE)
sys.path.pop()
print([entry for entry in a.log if not entry.startswith("stat")])
a.log.clear()

os.chdir("/mem2")
print(os.getcwd())
os.umount("/mem2")
print(os.getcwd())
os.umount(a)
show(a)
show(b)
print([point for _, point in os.mount()])
try:
    os.umount(a)
except OSError as e:
    print("OSError", e.errno)

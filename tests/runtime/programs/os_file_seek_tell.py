name = "os_file_seek_tell.tmp"
with open(name, "wb") as f:
    f.write(b"0123456789")
    print(f.tell())
with open(name, "rb") as f:
    print(f.tell(), f.read(3), f.tell())
    print(f.seek(5), f.read(2), f.tell())
    print(f.seek(-3, 2), f.read())
    print(f.seek(2, 0), f.seek(3, 1), f.read(1))
    print(f.seek(100), f.read(), f.tell())
with open(name, "r+b") as f:
    f.seek(4)
    f.write(b"ab")
    f.seek(0)
    print(f.read())
with open(name) as f:
    f.seek(3)
    print(f.read(4), f.tell())
import os
os.remove(name)

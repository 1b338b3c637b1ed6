name = "os_file_binary_modes.tmp"
with open(name, "wb") as f:
    print(f.write(b"\x00\x01\x02abc"), f.write(bytearray(b"\xff")))
with open(name, "rb") as f:
    data = f.read()
    print(type(data).__name__, data, len(data))
with open(name, "rb") as f:
    print(f.read(2), f.read(0), f.read(100), f.read())
with open(name, "ab") as f:
    f.write(b"tail")
with open(name, "rb") as f:
    buf = bytearray(4)
    print(f.readinto(buf), buf)
    print(f.readinto(buf), buf)
    print(f.readinto(buf), buf)
with open(name, "wb") as f:
    f.write(memoryview(b"memoryview data")[:10])
with open(name, "rb") as f:
    print(f.read())
import os
os.remove(name)

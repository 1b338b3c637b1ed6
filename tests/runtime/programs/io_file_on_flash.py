with open("data.txt", "w") as f:
    print(f.write("hello\n"), f.write("world\n"))
with open("data.txt") as f:
    print(repr(f.read()))
with open("data.txt") as f:
    print([l for l in f])
with open("data.txt", "a") as f:
    f.write("more")
with open("data.txt", "rb") as f:
    print(f.read())
with open("bin.dat", "wb") as f:
    f.write(bytes(range(5)))
with open("bin.dat", "rb") as f:
    print(f.read(2), f.read())
import os
os.remove("data.txt")
os.remove("bin.dat")
try:
    open("data.txt")
except OSError as e:
    print("OSError")

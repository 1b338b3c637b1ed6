import os
base = "os_dir_operations_tmp"
os.mkdir(base)
for n in ("b.txt", "a.txt"):
    with open(base + "/" + n, "w") as f:
        f.write(n)
os.mkdir(base + "/sub")
print(sorted(os.listdir(base)))
entries = sorted(os.ilistdir(base))
print([(e[0], e[1]) for e in entries])
os.rename(base + "/a.txt", base + "/sub/moved.txt")
print(sorted(os.listdir(base)), os.listdir(base + "/sub"))
start = os.getcwd()
os.chdir(base)
print(os.getcwd() == (start.rstrip("/") + "/" + base))
with open("sub/moved.txt") as f:
    print(f.read())
print(sorted(os.listdir()), sorted(os.listdir(".")))
os.chdir("sub")
print(os.listdir(".."))  if False else print(sorted(os.listdir("..")))
os.chdir(start)
os.remove(base + "/sub/moved.txt")
os.rmdir(base + "/sub")
os.remove(base + "/b.txt")
os.rmdir(base)
print(base in os.listdir())
print(os.stat(".")[0] & 0x4000 != 0)

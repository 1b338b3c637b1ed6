name = "os_file_iter_modes.tmp"
with open(name, "w") as f:
    f.write("".join("row %d\n" % i for i in range(5)))
with open(name) as f:
    it = iter(f)
    print(it is f, next(f), next(it))
    rest = list(f)
    print(rest)
    try:
        next(f)
    except StopIteration:
        print("StopIteration")
with open(name, "rb") as f:
    print([line for line in f][:2])
with open(name, "a+") as f:
    f.write("row 5\n")
with open(name) as f:
    print(len(f.readlines()))
with open(name, "w+") as f:
    f.write("fresh")
    f.seek(0)
    print(repr(f.read()))
with open(name, "x") if False else open(name) as f:
    print(repr(f.read(2)), repr(f.read(0)), repr(f.read(-1)))
import os
os.remove(name)

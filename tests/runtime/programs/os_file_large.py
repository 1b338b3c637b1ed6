name = "os_file_large.tmp"
chunk = bytes(range(256))
with open(name, "wb") as f:
    total = 0
    for i in range(40):
        total += f.write(chunk)
print(total)
with open(name, "rb") as f:
    count = 0
    ok = True
    while True:
        b = f.read(1000)
        if not b:
            break
        count += len(b)
    print(count)
with open(name, "rb") as f:
    f.seek(256 * 39 + 250)
    print(list(f.read()))
lines = ["line %d\n" % i for i in range(300)]
with open(name, "w") as f:
    for l in lines:
        f.write(l)
with open(name) as f:
    got = f.readlines()
print(len(got), got[0], got[-1] == lines[-1])
import os
os.remove(name)

# a text file's read(n) takes n characters, reading no byte past them; invalid UTF-8 raises
name = "text_reads.tmp"
with open(name, "wb") as f:
    f.write("a\u03b1b\u03b2c\u03b3d\u03b4\n\u3041\U0001f650\nend".encode())

for mode in ("rb", "r"):
    with open(name, mode) as f:
        print(f.read(1), f.read(1), f.read(2), f.read(4))
        print(f.read(0), f.readline(), f.read(1), f.tell())
        print(f.read(1), f.read(3), f.read(5), f.read(1))

with open(name, "wb") as f:
    f.write(b"ok\xffno\nmore\xc3")
with open(name) as f:
    try:
        print(f.read())
    except UnicodeError as e:
        print("UnicodeError", repr(e))
with open(name) as f:
    print(f.read(2))
    try:
        f.read(2)
    except UnicodeError:
        print("UnicodeError")
    for _ in range(2):
        try:
            print(f.readline())
        except UnicodeError:
            print("UnicodeError")
import os
os.remove(name)

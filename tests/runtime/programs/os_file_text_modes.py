name = "os_file_text_modes.tmp"
f = open(name, "w")
print(f.write("line one\n"), f.write("second\n"), f.write(""))
f.close()
with open(name) as f:
    print(repr(f.read()))
with open(name, "a") as f:
    print(f.write("appended"))
with open(name, "r") as f:
    print(repr(f.read()))
with open(name, "w") as f:
    f.write("replaced")
with open(name, "rt") as f:
    print(repr(f.read()))
with open(name, "r+") as f:
    print(repr(f.read(3)))
    f.write("XY")
with open(name) as f:
    print(repr(f.read()))
f = open(name, "w+") if False else open(name, "w")
f.close()
with open(name) as f:
    print(repr(f.read()))
import os
os.remove(name)

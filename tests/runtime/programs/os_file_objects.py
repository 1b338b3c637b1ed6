import io
name = "os_file_objects.tmp"
f = open(name, "w")
print(type(f).__name__, isinstance(f, io.TextIOWrapper) if hasattr(io, "TextIOWrapper") else "")
f.write("x")
f.flush()
print(f.close(), f.close())
try:
    f.write("y")
except (OSError, ValueError) as e:
    print(type(e).__name__)
g = open(name, "rb")
print(type(g).__name__)
g.close()
with open(name) as h:
    print(h.read(), hasattr(h, "readinto"), hasattr(h, "readlines"))
print("closed ok")
import os
os.remove(name)

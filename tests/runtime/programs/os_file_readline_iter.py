name = "os_file_readline_iter.tmp"
with open(name, "w") as f:
    f.write("alpha\nbeta\n\ngamma")
with open(name) as f:
    print(repr(f.readline()), repr(f.readline()), repr(f.readline()), repr(f.readline()),
          repr(f.readline()))
with open(name) as f:
    print(f.readlines())
with open(name) as f:
    for i, line in enumerate(f):
        print(i, repr(line))
with open(name, "rb") as f:
    print(f.readline(), f.readlines())
with open(name) as f:
    print(repr(f.readline(3)), repr(f.readline()))
with open(name) as f:
    print([l.strip() for l in f if l.strip()])
import os
os.remove(name)

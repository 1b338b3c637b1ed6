# execfile() runs a file of the board's file system as exec() runs source: in the caller's
# globals or in the dicts it is given; a missing file is OSError, a name must be a str
with open("execfile_probe.py", "w") as f:
    f.write("x = 5\nprint('running', __name__)\ndef twice(v):\n    return 2 * v\n")

print(execfile("execfile_probe.py"))
print(x, twice(4))
ns = {"__name__": "sandbox"}
execfile("execfile_probe.py", ns)
print(sorted(k for k in ns if k != "__builtins__"), ns["x"])
loc = {}
execfile("execfile_probe.py", ns, loc)
print(sorted(loc))
try:
    execfile("execfile_missing.py")
except OSError as e:
    print("OSError", e.errno)
try:
    execfile(b"execfile_probe.py")
except TypeError:
    print("TypeError")
with open("execfile_probe.py", "w") as f:
    f.write("y = 1\nif y:\nprint(y)\n")
try:
    execfile("execfile_probe.py")
except SyntaxError as e:
    print("SyntaxError", e.args)
import os

os.remove("execfile_probe.py")

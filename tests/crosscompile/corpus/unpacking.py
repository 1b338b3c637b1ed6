# Star unpacking, nested targets, imports, del, global/nonlocal scoping.
import sys
import os.path
import os.path as osp
from sys import path, modules as mods
from os import *

a, *b = [1, 2, 3]
*c, d = [1, 2, 3]
e, *f, g = range(5)
((h, i), j) = ((1, 2), 3)
[k, [l, m]] = [1, [2, 3]]
for x, *y in [(1, 2, 3)]:
    print(x, y)
print(a, b, c, d, e, f, g, h, i, j, k, l, m, {"a": 1, "b": 2})
x: int = 5
z: str

def annotated(p: int, q: "str" = "d") -> None:
    r: int
    r = 2
    return None

def scoped():
    global newglobal
    newglobal = 1
    del newglobal
    v = 1
    del v
    def inner():
        nonlocal_target = 2
        return nonlocal_target
    return inner

print(sys.version_info[0] > 2, osp is os.path, scoped()())

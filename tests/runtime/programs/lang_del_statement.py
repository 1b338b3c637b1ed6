a = 1
del a
try:
    a
except NameError as e:
    print("NameError", e)
l = [0, 1, 2, 3, 4]
del l[1], l[2]
print(l)
d = {"a": 1, "b": 2}
del d["a"]
print(d)
try:
    del d["zz"]
except KeyError as e:
    print("KeyError", e)
class O:
    pass
o = O()
o.x = 1
del o.x
print(hasattr(o, "x"))
try:
    del o.y
except AttributeError:
    print("AttributeError")
def local_del():
    v = 1
    del v
    try:
        return v
    except NameError as e:
        return "local " + str(e)
print(local_del())
x, y = 1, 2
del (x, y)
print("x" in globals(), "y" in globals())
def closure_del():
    c = 5
    def inner():
        return c
    del c
    try:
        inner()
    except NameError as e:
        print("cell", e)
closure_del()
G = 1
def del_global():
    global G
    del G
del_global()
print("G" in globals())

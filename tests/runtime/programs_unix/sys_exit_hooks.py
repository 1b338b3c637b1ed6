# the unix build's sys.exc_info() (the exception being handled) and sys.atexit() (called
# when the program ends)
import sys


def show(label):
    t, v, tb = sys.exc_info()
    print(label, t, v, tb)


show("before")
try:
    raise KeyError("k", 2)
except KeyError:
    show("handling")
show("after")
try:
    try:
        raise ValueError(1)
    finally:
        show("finally")
except ValueError:
    show("outer")
    try:
        raise TypeError("inner")
    except TypeError:
        show("inner")
    show("back in outer")
for i in range(2):
    try:
        1 // i
    except ZeroDivisionError:
        show("loop")
        continue
    show("no error")


def first():
    print("first exit function")


def second():
    print("at exit:", state, sys.exc_info())


print(sys.atexit(first))
print(sys.atexit(second) is first)
state = "set later"
print("end of program")

import sys


def inner():
    try:
        sys.exit(3)
    finally:
        print("inner finally")


def outer():
    try:
        inner()
    except Exception:
        print("not caught as Exception")
    finally:
        print("outer finally")


try:
    outer()
except SystemExit as e:
    print("SystemExit reached top", e.args)

for code in (0, 1, 255, "text"):
    try:
        sys.exit(code)
    except SystemExit as e:
        print(repr(e), str(e))
print("exiting")
raise SystemExit

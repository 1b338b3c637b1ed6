import sys
for arg in ((), (0,), (3,), ("message",), (None,)):
    try:
        sys.exit(*arg)
    except SystemExit as e:
        print(type(e).__name__, e.args)
try:
    raise SystemExit(1, 2)
except SystemExit as e:
    print(e.args)
print(isinstance(SystemExit(), BaseException), isinstance(SystemExit(), Exception))
try:
    try:
        sys.exit(7)
    except Exception:
        print("not here")
except BaseException as e:
    print("base", e.args)
print("end")
sys.exit(0)
print("not printed")

import sys
import json
print("json" in sys.modules, sys.modules["json"] is json, isinstance(sys.path, list))
sys.path.append("/extra")
print(sys.path[-1])
sys.path.pop()
print(type(sys.stdin).__name__ != "", sys.platform != "", isinstance(sys.version, str))
print(sys.implementation.name, sys.implementation.version[0])
try:
    raise SystemExit("bye")
except SystemExit as e:
    print("caught", e.args)

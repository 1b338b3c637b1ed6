import sys
print("sys" in sys.modules, "builtins" in sys.modules, "micropython" in sys.modules)
import json
print("json" in sys.modules)
m = json
if "json" in sys.modules:
    del sys.modules["json"]
import json as json2
print(json2 is m, type(json2).__name__)
print(type(sys.modules).__name__)

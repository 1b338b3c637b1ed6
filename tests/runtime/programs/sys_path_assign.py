import sys
old = sys.path
sys.path = ["", "/lib"]
print(sys.path, old)
sys.ps1 = "> "
print(repr(sys.ps1), repr(sys.ps2))
try:
    sys.version = "x"
except AttributeError as e:
    print("AttributeError", e)
try:
    sys.argv = []
except AttributeError as e:
    print("AttributeError", e)
sys.path = old
import json
print("ok")
sys.path = []
try:
    import heapq_is_builtin_anyway
except ImportError as e:
    print("ImportError", e)
import heapq
print(type(heapq).__name__)
sys.path = old
print(sys.path)

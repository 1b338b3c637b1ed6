import sys
print(type(sys.argv).__name__, isinstance(sys.argv, list))
print(sys.path[0], sys.path[-1], len(sys.path) >= 2)
sys.path.insert(0, "/mylib")
print(sys.path[0])
sys.path.remove("/mylib")
print("/mylib" in sys.path)
saved = sys.path[:]
sys.path.clear()
try:
    import no_such_module_abc
except ImportError as e:
    print("ImportError", e)
sys.path.extend(saved)
print(sys.path == saved)
sys.argv.append("extra")
print(sys.argv[-1])

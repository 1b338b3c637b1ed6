import sys
print(sys.implementation.name, type(sys.maxsize), sys.maxsize > 2**30, sys.byteorder)
print(type(sys.argv), type(sys.path), type(sys.modules), "sys" in sys.modules)
print(sys.version_info[0], sys.version_info >= (3, 4), hasattr(sys, "stdout"))
sys.stdout.write("written\n")
print(sys.implementation.version[:2])
try:
    sys.exit(0) if False else None
    raise SystemExit(4)
except SystemExit as e:
    print("SystemExit", e.args)

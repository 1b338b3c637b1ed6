# __main__ is a built-in module: importable, but not listed in sys.modules
import sys
counter = 3
import __main__
print(__main__.counter, __main__.__name__, __main__)
print("__main__" in sys.modules, list(sys.modules))
import json
print(list(sys.modules))

try:
    import notamodule as json
    print("unexpected")
except ImportError:
    import json
    print("json fallback")
import struct as st
from math import sqrt as root, pi
print(st.calcsize("<I"), root(9), round(pi, 2))
import sys
print("math" in sys.modules)
try:
    from math import nothing_here
except ImportError as e:
    print("ImportError", e)

try:
    import no_such_module
except ImportError as e:
    print("ImportError", e)
import sys
print(__name__, "sys" in sys.modules, type(sys.argv))
import math
print(math.sqrt(16), math.floor(2.7), math.pi > 3)
import json
print(json.dumps([1, "a", None, True]), json.loads('{"x": [1, 2]}')["x"])
import struct
print(struct.pack("<HI", 1, 2), struct.unpack("<h", b"\xff\xff"), struct.calcsize("<HI"))
from collections import namedtuple
P = namedtuple("P", ("x", "y"))
p = P(1, 2)
print(p.x + p.y, p[0], len(p))
if __name__ == "__main__":
    print("main guard ok")

# A module file named like an extensible built-in (os, time, collections...) is found on
# sys.path before the built-in, and reaches the built-in through the u-alias or an empty
# sys.path; a non-extensible built-in (micropython, sys) is never replaced by a file.
import sys
import uos as builtin_os  # the built-in itself (a port may also freeze an os package)

FILES = {
    "os.py": "print('os.py runs')\nfrom uos import *\nextra = 1\n",
    "time.py": "import sys\n_saved = sys.path\nsys.path = ()\nfrom time import *\n"
               "sys.path = _saved\nextra = 2\n",
    "micropython.py": "print('micropython.py must not run')\n",
    "sys.py": "print('sys.py must not run')\n",
    "collections.py": "from ucollections import *\n\nclass defaultdict:\n"
                      "    def __init__(self, f):\n        self.f = f\n",
}
for name, text in FILES.items():
    with open(name, "w") as f:
        f.write(text)
try:
    import os
    print(os is builtin_os, os.__file__, os.extra, os.sep, callable(os.listdir))
    import time
    print(time.__file__, time.extra, callable(time.sleep), callable(time.ticks_ms))
    import micropython
    print(micropython, hasattr(micropython, "__file__"))
    import sys as sys2
    print(sys2 is sys, hasattr(sys2, "__file__"))
    import uos
    import utime
    print(uos is builtin_os, hasattr(uos, "extra"), hasattr(utime, "extra"))
    import collections
    print(collections.__file__, collections.defaultdict(int).f, collections.deque)
    print(sorted(k for k in ("os", "time", "micropython", "sys", "collections")
                 if k in sys.modules))
    import os as again
    print(again is os)
    saved = sys.path
    sys.path = []
    import os as forced
    sys.path = saved
    print(forced is builtin_os, "os" in sys.modules)
finally:
    for name in FILES:
        builtin_os.remove(name)
    for name in FILES:
        sys.modules.pop(name[:-3], None)

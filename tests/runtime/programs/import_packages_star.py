# Packages: a submodule is looked for in its parent's __path__ and set on the parent only
# when first loaded; `from m import *` takes __all__ (read through a module __getattr__)
import os
import sys

TREE = {
    "fidpkg/__init__.py": "from .first import first\n\ndef second():\n    return 'second()'\n",
    "fidpkg/first.py": "def first():\n    return 'first()'\n",
    "fidpkg/second.py": "from . import first\nvalue = 2\n",
    "fidstar_list/__init__.py": "__all__ = ['shown', 'lazy']\nshown = 1\nhidden = 2\n"
                                "_private = 3\n\ndef __getattr__(name):\n"
                                "    if name == 'lazy':\n        return 'made lazily'\n"
                                "    raise AttributeError(name)\n",
    "fidstar_tuple.py": "__all__ = ('a',)\na = 'A'\nb = 'B'\n",
    "fidstar_plain.py": "x = 1\n_y = 2\n\nclass K:\n    pass\n",
    "fidstar_bad.py": "__all__ = 5\n",
    "fidstar_missing.py": "__all__ = ('there', 'gone')\nthere = 1\n",
    "fidstar_getattr_attr.py": "z = 26\n\ndef __getattr__(name):\n"
                               "    print('__getattr__', name)\n    raise AttributeError(name)\n",
    "fidstar_getattr_value.py": "def __getattr__(name):\n"
                                "    print('__getattr__', name)\n    raise ValueError(name)\n",
    "fiddual.py": "where = 'file'\n",
    "fiddual/__init__.py": "where = 'folder'\n",
}
for folder in ("fidpkg", "fidstar_list", "fiddual"):
    os.mkdir(folder)
for name, text in TREE.items():
    with open(name, "w") as f:
        f.write(text)
try:
    import fidpkg
    print(fidpkg.first(), fidpkg.second(), fidpkg.__path__, fidpkg.__file__)
    import fidpkg.first
    print(fidpkg.first(), "fidpkg.first" in sys.modules)
    import fidpkg.second
    print(type(fidpkg.second).__name__, fidpkg.second.value, fidpkg.second.__file__)
    from fidpkg import second
    print(second is fidpkg.second)
    try:
        from fidpkg import nothing
    except ImportError as e:
        print("ImportError", e)
    try:
        from fidstar_plain import nothing
    except ImportError as e:
        print("ImportError", e)

    from fidstar_list import *
    print(shown, lazy, "hidden" in globals(), "_private" in globals())
    from fidstar_tuple import *
    print(a, "b" in globals())
    from fidstar_plain import *
    print(x, "_y" in globals(), K.__name__)
    for bad in ("fidstar_bad", "fidstar_missing"):
        try:
            exec("from " + bad + " import *")
        except Exception as e:
            print(type(e).__name__)
    from fidstar_getattr_attr import *
    print(z)
    try:
        from fidstar_getattr_value import *
    except ValueError as e:
        print("ValueError", e.args)
    import fiddual
    print(fiddual.where, fiddual.__path__)
    for bad in (1, ""):
        try:
            __import__(bad)
        except Exception as e:
            print(type(e).__name__, e)
    try:
        __import__("fidpkg", None, None, None, -1)
    except ValueError as e:
        print("ValueError", repr(e))
    try:
        __import__("first", "no dict", None, None, 1)
    except TypeError as e:
        print("TypeError", repr(e))
    print(__import__("fidpkg.first", None, None, ()).__name__,
          __import__("fidpkg.first").__name__)
finally:
    for name in TREE:
        os.remove(name)
    for folder in ("fidpkg", "fidstar_list", "fiddual"):
        os.rmdir(folder)

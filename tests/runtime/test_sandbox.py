"""Guest code cannot reach host internals through attributes or imports."""

from __future__ import annotations

import pytest

from mpt.runtime import Interpreter


def run(source: str) -> tuple[int, str, str]:
    out, err = [], []
    interp = Interpreter(stdout=out.append, stderr=err.append)
    status = interp.exec_source(source, "t.py")
    return status, "".join(out), "".join(err)


@pytest.mark.parametrize("expr", [
    "print.__globals__",
    "getattr(print, '__globals__')",
    "sys.exit.__globals__",
    "(lambda: 0).__code__",
    "(lambda: 0).__closure__",
    "print.__self__",
    "object.__subclasses__()",
    "().__class__.__base__",
    "(x for x in []).gi_frame",
    "getattr(len, '__self__')",
    "'{0.__class__}'.format(1)",
    "type.__getattribute__(int, '__dict__')",
    "__builtins__",
])
def test_host_internals_are_not_reachable(expr):
    status, out, err = run(f"import sys\ntry:\n    print({expr})\nexcept Exception as e:\n    print('blocked', type(e).__name__)\n")
    assert status == 0
    assert out.startswith("blocked"), out


@pytest.mark.parametrize("module", ["os.path", "subprocess", "importlib", "ctypes", "posix"])
def test_host_modules_are_not_importable(module):
    status, out, err = run(f"try:\n    import {module}\n    print('imported')\n"
                           f"except ImportError:\n    print('ImportError')\n")
    assert out == "ImportError\n"


def test_guest_objects_keep_their_own_private_attributes():
    status, out, err = run("class A:\n    def __init__(self):\n        self._x = 1\n"
                           "        self.__y = 2\n    def get(self):\n"
                           "        return self._x + self.__y\nprint(A().get(), A()._x)\n")
    assert (status, out) == (0, "3 1\n")


def test_methods_called_on_a_host_object_do_not_write_into_it():
    # A parameter the body never rebinds is tested once per call (translate.core); one it
    # rebinds is tested at each access. Output as MicroPython 1.29's unix port prints it.
    status, out, err = run(
        "def f():\n    pass\n"
        "class A:\n"
        "    def set(self, v):\n        self.value = v\n        self.value2 = v + 1\n"
        "        return self.value + self.value2\n"
        "    def private(self):\n        self._p = 1\n        return self._p\n"
        "    def swap(self, other):\n        self.a = 1\n        self = other\n"
        "        self.a = 2\n        return self.a\n"
        "print(A().set(3), A().private(), A().swap(A()))\n"
        "for call in (lambda: A.set(f, 1), lambda: A.private(f), lambda: A().swap(f)):\n"
        "    try:\n        call()\n        print('written')\n"
        "    except AttributeError:\n        print('AttributeError')\n"
        "print(hasattr(f, 'value'), hasattr(f, '_p'), hasattr(f, 'a'))\n")
    assert (status, out) == (0, "7 1 2\nAttributeError\nAttributeError\nAttributeError\n"
                                "False False False\n"), err

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

"""Frozen modules: MicroPython-compatible Python source shipped inside mpt.

Real firmware freezes some Python packages (asyncio, uasyncio) into its image; they are
found through the ``.frozen`` entry of ``sys.path``. The same happens here: the ``.py`` files
next to this one (``asyncio/``, ``uasyncio.py``) are guest code, compiled by mpt's own
compiler as the firmware build freezes them (``mpy-cross -O3``: no line numbers, so
tracebacks through them say ``line 1``) and named ``asyncio/core.py`` etc. in tracebacks.

This module also registers the native modules the frozen code relies on (``_asyncio``,
``select``).
"""

from __future__ import annotations

import os
import threading

from mpt.runtime.vm.native import FrozenSource, register_frozen, register_lazy

FROZEN_DIR = os.path.dirname(os.path.abspath(__file__))
FROZEN_OPT_LEVEL = 3  # what MicroPython's manifests ask for asyncio

_cache: dict[str, tuple[float, object]] = {}
_cache_lock = threading.Lock()


def find_frozen(parts: list[str]):
    """(location, is_package, display_name) of a frozen module, or None.

    Only guest sources count: this package's own host files are not frozen modules.
    """
    if not parts or parts[0].startswith("_"):
        return None
    base = os.path.join(FROZEN_DIR, *parts)
    if os.path.isfile(base + ".py"):
        return base + ".py", False, "/".join(parts) + ".py"
    init = os.path.join(base, "__init__.py")
    if os.path.isfile(init):
        return init, True, "/".join(parts) + "/__init__.py"
    return None


def compiled_frozen(location: str, display: str):
    """The compiled module for a frozen source (compiled once per process)."""
    from mpt.crosscompile.api import compile_to_module  # lazy: only when asyncio is imported

    mtime = os.path.getmtime(location)
    with _cache_lock:
        hit = _cache.get(location)
        if hit is not None and hit[0] == mtime:
            return hit[1]
    with open(location, encoding="utf-8") as handle:
        source = handle.read()
    compiled = compile_to_module(source, display, opt_level=FROZEN_OPT_LEVEL)
    with _cache_lock:
        _cache[location] = (mtime, compiled)
    return compiled


def display_name(location: str) -> str:
    """The name tracebacks show for a frozen file: its path inside this package."""
    return os.path.relpath(location, FROZEN_DIR).replace(os.sep, "/")


register_frozen(FrozenSource(find=find_frozen, compiled=compiled_frozen,
                             display_name=display_name))
for _name, _target in (("_asyncio", "asyncio_task_mod"), ("select", "select_mod"),
                       ("uselect", "select_mod")):
    register_lazy(_name, f"mpt.runtime.library.{_target}:make_module")


def frozen_names() -> list[str]:
    """The frozen modules as help('modules') lists them: 'asyncio/core', 'uasyncio', ..."""
    names = []
    for folder, dirs, files in os.walk(FROZEN_DIR):
        dirs[:] = [d for d in dirs if not d.startswith("_")]
        rel = os.path.relpath(folder, FROZEN_DIR)
        for name in files:
            if not name.endswith(".py") or rel == "." and name.startswith("_"):
                continue
            path = name[:-3] if rel == "." else f"{rel}/{name[:-3]}".replace(os.sep, "/")
            names.append(path)
    return sorted(names)

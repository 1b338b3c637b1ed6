"""Record the expected output of tests/runtime/programs_extra/*.py from real MicroPython 1.29
built at the "extra features" ROM level, as the rp2, esp32 and stm32 firmware are: the unix
port's standard variant.

    MPT_MICROPYTHON_UNIX=.../ports/unix/build-standard/micropython \\
        python tests/runtime/record_extra_expected.py [--folder FOLDER] [NAME...]

Runs each program with the unix binary in the programs folder and writes stdout+stderr to
NAME.exp (these programs print nothing that differs between the unix port and a board).

--folder names another folder of tests/runtime:
- programs_unix: what the unix port alone prints (its POSIX stdio files...), which only the
  mpt-micropython drop-in must print the same (test_feature_levels.py).
- programs_firmware_modules: the modules only some firmware has (cryptolib, btree:
  test_firmware_modules.py). The unix binary must have them: a unix build made with its
  submodules (berkeley-db-1.xx, and axtls or mbedtls for MICROPY_PY_SSL).
- programs_native: native and viper code, which the unix port (built with its x64 native
  emitter) runs as the boards' firmware do (test_native_code.py).
"""

from __future__ import annotations

import os
import subprocess
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from reference_tools import script_references  # noqa: E402

PROGRAMS = os.path.join(HERE, "programs_extra")


def main(argv: list[str]) -> int:
    unix = script_references("record_extra_expected.py", "micropython-unix")["micropython-unix"]
    programs = PROGRAMS
    if argv[:1] == ["--folder"]:
        programs = os.path.join(HERE, argv[1])
        argv = argv[2:]
    names = argv or sorted(f for f in os.listdir(programs) if f.endswith(".py"))
    for name in names:
        p = subprocess.run([str(unix), name], capture_output=True, cwd=programs, timeout=60)
        with open(os.path.join(programs, name[:-3] + ".exp"), "wb") as f:
            f.write(p.stdout + p.stderr)
        print(f"recorded {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

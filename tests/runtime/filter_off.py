"""Test-only entry point (issue 9): `python filter_off.py on|off ARGS...` runs `mpt ARGS...`
with mpt's in-process attribute filter on or off (in the `mpt emulate` child of `-p emu` too),
so the escape suite can show what the OS boundary alone stops. mpt itself never exposes this switch."""

import sys

from mpt.runtime.vm import attrfilter

if __name__ == "__main__":
    attrfilter.FILTER_ON = sys.argv[1] == "on"
    # `-p emu` boards run in a child `mpt emulate`: the same switch there
    from mpt.transport import emulator_process
    emulator_process.MPT_COMMAND = [sys.executable, __file__, sys.argv[1]]
    from mpt.cli.main import main

    sys.argv = ["mpt", *sys.argv[2:]]
    main()

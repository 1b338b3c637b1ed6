"""Test-only entry point (issue 9): `python filter_off.py on|off ARGS...` runs `mpt ARGS...`
with mpt's in-process attribute filter on or off, so the escape suite can show what the OS
boundary alone stops. mpt itself never exposes this switch."""

import sys

from mpt.runtime.vm import attrfilter

if __name__ == "__main__":
    attrfilter.FILTER_ON = sys.argv[1] == "on"
    from mpt.cli.main import main

    sys.argv = ["mpt", *sys.argv[2:]]
    main()

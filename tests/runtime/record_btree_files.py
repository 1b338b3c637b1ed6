"""Record tests/runtime/data/btree_files/: a btree file written by real MicroPython 1.29
(real.db, by make_db.py) and what real MicroPython reads back from it (check_db.exp, by
check_db.py). test_firmware_modules.py checks that mpt reads that file as the board does and
that real MicroPython reads the file mpt writes.

    MPT_MICROPYTHON_UNIX=.../ports/unix/build-standard/micropython \\
        python tests/runtime/record_btree_files.py

The unix binary must have the btree module (a unix build made with the berkeley-db-1.xx
submodule).
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

FILES = os.path.join(HERE, "data", "btree_files")


def main() -> int:
    unix = script_references("record_btree_files.py", "micropython-unix")["micropython-unix"]
    with tempfile.TemporaryDirectory() as tmp:
        for script in ("make_db.py", "check_db.py"):
            shutil.copy(os.path.join(FILES, script), tmp)
        subprocess.run([str(unix), "make_db.py", "real.db"], cwd=tmp, check=True, timeout=60)
        p = subprocess.run([str(unix), "check_db.py", "real.db"], cwd=tmp, capture_output=True,
                           timeout=60)
        shutil.copy(os.path.join(tmp, "real.db"), FILES)
    with open(os.path.join(FILES, "check_db.exp"), "wb") as f:
        f.write(p.stdout + p.stderr)
    print("recorded real.db and check_db.exp")
    return 0


if __name__ == "__main__":
    sys.exit(main())
